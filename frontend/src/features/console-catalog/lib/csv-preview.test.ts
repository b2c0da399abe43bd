import { describe, expect, it } from "vitest";
import { csvRecords, previewCsv, problemsByCell, rowProblemOf, rowsToShow } from "./csv-preview";

describe("csvRecords", () => {
  it("reads quoted fields with commas, doubled quotes and line breaks", () => {
    expect(csvRecords('a,"b, c","say ""hi"""\r\n"two\nlines",x\n')).toEqual([
      ["a", "b, c", 'say "hi"'],
      ["two\nlines", "x"],
    ]);
  });

  it("drops a byte-order mark and keeps a last line without a line break", () => {
    expect(csvRecords("\uFEFFsku,name\nA,B")).toEqual([
      ["sku", "name"],
      ["A", "B"],
    ]);
  });
});

describe("previewCsv", () => {
  it("numbers rows as a spreadsheet does, skipping blank records but not their numbers", () => {
    const preview = previewCsv("SKU, Name\nA,One\n,\nB,Two\nC,Three\n", 2);
    expect(preview.header).toEqual(["sku", "name"]);
    expect(preview.total).toBe(3);
    expect(preview.rows).toEqual([
      { number: 2, cells: ["A", "One"] },
      { number: 4, cells: ["B", "Two"] },
    ]);
  });
});

describe("rowProblemOf", () => {
  it("reads the row and column of a refused import's detail", () => {
    expect(rowProblemOf({ field: "row 7: tiers", code: "price_rises", message: "m" })).toEqual({
      row: 7,
      column: "tiers",
      code: "price_rises",
      message: "m",
    });
    expect(rowProblemOf({ field: "row 3", code: "malformed_csv", message: "m" })?.column).toBe("row");
    expect(rowProblemOf({ field: "header", code: "invalid_header", message: "m" })).toBeNull();
  });
});

describe("problemsByCell", () => {
  it("groups messages by row and column", () => {
    const cells = problemsByCell([
      { row: 3, column: "tiers", code: "a", message: "one" },
      { row: 3, column: "tiers", code: "b", message: "two" },
      { row: 5, column: "sku", code: "c", message: "three" },
    ]);
    expect(cells.get(3)?.get("tiers")).toEqual(["one", "two"]);
    expect(cells.get(5)?.get("sku")).toEqual(["three"]);
    expect(cells.get(4)).toBeUndefined();
  });
});

describe("rowsToShow", () => {
  it("brings rows with problems beyond the preview into the table, in file order", () => {
    const text = "sku\nA\nB\nC\nD\n";
    const preview = previewCsv(text, 2);
    expect(rowsToShow(preview, text, new Set([5]), 2).map((row) => row.number)).toEqual([2, 5]);
    expect(rowsToShow(preview, text, new Set(), 2).map((row) => row.number)).toEqual([2, 3]);
  });
});
