import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Actor } from "./bindings/Actor";

const invoke = vi.fn();
vi.mock("@tauri-apps/api/core", () => ({ invoke }));
vi.mock("@tauri-apps/api/event", () => ({ listen: vi.fn() }));
vi.mock("@tauri-apps/plugin-dialog", () => ({ open: vi.fn(), save: vi.fn() }));

const { EntityForm } = await import("./forms.svelte");

const actor: Actor = {
  id: 0,
  name: "Emmaüs Connect",
  kind: "association",
  siret: null,
  labels: [],
  district_ids: [],
  contact: "",
};

/** The core answers `validate` with `issues` and `save` with id 7. */
function core(issues: { field: string; severity: "error" | "warning"; message: string }[]) {
  invoke.mockImplementation((name: string) => {
    if (name.endsWith("_validate")) return Promise.resolve(issues);
    if (name.endsWith("_save")) return Promise.resolve({ id: 7, warnings: [] });
    return Promise.reject(new Error(`unexpected ${name}`));
  });
}

function names(): string[] {
  return invoke.mock.calls.map((c) => c[0] as string);
}

const submitEvent = () => ({ preventDefault: vi.fn() }) as unknown as SubmitEvent;

describe("EntityForm", () => {
  beforeEach(() => {
    invoke.mockReset();
  });

  it("creates a valid record on submit and hands back its id", async () => {
    core([]);
    const saved = vi.fn(async () => {});
    const form = new EntityForm("actor", { value: () => actor, exists: () => false, saved });
    const e = submitEvent();
    expect(await form.create(e)).toBe(true);
    expect(e.preventDefault).toHaveBeenCalled();
    expect(names()).toEqual(["actor_validate", "actor_save"]);
    expect(saved).toHaveBeenCalledWith(7);
  });

  it("refuses a record the core finds wrong, and shows why on the field", async () => {
    core([{ field: "name", severity: "error", message: "Indiquez le nom de la structure." }]);
    const saved = vi.fn(async () => {});
    const form = new EntityForm("actor", { value: () => actor, exists: () => false, saved });
    expect(await form.create(submitEvent())).toBe(false);
    expect(names()).toEqual(["actor_validate"]);
    expect(saved).not.toHaveBeenCalled();
    expect(form.checker.messages("name")).toEqual(["Indiquez le nom de la structure."]);
    expect(form.checker.hasErrors).toBe(true);
  });

  it("saves an existing record on change but only checks a new one", async () => {
    core([]);
    let exists = false;
    const form = new EntityForm("actor", {
      value: () => actor,
      exists: () => exists,
      saved: async () => {},
    });
    form.onchange();
    await vi.waitFor(() => expect(names()).toEqual(["actor_validate"]));
    exists = true;
    form.onchange();
    await vi.waitFor(() =>
      expect(names()).toEqual(["actor_validate", "actor_validate", "actor_save"]),
    );
    form.oninput();
    await vi.waitFor(() => expect(names().at(-1)).toBe("actor_validate"));
    expect(names().filter((n) => n === "actor_save")).toHaveLength(1);
  });

  it("neither checks nor saves what the screen says is incomplete", async () => {
    core([]);
    const form = new EntityForm("actor", {
      value: () => actor,
      exists: () => true,
      canCheck: () => false,
      saved: async () => {},
    });
    form.oninput();
    form.onchange();
    expect(await form.submit()).toBe(false);
    const blocked = new EntityForm("actor", {
      value: () => actor,
      exists: () => true,
      canSave: () => false,
      saved: async () => {},
    });
    expect(await blocked.submit()).toBe(false);
    blocked.oninput();
    await vi.waitFor(() => expect(names()).toEqual(["actor_validate"]));
  });
});
