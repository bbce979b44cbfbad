import { describe, expect, it } from "vitest";
import type { Action } from "./bindings/Action";
import { NEW_ACTION } from "./actions.svelte";
import { filterActions, NO_FILTER } from "./filters";
import { todayIso } from "./format";

function action(id: number, over: Partial<Action> = {}): Action {
  return { ...NEW_ACTION, id, title: `Action ${id}`, status: "running", ...over };
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

it("formats today as ISO", () => {
  expect(todayIso(new Date(2026, 10, 8))).toBe("2026-11-08");
});

it("finds « femmes-hommes » when searching « femmes hommes », as the core folds", () => {
  const a = action(9, { title: "Égalité femmes-hommes : ateliers" });
  expect(filterActions([a], { ...NO_FILTER, text: "femmes hommes" })).toEqual([a]);
  expect(filterActions([a], { ...NO_FILTER, text: "EGALITE" })).toEqual([a]);
});
