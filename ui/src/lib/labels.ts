// French labels of the core's coded enums (mirroring `coded_enum!` in
// crates/copil-core/src/domain/*.rs), and the option lists built from them.
import type { ActionStatus } from "./bindings/ActionStatus";
import type { ActorKind } from "./bindings/ActorKind";
import type { ActorLabel } from "./bindings/ActorLabel";
import type { DecisionStatus } from "./bindings/DecisionStatus";
import type { Financeur } from "./bindings/Financeur";
import type { FundingScheme } from "./bindings/FundingScheme";
import type { MeetingKind } from "./bindings/MeetingKind";
import type { Weather } from "./bindings/Weather";

export const ACTION_STATUS: Record<ActionStatus, string> = {
  planned: "Prévue",
  running: "En cours",
  done: "Réalisée",
  postponed: "Reportée",
  abandoned: "Abandonnée",
};

export const WEATHER: Record<Weather, string> = {
  green: "Favorable",
  amber: "Vigilance",
  red: "Difficulté",
};

export const ACTOR_KIND: Record<ActorKind, string> = {
  association: "Association",
  local_authority: "Collectivité",
  state: "État",
  social_landlord: "Bailleur",
  company: "Entreprise",
  other: "Autre",
};

export const ACTOR_LABEL: Record<ActorLabel, string> = {
  france_services: "France Services",
  conseiller_numerique: "Conseiller numérique",
  aidants_connect: "Aidants Connect",
  fabrique_de_territoire: "Fabrique de territoire",
  pass_numerique: "Pass numérique",
};

export const DECISION_STATUS: Record<DecisionStatus, string> = {
  todo: "À faire",
  in_progress: "En cours",
  done: "Faite",
  dropped: "Abandonnée",
};

export const FINANCEUR: Record<Financeur, string> = {
  bop147: "État – BOP 147",
  state_common_law: "État – droit commun",
  epci: "EPCI",
  commune: "Commune",
  departement: "Département",
  region: "Région",
  caf: "CAF",
  banque_des_territoires: "Banque des Territoires",
  fse_plus: "FSE+",
  landlords: "Bailleurs",
  other: "Autre",
};

export const FUNDING_SCHEME: Record<FundingScheme, string> = {
  call_for_projects: "Appel à projets",
  cpo: "CPO",
  other: "Autre",
};

export const MEETING_KIND: Record<MeetingKind, string> = {
  copil: "COPIL",
  cotech: "COTECH",
  other: "Autre instance",
};

/** `[code, label]` pairs of a label map, in declaration (display) order. */
export function options<K extends string>(labels: Record<K, string>): [K, string][] {
  return Object.entries(labels) as [K, string][];
}
