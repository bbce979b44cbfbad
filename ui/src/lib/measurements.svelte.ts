// The Indicateurs screen's grid of targets and values for one indicator: each cell is saved as
// it is left (a target through the core's `indicator_set_target`, a value as a measurement),
// its error shown beside it, and the last value edit can be undone. Numbers are read with the
// core's rule (`parseNumber`); every figure shown comes from the core's `indicator_figures`.
import { app } from "./app.svelte";
import type { Indicator } from "./bindings/Indicator";
import type { Measurement } from "./bindings/Measurement";
import type { YearFigure } from "./bindings/YearFigure";
import { formatNumber } from "./format";
import { call, type IpcError } from "./ipc";
import { parseNumber } from "./parse";

/** The message of a cell whose text is not a number. */
export const NOT_A_NUMBER = "Saisissez un nombre, par exemple 1 234,5.";

/** A value cell: a year, and the QPV (null: the whole territory). */
export interface CellRef {
  year: number;
  district: number | null;
}

/** Key of a cell's error: `t-2025` for a target, `v-2025-` or `v-2025-3` for a value. */
export function cellKey(kind: "t" | "v", year: number, district: number | null = null): string {
  return kind === "t" ? `t-${year}` : `v-${year}-${district ?? ""}`;
}

/** How a value or a target reads in its cell: every digit up to three decimals, `""` for none. */
export function cellText(v: number | null | undefined): string {
  return v === null || v === undefined ? "" : formatNumber(v, 3);
}

/** The text of an error from the core: its findings when it has some, else its message. */
function errorText(err: IpcError): string {
  return err.issues.length ? err.issues.map((i) => i.message).join(" ") : err.message;
}

/** The cells of one indicator being edited. */
export class ValueGrid {
  indicator = $state<Indicator | null>(null);
  values = $state<Measurement[]>([]);
  /** French error per cell key. */
  errors = $state<Record<string, string>>({});
  /** The value cell last focused: its source and comment are edited under the grid. */
  focused = $state<CellRef | null>(null);
  /** Why the source or comment just typed was refused. */
  noteError = $state<{ field: "source" | "comment"; message: string } | null>(null);
  /** The last value edit, for Ctrl+Z. */
  lastEdit = $state<{ before: Measurement | null; afterId: number | null; label: string } | null>(
    null,
  );

  /** Called after each change that moves the figures (the screen reloads them). */
  private readonly changed: () => Promise<void>;

  constructor(changed: () => Promise<void>) {
    this.changed = changed;
  }

  /** Shows an indicator's cells. */
  async show(indicator: Indicator): Promise<void> {
    this.indicator = indicator;
    this.errors = {};
    await this.reload();
  }

  async reload(): Promise<void> {
    if (!this.indicator) return;
    this.values = await call("measurement_list", { indicatorId: this.indicator.id });
  }

  /** The chef de projet's own value of a cell (not an action's contribution). */
  valueOf(year: number, district: number | null): Measurement | undefined {
    return this.values.find(
      (m) =>
        m.year === year &&
        m.date === null &&
        m.action_id === null &&
        (district === null ? m.district_id === null : m.district_id === district),
    );
  }

  targetOf(year: number): number | null {
    return this.indicator?.targets.find((t) => t.year === year)?.value ?? null;
  }

  get focusedValue(): Measurement | undefined {
    return this.focused ? this.valueOf(this.focused.year, this.focused.district) : undefined;
  }

  /** Saves one value cell; an empty cell deletes the value. */
  async editValue(year: number, district: number | null, text: string): Promise<void> {
    const ind = this.indicator;
    if (!ind) return;
    const key = cellKey("v", year, district);
    const existing = this.valueOf(year, district);
    const before = existing ? { ...existing } : null;
    const label = `valeur ${year}`;
    const onError = (err: IpcError) => (this.errors[key] = errorText(err));
    if (text.trim() === "") {
      if (!existing) return;
      const ok = await app.write(() => call("measurement_delete", { id: existing.id }), {
        onError,
      });
      if (ok !== undefined) {
        this.lastEdit = { before, afterId: null, label };
        delete this.errors[key];
      }
    } else {
      const value = parseNumber(text);
      if (value === null) {
        this.errors[key] = NOT_A_NUMBER;
        return;
      }
      const m: Measurement = {
        id: existing?.id ?? 0,
        indicator_id: ind.id,
        year,
        date: null,
        district_id: district,
        action_id: null,
        value,
        base: existing?.base ?? null,
        source: existing?.source ?? "",
        comment: existing?.comment ?? "",
        received_on: existing?.received_on ?? null,
      };
      const saved = await app.write(() => call("measurement_save", { value: m }), { onError });
      if (saved) {
        delete this.errors[key];
        this.lastEdit = { before, afterId: saved.id, label };
      }
    }
    await this.reload();
    await this.changed();
  }

  /** Saves one target cell (the core sets that year's target of the indicator). */
  async editTarget(year: number, text: string): Promise<void> {
    const ind = this.indicator;
    if (!ind) return;
    const key = cellKey("t", year);
    const value = text.trim() === "" ? null : parseNumber(text);
    if (text.trim() !== "" && value === null) {
      this.errors[key] = NOT_A_NUMBER;
      return;
    }
    const saved = await app.write(() => call("indicator_set_target", { id: ind.id, year, value }), {
      onError: (err) => (this.errors[key] = err.message),
    });
    if (!saved) return;
    delete this.errors[key];
    await this.changed();
  }

  /** Saves the source or comment of the focused value. */
  async editNote(field: "source" | "comment", text: string): Promise<void> {
    const m = this.focusedValue;
    if (!m) return;
    const saved = await app.write(
      () => call("measurement_save", { value: { ...$state.snapshot(m), [field]: text } }),
      { onError: (err) => (this.noteError = { field, message: err.message }) },
    );
    if (!saved) return;
    this.noteError = null;
    await this.reload();
  }

  /** Undoes the last value edit (Ctrl+Z outside a text field). */
  async undo(): Promise<void> {
    const edit = this.lastEdit;
    if (!edit) return;
    this.lastEdit = null;
    await app.write(async () => {
      if (edit.before) {
        await call("measurement_save", { value: edit.before });
      } else if (edit.afterId !== null) {
        await call("measurement_delete", { id: edit.afterId });
      }
    });
    app.notice = { kind: "info", text: `Saisie annulée (${edit.label}).` };
    await this.reload();
    await this.changed();
  }
}

/** Width, height and margins of the chart, in its own units. */
export const CHART = { w: 560, h: 200, pad: { l: 48, r: 12, t: 12, b: 28 } } as const;

/** Where the bars and target dots of an indicator's years go on the chart. */
export function chartGeometry(years: readonly YearFigure[]) {
  const { w, h, pad } = CHART;
  const all = years.flatMap((y) => [y.target, y.actual]).filter((v): v is number => v !== null);
  const max = Math.max(1, ...all);
  const step = (w - pad.l - pad.r) / Math.max(1, years.length);
  const y = (v: number): number => pad.t + (h - pad.t - pad.b) * (1 - v / max);
  const x = (i: number): number => pad.l + step * i + step / 2;
  const targetPoints = years
    .map((f, i) => (f.target === null ? null : `${x(i)},${y(f.target)}`))
    .filter(Boolean)
    .join(" ");
  return { max, step, x, y, targetPoints };
}
