import { describe, expect, it } from "vitest";
import { planTotals, problemLine, toReport } from "./exchange";

describe("problemLine", () => {
  it("says sheet, row, column and message", () => {
    expect(
      problemLine({ sheet: "Actions", row: 4, column: "Statut", message: "Statut inconnu." }),
    ).toBe("Actions, ligne 4, colonne « Statut » : Statut inconnu.");
    expect(
      problemLine({ sheet: "Financements", row: 0, column: "", message: "Feuille vide." }),
    ).toBe("Financements : Feuille vide.");
  });
});

describe("reports", () => {
  it("totals the sheets", () => {
    const t = planTotals([
      { sheet: "A", created: 1, updated: 2, unchanged: 3 },
      { sheet: "B", created: 4, updated: 0, unchanged: 1 },
    ]);
    expect([t.created, t.updated, t.unchanged]).toEqual([5, 2, 4]);
  });

  it("reads both shapes of import results", () => {
    const pair = toReport([{ sheet: "QPV", created: 2, updated: 0, unchanged: 1 }, []]);
    expect(pair.sheets).toHaveLength(1);
    expect(pair.problems).toEqual([]);
    const full = toReport({
      sheets: [],
      problems: [{ sheet: "x", row: 2, column: "", message: "m" }],
      applied: true,
    });
    expect(full.applied).toBe(true);
    expect(full.warnings).toEqual([]);
  });
});
