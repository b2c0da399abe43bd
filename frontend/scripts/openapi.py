"""Writes the API's OpenAPI document to the file named by the first argument.

The document is asked of the app itself through `chalice.test.Client`, as a request to
`/openapi.json` would be answered: no server and no database are needed.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]


def main(target: str) -> int:
    sys.path.insert(0, str(REPOSITORY))
    from chalice.test import Client

    import app

    with Client(app.app) as client:
        response = client.http.get("/openapi.json")
    if response.status_code != 200:
        print(f"GET /openapi.json answered {response.status_code}: {response.body[:500]!r}", file=sys.stderr)
        return 1
    document = json.loads(response.body)
    Path(target).write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: openapi.py OUTPUT.json")
    sys.exit(main(sys.argv[1]))
