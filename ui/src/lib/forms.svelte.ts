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

  reset(): void {
    this.seq++;
    this.issues = [];
  }
}

/**
 * Validates then saves a value in one transaction; returns its id, or `null`
 * when the core refused it (errors are shown by the checker) or the save failed.
 * Warnings are shown in the notice bar.
 */
export async function saveChecked<E extends EntityName>(
  entity: E,
  value: Entities[E],
  checker?: Checker<E>,
): Promise<number | null> {
  const plain = $state.snapshot(value) as Entities[E];
  if (checker) {
    const issues = await checker.check(plain);
    if (errorsOf(issues).length > 0) return null;
  }
  const saved = await app.write(() => save(entity, plain));
  if (!saved) return null;
  if (saved.warnings.length > 0) {
    app.notice = { kind: "info", text: saved.warnings.map((w) => w.message).join(" ") };
  }
  return Number(saved.id);
}
