// The French labels of the core's coded enums, as `cargo test` writes them from copil-core
// (`bindings/labels.ts`): the words the PDF and the CLI use, never retyped here.
export {
  DEFAULT_THEMES,
  LABELS,
  UNIT_CONSOLIDATION,
  WEATHER_NOT_ASSESSED,
} from "./bindings/labels";

/** `[code, label]` pairs of a label table, in display order. */
export function options<K extends string>(labels: Readonly<Record<K, string>>): [K, string][] {
  return Object.entries(labels) as [K, string][];
}

/** The QPVs as boxes to tick: `QN06201M – Cité Bellevue`, test id `<prefix>-QN06201M`. */
export function districtItems(
  districts: readonly { id: number; code: string; name: string }[],
  prefix: string,
): { value: number; label: string; testid: string }[] {
  return districts.map((d) => ({
    value: d.id,
    label: `${d.code} – ${d.name}`,
    testid: `${prefix}-${d.code}`,
  }));
}
