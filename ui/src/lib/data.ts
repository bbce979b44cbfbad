// The records the entity forms edit, and their save and validate commands, typed by the
// generated `Commands` table (each call below is checked against it).
import type { Action } from "./bindings/Action";
import type { Actor } from "./bindings/Actor";
import type { Decision } from "./bindings/Decision";
import type { District } from "./bindings/District";
import type { Funding } from "./bindings/Funding";
import type { Indicator } from "./bindings/Indicator";
import type { Issue } from "./bindings/Issue";
import type { Meeting } from "./bindings/Meeting";
import type { Objective } from "./bindings/Objective";
import type { Saved } from "./bindings/Saved";
import type { Theme } from "./bindings/Theme";
import { call } from "./ipc";

/** The records with `<e>_save` and `<e>_validate` commands that the forms edit. */
export interface Entities {
  district: District;
  theme: Theme;
  objective: Objective;
  indicator: Indicator;
  actor: Actor;
  action: Action;
  funding: Funding;
  meeting: Meeting;
  decision: Decision;
}

export type EntityName = keyof Entities;

/** Each entity's `<e>_save`. */
const SAVE: { [E in EntityName]: (value: Entities[E]) => Promise<Saved> } = {
  district: (value) => call("district_save", { value }),
  theme: (value) => call("theme_save", { value }),
  objective: (value) => call("objective_save", { value }),
  indicator: (value) => call("indicator_save", { value }),
  actor: (value) => call("actor_save", { value }),
  action: (value) => call("action_save", { value }),
  funding: (value) => call("funding_save", { value }),
  meeting: (value) => call("meeting_save", { value }),
  decision: (value) => call("decision_save", { value }),
};

/** Each entity's `<e>_validate`: what its save would refuse. */
const VALIDATE: { [E in EntityName]: (value: Entities[E]) => Promise<Issue[]> } = {
  district: (value) => call("district_validate", { value }),
  theme: (value) => call("theme_validate", { value }),
  objective: (value) => call("objective_validate", { value }),
  indicator: (value) => call("indicator_validate", { value }),
  actor: (value) => call("actor_validate", { value }),
  action: (value) => call("action_validate", { value }),
  funding: (value) => call("funding_validate", { value }),
  meeting: (value) => call("meeting_validate", { value }),
  decision: (value) => call("decision_validate", { value }),
};

/** Saves a record (one transaction); id 0 creates it. */
export function save<E extends EntityName>(entity: E, value: Entities[E]): Promise<Saved> {
  return SAVE[entity](value);
}

/** The core's findings on a value; `[]` when the command cannot be reached. */
export async function validate<E extends EntityName>(
  entity: E,
  value: Entities[E],
): Promise<Issue[]> {
  try {
    return await VALIDATE[entity](value);
  } catch {
    return [];
  }
}

/** Errors of a list of findings (warnings do not block a save). */
export function errorsOf(issues: Issue[]): Issue[] {
  return issues.filter((i) => i.severity === "error");
}

/** Messages of the findings on one field. */
export function messagesFor(issues: Issue[], field: string): string[] {
  return issues.filter((i) => i.field === field).map((i) => i.message);
}
