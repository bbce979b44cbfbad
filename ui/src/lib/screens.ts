// The screens of the left navigation, in order.

/** Identifier of a screen. */
export type ScreenId =
  | "accueil"
  | "tableau"
  | "objectifs"
  | "indicateurs"
  | "actions"
  | "acteurs"
  | "quartiers"
  | "themes"
  | "instances"
  | "rapports"
  | "journal";

/** A navigation entry. */
export interface ScreenDef {
  id: ScreenId;
  /** Label in the navigation and the page heading. */
  label: string;
  /** Keyboard shortcut shown in the help dialog, e.g. "Ctrl+2". */
  shortcut: string;
  /** Whether the screen needs an open contract to show data. */
  needsContract: boolean;
}

export const SCREENS: readonly ScreenDef[] = [
  { id: "accueil", label: "Accueil", shortcut: "Ctrl+1", needsContract: false },
  { id: "tableau", label: "Tableau de bord", shortcut: "Ctrl+2", needsContract: true },
  { id: "objectifs", label: "Objectifs", shortcut: "Ctrl+3", needsContract: true },
  { id: "indicateurs", label: "Indicateurs", shortcut: "Ctrl+4", needsContract: true },
  { id: "actions", label: "Actions & financements", shortcut: "Ctrl+5", needsContract: true },
  { id: "acteurs", label: "Acteurs", shortcut: "Ctrl+6", needsContract: true },
  { id: "quartiers", label: "Quartiers", shortcut: "Ctrl+7", needsContract: true },
  { id: "themes", label: "Thèmes", shortcut: "Ctrl+8", needsContract: true },
  { id: "instances", label: "Instances", shortcut: "Ctrl+9", needsContract: true },
  { id: "rapports", label: "Rapports", shortcut: "Ctrl+P", needsContract: true },
  { id: "journal", label: "Journal", shortcut: "Ctrl+J", needsContract: true },
];

/** The definition of a screen. */
export function screen(id: ScreenId): ScreenDef {
  const def = SCREENS.find((s) => s.id === id);
  if (!def) throw new Error(`unknown screen ${id}`);
  return def;
}
