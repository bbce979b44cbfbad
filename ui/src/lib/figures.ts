// French labels and formatting of the core's figures (dashboard, indicators).
import type { ChangeKind } from "./bindings/ChangeKind";
import type { IndicatorStatus } from "./bindings/IndicatorStatus";
import type { Unit } from "./bindings/Unit";
import { formatNumber, formatPercent } from "./format";

export const STATUS: Record<IndicatorStatus, string> = {
  reached: "Cible atteinte",
  on_track: "En bonne voie",
  late: "En retard",
  no_target: "Sans cible",
  no_value: "Sans valeur",
  not_computable: "Non calculable",
};

export const UNIT: Record<Unit, string> = {
  persons: "personnes",
  accompaniments: "accompagnements",
  sessions: "séances",
  hours: "heures",
  percent: "%",
  euros: "€",
  count: "nombre",
  score: "score",
  fte: "ETP",
  cheques: "chèques",
};

export const CHANGE: Record<ChangeKind, string> = {
  new_values: "Nouvelles valeurs",
  target_reached: "Cible atteinte",
  target_missed: "Cible manquée",
  funding_granted: "Financement attribué",
  funding_paid: "Financement versé",
  decision_closed: "Décision soldée",
  decision_taken: "Décision prise",
  bilan_received: "Bilan reçu",
};

/** A value in its unit, French format: `1 234`, `57,1 %`, `12 500 €`; `—` when absent. */
export function formatQuantity(value: number | null | undefined, unit: Unit): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  if (unit === "percent") return formatPercent(value);
  if (unit === "euros") return formatNumber(value, 2) + "\u202f€";
  return formatNumber(value, unit === "score" || unit === "fte" || unit === "hours" ? 1 : 0);
}

/** Parses a number typed the French way (`1 234,5`, `1234.5`); null when not a number. */
export function parseFrenchNumber(text: string): number | null {
  const t = text.replace(/[\s\u00a0\u202f]/g, "").replace(",", ".");
  if (t === "" || !/^-?\d+(\.\d+)?$/.test(t)) return null;
  return Number(t);
}
