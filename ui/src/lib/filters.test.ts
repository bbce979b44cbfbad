import { describe, expect, it } from "vitest";
import type { Action } from "./bindings/Action";
import type { Decision } from "./bindings/Decision";
import type { Objective } from "./bindings/Objective";
import type { Participant } from "./bindings/Participant";
import {
  filterActions,
  isOverdue,
  NO_FILTER,
  objectiveTree,
  openDecisions,
  participantsByKind,
  todayIso,
} from "./filters";

function action(id: number, over: Partial<Action> = {}): Action {
  return {
    id,
    title: `Action ${id}`,
    description: "",
    porteur_id: null,
    status: "running",
    start_date: null,
    end_date: null,
    audience: "",
    weather: null,
    weather_comment: "",
    district_ids: [],
    objective_ids: [],
    theme_ids: [],
    reported_indicator_ids: [],
    ...over,
  };
}

describe("filterActions", () => {
  const actions = [
    action(1, {
      objective_ids: [10],
      theme_ids: [1, 2],
      porteur_id: 7,
      title: "Atelier numérique",
    }),
    action(2, { objective_ids: [11], theme_ids: [2], district_ids: [5], status: "done" }),
    action(3, { porteur_id: 8, status: "planned", title: "Médiation à l'école" }),
  ];
  const ids = (f: Partial<typeof NO_FILTER>) =>
    filterActions(actions, { ...NO_FILTER, ...f }).map((a) => a.id);

  it("keeps everything without filter", () => {
    expect(ids({})).toEqual([1, 2, 3]);
  });
  it("filters by objective, theme, QPV, porteur, status", () => {
    expect(ids({ objective: 10 })).toEqual([1]);
    expect(ids({ theme: 2 })).toEqual([1, 2]);
    expect(ids({ district: 5 })).toEqual([2]);
    expect(ids({ porteur: 8 })).toEqual([3]);
    expect(ids({ status: "done" })).toEqual([2]);
    expect(ids({ theme: 2, status: "running" })).toEqual([1]);
  });
  it("searches titles ignoring case and accents", () => {
    expect(ids({ text: "NUMERIQUE" })).toEqual([1]);
    expect(ids({ text: "mediation ecole" })).toEqual([3]);
  });
});

function decision(id: number, status: Decision["status"], due: string | null): Decision {
  return {
    id,
    meeting_id: 1,
    text: `D${id}`,
    owner: "",
    due_date: due,
    status,
    closed_on: null,
  };
}

describe("decisions", () => {
  it("lists open decisions by due date and flags overdue ones", () => {
    const ds = [
      decision(1, "todo", null),
      decision(2, "in_progress", "2026-01-15"),
      decision(3, "done", "2025-01-01"),
      decision(4, "todo", "2026-12-31"),
    ];
    expect(openDecisions(ds).map((d) => d.id)).toEqual([2, 4, 1]);
    expect(isOverdue(ds[1]!, "2026-11-28")).toBe(true);
    expect(isOverdue(ds[2]!, "2026-11-28")).toBe(false);
    expect(isOverdue(ds[3]!, "2026-11-28")).toBe(false);
    expect(isOverdue(ds[0]!, "2026-11-28")).toBe(false);
  });
  it("formats today as ISO", () => {
    expect(todayIso(new Date(2026, 10, 8))).toBe("2026-11-08");
  });
});

describe("participantsByKind", () => {
  it("counts heads by type with shares", () => {
    const p = (kind: Participant["kind"], headcount: number): Participant => ({
      actor_id: null,
      label: kind,
      kind,
      headcount: headcount,
    });
    const { rows, total } = participantsByKind([
      p("state", 2),
      p("association", 5),
      p("association", 1),
    ]);
    expect(total).toBe(8);
    expect(rows.map((r) => [r.kind, r.headcount, r.percent])).toEqual([
      ["association", 6, 75],
      ["state", 2, 25],
    ]);
    expect(participantsByKind([]).rows).toEqual([]);
  });
});

describe("objectiveTree", () => {
  it("puts children under their parent in code order", () => {
    const o = (id: number, code: string, parent: number | null): Objective => ({
      id,
      parent_id: parent,
      code,
      title: code,
      description: "",
      theme_ids: [],
    });
    const tree = objectiveTree([
      o(1, "2", null),
      o(2, "1.10", 3),
      o(3, "1", null),
      o(4, "1.2", 3),
      o(5, "9.1", 99),
    ]);
    expect(tree.map((t) => [t.objective.code, t.depth])).toEqual([
      ["1", 0],
      ["1.2", 1],
      ["1.10", 1],
      ["2", 0],
      ["9.1", 0],
    ]);
  });
});
