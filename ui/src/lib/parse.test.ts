import { describe, expect, it } from "vitest";
import {
  centsToInput,
  parseEurosToCents,
  parseNumber,
  parseOptionalDecimal,
  parseOptionalInt,
} from "./parse";

describe("parseNumber", () => {
  it("parses numbers typed the French way", () => {
    expect(parseNumber("1 234,5")).toBe(1234.5);
    expect(parseNumber("1234.5")).toBe(1234.5);
    expect(parseNumber("abc")).toBeNull();
    expect(parseNumber("")).toBeNull();
  });
});

describe("parseEurosToCents", () => {
  it("reads French amounts", () => {
    expect(parseEurosToCents("12 500")).toBe(1250000);
    expect(parseEurosToCents("12 500,50")).toBe(1250050);
    expect(parseEurosToCents("12\u202F500,5\u00A0€")).toBe(1250050);
    expect(parseEurosToCents("12500.05")).toBe(1250005);
    expect(parseEurosToCents("0,99")).toBe(99);
    expect(parseEurosToCents("")).toBe(0);
    expect(parseEurosToCents("  ")).toBe(0);
  });

  it("refuses what is not an amount", () => {
    expect(parseEurosToCents("abc")).toBeNull();
    expect(parseEurosToCents("12,345")).toBeNull();
    expect(parseEurosToCents("-5")).toBeNull();
    expect(parseEurosToCents("1,2,3")).toBeNull();
  });
});

describe("centsToInput", () => {
  it("writes amounts back for editing", () => {
    expect(centsToInput(1250000)).toBe("12 500");
    expect(centsToInput(1250050)).toBe("12 500,50");
    expect(centsToInput(5)).toBe("0,05");
    expect(centsToInput(0)).toBe("");
    expect(parseEurosToCents(centsToInput(123456789))).toBe(123456789);
  });
});

describe("optional numbers", () => {
  it("parses integers and decimals", () => {
    expect(parseOptionalInt("")).toBeNull();
    expect(parseOptionalInt("12 500")).toBe(12500);
    expect(parseOptionalInt("12a")).toBeNaN();
    expect(parseOptionalDecimal("4,5")).toBe(4.5);
    expect(parseOptionalDecimal("")).toBeNull();
    expect(parseOptionalDecimal("x")).toBeNaN();
  });
});
