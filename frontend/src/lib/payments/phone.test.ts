import { describe, expect, it } from "vitest";
import { compactPhone, phoneProblem } from "./phone";

describe("the payer's phone number", () => {
  it("accepts Kenyan mobile numbers in every usual form for M-Pesa", () => {
    for (const phone of ["0712345678", "0712 345 678", "+254712345678", "254112345678", "(0712) 345-678"]) {
      expect(phoneProblem("mpesa", phone)).toBeNull();
    }
  });

  it("refuses what M-Pesa cannot charge", () => {
    expect(phoneProblem("mpesa", "")).toBe("required");
    expect(phoneProblem("mpesa", "   ")).toBe("required");
    expect(phoneProblem("mpesa", "0201234567")).toBe("kenyan");
    expect(phoneProblem("mpesa", "+256772123456")).toBe("kenyan");
    expect(phoneProblem("mpesa", "07123")).toBe("kenyan");
    expect(phoneProblem("sandbox", "0712345abc")).toBe("kenyan");
  });

  it("leaves the country to the API for MoMo", () => {
    expect(phoneProblem("mtn_momo", "+256772123456")).toBeNull();
    expect(phoneProblem("mtn_momo", "12ab")).toBe("invalid");
  });

  it("drops spaces, dashes and brackets before sending", () => {
    expect(compactPhone("(0712) 345-678")).toBe("0712345678");
  });
});
