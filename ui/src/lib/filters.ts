// Pure helpers of the Actions and Instances screens: action filters, open and
// overdue decisions, participants by type, objective tree order.
import type { Action } from "./bindings/Action";
import type { ActorKind } from "./bindings/ActorKind";
import type { Decision } from "./bindings/Decision";
import type { Objective } from "./bindings/Objective";
import type { Participant } from "./bindings/Participant";
import { ACTOR_KIND, options } from "./labels";

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

/** Lower case without accents, for searching. */
export function fold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
}

const has = (ids: readonly number[], id: number): boolean => ids.some((x) => x === id);

/** Whether an action passes every filter. */
export function matchesAction(a: Action, f: ActionFilter): boolean {
  if (f.objective !== null && !has(a.objective_ids, f.objective)) return false;
  if (f.theme !== null && !has(a.theme_ids, f.theme)) return false;
  if (f.district !== null && !has(a.district_ids, f.district)) return false;
  if (f.porteur !== null && (a.porteur_id ?? -1) !== f.porteur) return false;
  if (f.status !== null && a.status !== f.status) return false;
  const words = fold(f.text).split(/\s+/).filter(Boolean);
  const title = fold(a.title);
  return words.every((w) => title.includes(w));
}

export function filterActions(actions: Action[], f: ActionFilter): Action[] {
  return actions.filter((a) => matchesAction(a, f));
}

/** Whether a decision still needs follow-up (à faire, en cours). */
export function isOpen(d: Decision): boolean {
  return d.status === "todo" || d.status === "in_progress";
}

/** Whether an open decision is past its due date (`today` as `YYYY-MM-DD`). */
export function isOverdue(d: Decision, today: string): boolean {
  return isOpen(d) && d.due_date !== null && d.due_date < today;
}

/** Open decisions, overdue first then by due date (no date last). */
export function openDecisions(decisions: Decision[]): Decision[] {
  return decisions
    .filter(isOpen)
    .slice()
    .sort((a, b) => (a.due_date ?? "9999-12-31").localeCompare(b.due_date ?? "9999-12-31"));
}

/** Today's local date as `YYYY-MM-DD`. */
export function todayIso(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** One line of the participants summary. */
export interface KindCount {
  kind: ActorKind;
  label: string;
  headcount: number;
  /** Share of all participants, in percent points (0 when nobody). */
  percent: number;
}

/** Headcount by type of structure with shares, for the types present, in display order. */
export function participantsByKind(participants: Participant[]): {
  rows: KindCount[];
  total: number;
} {
  const total = participants.reduce((s, p) => s + p.headcount, 0);
  const rows = options(ACTOR_KIND)
    .map(([kind, label]) => {
      const headcount = participants
        .filter((p) => p.kind === kind)
        .reduce((s, p) => s + p.headcount, 0);
      return { kind, label, headcount, percent: total > 0 ? (headcount * 100) / total : 0 };
    })
    .filter((r) => r.headcount > 0);
  return { rows, total };
}

/** Objectives in tree order (each strategic objective followed by its children), with depth. */
export function objectiveTree(objectives: Objective[]): { objective: Objective; depth: number }[] {
  const byCode = (a: Objective, b: Objective) =>
    a.code.localeCompare(b.code, "fr", { numeric: true }) || a.title.localeCompare(b.title, "fr");
  const out: { objective: Objective; depth: number }[] = [];
  const seen = new Set<number>();
  const walk = (parent: number | null, depth: number) => {
    objectives
      .filter((o) => o.parent_id === parent)
      .sort(byCode)
      .forEach((o) => {
        if (seen.has(o.id)) return;
        seen.add(o.id);
        out.push({ objective: o, depth });
        walk(o.id, depth + 1);
      });
  };
  walk(null, 0);
  // Orphans (parent missing) still appear, at the end.
  objectives
    .filter((o) => !seen.has(o.id))
    .sort(byCode)
    .forEach((o) => out.push({ objective: o, depth: 0 }));
  return out;
}
