// French formatting, mirroring copil-core's `format` module exactly (format.test.ts checks it
// against the cases the core writes to bindings/format-cases.json): thousands separator U+202F
// (narrow no-break space), U+00A0 before % and €, decimal comma, ASCII minus, "–" for values
// that cannot be shown.
import type { Unit } from "./bindings/Unit";

/** Thousands separator: U+202F NARROW NO-BREAK SPACE. */
const THOUSANDS_SEP = "\u202F";
/** Space before `%` and `€`: U+00A0 NO-BREAK SPACE. */
const UNIT_SEP = "\u00A0";
/** Shown instead of a number that cannot be displayed. */
const NOT_AVAILABLE = "–";

const MONTHS = [
  "janvier",
  "février",
  "mars",
  "avril",
  "mai",
  "juin",
  "juillet",
  "août",
  "septembre",
  "octobre",
  "novembre",
  "décembre",
] as const;

function groupThousands(digits: string): string {
  let out = "";
  const len = digits.length;
  for (let i = 0; i < len; i++) {
    if (i > 0 && (len - i) % 3 === 0) out += THOUSANDS_SEP;
    out += digits[i];
  }
  return out;
}

/**
 * `abs.toFixed(decimals)` computed on the exact binary value, exact ties rounded to even: what
 * Rust's `format!("{:.*}")` prints (`1.15` is 1.149999… and shows `1,1`; `0.125` shows `0,12`).
 */
function toFixedExact(abs: number, decimals: number): string {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, abs);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  // abs = mantissa × 2^exponent, exactly.
  const mantissa = biased === 0 ? fraction : fraction | (1n << 52n);
  const exponent = (biased === 0 ? 1 : biased) - 1075;
  const scale = 10n ** BigInt(decimals);
  let units: bigint;
  if (exponent >= 0) {
    units = (mantissa << BigInt(exponent)) * scale;
  } else {
    const shift = BigInt(-exponent);
    const scaled = mantissa * scale;
    units = scaled >> shift;
    const rest = scaled - (units << shift);
    const half = 1n << (shift - 1n);
    if (rest > half || (rest === half && units % 2n === 1n)) units += 1n;
  }
  const digits = units.toString().padStart(decimals + 1, "0");
  if (decimals === 0) return digits;
  return `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}

/** `1 234,5`: at most `decimals` fraction digits, trailing zeros dropped. */
export function formatNumber(value: number, decimals = 1): string {
  if (!Number.isFinite(value)) return NOT_AVAILABLE;
  const d = Math.min(Math.max(Math.trunc(decimals), 0), 9);
  const raw = toFixedExact(Math.abs(value), d);
  const [intPart = "0", fracRaw = ""] = raw.split(".");
  const frac = fracRaw.replace(/0+$/, "");
  const isZero = /^0+$/.test(intPart) && frac === "";
  let out = value < 0 && !isZero ? "-" : "";
  out += groupThousands(intPart);
  if (frac !== "") out += "," + frac;
  return out;
}

/** `12 500`: an integer count. */
export function formatInteger(value: number | bigint): string {
  const big = BigInt(value);
  const digits = (big < 0n ? -big : big).toString();
  return (big < 0n ? "-" : "") + groupThousands(digits);
}

/** `57,1 %` from percent points (57.14), one decimal at most. */
export function formatPercent(value: number): string {
  if (!Number.isFinite(value)) return NOT_AVAILABLE;
  return formatNumber(value, 1) + UNIT_SEP + "%";
}

/** `12 500 €` from cents (1 250 000), `12 500,50 €` when not whole. */
export function formatEurosFromCents(cents: number | bigint): string {
  const big = BigInt(cents);
  const abs = big < 0n ? -big : big;
  const euros = groupThousands((abs / 100n).toString());
  const rest = abs % 100n;
  const sign = big < 0n ? "-" : "";
  if (rest === 0n) return `${sign}${euros}${UNIT_SEP}€`;
  return `${sign}${euros},${rest.toString().padStart(2, "0")}${UNIT_SEP}€`;
}

/**
 * A value in its indicator's unit, as `format::quantity`: `57,1 %`, `12 500 €`, else one
 * decimal at most (`12,5` personnes); `—` when there is no value (the report's `opt_qty`).
 */
export function formatQuantity(value: number | null | undefined, unit: Unit): string {
  if (value === null || value === undefined) return "—";
  if (unit === "percent") return formatPercent(value);
  if (unit === "euros") return formatEurosFromCents(roundHalfAway(value * 100));
  return formatNumber(value, 1);
}

/** Rounds to the nearest integer, halves away from zero, as Rust's `f64::round`. */
function roundHalfAway(x: number): number {
  return Math.sign(x) * Math.round(Math.abs(x));
}

/** A file size, as `format::bytes`: `812 octets`, `104 Ko`, `3,4 Mo`. */
export function formatBytes(bytes: number): string {
  const ko = Math.round(bytes / 1024);
  if (bytes < 1024) return `${formatInteger(bytes)}${UNIT_SEP}octet${bytes > 1 ? "s" : ""}`;
  if (ko < 1024) return `${formatNumber(ko, 0)}${UNIT_SEP}Ko`;
  return `${formatNumber(bytes / (1024 * 1024), 1)}${UNIT_SEP}Mo`;
}

/** Today's local date as `YYYY-MM-DD` (what the shell's `Local::now()` gives the core). */
export function todayIso(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** What an amount not filled in shows (as `copil_core::format::NOT_FILLED_IN`). */
export const NOT_FILLED_IN = "non renseigné";

/**
 * A requested amount as `copil_core::format::requested_amount` writes it: the lines filled in
 * summed, the others counted apart and never as 0 (`12 500 € (+ 2 non renseignés)`).
 */
export function formatRequestedAmount(knownCents: number, notFilledIn: number): string {
  if (notFilledIn === 0) return formatEurosFromCents(knownCents);
  if (knownCents === 0) return NOT_FILLED_IN;
  const more = notFilledIn === 1 ? `1 ${NOT_FILLED_IN}` : `${notFilledIn} non renseignés`;
  return `${formatEurosFromCents(knownCents)} (+ ${more})`;
}

/** Parses an ISO date `YYYY-MM-DD` (as chrono serialises `NaiveDate`), without time zones. */
export function parseIsoDate(iso: string): { year: number; month: number; day: number } | null {
  const m = /^(-?\d{4,})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const probe = new Date(Date.UTC(2000, month - 1, day));
  probe.setUTCFullYear(year);
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  return { year, month, day };
}

/** `28 novembre 2026`, `1er décembre 2026` from `2026-11-28`; unparsable input is returned as is. */
export function formatDateLong(iso: string): string {
  const d = parseIsoDate(iso);
  if (!d) return iso;
  const day = d.day === 1 ? "1er" : String(d.day);
  return `${day} ${MONTHS[d.month - 1]} ${d.year}`;
}

/** `28/11/2026` from `2026-11-28`; unparsable input is returned as is. */
export function formatDateShort(iso: string): string {
  const d = parseIsoDate(iso);
  if (!d) return iso;
  return `${String(d.day).padStart(2, "0")}/${String(d.month).padStart(2, "0")}/${d.year}`;
}
