// Numbers and amounts typed the French way, read with the core's one rule
// (`exchange::parse_number_text`, the rule of every spreadsheet cell): spaces of any kind and
// `€` ignored, a comma as decimal mark (dots are then thousands separators), else a dot.
// format.test.ts checks `parseNumber` against the cases the core writes.

/** What the core drops first: Rust's `char::is_whitespace` (U+00A0, U+202F…), `€` and `'`. */
const SPACES_AND_EURO =
  /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000€']/g;

/** The core's grammar once spaces and `€` are gone: an optional sign, digits, an exponent. */
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Parses a number as the core does (`1 234,5`, `1234.5`, `1.234,50 €`); null when it is not one. */
export function parseNumber(text: string): number | null {
  let t = text.replace(SPACES_AND_EURO, "");
  if (t === "" || new TextEncoder().encode(t).length > 40) return null;
  if (t.includes(",")) {
    if (t.split(",").length > 2) return null;
    t = t.replaceAll(".", "").replace(",", ".");
  }
  if (!NUMBER.test(t)) return null;
  const value = Number(t);
  return Number.isFinite(value) ? value : null;
}

/**
 * Parses a French euro amount into cents (the unit of every amount in the core): the core's
 * number, not negative, with two decimals at most. Empty text is 0; `null` when it is not an
 * amount.
 */
export function parseEurosToCents(text: string): number | null {
  if (text.trim() === "") return 0;
  const value = parseNumber(text);
  if (value === null || value < 0) return null;
  const cents = Math.round(value * 100);
  if (Math.abs(value * 100 - cents) > 1e-6 || !Number.isSafeInteger(cents)) return null;
  return cents;
}

/** Cents as the text of an input: `12 500` or `12 500,50` (plain spaces), `""` for 0. */
export function centsToInput(n: number): string {
  if (!Number.isFinite(n) || n === 0) return "";
  const abs = Math.abs(Math.trunc(n));
  const euros = Math.trunc(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, " ");
  const rest = abs % 100;
  return (n < 0 ? "-" : "") + euros + (rest ? "," + String(rest).padStart(2, "0") : "");
}

/** Parses an optional integer (population, year): `""` → null, `12 500` → 12500, otherwise NaN. */
export function parseOptionalInt(text: string): number | null {
  if (text.trim() === "") return null;
  const value = parseNumber(text);
  return value !== null && Number.isInteger(value) ? value : NaN;
}

/** Parses an optional decimal (`4,5`): `""` → null, otherwise the core's number or NaN. */
export function parseOptionalDecimal(text: string): number | null {
  if (text.trim() === "") return null;
  return parseNumber(text) ?? NaN;
}
