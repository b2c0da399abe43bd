import { render, screen, within } from "@testing-library/react";
import { beforeAll, describe, expect, it } from "vitest";
import { previewCsv, problemsByCell } from "../lib/csv-preview";
import { loadConsoleCatalogTexts } from "../texts";
import { ImportPreview } from "./ImportPreview";

beforeAll(async () => {
  await loadConsoleCatalogTexts();
});

describe("the import preview", () => {
  it("marks the cell a problem is about and leaves out columns empty in every row", () => {
    const preview = previewCsv("sku,gtin,tiers\nA,,1:10.00\nB,,5:9.00|2:8.00\n", 10);
    const problems = problemsByCell([{ row: 3, column: "tiers", code: "quantities_not_increasing", message: "Tier 2 starts at 2." }]);
    render(<ImportPreview header={preview.header} rows={preview.rows} problems={problems} />);

    const table = screen.getByRole("table", { name: "Rows of the file" });
    const header = within(table).getAllByRole("columnheader").map((cell) => cell.textContent.replaceAll("\u200B", ""));
    expect(header).toEqual(["Row", "sku", "tiers"]);
    const bad = within(table).getByText("Tier 2 starts at 2.").closest("td");
    expect(bad).toHaveAttribute("aria-invalid", "true");
    expect(bad).toHaveTextContent("5:9.00|2:8.00");
    expect(within(table).getByText("1:10.00").closest("td")).not.toHaveAttribute("aria-invalid");
  });
});
