import { describe, expect, it } from "vitest";
import { DEFAULT_THEMES, LABELS, options } from "./labels";

describe("labels", () => {
  it("are the core's words", () => {
    expect(LABELS.IndicatorStatus.reached).toBe("Atteint");
    expect(LABELS.ChangeKind.funding_granted).toBe("Financements attribués");
    expect(options(LABELS.MeetingKind)).toEqual([
      ["copil", "COPIL"],
      ["cotech", "COTECH"],
      ["other", "Autre instance"],
    ]);
  });

  it("has the default themes", () => {
    expect(DEFAULT_THEMES).toContain("Égalité femmes-hommes");
    expect(DEFAULT_THEMES).toHaveLength(11);
  });
});
