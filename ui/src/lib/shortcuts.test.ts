import { describe, expect, it } from "vitest";
import { actionForKey, SHORTCUT_DOCS, type KeyLike } from "./shortcuts";

const key = (k: string, mods: Partial<KeyLike> = {}): KeyLike => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe("actionForKey", () => {
  it("maps the documented shortcuts", () => {
    expect(actionForKey(key("o", { ctrlKey: true }))).toEqual({ kind: "open" });
    expect(actionForKey(key("N", { ctrlKey: true }))).toEqual({ kind: "new" });
    expect(actionForKey(key("p", { ctrlKey: true }))).toEqual({ kind: "report" });
    expect(actionForKey(key("S", { ctrlKey: true, shiftKey: true }))).toEqual({
      kind: "save-copy",
    });
    expect(actionForKey(key("M", { ctrlKey: true, shiftKey: true }))).toEqual({
      kind: "sitting",
    });
    expect(actionForKey(key("F1"))).toEqual({ kind: "shortcuts" });
    expect(actionForKey(key("2", { ctrlKey: true }))).toEqual({ kind: "go", screen: "tableau" });
    expect(actionForKey(key("b", { ctrlKey: true }))).toEqual({ kind: "go", screen: "bilans" });
    expect(actionForKey(key("6", { ctrlKey: true }))).toEqual({ kind: "go", screen: "acteurs" });
    expect(actionForKey(key("d", { ctrlKey: true }))).toEqual({
      kind: "go",
      screen: "diagnostic",
    });
    expect(actionForKey(key("9", { ctrlKey: true }))).toEqual({
      kind: "go",
      screen: "instances",
    });
  });

  it("ignores plain typing and unbound combinations", () => {
    expect(actionForKey(key("o"))).toBeNull();
    expect(actionForKey(key("o", { ctrlKey: true, altKey: true }))).toBeNull();
    expect(actionForKey(key("x", { ctrlKey: true }))).toBeNull();
    expect(actionForKey(key("0", { ctrlKey: true }))).toBeNull();
  });

  it("documents every shortcut once", () => {
    const keys = SHORTCUT_DOCS.map((d) => d.keys);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toContain("Ctrl+O");
  });
});
