// Euro amounts typed the French way (`12 500`, `12 500,50`, `12500.5 €`) and
// converted to integer cents, the unit of every amount in the core.

/**
 * Parses a French euro amount into cents. Accepts spaces (including no-break
 * ones) as thousands separators, a comma or a dot as decimal mark with at most
 * two decimals, and an optional `€`. Empty text is 0. Returns `null` when the
 * text is not an amount (negative amounts are refused).
 */
export function parseEurosToCents(text: string): number | null {
  const t = text.replace(/[\s\u00A0\u202F]/g, "").replace(/(€|eur|euros?)$/i, "");
  if (t === "") return 0;
  const m = /^(\d+)(?:[.,](\d{1,2}))?$/.exec(t);
  if (!m) return null;
  const euros = Number(m[1]);
  const frac = (m[2] ?? "").padEnd(2, "0");
  const cents = euros * 100 + Number(frac);
  return Number.isSafeInteger(cents) ? cents : null;
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
  const t = text.replace(/[\s\u00A0\u202F]/g, "");
  if (t === "") return null;
  return /^-?\d+$/.test(t) ? Number(t) : NaN;
}

/** Parses an optional decimal with a French comma: `""` → null, `4,5` → 4.5, otherwise NaN. */
export function parseOptionalDecimal(text: string): number | null {
  const t = text.replace(/[\s\u00A0\u202F]/g, "").replace(",", ".");
  if (t === "") return null;
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : NaN;
}
