// The form primitives every screen composes: a labelled field with its findings, a text field,
// a select over the core's labels or over records, a group of checkboxes, a list table and the
// buttons of its rows.
export { default as AddButton } from "./AddButton.svelte";
export { default as CheckboxGroup } from "./CheckboxGroup.svelte";
export { default as DeleteButton } from "./DeleteButton.svelte";
export { default as EditorSection } from "./EditorSection.svelte";
export { default as Field } from "./Field.svelte";
export { default as FieldIssues } from "./FieldIssues.svelte";
export { default as ListTable } from "./ListTable.svelte";
export { default as RowActions } from "./RowActions.svelte";
export { default as SelectField } from "./SelectField.svelte";
export { default as TextField } from "./TextField.svelte";
export type { FieldControl, ListColumn } from "./field";
