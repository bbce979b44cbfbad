// The Instances screen's editing state: the meeting being edited with its participants as typed,
// and the decisions edited in place. What the lists show (headcounts, open decisions, what is
// overdue) comes from the core's `meetings_overview`.
import type { Actor } from "./bindings/Actor";
import type { ActorKind } from "./bindings/ActorKind";
import type { Decision } from "./bindings/Decision";
import type { Meeting } from "./bindings/Meeting";
import type { Participant } from "./bindings/Participant";
import { Checker, Draft, saveValue } from "./forms.svelte";
import { parseOptionalInt } from "./parse";

/** A line of the participants table as typed. */
export interface ParticipantDraft {
  /** Stable key of the line while it is edited. */
  key: number;
  actor: number | null;
  label: string;
  kind: ActorKind;
  /** The number of people as typed. */
  headcount: string;
}

/** A new meeting, before anything is typed. */
const NEW_MEETING: Meeting = {
  id: 0,
  kind: "copil",
  title: "",
  date: "",
  place: "",
  agenda: "",
  participants: [],
};

/** The meeting open in the editor, its fields and participants as typed. */
export class MeetingDraft extends Draft {
  fields = $state<Omit<Meeting, "participants">>({ ...NEW_MEETING });
  participants = $state<ParticipantDraft[]>([]);
  private keys = 0;

  /** Opens a meeting, or a new one dated `today`. */
  open(m: Meeting | null, today: string): void {
    this.begin(m ? m.id : 0);
    const { participants, ...fields } = $state.snapshot(m ?? { ...NEW_MEETING, date: today });
    this.fields = fields;
    this.participants = participants.map((p) => ({
      key: ++this.keys,
      actor: p.actor_id,
      label: p.label,
      kind: p.kind,
      headcount: String(p.headcount),
    }));
  }

  /** The participants as the core receives them (blank lines left out, counts read). */
  participantValues(): Participant[] {
    return this.participants
      .filter((p) => p.label.trim() !== "" || p.actor !== null)
      .map((p) => ({
        actor_id: p.actor,
        label: p.label.trim(),
        kind: p.kind,
        headcount: Math.max(0, Number(parseOptionalInt(p.headcount) ?? 0) || 0),
      }));
  }

  /** The meeting the fields describe. */
  value(): Meeting {
    const f = $state.snapshot(this.fields);
    return {
      ...f,
      id: Math.max(this.id, 0),
      title: f.title.trim(),
      place: f.place.trim(),
      participants: this.participantValues(),
    };
  }

  /** What the fields cannot send to the core as they are. */
  get headcountErrors(): string[] {
    return this.participants.some((p) => Number.isNaN(parseOptionalInt(p.headcount)))
      ? ["Le nombre de personnes est un nombre entier."]
      : [];
  }

  get dateErrors(): string[] {
    return this.fields.date === "" ? ["Indiquez la date de l'instance."] : [];
  }

  /** Adds an empty line; returns its index. */
  addParticipant(): number {
    this.participants.push({
      key: ++this.keys,
      actor: null,
      label: "",
      kind: "association",
      headcount: "1",
    });
    return this.participants.length - 1;
  }

  removeParticipant(i: number): void {
    this.participants.splice(i, 1);
  }

  /** Choosing a known structure fills the name and type of the line. */
  pickActor(p: ParticipantDraft, actors: readonly Actor[]): void {
    const a = actors.find((x) => x.id === p.actor);
    if (a) {
      p.label = a.name;
      p.kind = a.kind;
    }
  }
}

/** The decisions of a meeting edited in place: each change is checked, then saved. */
export class DecisionEdits {
  /** The core's reasons for refusing the last change of each decision, by id. */
  errors = $state<Record<number, string[]>>({});

  /** Saves `d` with `patch` applied; whether it was saved. */
  async save(d: Decision, patch: Partial<Decision>): Promise<boolean> {
    const next: Decision = { ...$state.snapshot(d), ...patch } as Decision;
    const out = await saveValue("decision", next);
    this.errors[d.id] = out.errors;
    return out.id !== null;
  }
}

/** The « Nouvelle décision » form of a meeting. */
export class NewDecision {
  text = $state("");
  owner = $state("");
  due = $state("");
  readonly checker = new Checker("decision");

  value(meetingId: number): Decision {
    return {
      id: 0,
      meeting_id: meetingId,
      text: this.text.trim(),
      owner: this.owner.trim(),
      due_date: this.due || null,
      status: "todo",
      closed_on: null,
    };
  }

  /** Checks and saves the decision; once saved, the form is emptied. */
  async add(meetingId: number): Promise<boolean> {
    const out = await saveValue("decision", this.value(meetingId), this.checker);
    if (out.id === null) return false;
    this.text = "";
    this.owner = "";
    this.due = "";
    this.checker.reset();
    return true;
  }
}
