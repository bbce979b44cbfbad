// Types of the form primitives.

/** Attributes to spread on the control of a Field. */
export interface FieldControl {
  id: string;
  "aria-describedby": string;
  "aria-invalid": true | undefined;
}

/** A column header of a ListTable: its text, or `{ label, num, hidden }`. */
export type ListColumn = string | { label: string; num?: boolean; hidden?: boolean };
