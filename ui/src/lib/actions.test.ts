import { describe, expect, it, vi } from "vitest";
import type { Action } from "./bindings/Action";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));
vi.mock("@tauri-apps/plugin-dialog", () => ({ open: vi.fn(), save: vi.fn() }));

const { ActionDraft, NEW_ACTION } = await import("./actions.svelte");

const action: Action = {
  ...NEW_ACTION,
  id: 3,
  title: " Permanences en pied d'immeuble ",
  porteur_id: 8,
  status: "running",
  start_date: "2025-01-06",
  weather: "amber",
  weather_comment: " Locaux à trouver ",
  district_ids: [1, 2],
  objective_ids: [10],
  theme_ids: [5],
};

describe("ActionDraft", () => {
  it("opens an action and gives it back trimmed, empty dates left out", () => {
    const d = new ActionDraft();
    d.open(action);
    expect([d.isOpen, d.isNew]).toEqual([true, false]);
    d.fields.end_date = "";
    const v = d.value();
    expect(v).toEqual({
      ...action,
      title: "Permanences en pied d'immeuble",
      weather_comment: "Locaux à trouver",
      end_date: null,
    });
    // Editing the draft leaves the action it came from alone.
    d.fields.district_ids.push(3);
    expect(action.district_ids).toEqual([1, 2]);
  });

  it("opens a new action with nothing typed", () => {
    const d = new ActionDraft();
    d.open(null);
    expect(d.isNew).toBe(true);
    expect(d.value()).toEqual(NEW_ACTION);
    d.close();
    expect(d.isOpen).toBe(false);
  });

  it("brings an objective's themes along when it is ticked, once", () => {
    const d = new ActionDraft();
    d.open(action);
    const objective = {
      id: 11,
      parent_id: null,
      code: "2",
      title: "Coordonner",
      description: "",
      theme_ids: [5, 6],
    };
    d.objectiveTicked(objective, true);
    expect(d.fields.theme_ids).toEqual([5, 6]);
    d.objectiveTicked(objective, false);
    expect(d.fields.theme_ids).toEqual([5, 6]);
  });
});
