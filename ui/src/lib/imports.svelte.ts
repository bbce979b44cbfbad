// An import through the ImportDialog: the dry run shown first, then the real import once
// confirmed. Workbooks and the official QPV list go through the same steps.
import { open as openDialog } from "@tauri-apps/plugin-dialog";
import { app } from "./app.svelte";
import type { ImportReport } from "./bindings/ImportReport";

/** Runs the import of the file chosen, for real or as a dry run. */
export type ImportRun = (dryRun: boolean) => Promise<ImportReport>;

/** The state of the ImportDialog. */
export class ImportFlow {
  open = $state(false);
  file = $state("");
  report = $state<ImportReport | null>(null);
  busy = $state(false);
  private run: ImportRun | null = null;

  /** Asks which file to import (`title`, `filters` of the file dialog), then shows its dry run. */
  async choose(
    title: string,
    filters: { name: string; extensions: string[] }[],
    run: (path: string, dryRun: boolean) => Promise<ImportReport>,
  ): Promise<void> {
    const path = await openDialog({ title, multiple: false, directory: false, filters });
    if (typeof path === "string") await this.preview(path, (dryRun) => run(path, dryRun));
  }

  /** Opens the dialog on the dry run of importing `file`. */
  async preview(file: string, run: ImportRun): Promise<void> {
    this.file = file;
    this.run = run;
    this.report = null;
    this.busy = true;
    this.open = true;
    try {
      this.report = await run(true);
    } catch (e) {
      this.open = false;
      app.fail(e);
    } finally {
      this.busy = false;
    }
  }

  /** Imports for real; whether the import was recorded. */
  async confirm(): Promise<boolean> {
    const run = this.run;
    if (!run) return false;
    this.busy = true;
    const done = await app.write(() => run(false));
    this.busy = false;
    if (!done) return false;
    this.report = { ...done, applied: done.problems.length === 0 };
    return this.report.applied;
  }
}
