// Typed wrapper around Tauri's `invoke`: one table of the app's commands with
// their argument and result types (generated from Rust by ts-rs, see
// `./bindings/`), and errors turned into `IpcError { code, message }`.
import { invoke } from "@tauri-apps/api/core";
import type { AppInfo } from "./bindings/AppInfo";
import type { CommandError } from "./bindings/CommandError";
import type { ErrorCode } from "./bindings/ErrorCode";
import type { SessionInfo } from "./bindings/SessionInfo";

/** Every command of `src-tauri`, with its arguments and result. */
export interface Commands {
  app_info: { args: Record<string, never>; result: AppInfo };
  session: { args: Record<string, never>; result: SessionInfo };
  open_contract: { args: { path: string }; result: SessionInfo };
  close_contract: { args: Record<string, never>; result: SessionInfo };
  save_copy: { args: { dest: string }; result: null };
  forget_recent: { args: { path: string }; result: SessionInfo };
  open_demo: { args: Record<string, never>; result: SessionInfo };
  create_contract: { args: { path: string }; result: SessionInfo };
}

/** Name of a command. */
export type CommandName = keyof Commands;

/** An error code from Rust, or `ipc` when the call itself failed. */
export type IpcErrorCode = ErrorCode | "ipc";

/** Error thrown by `call`: a stable code and a French message for the user. */
export class IpcError extends Error {
  readonly code: IpcErrorCode;

  constructor(code: IpcErrorCode, message: string) {
    super(message);
    this.name = "IpcError";
    this.code = code;
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
  if (isCommandError(raw)) return new IpcError(raw.code, raw.message);
  const detail = raw instanceof Error ? raw.message : typeof raw === "string" ? raw : "";
  return new IpcError(
    "ipc",
    "Copil n'a pas pu exécuter cette opération." + (detail ? ` (${detail})` : ""),
  );
}

/** Calls a command; rejects with an `IpcError`. */
export async function call<K extends CommandName>(
  command: K,
  ...args: Commands[K]["args"] extends Record<string, never> ? [] : [Commands[K]["args"]]
): Promise<Commands[K]["result"]> {
  try {
    return await invoke<Commands[K]["result"]>(command, args[0] ?? {});
  } catch (raw) {
    throw toIpcError(raw);
  }
}
