// The séance of a meeting run from Copil: which meeting, projection or saisie, the core's view
// of it (`sitting_view`: agenda, attendance by type, follow-up, programmation and its totals) and
// each entry sent as one core command, saved at once. Nothing here counts or totals: after each
// entry the view is read again from the core.
import { save as saveDialog } from "@tauri-apps/plugin-dialog";
import { app } from "./app.svelte";
import type { AgendaItem } from "./bindings/AgendaItem";
import type { AgendaItemKind } from "./bindings/AgendaItemKind";
import type { Attendance } from "./bindings/Attendance";
import type { Avis } from "./bindings/Avis";
import type { ClosedSitting } from "./bindings/ClosedSitting";
import type { Decision } from "./bindings/Decision";
import type { FollowUpLine } from "./bindings/FollowUpLine";
import type { FollowUpOutcome } from "./bindings/FollowUpOutcome";
import type { Issue } from "./bindings/Issue";
import type { Meeting } from "./bindings/Meeting";
import type { ProgrammationLine } from "./bindings/ProgrammationLine";
import type { SittingResume } from "./bindings/SittingResume";
import type { SittingView } from "./bindings/SittingView";
import { formatInteger } from "./format";
import { call, type IpcError } from "./ipc";
import { centsToInput, parseEurosToCents, parseOptionalInt } from "./parse";

/** The two faces of the séance window. */
export type SittingMode = "projection" | "saisie";

/** What a key does in the projection. */
export type ProjectionMove = "next" | "previous" | "leave";

/** The move bound to a key of the projection: → ↓ PageDown next, ← ↑ PageUp back, Échap saisie. */
export function projectionMove(key: string): ProjectionMove | null {
  switch (key) {
    case "ArrowRight":
    case "ArrowDown":
    case "PageDown":
      return "next";
    case "ArrowLeft":
    case "ArrowUp":
    case "PageUp":
      return "previous";
    case "Escape":
      return "leave";
    default:
      return null;
  }
}

/** The item `step` places away from the current one (the first when none is), null past an end. */
export function stepItem(
  agenda: readonly AgendaItem[],
  current: number | null,
  step: number,
): number | null {
  const at = agenda.findIndex((i) => i.id === current);
  if (at < 0) return agenda[0]?.id ?? null;
  return agenda[at + step]?.id ?? null;
}

/** The ids of the agenda with item `index` moved by `delta`; null when it cannot move. */
export function movedIds(
  agenda: readonly AgendaItem[],
  index: number,
  delta: number,
): number[] | null {
  const to = index + delta;
  if (index < 0 || index >= agenda.length || to < 0 || to >= agenda.length) return null;
  const ids = agenda.map((i) => i.id);
  ids.splice(to, 0, ...ids.splice(index, 1));
  return ids;
}

/** The amount attribué typed for a line: the avis's when given, else the amount sollicité. */
export function grantedInput(line: ProgrammationLine): string {
  const cents = line.avis?.granted_cents ?? line.requested_cents ?? 0;
  return centsToInput(cents);
}

/** Whether an avis grants the line (the core's `Avis::grants`, for showing the amount field). */
export function avisGrants(avis: Avis | null): boolean {
  return avis === "favorable" || avis === "favorable_with_reserve";
}

/** The core's findings on a refused entry, else its message as a finding on no field. */
function findingsOf(err: IpcError): Issue[] {
  return err.issues.length > 0
    ? err.issues
    : [{ field: "", severity: "error", message: err.message }];
}

/** A new decision of the séance as typed. */
export class SittingDecisionDraft {
  text = $state("");
  /** A known structure as owner, or null for a free name. */
  ownerActor = $state<number | null>(null);
  owner = $state("");
  due = $state("");
  objective = $state<number | null>(null);
  action = $state<number | null>(null);

  /** The decision the core receives, owned by the actor `ownerName` names when one is chosen. */
  value(meetingId: number, ownerName: string | null): Decision {
    return {
      id: 0,
      meeting_id: meetingId,
      text: this.text.trim(),
      owner: ownerName ?? this.owner.trim(),
      owner_actor_id: this.ownerActor,
      due_date: this.due || null,
      status: "todo",
      closed_on: null,
      objective_id: this.objective,
      action_id: this.action,
    };
  }

  reset(): void {
    this.text = "";
    this.ownerActor = null;
    this.owner = "";
    this.due = "";
    this.objective = null;
    this.action = null;
  }
}

/** The séance open in the window, if any, and its entries. */
export class SittingSession {
  meetingId = $state<number | null>(null);
  mode = $state<SittingMode>("projection");
  view = $state<SittingView | null>(null);
  /** The core's findings on the last refused entry of each form or line, by key. */
  errors = $state<Record<string, Issue[]>>({});
  /** The relevé written when the séance closed. */
  closed = $state<ClosedSitting | null>(null);
  readonly decision = new SittingDecisionDraft();

  get isOpen(): boolean {
    return this.meetingId !== null;
  }

  /** The agenda item being dealt with (the first until one is chosen). */
  get current(): AgendaItem | null {
    const v = this.view;
    if (!v) return null;
    const id = v.sitting?.current_item_id ?? null;
    return v.agenda.find((i) => i.id === id) ?? v.agenda[0] ?? null;
  }

  /** Starts (or resumes) the séance of a meeting and shows it in projection. */
  async start(meetingId: number): Promise<boolean> {
    const started = await app.write(() => call("sitting_start", { meetingId }));
    if (started === undefined) return false;
    this.meetingId = meetingId;
    this.mode = "projection";
    this.errors = {};
    this.closed = null;
    this.decision.reset();
    await this.load();
    return true;
  }

  /** Reads the séance again from the core. */
  async load(): Promise<void> {
    const meetingId = this.meetingId;
    if (meetingId === null) return;
    const view = await app.read(() => call("sitting_view", { meetingId }));
    if (view && meetingId === this.meetingId) this.view = view;
  }

  /** Leaves the séance window (the séance stays in progress until it is closed). */
  leave(): void {
    this.meetingId = null;
    this.view = null;
    this.closed = null;
  }

  /**
   * Sends one entry to the core; on refusal its messages go under `key`, on success the view is
   * read again. Whether it was saved.
   */
  async entry(key: string, op: () => Promise<unknown>): Promise<boolean> {
    let refused = false;
    await app.write(op, {
      onError: (err) => {
        refused = true;
        this.errors[key] = findingsOf(err);
      },
    });
    if (refused) return false;
    delete this.errors[key];
    await this.load();
    return true;
  }

  /** Messages under `key`: on one of its fields, or (no `fields`) all of them. */
  messages(key: string, ...fields: string[]): string[] {
    return (this.errors[key] ?? [])
      .filter((i) => fields.length === 0 || fields.includes(i.field))
      .map((i) => i.message);
  }

  /** Messages under `key` on none of `fields` (shown by the form rather than a field). */
  otherMessages(key: string, fields: readonly string[]): string[] {
    return (this.errors[key] ?? []).filter((i) => !fields.includes(i.field)).map((i) => i.message);
  }

  /** Keeps a refusal found before asking the core (an amount that is not one). */
  private refuse(key: string, field: string, message: string): false {
    this.errors[key] = [{ field, severity: "error", message }];
    return false;
  }

  private get id(): number {
    if (this.meetingId === null) throw new Error("no séance open");
    return this.meetingId;
  }

  /** Moves to the next or previous item; saved, so the séance resumes there. */
  async step(delta: number): Promise<void> {
    const v = this.view;
    if (!v) return;
    const to = stepItem(v.agenda, this.current?.id ?? null, delta);
    if (to === null || to === this.current?.id) return;
    await this.entry("current", () => call("agenda_current", { meetingId: this.id, itemId: to }));
  }

  /** Makes `itemId` the current item. */
  async goTo(itemId: number): Promise<void> {
    await this.entry("current", () => call("agenda_current", { meetingId: this.id, itemId }));
  }

  async notes(item: AgendaItem, notes: string): Promise<boolean> {
    if (notes === item.notes) return true;
    return this.entry(`notes-${item.id}`, () =>
      call("agenda_notes", { meetingId: this.id, itemId: item.id, notes }),
    );
  }

  async rename(item: AgendaItem, title: string): Promise<boolean> {
    if (title === item.title) return true;
    return this.entry(`title-${item.id}`, () =>
      call("agenda_rename", { meetingId: this.id, itemId: item.id, title }),
    );
  }

  async move(index: number, delta: number): Promise<boolean> {
    const ids = this.view ? movedIds(this.view.agenda, index, delta) : null;
    if (!ids) return false;
    return this.entry("agenda", () => call("agenda_reorder", { meetingId: this.id, itemIds: ids }));
  }

  async addItem(kind: AgendaItemKind, title: string): Promise<boolean> {
    return this.entry("agenda-add", () =>
      call("agenda_add", { meetingId: this.id, kind, title: title.trim() }),
    );
  }

  async removeItem(item: AgendaItem): Promise<boolean> {
    return this.entry("agenda", () =>
      call("agenda_remove", { meetingId: this.id, itemId: item.id }),
    );
  }

  /** Who chairs the séance (« Présidence » of the relevé). */
  async chair(chair: string): Promise<boolean> {
    if (chair.trim() === (this.view?.sitting?.chair ?? "")) return true;
    return this.entry("chair", () =>
      call("sitting_chair", { meetingId: this.id, chair: chair.trim() }),
    );
  }

  /** Present (with the headcount as typed), excused or absent. */
  async attendance(actorId: number, attendance: Attendance, headcount: string): Promise<boolean> {
    const key = `attendance-${actorId}`;
    const count = attendance === "present" ? parseOptionalInt(headcount) : null;
    if (Number.isNaN(count)) {
      return this.refuse(key, "headcount", "Le nombre de personnes est un nombre entier.");
    }
    return this.entry(key, () =>
      call("attendance_set", { meetingId: this.id, actorId, attendance, headcount: count }),
    );
  }

  /** The follow-up of an earlier decision; no outcome withdraws it. */
  async followUp(
    line: FollowUpLine,
    outcome: FollowUpOutcome | null,
    newDueDate: string,
    comment: string,
  ): Promise<boolean> {
    const decisionId = line.decision.id;
    const key = `follow-${decisionId}`;
    if (outcome === null) {
      return this.entry(key, () => call("follow_up_clear", { meetingId: this.id, decisionId }));
    }
    return this.entry(key, () =>
      call("follow_up_set", {
        meetingId: this.id,
        value: {
          decision_id: decisionId,
          outcome,
          new_due_date: outcome === "postponed" ? newDueDate || null : null,
          comment: comment.trim(),
        },
      }),
    );
  }

  /** Takes the new decision typed; once saved, the form is emptied. */
  async decide(ownerName: string | null): Promise<boolean> {
    const value = this.decision.value(this.id, ownerName);
    const ok = await this.entry("decision", () =>
      call("sitting_decide", { meetingId: this.id, value }),
    );
    if (ok) this.decision.reset();
    return ok;
  }

  /** The committee's avis on a line; a granting avis with the amount typed. No avis withdraws. */
  async avis(
    line: ProgrammationLine,
    avis: Avis | null,
    amount: string,
    comment: string,
  ): Promise<boolean> {
    const fundingId = line.funding_id;
    const key = `avis-${fundingId}`;
    if (avis === null) {
      return this.entry(key, () => call("avis_clear", { meetingId: this.id, fundingId }));
    }
    let grantedCents: number | null = null;
    if (avisGrants(avis)) {
      grantedCents = parseEurosToCents(amount);
      if (grantedCents === null) {
        return this.refuse(
          key,
          "granted_cents",
          "Le montant attribué est un montant en euros (par exemple 12 500).",
        );
      }
    }
    return this.entry(key, () =>
      call("avis_set", {
        meetingId: this.id,
        fundingId,
        avis,
        grantedCents,
        comment: comment.trim(),
      }),
    );
  }

  /**
   * Closes the séance and writes its relevé: to the path the tests give, else where the dialog
   * says. Whether it closed.
   */
  async close(): Promise<boolean> {
    const v = this.view;
    if (!v) return false;
    const path = await relevePath(v.meeting);
    if (!path) return false;
    let done: ClosedSitting | null = null;
    const ok = await this.entry("close", async () => {
      done = await call("sitting_close", { meetingId: this.id, path });
    });
    if (ok) {
      this.closed = done;
      this.mode = "saisie";
    }
    return ok;
  }
}

/** Where to write a meeting's relevé: the path the tests give, else where the dialog says. */
async function relevePath(meeting: Meeting): Promise<string | null> {
  return (
    (await call("e2e_save_path", { kind: "releve" }).catch(() => null)) ??
    (await saveDialog({
      title: "Enregistrer le relevé de décisions",
      defaultPath: `releve-${meeting.kind}-${meeting.date}.pdf`,
      filters: [{ name: "Document PDF", extensions: ["pdf"] }],
    }))
  );
}

/**
 * Writes again the relevé de décisions of a closed séance (its decisions may have been edited
 * since, each change journaled) and says where, or why it is not listed in Rapports.
 */
export async function rewriteReleve(meeting: Meeting, label: string): Promise<void> {
  const path = await relevePath(meeting);
  if (!path) return;
  const done = await app.write(() => call("releve_generate", { meetingId: meeting.id, path }));
  if (!done) return;
  const pages = `${formatInteger(done.pages)} page${done.pages > 1 ? "s" : ""}`;
  app.notice = {
    kind: "info",
    text: `Relevé de décisions du ${label} écrit : ${done.path} (${pages}).${done.not_recorded ? ` ${done.not_recorded}` : ""}`,
  };
}

/** The one séance window of the app. */
export const sitting = new SittingSession();

/**
 * « Démarrer ou reprendre la séance » (Ctrl+Maj+M): resumes the séance in progress, else starts
 * the next meeting's (the earliest from `today` on).
 */
export async function resumeOrStart(today: string): Promise<void> {
  const resume = await app.read(() => call("sitting_in_progress"));
  if (resume === undefined) return;
  if (resume) {
    await sitting.start(resume.meeting.id);
    return;
  }
  const overview = await app.read(() => call("meetings_overview"));
  const next = overview?.meetings.filter((s) => s.meeting.date >= today).at(-1);
  if (next) await sitting.start(next.meeting.id);
  else
    app.notice = {
      kind: "info",
      text: "Aucune instance à venir : créez-la dans Instances, puis démarrez sa séance.",
    };
}

/** The sentence offering to resume a séance left in progress (after a crash, say). */
export function resumeSentence(resume: SittingResume): string {
  const at = resume.current_item ? ` au point « ${resume.current_item.title} »` : "";
  return `La séance du ${resume.meeting_label} est en cours${at}.`;
}
