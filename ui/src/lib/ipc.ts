// Typed wrapper around Tauri's `invoke`: the app's commands with their argument and result
// types come from the one Rust list (`src-tauri/src/commands/list.rs`, written by `cargo test`
// into `./bindings/Commands.ts`); errors are turned into `IpcError { code, message, issues }`.
import { invoke } from "@tauri-apps/api/core";
import type { CommandError } from "./bindings/CommandError";
import type { Commands } from "./bindings/Commands";
import type { ErrorCode } from "./bindings/ErrorCode";
import type { Issue } from "./bindings/Issue";

export type { Commands };

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
function isCommandError(value: unknown): value is CommandError {
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
