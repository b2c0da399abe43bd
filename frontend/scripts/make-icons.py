"""Draw the app's install icons (public/icons/*.png) from the shape of public/favicon.svg.

Run from the repository root after changing the logo: `.venv/bin/python frontend/scripts/make-icons.py`.
The "any" icons are the rounded tile on a transparent ground; the maskable one fills its whole
square with the brand colour and keeps the bag inside the central 80 % circle that every
launcher mask leaves visible. Drawn at 4x and scaled down, for smooth edges without an SVG
renderer.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

BRAND = "#0b6e4f"
WHITE = "#ffffff"
VIEWBOX = 32
SUPERSAMPLE = 4
ICONS = Path(__file__).resolve().parents[1] / "public" / "icons"


def draw_bag(draw: ImageDraw.ImageDraw, unit: float, offset: float) -> None:
    """The favicon's bag in its 32-unit box: the trapezoid body (9,12)-(23,12)-(21.5,23)-(10.5,23)
    and the half-ring handle (radius 4, stroke 2)."""

    def at(x: float, y: float) -> tuple[float, float]:
        return (offset + x * unit, offset + y * unit)

    draw.polygon([at(9, 12), at(23, 12), at(21.5, 23), at(10.5, 23)], fill=WHITE)
    draw.arc([at(11, 7), at(21, 17)], start=180, end=360, fill=WHITE, width=round(2 * unit))


def tile(size: int, *, maskable: bool) -> Image.Image:
    big = size * SUPERSAMPLE
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    if maskable:
        draw.rectangle([0, 0, big, big], fill=BRAND)
        scale = 0.8
    else:
        draw.rounded_rectangle([0, 0, big - 1, big - 1], radius=big * 7 / VIEWBOX, fill=BRAND)
        scale = 1.0
    unit = big * scale / VIEWBOX
    draw_bag(draw, unit, offset=(big - VIEWBOX * unit) / 2)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    ICONS.mkdir(parents=True, exist_ok=True)
    for size in (192, 512):
        tile(size, maskable=False).save(ICONS / f"icon-{size}.png", optimize=True)
    tile(512, maskable=True).save(ICONS / "icon-maskable-512.png", optimize=True)
    tile(180, maskable=True).convert("RGB").save(ICONS / "apple-touch-icon-180.png", optimize=True)


if __name__ == "__main__":
    main()
