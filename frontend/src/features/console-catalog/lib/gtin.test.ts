import { describe, expect, it } from "vitest";
import { gtinCheckDigit, gtinProblem } from "./gtin";

describe("gtinCheckDigit", () => {
  it("computes the GS1 check digit of each length's body", () => {
    expect(gtinCheckDigit("544900000099")).toBe(6);
    expect(gtinCheckDigit("9638507")).toBe(4);
    expect(gtinCheckDigit("03600029145")).toBe(2);
    expect(gtinCheckDigit("1061414100041")).toBe(5);
  });
});

describe("gtinProblem", () => {
  it("accepts valid GTIN-8, 12, 13 and 14", () => {
    for (const gtin of ["96385074", "036000291452", "5449000000996", "10614141000415"]) {
      expect(gtinProblem(gtin)).toBeNull();
    }
  });

  it("treats an empty value as no barcode", () => {
    expect(gtinProblem("")).toBeNull();
    expect(gtinProblem("   ")).toBeNull();
  });

  it("refuses a wrong check digit", () => {
    expect(gtinProblem("5449000000997")).toBe("gtin_check_digit");
    expect(gtinProblem("96385075")).toBe("gtin_check_digit");
  });

  it("refuses other lengths and non-digits", () => {
    expect(gtinProblem("544900000099")).toBe("gtin_check_digit");
    expect(gtinProblem("1234567")).toBe("gtin_format");
    expect(gtinProblem("123456789")).toBe("gtin_format");
    expect(gtinProblem("54490000009a6")).toBe("gtin_format");
    expect(gtinProblem("5449 000000996")).toBe("gtin_format");
  });
});
