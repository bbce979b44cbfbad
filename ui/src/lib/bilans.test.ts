import { beforeEach, describe, expect, it, vi } from "vitest";
import type { BilanStatus } from "./bindings/BilanStatus";
import type { ExpectedValue } from "./bindings/ExpectedValue";
import type { Measurement } from "./bindings/Measurement";
import type { RoundStatus } from "./bindings/RoundStatus";

const invoke = vi.fn();
vi.mock("@tauri-apps/api/core", () => ({ invoke }));
vi.mock("@tauri-apps/plugin-dialog", () => ({ open: vi.fn(), save: vi.fn() }));

const { app } = await import("./app.svelte");
const { NOT_A_NUMBER } = await import("./measurements.svelte");
const {
  BilanImport,
  BilanRound,
  BilanSheet,
  DUE_DATE_MISSING,
  FIX_CELLS_FIRST,
  byPorteur,
  reminderText,
} = await import("./bilans.svelte");

function expected(over: Partial<ExpectedValue>): ExpectedValue {
  return {
    action_id: 4,
    indicator_id: 5,
    indicator: "Personnes uniques accompagnées",
    unit: "persons",
    district_id: null,
    district_code: "",
    year: 2026,
    measurement_id: null,
    value: null,
    base: null,
    received_on: null,
    previous_value: null,
    ...over,
  };
}

function bilan(over: Partial<BilanStatus>): BilanStatus {
  return {
    action_id: 4,
    action: "Accès aux droits en ligne",
    porteur_id: 2,
    porteur: "Centre social Jean-Jaurès",
    state: "late",
    received_on: null,
    marked_received: false,
    on_time: false,
    values_expected: 2,
    values_received: 1,
    values: [],
    ...over,
  };
}

function measurement(over: Partial<Measurement>): Measurement {
  return {
    id: 30,
    indicator_id: 5,
    year: 2026,
    date: null,
    district_id: null,
    action_id: 4,
    value: 120,
    base: null,
    source: "Bilan papier",
    comment: "",
    received_on: "2026-11-02",
    ...over,
  };
}

const bilans: BilanStatus[] = [
  bilan({ action_id: 1, porteur: "Association A", state: "received" }),
  bilan({ action_id: 2, porteur: "Association A", state: "late" }),
  bilan({ action_id: 3, porteur: "Médiathèque", state: "partial" }),
];

const status = {
  round: { id: 7, year: 2026, due_date: "2026-11-13", comment: "", receipts: [] },
  today: "2026-12-02",
  bilans,
  rate: {
    year: 2026,
    due_date: "2026-11-13",
    expected: 3,
    received: 1,
    on_time: 1,
    partial: 1,
    late: 1,
    text: "",
  },
  actions_without_indicators: [],
} satisfies RoundStatus;

/** What the core answers, by command. */
function core(answers: Record<string, (args: Record<string, unknown>) => unknown>) {
  invoke.mockImplementation((name: string, args: Record<string, unknown>) => {
    const answer = answers[name];
    if (!answer) return Promise.reject(new Error(`unexpected ${name}`));
    try {
      return Promise.resolve(answer(args));
    } catch (e) {
      return Promise.reject(e);
    }
  });
}

beforeEach(() => {
  invoke.mockReset();
  app.notice = null;
});

describe("the round's list", () => {
  it("groups the core's bilans by porteur in its order, and filters the late ones", async () => {
    expect(byPorteur(bilans).map((g) => [g.porteur, g.bilans.length])).toEqual([
      ["Association A", 2],
      ["Médiathèque", 1],
    ]);
    core({ bilan_round_get: () => status.round, bilan_round_status: () => status });
    const round = new BilanRound();
    await round.load(2026);
    expect(round.due).toBe("2026-11-13");
    expect(round.shown.flatMap((g) => g.bilans.map((b) => b.action_id))).toEqual([1, 2, 3]);
    round.lateOnly = true;
    expect(round.shown.map((g) => [g.porteur, g.bilans.map((b) => b.action_id)])).toEqual([
      ["Association A", [2]],
    ]);
  });

  it("asks for a due date before opening a round, then opens it through the core", async () => {
    core({
      bilan_round_get: () => null,
      bilan_round_status: () => null,
      bilan_round_save: () => ({ id: 9, warnings: [] }),
    });
    const round = new BilanRound();
    await round.load(2027);
    expect(round.round).toBeNull();
    invoke.mockClear();
    expect(await round.saveDue()).toBe(false);
    expect(round.dueError).toBe(DUE_DATE_MISSING);
    expect(invoke).not.toHaveBeenCalled();
    round.due = "2028-01-31";
    expect(await round.saveDue()).toBe(true);
    expect(invoke).toHaveBeenCalledWith("bilan_round_save", {
      value: { id: 0, year: 2027, due_date: "2028-01-31", comment: "", receipts: [] },
    });
    expect(round.dueError).toBeNull();
  });

  it("marks a bilan received on a day, or takes the mark back", async () => {
    core({
      bilan_round_get: () => status.round,
      bilan_round_status: () => status,
      bilan_mark_received: () => ({ id: 7, warnings: [] }),
    });
    const round = new BilanRound();
    await round.load(2026);
    await round.markReceived(2, "2026-12-01");
    expect(invoke).toHaveBeenCalledWith("bilan_mark_received", {
      year: 2026,
      actionId: 2,
      receivedOn: "2026-12-01",
    });
    await round.markReceived(2, null);
    expect(invoke).toHaveBeenCalledWith("bilan_mark_received", {
      year: 2026,
      actionId: 2,
      receivedOn: null,
    });
  });

  it("puts the core's reminders one after the other, each to its porteur", async () => {
    const text = reminderText([
      {
        porteur_id: 1,
        porteur: "Association A",
        actions: 1,
        subject: "Objet : relance",
        body: "Bonjour,\n",
      },
      { porteur_id: null, porteur: "", actions: 1, subject: "Objet : relance", body: "Bonjour." },
    ]);
    expect(text).toBe(
      "À : Association A\nObjet : relance\n\nBonjour,\n\n----------\n\nÀ : porteur non renseigné\nObjet : relance\n\nBonjour.",
    );
    core({ bilan_reminders: () => [] });
    const round = new BilanRound();
    round.year = 2026;
    expect(await round.reminders()).toBeNull();
  });
});

describe("BilanSheet", () => {
  const rows = [
    expected({ measurement_id: 30, value: 120, received_on: "2026-11-02" }),
    expected({ indicator_id: 6, indicator: "Part des usagers autonomes", unit: "percent" }),
  ];
  const late = bilan({ values: rows });
  const recorded = [
    measurement({}),
    // A value of the action no row expects any more: kept as it is.
    measurement({ id: 31, indicator_id: 9, value: 3 }),
  ];

  it("opens the expected values with what was received, and refuses a text that is not a number", async () => {
    core({ bilan_values: () => recorded, measurement_validate: () => [] });
    const sheet = new BilanSheet();
    await sheet.open(late, 2026);
    expect(sheet.rows.map((r) => [r.key, r.value, r.base])).toEqual([
      ["5-", "120", ""],
      ["6-", "", ""],
    ]);
    expect(BilanSheet.isPercent(sheet.rows[1]!)).toBe(true);
    sheet.rows[1]!.value = "beaucoup";
    await sheet.check(sheet.rows[1]!);
    expect(sheet.errors["6-"]).toBe(NOT_A_NUMBER);
    expect(await sheet.save()).toBeUndefined();
    expect(sheet.error).toBe(FIX_CELLS_FIRST);
    expect(invoke).not.toHaveBeenCalledWith("bilan_replace", expect.anything());
  });

  it("shows the core's findings beside the cell", async () => {
    core({
      bilan_values: () => recorded,
      measurement_validate: () => [
        {
          field: "value",
          severity: "error",
          message: "Un pourcentage est compris entre 0 et 100.",
        },
      ],
    });
    const sheet = new BilanSheet();
    await sheet.open(late, 2026);
    sheet.rows[1]!.value = "140";
    await sheet.check(sheet.rows[1]!);
    expect(sheet.errors["6-"]).toBe("Un pourcentage est compris entre 0 et 100.");
  });

  it("saves the grid as the action's bilan in one call, keeping what did not change", async () => {
    core({
      bilan_values: () => recorded,
      measurement_validate: () => [],
      bilan_replace: () => ({ created: 1, updated: 0, deleted: 0, unchanged: 2 }),
    });
    const sheet = new BilanSheet();
    await sheet.open(late, 2026);
    sheet.rows[1]!.value = "62,5";
    sheet.rows[1]!.base = "80";
    const done = await sheet.save();
    expect(done?.created).toBe(1);
    const call = invoke.mock.calls.find(([name]) => name === "bilan_replace");
    const args = call?.[1] as { actionId: number; year: number; values: Measurement[] };
    expect([args.actionId, args.year]).toEqual([4, 2026]);
    expect(args.values.map((m) => [m.id, m.indicator_id, m.value, m.base])).toEqual([
      [30, 5, 120, null],
      [0, 6, 62.5, 80],
      [31, 9, 3, null],
    ]);
    // The value already received keeps its day and its source.
    expect(args.values[0]!.received_on).toBe("2026-11-02");
    expect(args.values[0]!.source).toBe("Bilan papier");
    expect(args.values[1]!.action_id).toBe(4);
  });

  it("shows why the core refused the whole bilan", async () => {
    core({
      bilan_values: () => recorded,
      measurement_validate: () => [],
      bilan_replace: () => {
        throw { code: "invalid", message: "Bilan refusé.", issues: [] };
      },
    });
    const sheet = new BilanSheet();
    await sheet.open(late, 2026);
    expect(await sheet.save()).toBeUndefined();
    expect(sheet.error).toBe("Bilan refusé.");
    expect(app.notice).toBeNull();
  });

  it("follows the bilan's new state after a reload", async () => {
    core({ bilan_values: () => recorded });
    const sheet = new BilanSheet();
    await sheet.open(bilans[1]!, 2026);
    sheet.follow({ ...status, bilans: [bilan({ action_id: 2, state: "received" })] });
    expect(sheet.bilan?.state).toBe("received");
  });
});

describe("BilanImport", () => {
  it("previews the workbooks, then imports those the core accepts", async () => {
    const ok = {
      path: "/tmp/a.xlsx",
      file: "a.xlsx",
      error: null,
      report: { problems: [], warnings: [], covered: [] },
    };
    const bad = { path: "/tmp/b.xlsx", file: "b.xlsx", error: "Classeur illisible.", report: null };
    core({
      bilan_import: (args) => ({
        workbooks: [ok, bad],
        applied: !args.dryRun,
        backup: null,
        rates: [],
      }),
    });
    const flow = new BilanImport();
    await flow.preview(["/tmp/a.xlsx", "/tmp/b.xlsx"]);
    expect(invoke).toHaveBeenCalledWith("bilan_import", {
      paths: ["/tmp/a.xlsx", "/tmp/b.xlsx"],
      dryRun: true,
    });
    expect(flow.ready).toBe(true);
    expect(await flow.confirm()).toBe(true);
    expect(flow.ready).toBe(false);
  });
});
