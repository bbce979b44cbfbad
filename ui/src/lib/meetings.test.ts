import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Actor } from "./bindings/Actor";
import type { Decision } from "./bindings/Decision";
import type { Meeting } from "./bindings/Meeting";

const invoke = vi.fn();
vi.mock("@tauri-apps/api/core", () => ({ invoke }));
vi.mock("@tauri-apps/plugin-dialog", () => ({ open: vi.fn(), save: vi.fn() }));

const { DecisionEdits, MeetingDraft, NewDecision } = await import("./meetings.svelte");

const meeting: Meeting = {
  id: 4,
  kind: "cotech",
  title: "  COTECH de printemps ",
  date: "2026-04-02",
  place: " Lens ",
  agenda: "Bilans",
  participants: [
    { actor_id: 7, label: "CCAS de Lens", kind: "local_authority", headcount: 2 },
    { actor_id: null, label: "Associations", kind: "association", headcount: 5 },
  ],
};

const decision: Decision = {
  id: 9,
  meeting_id: 4,
  text: "Relancer les bilans",
  owner: "Chef de projet",
  due_date: null,
  status: "todo",
  closed_on: null,
};

/** The core answers `decision_validate` with `errors` and `decision_save` with id 12. */
function core(errors: string[] = []) {
  invoke.mockImplementation((name: string) => {
    if (name === "decision_validate")
      return Promise.resolve(
        errors.map((message) => ({ field: "text", severity: "error", message })),
      );
    if (name === "decision_save") return Promise.resolve({ id: 12, warnings: [] });
    return Promise.reject(new Error(`unexpected ${name}`));
  });
}

describe("MeetingDraft", () => {
  it("opens a meeting and gives it back trimmed, with its participants read", () => {
    const d = new MeetingDraft();
    expect(d.isOpen).toBe(false);
    d.open(meeting, "2026-11-28");
    expect([d.isOpen, d.isNew, d.id]).toEqual([true, false, 4]);
    const v = d.value();
    expect(v.title).toBe("COTECH de printemps");
    expect(v.place).toBe("Lens");
    expect(v.participants).toEqual(meeting.participants);
    d.participants[1]!.headcount = "12";
    expect(d.value().participants[1]!.headcount).toBe(12);
  });

  it("opens a new meeting dated today, without participants", () => {
    const d = new MeetingDraft();
    d.open(null, "2026-11-28");
    expect([d.isNew, d.fields.date, d.participants.length]).toEqual([true, "2026-11-28", 0]);
    const opened = d.opened;
    d.open(null, "2026-11-28");
    expect(d.opened).toBe(opened + 1);
  });

  it("says what cannot be sent: a count that is not a whole number, no date", () => {
    const d = new MeetingDraft();
    d.open(meeting, "2026-11-28");
    expect(d.headcountErrors).toEqual([]);
    d.participants[0]!.headcount = "deux";
    expect(d.headcountErrors).toEqual(["Le nombre de personnes est un nombre entier."]);
    d.fields.date = "";
    expect(d.dateErrors).toEqual(["Indiquez la date de l'instance."]);
  });

  it("adds, fills from a known structure and removes participant lines", () => {
    const d = new MeetingDraft();
    d.open(null, "2026-11-28");
    const i = d.addParticipant();
    expect(i).toBe(0);
    // A blank line is not sent.
    expect(d.participantValues()).toEqual([]);
    const actors: Actor[] = [
      {
        id: 7,
        name: "CCAS de Lens",
        kind: "local_authority",
        siret: null,
        labels: [],
        district_ids: [],
        contact: "",
      },
    ];
    const line = d.participants[0]!;
    line.actor = 7;
    d.pickActor(line, actors);
    expect([line.label, line.kind]).toEqual(["CCAS de Lens", "local_authority"]);
    expect(d.participantValues()).toEqual([
      { actor_id: 7, label: "CCAS de Lens", kind: "local_authority", headcount: 1 },
    ]);
    d.removeParticipant(0);
    expect(d.participants).toEqual([]);
  });
});

describe("decisions", () => {
  beforeEach(() => {
    invoke.mockReset();
  });

  it("saves a change the core accepts, and keeps the reasons of one it refuses", async () => {
    const edits = new DecisionEdits();
    core();
    expect(await edits.save(decision, { owner: "Agglo" })).toBe(true);
    expect(invoke).toHaveBeenLastCalledWith("decision_save", {
      value: { ...decision, owner: "Agglo" },
    });
    core(["Le texte de la décision est obligatoire."]);
    expect(await edits.save(decision, { text: "" })).toBe(false);
    expect(edits.errors[9]).toEqual(["Le texte de la décision est obligatoire."]);
    expect(invoke.mock.calls.at(-1)![0]).toBe("decision_validate");
  });

  it("adds a new decision to the meeting, then empties the form", async () => {
    const draft = new NewDecision();
    draft.text = " Ouvrir un lieu ";
    draft.due = "2026-12-31";
    core();
    expect(await draft.add(4)).toBe(true);
    expect(invoke).toHaveBeenLastCalledWith("decision_save", {
      value: {
        id: 0,
        meeting_id: 4,
        text: "Ouvrir un lieu",
        owner: "",
        due_date: "2026-12-31",
        status: "todo",
        closed_on: null,
      },
    });
    expect([draft.text, draft.due]).toEqual(["", ""]);
  });
});
