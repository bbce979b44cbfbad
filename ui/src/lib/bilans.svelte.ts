// The Bilans screen's state: the collection round of a year (its due date, each bilan's state
// and the reporting rate as the core judges them), the filter « en retard seulement », and one
// action's bilan open as a grid to type the values received on paper. Every figure and state
// comes from the core (`bilan_round_status`); the grid is saved in one `bilan_replace`.
import { app } from "./app.svelte";
import type { BatchImport } from "./bindings/BatchImport";
import type { BilanReplaced } from "./bindings/BilanReplaced";
import type { BilanStatus } from "./bindings/BilanStatus";
import type { CollectionRound } from "./bindings/CollectionRound";
import type { ExpectedValue } from "./bindings/ExpectedValue";
import type { Measurement } from "./bindings/Measurement";
import type { Reminder } from "./bindings/Reminder";
import type { RoundStatus } from "./bindings/RoundStatus";
import { todayIso } from "./format";
import { call, type IpcError } from "./ipc";
import { cellText, NOT_A_NUMBER } from "./measurements.svelte";
import { parseNumber } from "./parse";

/** Said when the due date is left empty. */
export const DUE_DATE_MISSING = "Indiquez la date limite de retour des bilans.";
/** Said when the grid is saved while a cell is wrong. */
export const FIX_CELLS_FIRST = "Corrigez les valeurs signalées avant d'enregistrer le bilan.";

/** One porteur and its bilans, as the list shows them. */
export interface PorteurBilans {
  /** The porteur's name, empty when the actions have none. */
  porteur: string;
  bilans: BilanStatus[];
}

/** The bilans grouped by porteur, in the core's order (by porteur, then action). */
export function byPorteur(bilans: readonly BilanStatus[]): PorteurBilans[] {
  const out: PorteurBilans[] = [];
  for (const b of bilans) {
    const last = out[out.length - 1];
    if (last && last.porteur === b.porteur) last.bilans.push(b);
    else out.push({ porteur: b.porteur, bilans: [b] });
  }
  return out;
}

/** The reminders put one after the other, as pasted into a message (each to its porteur). */
export function reminderText(reminders: readonly Reminder[]): string {
  return reminders
    .map((r) => `À : ${r.porteur || "porteur non renseigné"}\n${r.subject}\n\n${r.body.trim()}`)
    .join("\n\n----------\n\n");
}

/** The text of an error from the core: its findings when it has some, else its message. */
function errorText(err: IpcError): string {
  return err.issues.length ? err.issues.map((i) => i.message).join(" ") : err.message;
}

/** The round of one year and where its bilans stand. */
export class BilanRound {
  year = $state<number | null>(null);
  /** The round, null when none was opened for the year. */
  round = $state<CollectionRound | null>(null);
  /** Each bilan's state and the reporting rate, as the core judges them today. */
  status = $state<RoundStatus | null>(null);
  /** The filter « en retard seulement ». */
  lateOnly = $state(false);
  /** The due date in its field (ISO). */
  due = $state("");
  dueError = $state<string | null>(null);

  /** The bilans the list shows, grouped by porteur. */
  get shown(): PorteurBilans[] {
    const all = this.status?.bilans ?? [];
    return byPorteur(this.lateOnly ? all.filter((b) => b.state === "late") : all);
  }

  /** Shows the round of `year`. */
  async load(year: number): Promise<void> {
    this.year = year;
    this.dueError = null;
    await this.reload();
    this.due = this.round?.due_date ?? "";
  }

  /** Reads the round and its status again (after a change). */
  async reload(): Promise<void> {
    const year = this.year;
    if (year === null) return;
    const [round, status] = await Promise.all([
      call("bilan_round_get", { year }),
      call("bilan_round_status", { year }),
    ]);
    this.round = round;
    this.status = status;
  }

  /** Opens the round with the due date typed, or moves the due date of the open one. */
  async saveDue(): Promise<boolean> {
    const year = this.year;
    if (year === null) return false;
    if (!this.due) {
      this.dueError = DUE_DATE_MISSING;
      return false;
    }
    const r = this.round;
    const value: CollectionRound = {
      id: r?.id ?? 0,
      year,
      due_date: this.due,
      comment: r?.comment ?? "",
      receipts: r ? $state.snapshot(r.receipts) : [],
    };
    const saved = await app.write(() => call("bilan_round_save", { value }), {
      onError: (err) => (this.dueError = errorText(err)),
    });
    if (!saved) return false;
    this.dueError = null;
    await this.reload();
    return true;
  }

  /** Deletes the round (the values received stay). */
  async remove(): Promise<void> {
    const r = this.round;
    if (!r) return;
    if ((await app.write(() => call("bilan_round_delete", { id: r.id }))) === undefined) return;
    await this.reload();
    this.due = "";
  }

  /** Marks an action's bilan received on `on` (ISO), or takes the mark back (null). */
  async markReceived(actionId: number, on: string | null): Promise<boolean> {
    const year = this.year;
    if (year === null) return false;
    const saved = await app.write(() =>
      call("bilan_mark_received", { year, actionId, receivedOn: on }),
    );
    if (!saved) return false;
    await this.reload();
    return true;
  }

  /** The reminders of the late porteurs as one text; null when nobody is late. */
  async reminders(): Promise<{ text: string; porteurs: number } | null> {
    const year = this.year;
    if (year === null) return null;
    const list = await call("bilan_reminders", { year });
    return list.length ? { text: reminderText(list), porteurs: list.length } : null;
  }
}

/** One expected value of the bilan grid, as typed. */
export interface SheetRow {
  /** `<indicator>-<QPV or "">`: the key of its errors. */
  key: string;
  expected: ExpectedValue;
  value: string;
  /** Base of a percentage (« sur … personnes »). */
  base: string;
}

/** The key of an expected value's row. */
export function rowKey(v: { indicator_id: number; district_id: number | null }): string {
  return `${v.indicator_id}-${v.district_id ?? ""}`;
}

/** One action's bilan of a year, open as a grid to type the values received on paper. */
export class BilanSheet {
  bilan = $state<BilanStatus | null>(null);
  year = $state(0);
  rows = $state<SheetRow[]>([]);
  /** French error per row key, beside its cell. */
  errors = $state<Record<string, string>>({});
  /** Why the whole bilan was refused. */
  error = $state<string | null>(null);
  /** The day the bilan is marked received (ISO). */
  receivedOn = $state(todayIso());
  /** The action's values of the year as recorded. */
  private recorded: Measurement[] = [];

  /** Opens an action's bilan: its expected values, with what was already received. */
  async open(bilan: BilanStatus, year: number): Promise<void> {
    this.recorded = await call("bilan_values", { actionId: bilan.action_id, year });
    this.bilan = bilan;
    this.year = year;
    this.errors = {};
    this.error = null;
    this.receivedOn = bilan.received_on ?? todayIso();
    this.rows = bilan.values.map((v) => ({
      key: rowKey(v),
      expected: v,
      value: cellText(v.value),
      base: cellText(v.base),
    }));
  }

  /** Follows the bilan's new state after a reload (the rows typed stay as they are). */
  follow(status: RoundStatus | null): void {
    const id = this.bilan?.action_id;
    this.bilan = status?.bilans.find((b) => b.action_id === id) ?? null;
  }

  close(): void {
    this.bilan = null;
    this.rows = [];
  }

  /** Whether a row is a percentage, which gives its base. */
  static isPercent(row: SheetRow): boolean {
    return row.expected.unit === "percent";
  }

  private existing(row: SheetRow): Measurement | undefined {
    return this.recorded.find(
      (m) =>
        m.indicator_id === row.expected.indicator_id && m.district_id === row.expected.district_id,
    );
  }

  /** The value a row describes, null when its cell is empty, or why its text is not a number. */
  private measurement(row: SheetRow): Measurement | null | { error: string } {
    if (row.value.trim() === "") return null;
    const value = parseNumber(row.value);
    const base = row.base.trim() === "" ? null : parseNumber(row.base);
    if (value === null || (row.base.trim() !== "" && base === null)) return { error: NOT_A_NUMBER };
    const old = this.existing(row);
    const same = old && old.value === value && old.base === base;
    return {
      id: old?.id ?? 0,
      indicator_id: row.expected.indicator_id,
      year: this.year,
      date: null,
      district_id: row.expected.district_id,
      action_id: row.expected.action_id,
      value,
      base,
      source: old?.source ?? "",
      comment: old?.comment ?? "",
      received_on: same ? old.received_on : todayIso(),
    };
  }

  /** Checks one row as its cell is left: the core's findings beside it. */
  async check(row: SheetRow): Promise<void> {
    const m = this.measurement(row);
    if (m === null) {
      delete this.errors[row.key];
      return;
    }
    if ("error" in m) {
      this.errors[row.key] = m.error;
      return;
    }
    const issues = await app.read(() => call("measurement_validate", { value: m }));
    const blocking = (issues ?? []).filter((i) => i.severity === "error");
    if (blocking.length) this.errors[row.key] = blocking.map((i) => i.message).join(" ");
    else delete this.errors[row.key];
  }

  /** Saves the grid as the action's bilan of the year (one transaction); what changed. */
  async save(): Promise<BilanReplaced | undefined> {
    const bilan = this.bilan;
    if (!bilan) return undefined;
    for (const row of this.rows) await this.check(row);
    if (Object.keys(this.errors).length > 0) {
      this.error = FIX_CELLS_FIRST;
      return undefined;
    }
    const values = this.rows
      .map((r) => this.measurement(r))
      .filter((m): m is Measurement => m !== null && !("error" in m));
    // Values of the action that no row expects any more are kept as they are.
    const expected = new Set(this.rows.map((r) => r.key));
    values.push(...this.recorded.filter((m) => !expected.has(rowKey(m))));
    const done = await app.write(
      () => call("bilan_replace", { actionId: bilan.action_id, year: this.year, values }),
      { onError: (err) => (this.error = errorText(err)) },
    );
    if (!done) return undefined;
    this.error = null;
    this.recorded = await call("bilan_values", { actionId: bilan.action_id, year: this.year });
    return done;
  }
}

/** Whether the core would import a workbook of a batch (read, and no blocking problem). */
export function importable(w: BatchImport["workbooks"][number]): boolean {
  return w.error === null && !!w.report && w.report.problems.length === 0;
}

/** The import of the porteurs' returned workbooks: the dry run shown first, then the real one. */
export class BilanImport {
  open = $state(false);
  paths = $state<string[]>([]);
  /** The dry run, then what the import did. */
  result = $state<BatchImport | null>(null);
  busy = $state(false);

  /** Whether at least one workbook would be imported (each one is all or nothing). */
  get ready(): boolean {
    return !!this.result && !this.result.applied && this.result.workbooks.some(importable);
  }

  /** Opens the dialog on the dry run of importing `paths`. */
  async preview(paths: string[]): Promise<void> {
    this.paths = paths;
    this.result = null;
    this.busy = true;
    this.open = true;
    try {
      this.result = await call("bilan_import", { paths, dryRun: true });
    } catch (e) {
      this.open = false;
      app.fail(e);
    } finally {
      this.busy = false;
    }
  }

  /** Imports for real; whether anything was recorded. */
  async confirm(): Promise<boolean> {
    const paths = $state.snapshot(this.paths);
    this.busy = true;
    const done = await app.write(() => call("bilan_import", { paths, dryRun: false }));
    this.busy = false;
    if (!done) return false;
    this.result = done;
    return done.applied;
  }
}
