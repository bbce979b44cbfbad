// Calls of the entity commands of `src-tauri` (E_list, E_save, E_validate,
// E_delete), the matrix, the funding tables and the spreadsheet exchange.
// Ids are `i64` in Rust: ts-rs types them `bigint`, but they cross IPC as
// JSON numbers, so this module reads them with `num` and writes them with `asId`.
import { invoke } from "@tauri-apps/api/core";
import type { Action } from "./bindings/Action";
import type { Actor } from "./bindings/Actor";
import type { Amounts } from "./bindings/Amounts";
import type { CpoConvention } from "./bindings/CpoConvention";
import type { CrfItem } from "./bindings/CrfItem";
import type { Decision } from "./bindings/Decision";
import type { District } from "./bindings/District";
import type { Funding } from "./bindings/Funding";
import type { FundingByFinanceur } from "./bindings/FundingByFinanceur";
import type { FundingShare } from "./bindings/FundingShare";
import type { Indicator } from "./bindings/Indicator";
import type { Issue } from "./bindings/Issue";
import type { Matrix } from "./bindings/Matrix";
import type { Meeting } from "./bindings/Meeting";
import type { Objective } from "./bindings/Objective";
import type { Saved } from "./bindings/Saved";
import type { Theme } from "./bindings/Theme";
import { toIpcError } from "./ipc";

/** The type ts-rs gives to ids and other `i64`s. */
export type Id = Action["id"];

/** An id (or any `i64`) as a plain number, whatever the binding's type. */
export function num(v: bigint | number | null | undefined): number {
  return v === null || v === undefined ? 0 : Number(v);
}

/** A plain number typed as an id for the bindings (sent as a JSON number). */
export function asId(n: number): Id {
  return n as unknown as Id;
}

/** Whether two ids are the same. */
export function sameId(
  a: bigint | number | null | undefined,
  b: bigint | number | null | undefined,
): boolean {
  return a !== null && a !== undefined && b !== null && b !== undefined && Number(a) === Number(b);
}

/** The entities with list/save/delete/validate commands. */
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

/** Invokes a command, rejecting with an `IpcError`. */
export async function cmd<T>(name: string, args: Record<string, unknown> = {}): Promise<T> {
  try {
    return await invoke<T>(name, args);
  } catch (raw) {
    throw toIpcError(raw);
  }
}

export function list<E extends EntityName>(entity: E): Promise<Entities[E][]> {
  return cmd<Entities[E][]>(`${entity}_list`);
}

export function save<E extends EntityName>(entity: E, value: Entities[E]): Promise<Saved> {
  return cmd<Saved>(`${entity}_save`, { value });
}

export function remove(entity: EntityName, id: bigint | number): Promise<unknown> {
  return cmd(`${entity}_delete`, { id: Number(id) });
}

/** The core's findings on a value; `[]` when the command cannot be reached. */
export async function validate<E extends EntityName>(
  entity: E,
  value: Entities[E],
): Promise<Issue[]> {
  try {
    return await cmd<Issue[]>(`${entity}_validate`, { value });
  } catch {
    return [];
  }
}

export function matrix(): Promise<Matrix> {
  return cmd<Matrix>("matrix");
}

/** The funding tables computed by the core (never summed in the UI). */
export interface FundingTables {
  byFinanceur: FundingByFinanceur | null;
  byTheme: FundingShare[];
  byDistrict: FundingShare[];
  byObjective: FundingShare[];
  crf: CrfItem[];
  cpo: CpoConvention[];
}

/** Reads `funding_tables`, whether its fields are camelCase or snake_case. */
export async function fundingTables(): Promise<FundingTables> {
  const raw = await cmd<Record<string, unknown>>("funding_tables");
  const pick = <T>(camel: string, snake: string, fallback: T): T =>
    ((raw[camel] ?? raw[snake]) as T | undefined) ?? fallback;
  return {
    byFinanceur: pick<FundingByFinanceur | null>("byFinanceur", "by_financeur", null),
    byTheme: pick<FundingShare[]>("byTheme", "by_theme", []),
    byDistrict: pick<FundingShare[]>("byDistrict", "by_district", []),
    byObjective: pick<FundingShare[]>("byObjective", "by_objective", []),
    crf: pick<CrfItem[]>("crf", "crf", []),
    cpo: pick<CpoConvention[]>("cpo", "cpo", []),
  };
}

export const ZERO_AMOUNTS: Amounts = {
  requested_cents: asId(0),
  granted_cents: asId(0),
  paid_cents: asId(0),
};

/** Errors of a list of findings (warnings do not block a save). */
export function errorsOf(issues: Issue[]): Issue[] {
  return issues.filter((i) => i.severity === "error");
}

/** Messages of the findings on one field. */
export function messagesFor(issues: Issue[], field: string): string[] {
  return issues.filter((i) => i.field === field).map((i) => i.message);
}
