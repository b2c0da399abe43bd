import { act, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { changeLanguage } from "@/lib/i18n";
import { LanguageSelect } from "./LanguageSelect";
import { Money } from "./Money";
import { DateTime } from "./DateTime";

afterEach(async () => {
  await act(() => changeLanguage("en", { remember: false }));
});

describe("money and dates on screen", () => {
  it("follow the language chosen, and the choice is remembered", async () => {
    render(
      <>
        <LanguageSelect />
        <p data-testid="price">
          <Money amount="1150.00" />
        </p>
        <p data-testid="date">
          <DateTime iso="2026-12-03T09:30:00Z" />
        </p>
      </>,
    );
    expect(screen.getByTestId("price")).toHaveTextContent("Ksh 1,150.00");
    expect(screen.getByTestId("date")).toHaveTextContent("3 Dec 2026");

    await act(() => changeLanguage("sw"));

    expect(screen.getByRole("combobox", { name: "Lugha" })).toHaveValue("sw");
    expect(screen.getByTestId("date")).toHaveTextContent("3 Des 2026");
    expect(document.documentElement.lang).toBe("sw");
    expect(window.localStorage.getItem("soko.language")).toBe("sw");
  });
});
