import { beforeEach, describe, expect, it, vi } from "vitest";

const invoke = vi.fn();
vi.mock("@tauri-apps/api/core", () => ({ invoke }));

const { call, IpcError, toIpcError } = await import("./ipc");

describe("call", () => {
  beforeEach(() => invoke.mockClear());

  it("passes the command name and arguments through", async () => {
    invoke.mockResolvedValue({ file: null, file_name: null, recents: [], startup_error: null });
    await call("open_contract", { path: "/tmp/a.copil" });
    expect(invoke).toHaveBeenCalledWith("open_contract", { path: "/tmp/a.copil" });
    await call("session");
    expect(invoke).toHaveBeenLastCalledWith("session", {});
  });

  it("turns a Rust CommandError into a typed IpcError", async () => {
    invoke.mockImplementationOnce(() =>
      Promise.reject({ code: "file_not_found", message: "Le fichier est introuvable." }),
    );
    let err: unknown = null;
    try {
      await call("open_contract", { path: "/nope" });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(IpcError);
    const e = err as InstanceType<typeof IpcError>;
    expect(e.code).toBe("file_not_found");
    expect(e.message).toBe("Le fichier est introuvable.");
  });

  it("wraps anything else as an ipc error with a French message", () => {
    const err = toIpcError("command foo not found");
    expect(err.code).toBe("ipc");
    expect(err.message).toMatch(/^Copil n'a pas pu/);
    expect(err.message).toContain("command foo not found");
  });
});
