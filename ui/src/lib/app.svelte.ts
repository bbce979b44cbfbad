// The front-end state of the shell (Svelte 5 runes) and the one dispatcher for
// every action, whether it comes from the keyboard, the native menu or a button.
import { open as openDialog, save as saveDialog } from "@tauri-apps/plugin-dialog";
import type { RecentFile } from "./bindings/RecentFile";
import type { SessionInfo } from "./bindings/SessionInfo";
import { call, IpcError, toIpcError } from "./ipc";
import type { ScreenId } from "./screens";
import type { AppAction } from "./shortcuts";

/** State of the save indicator in the header. */
export type SaveState = "none" | "saved" | "saving" | "error";

/** File filter of the open/save dialogs. */
const CONTRACT_FILTERS = [{ name: "Contrat Copil", extensions: ["copil"] }];

/** A message shown in the notification area. */
export interface Notice {
  kind: "error" | "info";
  text: string;
}

/** A question asked before something that cannot be taken back (a deletion, a restore). */
export interface Confirmation {
  /** Prefix of the dialog's test ids (`<id>-confirm`, `<id>-cancel`). */
  id: string;
  title: string;
  /** What will happen, in one or two sentences. */
  message: string;
  /** The button that goes ahead (« Supprimer » by default). */
  confirmLabel?: string;
  /** What is done once the user confirms. */
  run: () => Promise<void>;
}

/** Which modal dialog is open. */
export type DialogId = "none" | "shortcuts" | "about" | "wizard";

class AppStore {
  screen = $state<ScreenId>("accueil");
  file = $state<string | null>(null);
  fileName = $state<string | null>(null);
  contractName = $state<string | null>(null);
  readOnly = $state(false);
  readOnlyReason = $state<string | null>(null);
  /** Bumped after every successful write so screens can reload their figures. */
  revision = $state(0);
  recents = $state<RecentFile[]>([]);
  saveState = $state<SaveState>("none");
  saveError = $state<string | null>(null);
  notice = $state<Notice | null>(null);
  dialog = $state<DialogId>("none");
  /** The question the confirmation dialog asks, if any. */
  confirmation = $state<Confirmation | null>(null);
  /** Bumped on each navigation so the screen heading can take focus. */
  navCount = $state(0);

  private lastAction = { key: "", at: 0 };

  /** Contract name shown in the header. */
  get contractLabel(): string | null {
    return this.contractName ?? this.fileName;
  }

  applySession(s: SessionInfo): void {
    this.file = s.file;
    this.fileName = s.file_name;
    this.contractName = s.contract_name;
    this.readOnly = s.read_only;
    this.readOnlyReason = s.read_only_reason;
    this.recents = s.recents;
    this.revision++;
    this.saveState = s.file && !s.read_only ? "saved" : "none";
    this.saveError = null;
    if (s.notices.length) this.notice = { kind: "info", text: s.notices.join(" ") };
    if (s.startup_error) this.notice = { kind: "error", text: s.startup_error.message };
  }

  async load(): Promise<void> {
    try {
      this.applySession(await call("session"));
      if (this.file) this.go("tableau");
    } catch (e) {
      this.fail(e);
    }
  }

  go(screen: ScreenId): void {
    this.screen = screen;
    this.navCount++;
  }

  fail(e: unknown): void {
    const err = e instanceof IpcError ? e : toIpcError(e);
    this.notice = { kind: "error", text: err.message };
  }

  /**
   * Runs a command that writes to the contract, driving the save indicator; `undefined` when it
   * failed. The error goes to `onError` when given (a cell shows it beside the value), else to
   * the notice bar.
   */
  async write<T>(
    op: () => Promise<T>,
    { onError }: { onError?: (err: IpcError) => void } = {},
  ): Promise<T | undefined> {
    this.saveState = "saving";
    try {
      const out = await op();
      this.saveState = "saved";
      this.saveError = null;
      this.revision++;
      return out;
    } catch (e) {
      const err = toIpcError(e);
      this.saveState = "error";
      this.saveError = err.message;
      if (onError) onError(err);
      else this.notice = { kind: "error", text: err.message };
      return undefined;
    }
  }

  /** Asks `c` in the confirmation dialog; `c.run` runs if the user confirms. */
  confirm(c: Confirmation): void {
    this.confirmation = c;
  }

  /** Runs a command that opens, closes or restores the contract, then says `done` if given. */
  async switchTo(op: () => Promise<SessionInfo>, done?: string): Promise<void> {
    const session = await this.read(op);
    if (!session) return;
    this.applySession(session);
    if (done) this.notice = { kind: "info", text: done };
  }

  /** Runs a command that only reads; `undefined` when it failed (the notice bar says why). */
  async read<T>(op: () => Promise<T>): Promise<T | undefined> {
    try {
      return await op();
    } catch (e) {
      this.fail(e);
      return undefined;
    }
  }

  async openPath(path: string, readOnly = false): Promise<void> {
    try {
      this.notice = null;
      this.applySession(await call("open_contract", { path, readOnly }));
      this.go("tableau");
    } catch (e) {
      this.fail(e);
    }
  }

  /**
   * Runs an action. The same action arriving twice within 400 ms (a native
   * menu accelerator and the page's key handler both firing) runs once.
   */
  async run(action: AppAction): Promise<void> {
    const key = JSON.stringify(action);
    const now = Date.now();
    if (key === this.lastAction.key && now - this.lastAction.at < 400) return;
    this.lastAction = { key, at: now };
    try {
      switch (action.kind) {
        case "go":
          this.go(action.screen);
          break;
        case "report":
          this.go("rapports");
          break;
        case "shortcuts":
        case "about":
          this.dialog = action.kind;
          break;
        case "new":
          this.dialog = "wizard";
          break;
        case "open":
        case "open-read-only": {
          const path = await openDialog({
            title:
              action.kind === "open" ? "Ouvrir un contrat" : "Ouvrir un contrat en lecture seule",
            multiple: false,
            directory: false,
            filters: CONTRACT_FILTERS,
          });
          if (typeof path === "string") await this.openPath(path, action.kind !== "open");
          break;
        }
        case "open-recent":
          await this.openPath(action.path);
          break;
        case "demo":
          this.applySession(await call("open_demo"));
          this.go("tableau");
          break;
        case "save-copy": {
          if (!this.file) {
            this.notice = {
              kind: "info",
              text: "Ouvrez d'abord un contrat pour en faire une copie.",
            };
            break;
          }
          const dest = await saveDialog({
            title: "Sauvegarder une copie",
            defaultPath: `copie-${this.fileName ?? "contrat.copil"}`,
            filters: CONTRACT_FILTERS,
          });
          if (dest) {
            await call("save_copy", { path: dest });
            this.notice = { kind: "info", text: "La copie a été enregistrée." };
          }
          break;
        }
        case "close":
          this.applySession(await call("close_contract"));
          this.go("accueil");
          break;
      }
    } catch (e) {
      this.fail(e);
    }
  }
}

/** The single store of the shell. */
export const app = new AppStore();
