import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Indicator } from "./bindings/Indicator";
import type { Measurement } from "./bindings/Measurement";

const invoke = vi.fn();
vi.mock("@tauri-apps/api/core", () => ({ invoke }));
vi.mock("@tauri-apps/plugin-dialog", () => ({ open: vi.fn(), save: vi.fn() }));

const { app } = await import("./app.svelte");
const { NOT_A_NUMBER, ValueGrid, cellText, chartGeometry } = await import("./measurements.svelte");

const indicator: Indicator = {
  id: 5,
  name: "Personnes accompagnées",
  unit: "persons",
  direction: "higher",
  kind: "cumulative",
  baseline_value: null,
  baseline_date: null,
  source: "",
  by_district: true,
  targets: [{ year: 2026, value: 1500 }],
  objective_ids: [],
};

function value(over: Partial<Measurement>): Measurement {
  return {
    id: 1,
    indicator_id: 5,
    year: 2026,
    date: null,
    district_id: null,
    action_id: null,
    value: 1200,
    base: null,
    source: "",
    comment: "",
    received_on: null,
    ...over,
  };
}

/** The values the core holds, and what it answers. */
let stored: Measurement[] = [];
function core(refuse?: { message: string; issues: string[] }) {
  invoke.mockImplementation((name: string, args: Record<string, unknown>) => {
    if (name === "measurement_list") return Promise.resolve(stored);
    if (refuse)
      return Promise.reject({
        code: "invalid",
        message: refuse.message,
        issues: refuse.issues.map((m) => ({ field: "value", severity: "error", message: m })),
      });
    if (name === "measurement_save") {
      const m = args.value as Measurement;
      stored = [...stored.filter((x) => x.id !== m.id), { ...m, id: m.id || 99 }];
      return Promise.resolve({ id: m.id || 99, warnings: [] });
    }
    if (name === "measurement_delete") {
      stored = stored.filter((x) => x.id !== args.id);
      return Promise.resolve(null);
    }
    if (name === "indicator_set_target") return Promise.resolve({ id: 5, warnings: [] });
    return Promise.reject(new Error(`unexpected ${name}`));
  });
}

describe("ValueGrid", () => {
  const changed = vi.fn(async () => {});
  beforeEach(() => {
    invoke.mockReset();
    changed.mockClear();
    app.notice = null;
    stored = [
      value({ id: 1 }),
      value({ id: 2, district_id: 3, value: 300 }),
      value({ id: 3, action_id: 8, value: 40 }),
    ];
  });

  it("shows the chef de projet's own values, not an action's contribution", async () => {
    core();
    const grid = new ValueGrid(changed);
    await grid.show(indicator);
    expect(grid.valueOf(2026, null)?.id).toBe(1);
    expect(grid.valueOf(2026, 3)?.value).toBe(300);
    expect(grid.valueOf(2025, null)).toBeUndefined();
    expect(grid.targetOf(2026)).toBe(1500);
    expect(cellText(1234.5)).toBe("1\u202F234,5");
    expect(cellText(null)).toBe("");
  });

  it("refuses a text that is not a number without calling the core", async () => {
    core();
    const grid = new ValueGrid(changed);
    await grid.show(indicator);
    invoke.mockClear();
    await grid.editValue(2025, null, "beaucoup");
    expect(grid.errors["v-2025-"]).toBe(NOT_A_NUMBER);
    expect(invoke).not.toHaveBeenCalled();
  });

  it("saves a value read the core's way, and Ctrl+Z takes it back", async () => {
    core();
    const grid = new ValueGrid(changed);
    await grid.show(indicator);
    await grid.editValue(2025, null, "1 234,5");
    const saved = stored.find((m) => m.year === 2025);
    expect(saved?.value).toBe(1234.5);
    expect(grid.lastEdit?.label).toBe("valeur 2025");
    expect(changed).toHaveBeenCalled();
    await grid.undo();
    expect(stored.some((m) => m.year === 2025)).toBe(false);
    expect(app.notice?.text).toBe("Saisie annulée (valeur 2025).");
  });

  it("shows the core's reasons beside the cell, not in the notice bar", async () => {
    core();
    const grid = new ValueGrid(changed);
    await grid.show(indicator);
    core({ message: "Valeur refusée.", issues: ["Un nombre de personnes est un entier positif."] });
    await grid.editValue(2026, null, "12,5");
    expect(grid.errors["v-2026-"]).toBe("Un nombre de personnes est un entier positif.");
    expect(app.notice).toBeNull();
    expect(app.saveState).toBe("error");
  });

  it("sets one target through the core, and an emptied cell deletes the value", async () => {
    core();
    const grid = new ValueGrid(changed);
    await grid.show(indicator);
    await grid.editTarget(2027, "1 800");
    expect(invoke).toHaveBeenCalledWith("indicator_set_target", { id: 5, year: 2027, value: 1800 });
    await grid.editTarget(2027, "");
    expect(invoke).toHaveBeenLastCalledWith("indicator_set_target", {
      id: 5,
      year: 2027,
      value: null,
    });
    await grid.editValue(2026, 3, " ");
    expect(stored.some((m) => m.id === 2)).toBe(false);
  });
});

describe("chartGeometry", () => {
  it("scales the bars and the target line to the largest figure", () => {
    const g = chartGeometry([
      { year: 2025, target: 100, actual: 50 } as never,
      { year: 2026, target: 200, actual: null } as never,
    ]);
    expect(g.max).toBe(200);
    expect(g.y(200)).toBe(12);
    expect(g.targetPoints.split(" ")).toHaveLength(2);
  });
});
