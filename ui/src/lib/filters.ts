// The filters of the Actions screen, and the text folding of its search (the core's
// `text::fold`, checked by format.test.ts against the cases the core writes).
import type { Action } from "./bindings/Action";

/** Filters of the action list; `null` means "all". */
export interface ActionFilter {
  objective: number | null;
  theme: number | null;
  district: number | null;
  porteur: number | null;
  status: Action["status"] | null;
  /** Words searched in the title (case and accents ignored). */
  text: string;
}

export const NO_FILTER: ActionFilter = {
  objective: null,
  theme: null,
  district: null,
  porteur: null,
  status: null,
  text: "",
};

/** What `text::fold` turns these characters into (after lower-casing): the same list. */
const FROM = "àâäáéèêëîïíôöóùûüúç_-\u00a0\u202f\t";
const TO = "aaaaeeeeiiiooouuuuc     ";
const FOLDED = new Map<string, string>([
  ...[...FROM].map((c, i) => [c, TO[i] ?? c] as const),
  ["œ", "oe"],
]);

/** Lower case, no accents, single spaces, trimmed: the core's `text::fold`. */
export function fold(text: string): string {
  let out = "";
  let space = false;
  for (const ch of text.trim()) {
    for (const lower of ch.toLowerCase()) {
      const c = FOLDED.get(lower) ?? lower;
      if (c === " ") {
        if (!space && out !== "") out += " ";
        space = true;
      } else {
        out += c;
        space = false;
      }
    }
  }
  return out.trimEnd();
}

const has = (ids: readonly number[], id: number): boolean => ids.some((x) => x === id);

/** Whether an action passes every filter. */
function matchesAction(a: Action, f: ActionFilter): boolean {
  if (f.objective !== null && !has(a.objective_ids, f.objective)) return false;
  if (f.theme !== null && !has(a.theme_ids, f.theme)) return false;
  if (f.district !== null && !has(a.district_ids, f.district)) return false;
  if (f.porteur !== null && (a.porteur_id ?? -1) !== f.porteur) return false;
  if (f.status !== null && a.status !== f.status) return false;
  const words = fold(f.text).split(" ").filter(Boolean);
  const title = fold(a.title);
  return words.every((w) => title.includes(w));
}

/** The actions that pass every filter, in the core's order. */
export function filterActions(actions: Action[], f: ActionFilter): Action[] {
  return actions.filter((a) => matchesAction(a, f));
}
