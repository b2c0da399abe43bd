import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { Field } from "./Field";

describe("a field", () => {
  it("is found by its label and describes itself with its hint", () => {
    render(<Field label="Business name" hint="As on your certificate." />);
    const input = screen.getByRole("textbox", { name: "Business name" });
    expect(input).toHaveAccessibleDescription("As on your certificate.");
    expect(input).toBeValid();
  });

  it("marks itself invalid and reads its error after its hint", () => {
    render(<Field label="Business name" hint="As on your certificate." error="Fill this in." />);
    const input = screen.getByRole("textbox", { name: "Business name" });
    expect(input).toBeInvalid();
    expect(input).toHaveAccessibleDescription("As on your certificate. Fill this in.");
  });
});
