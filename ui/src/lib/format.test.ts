import { describe, expect, it } from "vitest";
import cases from "./bindings/format-cases.json";
import type { Unit } from "./bindings/Unit";
import { fold } from "./filters";
import {
  formatBytes,
  formatDateLong,
  formatDateShort,
  formatEurosFromCents,
  formatRequestedAmount,
  formatInteger,
  formatNumber,
  formatPercent,
  formatQuantity,
  parseIsoDate,
} from "./format";
import { parseNumber } from "./parse";

/** The no-break spaces of French typography as plain spaces, to compare with typed text. */
function normalizeSpaces(text: string): string {
  return text.replaceAll("\u202F", " ").replaceAll("\u00A0", " ");
}

// The cases copil-core's format test writes (`cargo test`): each input with what the core's
// `format`, `text::fold` and `parse_number_text` make of it. The screens must say the same.
describe("the core's format cases", () => {
  it("formats numbers and percentages as the core", () => {
    for (const c of cases.number)
      expect([c, formatNumber(c.value, c.decimals)]).toEqual([c, c.text]);
    for (const c of cases.percent) expect([c, formatPercent(c.value)]).toEqual([c, c.text]);
  });
  it("formats integers, amounts, quantities and sizes as the core", () => {
    for (const c of cases.integer) expect([c, formatInteger(c.value)]).toEqual([c, c.text]);
    for (const c of cases.euros_from_cents)
      expect([c, formatEurosFromCents(c.cents)]).toEqual([c, c.text]);
    for (const c of cases.quantity)
      expect([c, formatQuantity(c.value, c.unit as Unit)]).toEqual([c, c.text]);
    for (const c of cases.bytes) expect([c, formatBytes(c.bytes)]).toEqual([c, c.text]);
  });
  it("formats dates as the core", () => {
    for (const c of cases.date_long) expect([c, formatDateLong(c.date)]).toEqual([c, c.text]);
    for (const c of cases.date_short) expect([c, formatDateShort(c.date)]).toEqual([c, c.text]);
  });
  it("folds text and reads typed numbers as the core", () => {
    for (const c of cases.fold) expect([c, fold(c.text)]).toEqual([c, c.folded]);
    for (const c of cases.parse_number) expect([c, parseNumber(c.text)]).toEqual([c, c.value]);
  });
});

describe("formatQuantity", () => {
  it("formats quantities by unit in French", () => {
    expect(normalizeSpaces(formatQuantity(1234, "persons"))).toBe("1 234");
    expect(normalizeSpaces(formatQuantity(57.14, "percent"))).toBe("57,1 %");
    expect(formatQuantity(null, "persons")).toBe("—");
  });
});

// Same cases as copil-core's format tests, so the screens and the report agree.
describe("formatNumber", () => {
  it("uses a narrow no-break space and a decimal comma", () => {
    expect(formatNumber(1234.5, 1)).toBe("1\u202F234,5");
    expect(formatNumber(1234.0, 2)).toBe("1\u202F234");
    expect(formatNumber(1234.56, 1)).toBe("1\u202F234,6");
    expect(formatNumber(1234567, 0)).toBe("1\u202F234\u202F567");
    expect(formatNumber(999, 0)).toBe("999");
    expect(formatNumber(0, 2)).toBe("0");
    expect(formatNumber(-0.001, 1)).toBe("0");
    expect(formatNumber(-1234.5, 1)).toBe("-1\u202F234,5");
    expect(formatNumber(0.25, 2)).toBe("0,25");
    expect(formatNumber(NaN, 1)).toBe("–");
    expect(formatNumber(Infinity, 1)).toBe("–");
  });
  it("rounds exact ties to even, like Rust", () => {
    expect(formatNumber(2.5, 0)).toBe("2");
    expect(formatNumber(3.5, 0)).toBe("4");
    expect(formatNumber(0.125, 2)).toBe("0,12");
  });
  it("reads as French once spaces are normalised", () => {
    expect(normalizeSpaces(formatNumber(1234.5))).toBe("1 234,5");
  });
});

describe("integers and signed values", () => {
  it("groups thousands", () => {
    expect(formatInteger(12500)).toBe("12\u202F500");
    expect(formatInteger(-1000)).toBe("-1\u202F000");
    expect(formatInteger(0)).toBe("0");
    expect(formatInteger(-9223372036854775808n)).toBe(
      "-9\u202F223\u202F372\u202F036\u202F854\u202F775\u202F808",
    );
  });
});

describe("formatPercent", () => {
  it("puts a no-break space before %", () => {
    expect(formatPercent(57.14)).toBe("57,1\u00A0%");
    expect(formatPercent(75)).toBe("75\u00A0%");
    expect(formatPercent(100)).toBe("100\u00A0%");
    expect(normalizeSpaces(formatPercent(57.14))).toBe("57,1 %");
    expect(formatPercent(NaN)).toBe("–");
  });
});

describe("formatEurosFromCents", () => {
  it("formats whole and fractional amounts", () => {
    expect(formatEurosFromCents(1_250_000)).toBe("12\u202F500\u00A0€");
    expect(formatEurosFromCents(1_250_050)).toBe("12\u202F500,50\u00A0€");
    expect(formatEurosFromCents(5)).toBe("0,05\u00A0€");
    expect(formatEurosFromCents(0)).toBe("0\u00A0€");
    expect(formatEurosFromCents(-1_250_000)).toBe("-12\u202F500\u00A0€");
    expect(normalizeSpaces(formatEurosFromCents(1_250_000))).toBe("12 500 €");
  });
});

describe("formatRequestedAmount", () => {
  it("says what is not filled in, never counting it as 0", () => {
    expect(formatRequestedAmount(1_250_000, 0)).toBe("12\u202F500\u00A0€");
    expect(formatRequestedAmount(0, 0)).toBe("0\u00A0€");
    expect(formatRequestedAmount(0, 3)).toBe("non renseigné");
    expect(formatRequestedAmount(1_250_000, 1)).toBe("12\u202F500\u00A0€ (+ 1 non renseigné)");
    expect(formatRequestedAmount(1_250_000, 2)).toBe("12\u202F500\u00A0€ (+ 2 non renseignés)");
  });
});

describe("dates", () => {
  it("formats long French dates", () => {
    expect(formatDateLong("2026-11-28")).toBe("28 novembre 2026");
    expect(formatDateLong("2026-12-01")).toBe("1er décembre 2026");
    expect(formatDateLong("2025-02-05")).toBe("5 février 2025");
    expect(formatDateLong("2025-08-15")).toBe("15 août 2025");
  });
  it("formats short dates", () => {
    expect(formatDateShort("2026-11-28")).toBe("28/11/2026");
    expect(formatDateShort("2026-01-05")).toBe("05/01/2026");
  });
  it("rejects impossible dates", () => {
    expect(parseIsoDate("2026-02-30")).toBeNull();
    expect(parseIsoDate("28/11/2026")).toBeNull();
    expect(formatDateLong("n'importe quoi")).toBe("n'importe quoi");
  });
});
