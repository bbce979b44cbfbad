// The records the entity forms edit, and their save and validate commands, typed by the
// generated `Commands` table (`SavesItsRecord` checks every pair against it).
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
import { call, type Commands } from "./ipc";

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

/** Each entity's `<e>_save` takes its record and says what was saved (checked when compiling). */
type SavesItsRecord = {
  [E in EntityName]: Commands[`${E}_save`] extends { args: { value: Entities[E] }; result: Saved }
    ? Commands[`${E}_validate`] extends { args: { value: Entities[E] }; result: Issue[] }
      ? true
      : false
    : false;
};
/** The entities whose commands do not take their record (none, or this does not compile). */
type Mismatched = { [E in EntityName]: SavesItsRecord[E] extends true ? never : E }[EntityName];
const EVERY_ENTITY_CHECKED: [Mismatched] extends [never] ? true : Mismatched = true;

/** Calls `<entity>_<verb>` with the record (the table above checks the pairing). */
function callWith<R>(command: `${EntityName}_${"save" | "validate"}`, value: unknown): Promise<R> {
  void EVERY_ENTITY_CHECKED;
  return (call as unknown as (c: string, a: { value: unknown }) => Promise<R>)(command, { value });
}

/** Saves a record (one transaction); id 0 creates it. */
export function save<E extends EntityName>(entity: E, value: Entities[E]): Promise<Saved> {
  return callWith(`${entity}_save`, value);
}

/** The core's findings on a value; `[]` when the command cannot be reached. */
export async function validate<E extends EntityName>(
  entity: E,
  value: Entities[E],
): Promise<Issue[]> {
  try {
    return await callWith<Issue[]>(`${entity}_validate`, value);
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
