// The Actions screen's editing state: the action open in the editor, as typed, and the record
// it makes. The lists (actions, porteurs, objectives in tree order) come from the core as they
// are; the funding totals too (`funding_tables`).
import type { Action } from "./bindings/Action";
import type { Objective } from "./bindings/Objective";
import { Draft } from "./forms.svelte";

/** A new action, before anything is typed. */
export const NEW_ACTION: Action = {
  id: 0,
  title: "",
  description: "",
  porteur_id: null,
  status: "planned",
  start_date: null,
  end_date: null,
  audience: "",
  weather: null,
  weather_comment: "",
  district_ids: [],
  objective_ids: [],
  theme_ids: [],
  reported_indicator_ids: [],
};

/** The action open in the editor, its fields as typed. */
export class ActionDraft extends Draft {
  fields = $state<Action>({ ...NEW_ACTION });

  /** Opens an action, or a new one. */
  open(a: Action | null): void {
    this.begin(a ? a.id : 0);
    this.fields = structuredClone($state.snapshot(a ?? NEW_ACTION)) as Action;
  }

  /** The action the fields describe (texts trimmed, empty dates left out). */
  value(): Action {
    const f = $state.snapshot(this.fields) as Action;
    return {
      ...f,
      id: Math.max(this.id, 0),
      title: f.title.trim(),
      description: f.description.trim(),
      start_date: f.start_date || null,
      end_date: f.end_date || null,
      audience: f.audience.trim(),
      weather_comment: f.weather_comment.trim(),
    };
  }

  /** An objective ticked brings its themes along (they can be unticked). */
  objectiveTicked(o: Objective | undefined, checked: boolean): void {
    if (!checked || !o) return;
    const themes = this.fields.theme_ids;
    for (const t of o.theme_ids) if (!themes.includes(t)) themes.push(t);
  }
}
