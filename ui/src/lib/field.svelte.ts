// The field's own data in the app: La Coop's export previewed then imported (each place of the
// export sent to an action chosen once, kept in the file), La MedNum's IFN files previewed then
// imported, and the bars of the diagnostic. Every figure comes from the core (`coop_import`,
// `ifn_import`, `diagnostic`): nothing is counted here.
import { open as openDialog } from "@tauri-apps/plugin-dialog";
import { app } from "./app.svelte";
import type { CoopImportView } from "./bindings/CoopImportView";
import type { CoopMeasure } from "./bindings/CoopMeasure";
import type { CoopMeasureFigure } from "./bindings/CoopMeasureFigure";
import type { IfnImportReport } from "./bindings/IfnImportReport";
import type { PlaceLink } from "./bindings/PlaceLink";
import type { PlaceUse } from "./bindings/PlaceUse";
import { call, toIpcError } from "./ipc";

/** The files of La Coop the dialog offers. */
export const COOP_FILTERS = [
  {
    name: "Export de La Coop (XLSX) ou Statistiques conseiller numérique (CSV)",
    extensions: ["xlsx", "csv"],
  },
];
/** La MedNum's files. */
export const IFN_FILTERS = [{ name: "Indice de fragilité numérique (CSV)", extensions: ["csv"] }];

/** A path the end-to-end tests give instead of the native dialog (unset in normal use). */
export const e2ePath = (kind: string): Promise<string | null> =>
  call("e2e_save_path", { kind }).catch(() => null);

/** Asks for one file (or takes the test hook's `kind`); null when the user cancelled. */
export async function chooseFile(
  kind: string,
  title: string,
  filters: { name: string; extensions: string[] }[],
): Promise<string | null> {
  const hook = await e2ePath(kind);
  if (hook) return hook;
  const picked = await openDialog({ title, multiple: false, directory: false, filters });
  return typeof picked === "string" ? picked : null;
}

/** The places of the export that no action receives yet. */
export function unmappedPlaces(places: readonly PlaceUse[]): PlaceUse[] {
  return places.filter((p) => p.action_id === null);
}

/** The links the user chose (places left on « choisir » are not sent). */
export function chosenLinks(choices: Record<string, number | null>): PlaceLink[] {
  return Object.entries(choices)
    .filter((e): e is [string, number] => e[1] !== null)
    .map(([place, action_id]) => ({ place, action_id }));
}

/** The core's figure of one measure in a bilan's list. */
export function measureOf(
  figures: readonly CoopMeasureFigure[] | undefined,
  measure: CoopMeasure,
): CoopMeasureFigure | null {
  return figures?.find((f) => f.measure === measure) ?? null;
}

/** Where a score falls on the 1–10 scale of the IFN, in % of the bar's length (as the report's bars). */
export function scoreWidth(score: number | null): number {
  if (score === null || !Number.isFinite(score)) return 0;
  return Math.min(Math.max(((score - 1) / 9) * 100, 0), 100);
}

/** The Coop import: the dry run shown, a select per unmapped place, then the real import. */
export class CoopImport {
  open = $state(false);
  path = $state("");
  view = $state<CoopImportView | null>(null);
  busy = $state(false);
  /** Every action receives everything (null: each place's action). */
  actionId = $state<number | null>(null);
  /** The action chosen for each place no action receives yet (null: not chosen). */
  choices = $state<Record<string, number | null>>({});
  skipOutOfPeriod = $state(false);
  /** Whether the preview shown is the one of the choices made (a new one runs after each). */
  fresh = $state(false);
  /** Why the last preview or import failed, shown in the dialog. */
  error = $state<string | null>(null);
  /** Dry runs started, so that only the latest one is shown. */
  private runs = 0;

  /** The places still without an action in the preview. */
  get unmapped(): PlaceUse[] {
    return unmappedPlaces(this.view?.report.places ?? []);
  }

  /** Whether the preview can be imported as it is. */
  get ready(): boolean {
    const r = this.view?.report;
    return !!r && !r.applied && this.fresh && r.problems.length === 0 && !this.busy;
  }

  /** Asks for the export and shows its dry run. */
  async choose(): Promise<void> {
    const path = await chooseFile("coop-import", "Importer un export de La Coop", COOP_FILTERS);
    if (path) await this.preview(path);
  }

  /** Opens the dialog on the dry run of importing `path`. */
  async preview(path: string): Promise<void> {
    this.path = path;
    this.view = null;
    this.actionId = null;
    this.choices = {};
    this.skipOutOfPeriod = false;
    this.open = true;
    if (!(await this.refresh())) {
      this.open = false;
      if (this.error) app.notice = { kind: "error", text: this.error };
    } else
      this.choices = Object.fromEntries(this.unmapped.map((p) => [p.place, null])) as Record<
        string,
        number | null
      >;
  }

  private run(dryRun: boolean): Promise<CoopImportView> {
    return call("coop_import", {
      path: this.path,
      actionId: this.actionId,
      places: chosenLinks($state.snapshot(this.choices)),
      skipOutOfPeriod: this.skipOutOfPeriod,
      dryRun,
    });
  }

  /** Runs the dry run again with the choices made; whether it ran (a later run wins). */
  async refresh(): Promise<boolean> {
    const run = ++this.runs;
    this.busy = true;
    this.error = null;
    try {
      const view = await this.run(true);
      if (run !== this.runs) return false;
      this.view = view;
      this.fresh = true;
      return true;
    } catch (e) {
      if (run === this.runs) this.error = toIpcError(e).message;
      return false;
    } finally {
      if (run === this.runs) this.busy = false;
    }
  }

  /** A choice changed: the preview is run again with it. */
  async changed(): Promise<void> {
    this.fresh = false;
    await this.refresh();
  }

  /** Imports for real; whether the import was recorded. */
  async confirm(): Promise<boolean> {
    if (!this.ready) return false;
    this.busy = true;
    this.error = null;
    const done = await app.write(() => this.run(false), {
      onError: (err) => (this.error = err.message),
    });
    this.busy = false;
    if (!done) return false;
    this.view = done;
    return done.report.applied;
  }
}

/** The IFN import: the files chosen, the SIREN, the indicators to feed, the dry run, the import. */
export class IfnImport {
  open = $state(false);
  city = $state("");
  epci = $state("");
  siren = $state("");
  feed = $state<number[]>([]);
  report = $state<IfnImportReport | null>(null);
  busy = $state(false);
  /** Whether the preview shown is the one of the fields as they are. */
  fresh = $state(false);
  /** Why the last preview or import failed, shown in the dialog. */
  error = $state<string | null>(null);

  /** Opens the dialog with the contract's SIREN and the indicators to feed proposed. */
  start(siren: string, feed: number[]): void {
    this.city = "";
    this.epci = "";
    this.siren = siren;
    this.feed = feed;
    this.report = null;
    this.fresh = false;
    this.error = null;
    this.open = true;
  }

  /** Asks for the commune file (`ifn-city`) or the EPCI file (`ifn-epci`). */
  async pick(which: "city" | "epci"): Promise<void> {
    const path = await chooseFile(
      `ifn-${which}`,
      which === "city"
        ? "Fichier des communes de La MedNum (ifn-city-all-variation.csv)"
        : "Fichier des EPCI de La MedNum (ifn-epci-all-variation.csv)",
      IFN_FILTERS,
    );
    if (!path) return;
    if (which === "city") this.city = path;
    else this.epci = path;
    this.changed();
  }

  /** A field changed: the preview must run again. */
  changed(): void {
    this.fresh = false;
  }

  /** Whether the preview can be imported as it is. */
  get ready(): boolean {
    const r = this.report;
    return !!r && !r.applied && this.fresh && r.problems.length === 0 && !this.busy;
  }

  private run(dryRun: boolean): Promise<IfnImportReport> {
    return call("ifn_import", {
      city: this.city,
      epci: this.epci || null,
      siren: this.siren.trim() || null,
      feed: [...this.feed],
      dryRun,
    });
  }

  /** Runs the dry run. */
  async preview(): Promise<void> {
    if (!this.city) return;
    this.busy = true;
    this.error = null;
    try {
      this.report = await this.run(true);
      this.fresh = true;
    } catch (e) {
      this.report = null;
      this.error = toIpcError(e).message;
    } finally {
      this.busy = false;
    }
  }

  /** Imports for real; whether the import was recorded. */
  async confirm(): Promise<boolean> {
    if (!this.ready) return false;
    this.busy = true;
    this.error = null;
    const done = await app.write(() => this.run(false), {
      onError: (err) => (this.error = err.message),
    });
    this.busy = false;
    if (!done) return false;
    this.report = done;
    return done.applied;
  }
}
