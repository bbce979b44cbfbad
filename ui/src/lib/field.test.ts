import { beforeEach, describe, expect, it, vi } from "vitest";
import type { CoopImportView } from "./bindings/CoopImportView";
import type { PlaceUse } from "./bindings/PlaceUse";

const invoke = vi.fn();
vi.mock("@tauri-apps/api/core", () => ({ invoke }));
vi.mock("@tauri-apps/plugin-dialog", () => ({ open: vi.fn(), save: vi.fn() }));

const { CoopImport, chosenLinks, measureOf, scoreWidth, unmappedPlaces } =
  await import("./field.svelte");

const place = (place: string, action_id: number | null): PlaceUse => ({
  place,
  label: place || "(sans lieu)",
  accompaniments: 3,
  action_id,
  action: action_id === null ? "" : `Action ${action_id}`,
});

describe("the Coop import's places", () => {
  it("lists the places no action receives", () => {
    const places = [place("Médiathèque", 4), place("", null), place("Cité 12", null)];
    expect(unmappedPlaces(places).map((p) => p.label)).toEqual(["(sans lieu)", "Cité 12"]);
  });

  it("sends only the places whose action was chosen", () => {
    expect(chosenLinks({ "": 7, "Cité 12": null, Médiathèque: 4 })).toEqual([
      { place: "", action_id: 7 },
      { place: "Médiathèque", action_id: 4 },
    ]);
  });
});

describe("the core's figures", () => {
  it("finds a measure's figure, none when absent", () => {
    const figures = [
      { measure: "heures" as const, value: 12.5, base: null },
      { measure: "part_qpv" as const, value: 40, base: 120 },
    ];
    expect(measureOf(figures, "part_qpv")).toEqual({ measure: "part_qpv", value: 40, base: 120 });
    expect(measureOf(figures, "ateliers")).toBeNull();
    expect(measureOf(undefined, "heures")).toBeNull();
  });
});

describe("the diagnostic's bars", () => {
  it("places a score on the 1–10 scale, as the report's bars", () => {
    expect(scoreWidth(1)).toBe(0);
    expect(scoreWidth(10)).toBe(100);
    expect(scoreWidth(5.5)).toBe(50);
    expect(scoreWidth(null)).toBe(0);
    expect(scoreWidth(11)).toBe(100);
    expect(scoreWidth(Number.NaN)).toBe(0);
  });
});

/** A dry run's answer: `places`, and a problem while one has no action. */
function view(places: PlaceUse[], applied = false): CoopImportView {
  const problems = places
    .filter((p) => p.action_id === null)
    .map((p) => ({
      sheet: "Activités",
      row: 0,
      column: "Nom du lieu",
      message: `« ${p.label} » n'est associé à aucune action`,
      text: `Activités, colonne Nom du lieu : « ${p.label} » n'est associé à aucune action`,
    }));
  return {
    report: {
      file: "coop.xlsx",
      kind: "export",
      source: "La Coop de la médiation numérique, export du 10/11/2026",
      exported_on: "2026-11-10",
      rows: 6,
      bilans: [],
      mapping: [],
      places,
      out_of_period: [],
      out_of_period_count: 0,
      problems,
      warnings: [],
      applied,
      backup: null,
    },
    measures: [],
  };
}

describe("the Coop import flow", () => {
  beforeEach(() => invoke.mockReset());

  it("offers a select per unmapped place, sends the choices, imports only once all are placed", async () => {
    const flow = new CoopImport();
    invoke.mockResolvedValueOnce(view([place("Cité 12", null), place("Médiathèque", 4)]));
    await flow.preview("/tmp/coop.xlsx");
    expect(flow.open).toBe(true);
    expect(Object.keys(flow.choices)).toEqual(["Cité 12"]);
    expect(flow.ready).toBe(false);

    flow.choices["Cité 12"] = 9;
    invoke.mockResolvedValueOnce(view([place("Cité 12", 9), place("Médiathèque", 4)]));
    await flow.changed();
    expect(invoke).toHaveBeenLastCalledWith("coop_import", {
      path: "/tmp/coop.xlsx",
      actionId: null,
      places: [{ place: "Cité 12", action_id: 9 }],
      skipOutOfPeriod: false,
      dryRun: true,
    });
    expect(flow.ready).toBe(true);

    invoke.mockResolvedValueOnce(view([place("Cité 12", 9), place("Médiathèque", 4)], true));
    expect(await flow.confirm()).toBe(true);
    expect(invoke.mock.lastCall?.[1]).toMatchObject({ dryRun: false });
    expect(flow.ready).toBe(false);
  });

  it("closes on a refused file and says why", async () => {
    const flow = new CoopImport();
    invoke.mockRejectedValueOnce({
      code: "spreadsheet",
      message: "coop.xlsx : en-tête « ID CRA » introuvable.",
      issues: [],
    });
    await flow.preview("/tmp/coop.xlsx");
    expect(flow.open).toBe(false);
  });
});
