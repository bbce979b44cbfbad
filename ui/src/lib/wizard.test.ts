import { describe, expect, it } from "vitest";
import { DEFAULT_THEMES, periodError, qpvCodeError } from "./wizard";

describe("qpvCodeError", () => {
  it("accepts mainland and Corsican codes", () => {
    expect(qpvCodeError("QN07501M")).toBeNull();
    expect(qpvCodeError("qn02a01n")).toBeNull();
    expect(qpvCodeError("QN02B01N")).toBeNull();
    expect(qpvCodeError("QN97101A")).toBeNull();
  });
  it("explains what is wrong in French", () => {
    expect(qpvCodeError("")).toMatch(/Saisissez/);
    expect(qpvCodeError("QN0750M")).toMatch(/^Code QPV invalide/);
    expect(qpvCodeError("QP07501M")).toMatch(/^Code QPV invalide/);
    expect(qpvCodeError("QN075011")).toMatch(/^Code QPV invalide/);
  });
});

describe("periodError", () => {
  it("checks the period", () => {
    expect(periodError(2024, 2030)).toBeNull();
    expect(periodError(2030, 2024)).toMatch(/fin/);
    expect(periodError(1990, 2030)).toMatch(/2000/);
  });
});

it("has the default themes", () => {
  expect(DEFAULT_THEMES).toContain("Égalité femmes-hommes");
  expect(DEFAULT_THEMES).toHaveLength(11);
});
