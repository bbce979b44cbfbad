import { describe, expect, it } from "vitest";
import { formatQuantity, parseFrenchNumber } from "./figures";
import { normalizeSpaces } from "./format";

describe("figures", () => {
  it("formats quantities by unit in French", () => {
    expect(normalizeSpaces(formatQuantity(1234, "persons"))).toBe("1 234");
    expect(normalizeSpaces(formatQuantity(57.14, "percent"))).toBe("57,1 %");
    expect(formatQuantity(null, "persons")).toBe("—");
  });

  it("parses numbers typed the French way", () => {
    expect(parseFrenchNumber("1 234,5")).toBe(1234.5);
    expect(parseFrenchNumber("1234.5")).toBe(1234.5);
    expect(parseFrenchNumber("abc")).toBeNull();
    expect(parseFrenchNumber("")).toBeNull();
  });
});
