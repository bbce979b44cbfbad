import { beforeEach, describe, expect, it, vi } from "vitest";
import type { AgendaItem } from "./bindings/AgendaItem";
import type { FollowUpLine } from "./bindings/FollowUpLine";
import type { ProgrammationLine } from "./bindings/ProgrammationLine";
import type { SittingView } from "./bindings/SittingView";

const invoke = vi.fn();
vi.mock("@tauri-apps/api/core", () => ({ invoke }));
vi.mock("@tauri-apps/plugin-dialog", () => ({ open: vi.fn(), save: vi.fn() }));

const { SittingSession, grantedInput, movedIds, projectionMove, resumeSentence, stepItem } =
  await import("./sitting.svelte");

const item = (id: number, title: string): AgendaItem => ({ id, kind: "free", title, notes: "" });
const agenda = [item(1, "Relevé"), item(2, "Suivi"), item(3, "Programmation")];

const line: ProgrammationLine = {
  funding_id: 40,
  action_id: 4,
  action: "Fabrique numérique",
  porteur_id: null,
  porteur: "",
  financeur: "bop147",
  year: 2027,
  requested_cents: 1_250_000,
  granted_cents: 0,
  avis: null,
  carried_over: false,
};

const follow: FollowUpLine = {
  decision: {
    id: 9,
    meeting_id: 2,
    text: "Relancer les bilans",
    owner: "Chef de projet",
    due_date: "2026-10-31",
    status: "todo",
    closed_on: null,
  },
  taken_at: "COPIL du 24 mars 2026",
  follow_up: null,
  overdue: true,
};

/** The smallest view the session reads back after each entry. */
const view = { agenda, sitting: { current_item_id: 2 } } as unknown as SittingView;

/** The core: `refuse` names a command it answers with an invalid value error. */
function core(refuse: string | null = null) {
  invoke.mockImplementation((name: string) => {
    if (name === refuse)
      return Promise.reject({
        code: "invalid",
        message: "Valeur refusée.",
        issues: [
          {
            field: "new_due_date",
            severity: "error",
            message: "Une décision reportée a besoin d'une nouvelle échéance.",
          },
        ],
      });
    if (name === "sitting_view") return Promise.resolve(view);
    return Promise.resolve(null);
  });
}

async function opened() {
  const s = new SittingSession();
  core();
  expect(await s.start(5)).toBe(true);
  expect(invoke).toHaveBeenCalledWith("sitting_start", { meetingId: 5 });
  return s;
}

describe("the projection's keys and moves", () => {
  it("binds → ↓ PageDown to next, ← ↑ PageUp to previous, Échap to the saisie", () => {
    expect(["ArrowRight", "ArrowDown", "PageDown"].map(projectionMove)).toEqual([
      "next",
      "next",
      "next",
    ]);
    expect(["ArrowLeft", "ArrowUp", "PageUp"].map(projectionMove)).toEqual([
      "previous",
      "previous",
      "previous",
    ]);
    expect(projectionMove("Escape")).toBe("leave");
    expect(projectionMove("a")).toBeNull();
  });

  it("steps through the agenda and stops at its ends", () => {
    expect(stepItem(agenda, 1, 1)).toBe(2);
    expect(stepItem(agenda, 3, 1)).toBeNull();
    expect(stepItem(agenda, 1, -1)).toBeNull();
    expect(stepItem(agenda, null, 1)).toBe(1);
    expect(stepItem([], null, 1)).toBeNull();
  });

  it("moves an item up or down, not past the ends", () => {
    expect(movedIds(agenda, 2, -1)).toEqual([1, 3, 2]);
    expect(movedIds(agenda, 0, 1)).toEqual([2, 1, 3]);
    expect(movedIds(agenda, 0, -1)).toBeNull();
    expect(movedIds(agenda, 2, 1)).toBeNull();
  });

  it("proposes the amount sollicité as the amount attribué, else the avis's", () => {
    expect(grantedInput(line)).toBe("12 500");
    const given = {
      ...line,
      avis: {
        funding_id: 40,
        avis: "favorable" as const,
        granted_cents: 900_000,
        comment: "",
        decision_id: 3,
      },
    };
    expect(grantedInput(given)).toBe("9 000");
  });
});

describe("SittingSession", () => {
  beforeEach(() => {
    invoke.mockReset();
  });

  it("starts in projection at the stored item and saves each step", async () => {
    const s = await opened();
    expect([s.mode, s.current?.id]).toEqual(["projection", 2]);
    await s.step(1);
    expect(invoke).toHaveBeenCalledWith("agenda_current", { meetingId: 5, itemId: 3 });
    invoke.mockClear();
    await s.step(-1);
    expect(invoke).toHaveBeenCalledWith("agenda_current", { meetingId: 5, itemId: 1 });
  });

  it("sends an avis with the amount typed in cents, and refuses an amount that is not one", async () => {
    const s = await opened();
    expect(await s.avis(line, "favorable", "9 000", " sous réserve ")).toBe(true);
    expect(invoke).toHaveBeenCalledWith("avis_set", {
      meetingId: 5,
      fundingId: 40,
      avis: "favorable",
      grantedCents: 900_000,
      comment: "sous réserve",
    });
    expect(await s.avis(line, "postponed", "n'importe", "")).toBe(true);
    expect(invoke).toHaveBeenLastCalledWith("sitting_view", { meetingId: 5 });
    expect(invoke).toHaveBeenCalledWith(
      "avis_set",
      expect.objectContaining({ grantedCents: null }),
    );
    expect(await s.avis(line, "favorable", "douze", "")).toBe(false);
    expect(s.messages("avis-40")[0]).toContain("montant");
    expect(await s.avis(line, null, "", "")).toBe(true);
    expect(invoke).toHaveBeenCalledWith("avis_clear", { meetingId: 5, fundingId: 40 });
    expect(s.messages("avis-40")).toEqual([]);
  });

  it("shows the core's refusal of a follow-up beside it, and withdraws one", async () => {
    const s = await opened();
    core("follow_up_set");
    expect(await s.followUp(follow, "postponed", "", "")).toBe(false);
    expect(s.messages("follow-9")).toEqual([
      "Une décision reportée a besoin d'une nouvelle échéance.",
    ]);
    core();
    expect(await s.followUp(follow, "done", "2027-01-01", " fait ")).toBe(true);
    expect(invoke).toHaveBeenCalledWith("follow_up_set", {
      meetingId: 5,
      value: { decision_id: 9, outcome: "done", new_due_date: null, comment: "fait" },
    });
    expect(s.messages("follow-9")).toEqual([]);
    expect(await s.followUp(follow, null, "", "")).toBe(true);
    expect(invoke).toHaveBeenCalledWith("follow_up_clear", { meetingId: 5, decisionId: 9 });
  });

  it("sends attendance with its headcount, and a new decision owned by a structure", async () => {
    const s = await opened();
    expect(await s.attendance(7, "present", "3")).toBe(true);
    expect(invoke).toHaveBeenCalledWith("attendance_set", {
      meetingId: 5,
      actorId: 7,
      attendance: "present",
      headcount: 3,
    });
    expect(await s.attendance(7, "present", "trois")).toBe(false);
    expect(await s.attendance(7, "excused", "trois")).toBe(true);
    s.decision.text = " Lancer l'appel à projets ";
    s.decision.ownerActor = 7;
    s.decision.due = "2027-03-31";
    expect(await s.decide("CCAS de Lens")).toBe(true);
    expect(invoke).toHaveBeenCalledWith("sitting_decide", {
      meetingId: 5,
      value: expect.objectContaining({
        text: "Lancer l'appel à projets",
        owner: "CCAS de Lens",
        owner_actor_id: 7,
        due_date: "2027-03-31",
      }),
    });
    expect(s.decision.text).toBe("");
  });

  it("puts the core's refusal of a new decision beside its field", async () => {
    const s = await opened();
    invoke.mockImplementation((name: string) =>
      name === "sitting_decide"
        ? Promise.reject({
            code: "invalid",
            message: "Décision refusée.",
            issues: [{ field: "text", severity: "error", message: "Indiquez la décision." }],
          })
        : Promise.resolve(view),
    );
    s.decision.owner = "Agglo";
    expect(await s.decide(null)).toBe(false);
    expect(s.messages("decision", "text")).toEqual(["Indiquez la décision."]);
    expect(s.otherMessages("decision", ["text"])).toEqual([]);
    expect(s.decision.owner).toBe("Agglo");
  });

  it("says where a séance left in progress was", () => {
    expect(
      resumeSentence({
        meeting_label: "COPIL du 10 décembre 2026",
        current_item: item(2, "Suivi des décisions"),
      } as never),
    ).toBe("La séance du COPIL du 10 décembre 2026 est en cours au point « Suivi des décisions ».");
  });
});
