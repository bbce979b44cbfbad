import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Theme } from "./bindings/Theme";

const invoke = vi.fn();
vi.mock("@tauri-apps/api/core", () => ({ invoke }));
vi.mock("@tauri-apps/plugin-dialog", () => ({ open: vi.fn(), save: vi.fn() }));

const { app } = await import("./app.svelte");
const { askDelete } = await import("./deletions");

describe("askDelete", () => {
  beforeEach(() => {
    invoke.mockReset();
    app.confirmation = null;
  });

  it("asks first, in the entity's words, then deletes and reloads", async () => {
    const theme: Theme = { id: 3, name: "Santé", position: 2 };
    const after = vi.fn(async () => {});
    askDelete("theme", theme, after);
    const c = app.confirmation!;
    expect(c.id).toBe("theme-delete-confirm");
    expect(c.title).toBe("Supprimer le thème ?");
    expect(c.message).toContain("« Santé »");
    expect(invoke).not.toHaveBeenCalled();
    invoke.mockResolvedValue(null);
    await c.run();
    expect(invoke).toHaveBeenCalledWith("theme_delete", { id: 3 });
    expect(after).toHaveBeenCalled();
  });
});
