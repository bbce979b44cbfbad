// Form validation as the user types, with the core's own rules (`E_validate`),
// and saving through `app.write` so the header shows « Enregistré ».
import { app } from "./app.svelte";
import type { Issue } from "./bindings/Issue";
import { type Entities, type EntityName, errorsOf, messagesFor, save, validate } from "./data";

/** The core's findings on the value of a form, refreshed on each check. */
export class Checker<E extends EntityName> {
  issues = $state<Issue[]>([]);
  private seq = 0;
  private readonly entity: E;

  constructor(entity: E) {
    this.entity = entity;
  }

  /** Validates `value` with the core; only the latest answer is kept. */
  async check(value: Entities[E]): Promise<Issue[]> {
    const seq = ++this.seq;
    const issues = await validate(this.entity, $state.snapshot(value) as Entities[E]);
    if (seq === this.seq) this.issues = issues;
    return issues;
  }

  /** Messages on one field. */
  messages(field: string): string[] {
    return messagesFor(this.issues, field);
  }

  get hasErrors(): boolean {
    return errorsOf(this.issues).length > 0;
  }

  /** The messages of the errors alone (what blocks the save). */
  get errorMessages(): string[] {
    return errorsOf(this.issues).map((i) => i.message);
  }

  reset(): void {
    this.seq++;
    this.issues = [];
  }
}

/** What became of a value sent to be saved. */
export interface SaveOutcome {
  /** Its id once saved; null when refused or when the save failed. */
  id: number | null;
  /** The core's reasons for refusing it (nothing was saved). */
  errors: string[];
}

/**
 * Validates a value with the core (through `checker` when the form shows its findings), then
 * saves it in one transaction. Warnings are shown in the notice bar, a failed save there too.
 */
export async function saveValue<E extends EntityName>(
  entity: E,
  value: Entities[E],
  checker?: Checker<E>,
): Promise<SaveOutcome> {
  const plain = $state.snapshot(value) as Entities[E];
  const issues = checker ? await checker.check(plain) : await validate(entity, plain);
  const errors = errorsOf(issues).map((i) => i.message);
  if (errors.length > 0) return { id: null, errors };
  const saved = await app.write(() => save(entity, plain));
  if (!saved) return { id: null, errors: [] };
  if (saved.warnings.length > 0) {
    app.notice = { kind: "info", text: saved.warnings.map((w) => w.message).join(" ") };
  }
  return { id: saved.id, errors: [] };
}

/** Validates then saves a value; its id, or `null` when refused (the checker shows why). */
export async function saveChecked<E extends EntityName>(
  entity: E,
  value: Entities[E],
  checker?: Checker<E>,
): Promise<number | null> {
  return (await saveValue(entity, value, checker)).id;
}

/**
 * Asks the core as the user types: runs `ask` (inside an `$effect`, which tracks what it
 * reads) and hands its answer to `use`, unless a newer question was asked meanwhile. Returns
 * the effect's cleanup.
 */
export function askAsYouType<T>(ask: () => Promise<T>, use: (answer: T) => void): () => void {
  let live = true;
  ask()
    .then((answer) => {
      if (live) use(answer);
    })
    .catch(() => {});
  return () => {
    live = false;
  };
}

/** What an entity screen tells its [`EntityForm`] about the record being edited. */
export interface FormBinding<E extends EntityName> {
  /** The record as the fields describe it now. */
  value: () => Entities[E];
  /** Whether the record already exists (edits are then saved at once). */
  exists: () => boolean;
  /** Called with the record's id after each save (typically: keep it, reload the lists). */
  saved: (id: number) => Promise<void>;
  /** Whether the fields are complete enough for the core to check (default: always). */
  canCheck?: () => boolean;
  /** Whether the fields may be saved, beyond the core's rules (default: always). */
  canSave?: () => boolean;
}

/**
 * The edit-form lifecycle shared by the entity screens: the core checks the
 * value as the user types, an existing record is saved on each change, a new
 * one when the form is submitted (« Ajouter »).
 */
export class EntityForm<E extends EntityName> {
  readonly checker: Checker<E>;
  private readonly entity: E;
  private readonly binding: FormBinding<E>;

  constructor(entity: E, binding: FormBinding<E>) {
    this.entity = entity;
    this.binding = binding;
    this.checker = new Checker(entity);
  }

  private canCheck(): boolean {
    return this.binding.canCheck?.() ?? true;
  }

  /** Checks then saves the record; whether it was saved. */
  async submit(): Promise<boolean> {
    if (!(this.binding.canSave?.() ?? true) || !this.canCheck()) return false;
    const saved = await saveChecked(this.entity, this.binding.value(), this.checker);
    if (saved === null) return false;
    await this.binding.saved(saved);
    return true;
  }

  /** On each keystroke: the core's findings, nothing saved yet. */
  readonly oninput = (): void => {
    if (this.canCheck()) void this.checker.check(this.binding.value());
  };

  /** When a field is left or a choice made: an existing record is saved. */
  readonly onchange = (): void => {
    if (this.binding.exists()) void this.submit();
    else if (this.canCheck()) void this.checker.check(this.binding.value());
  };

  /** The form's submit handler (« Ajouter »); whether the record was saved. */
  readonly create = async (e: SubmitEvent): Promise<boolean> => {
    e.preventDefault();
    return this.submit();
  };
}

/** The record open in an inline editor: its id, -1 when none is open, 0 for a new one. */
export class Draft {
  id = $state(-1);
  /** Counts the openings, so that the editor takes the focus each time. */
  opened = $state(0);

  /** Opens the editor on the record `id` (0: a new one). */
  begin(id: number): void {
    this.id = id;
    this.opened++;
  }

  get isOpen(): boolean {
    return this.id >= 0;
  }

  get isNew(): boolean {
    return this.id === 0;
  }

  close(): void {
    this.id = -1;
  }
}
