// Typed wrapper around Tauri's `invoke`: one table of the app's commands with
// their argument and result types (generated from Rust by ts-rs, see
// `./bindings/`), and errors turned into `IpcError { code, message }`.
import { invoke } from "@tauri-apps/api/core";
import type { Action } from "./bindings/Action";
import type { Actor } from "./bindings/Actor";
import type { AppInfo } from "./bindings/AppInfo";
import type { AuditEntry } from "./bindings/AuditEntry";
import type { BackupInfo } from "./bindings/BackupInfo";
import type { CommandError } from "./bindings/CommandError";
import type { Contract } from "./bindings/Contract";
import type { Dashboard } from "./bindings/Dashboard";
import type { Decision } from "./bindings/Decision";
import type { District } from "./bindings/District";
import type { ErrorCode } from "./bindings/ErrorCode";
import type { Funding } from "./bindings/Funding";
import type { FundingTables } from "./bindings/FundingTables";
import type { GeneratedReport } from "./bindings/GeneratedReport";
import type { ImportReport } from "./bindings/ImportReport";
import type { Indicator } from "./bindings/Indicator";
import type { IndicatorFigures } from "./bindings/IndicatorFigures";
import type { Issue } from "./bindings/Issue";
import type { IssuedReport } from "./bindings/IssuedReport";
import type { Matrix } from "./bindings/Matrix";
import type { Measurement } from "./bindings/Measurement";
import type { Meeting } from "./bindings/Meeting";
import type { Objective } from "./bindings/Objective";
import type { QpvImport } from "./bindings/QpvImport";
import type { ReportOptions } from "./bindings/ReportOptions";
import type { Saved } from "./bindings/Saved";
import type { SessionInfo } from "./bindings/SessionInfo";
import type { Theme } from "./bindings/Theme";

/** Optional scope of the figure commands: a year (default: this year) and one QPV. */
export type Scoped = {
  year?: number | null;
  districtId?: number | null;
};

/**
 * Every command of `src-tauri`, with its arguments (camelCase, as Tauri expects)
 * and result. Entities all have `<e>_list`, `<e>_save`, `<e>_delete`, `<e>_validate`.
 */
export interface Commands {
  app_info: { args: Record<string, never>; result: AppInfo };
  session: { args: Record<string, never>; result: SessionInfo };
  open_contract: { args: { path: string; readOnly?: boolean }; result: SessionInfo };
  create_contract: {
    args: { path: string; contract: Contract; districts: District[]; themes?: string[] };
    result: SessionInfo;
  };
  open_demo: { args: Record<string, never>; result: SessionInfo };
  close_contract: { args: Record<string, never>; result: SessionInfo };
  save_copy: { args: { path: string }; result: string };
  forget_recent: { args: { path: string }; result: SessionInfo };
  backup_list: { args: Record<string, never>; result: BackupInfo[] };
  backup_now: { args: Record<string, never>; result: string };
  backup_restore: { args: { path: string }; result: SessionInfo };
  audit_log: { args: { limit?: number }; result: AuditEntry[] };
  open_path: { args: { path: string }; result: null };
  reveal_path: { args: { path: string }; result: null };
  contract_get: { args: Record<string, never>; result: Contract };
  contract_save: { args: { value: Contract }; result: Saved };
  contract_validate: { args: { value: Contract }; result: Issue[] };
  district_list: { args: Record<string, never>; result: District[] };
  district_save: { args: { value: District }; result: Saved };
  district_delete: { args: { id: number }; result: null };
  district_validate: { args: { value: District }; result: Issue[] };
  theme_list: { args: Record<string, never>; result: Theme[] };
  theme_save: { args: { value: Theme }; result: Saved };
  theme_delete: { args: { id: number }; result: null };
  theme_validate: { args: { value: Theme }; result: Issue[] };
  theme_reorder: { args: { ids: number[] }; result: null };
  objective_list: { args: Record<string, never>; result: Objective[] };
  objective_save: { args: { value: Objective }; result: Saved };
  objective_delete: { args: { id: number }; result: null };
  objective_validate: { args: { value: Objective }; result: Issue[] };
  indicator_list: { args: Record<string, never>; result: Indicator[] };
  indicator_save: { args: { value: Indicator }; result: Saved };
  indicator_delete: { args: { id: number }; result: null };
  indicator_validate: { args: { value: Indicator }; result: Issue[] };
  actor_list: { args: Record<string, never>; result: Actor[] };
  actor_save: { args: { value: Actor }; result: Saved };
  actor_delete: { args: { id: number }; result: null };
  actor_validate: { args: { value: Actor }; result: Issue[] };
  action_list: { args: Record<string, never>; result: Action[] };
  action_save: { args: { value: Action }; result: Saved };
  action_delete: { args: { id: number }; result: null };
  action_validate: { args: { value: Action }; result: Issue[] };
  funding_list: { args: Record<string, never>; result: Funding[] };
  funding_save: { args: { value: Funding }; result: Saved };
  funding_delete: { args: { id: number }; result: null };
  funding_validate: { args: { value: Funding }; result: Issue[] };
  meeting_list: { args: Record<string, never>; result: Meeting[] };
  meeting_save: { args: { value: Meeting }; result: Saved };
  meeting_delete: { args: { id: number }; result: null };
  meeting_validate: { args: { value: Meeting }; result: Issue[] };
  decision_list: { args: Record<string, never>; result: Decision[] };
  decision_save: { args: { value: Decision }; result: Saved };
  decision_delete: { args: { id: number }; result: null };
  decision_validate: { args: { value: Decision }; result: Issue[] };
  measurement_list: { args: { indicatorId: number }; result: Measurement[] };
  measurement_save: { args: { value: Measurement }; result: Saved };
  measurement_delete: { args: { id: number }; result: null };
  measurement_validate: { args: { value: Measurement }; result: Issue[] };
  dashboard: { args: Scoped; result: Dashboard };
  matrix: { args: Scoped; result: Matrix };
  indicator_figures_all: { args: Scoped; result: IndicatorFigures[] };
  indicator_figures: { args: Scoped & { id: number }; result: IndicatorFigures };
  funding_tables: { args: Scoped; result: FundingTables };
  e2e_save_path: { args: { kind: "report" | "contract" }; result: string | null };
  report_generate: { args: { options: ReportOptions; path: string }; result: GeneratedReport };
  report_list: { args: Record<string, never>; result: IssuedReport[] };
  exchange_import: { args: { path: string; dryRun: boolean }; result: ImportReport };
  exchange_export: { args: { path: string }; result: null };
  exchange_export_csv: { args: { dir: string }; result: string[] };
  exchange_template: { args: { path: string; actor?: string | null }; result: null };
  exchange_import_qpv: {
    args: { path: string; communes: string[]; dryRun: boolean };
    result: QpvImport;
  };
}

/** Name of a command. */
export type CommandName = keyof Commands;

/** An error code from Rust, or `ipc` when the call itself failed. */
export type IpcErrorCode = ErrorCode | "ipc";

/** Error thrown by `call`: a stable code and a French message for the user. */
export class IpcError extends Error {
  readonly code: IpcErrorCode;
  /** Field-by-field findings when `code` is `invalid`. */
  readonly issues: Issue[];

  constructor(code: IpcErrorCode, message: string, issues: Issue[] = []) {
    super(message);
    this.name = "IpcError";
    this.code = code;
    this.issues = issues;
  }
}

/** Whether `value` has the `{ code, message }` shape of a Rust `CommandError`. */
export function isCommandError(value: unknown): value is CommandError {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { code?: unknown }).code === "string" &&
    typeof (value as { message?: unknown }).message === "string"
  );
}

/** Turns whatever `invoke` rejected with into an `IpcError`. */
export function toIpcError(raw: unknown): IpcError {
  if (raw instanceof IpcError) return raw;
  if (isCommandError(raw)) return new IpcError(raw.code, raw.message, raw.issues ?? []);
  const detail = raw instanceof Error ? raw.message : typeof raw === "string" ? raw : "";
  return new IpcError(
    "ipc",
    "Copil n'a pas pu exécuter cette opération." + (detail ? ` (${detail})` : ""),
  );
}

/** Calls a command; rejects with an `IpcError`. */
export async function call<K extends CommandName>(
  command: K,
  ...args: Commands[K]["args"] extends Record<string, never>
    ? []
    : Partial<Commands[K]["args"]> extends Commands[K]["args"]
      ? [Commands[K]["args"]?]
      : [Commands[K]["args"]]
): Promise<Commands[K]["result"]> {
  try {
    return await invoke<Commands[K]["result"]>(command, (args[0] ?? {}) as Record<string, unknown>);
  } catch (raw) {
    throw toIpcError(raw);
  }
}
