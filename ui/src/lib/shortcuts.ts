// Keyboard shortcuts: one table, used by the key handler and the "Aide" dialog.
import { SCREENS, type ScreenId } from "./screens";

/** Something the user can ask for from the keyboard, the menu or a button. */
export type AppAction =
  | { kind: "new" }
  | { kind: "open" }
  | { kind: "open-read-only" }
  | { kind: "demo" }
  | { kind: "save-copy" }
  | { kind: "close" }
  | { kind: "report" }
  | { kind: "shortcuts" }
  | { kind: "about" }
  | { kind: "sitting" }
  | { kind: "open-recent"; path: string }
  | { kind: "go"; screen: ScreenId };

/** A shortcut as shown in the help dialog. */
export interface ShortcutDoc {
  keys: string;
  label: string;
}

/** The shortcuts documented in the "Aide" dialog. */
export const SHORTCUT_DOCS: readonly ShortcutDoc[] = [
  { keys: "Ctrl+N", label: "Créer un contrat" },
  { keys: "Ctrl+O", label: "Ouvrir un contrat…" },
  { keys: "Ctrl+Maj+S", label: "Sauvegarder une copie…" },
  { keys: "Ctrl+P", label: "Rapport du comité de pilotage" },
  { keys: "Ctrl+Maj+M", label: "Démarrer ou reprendre la séance de la prochaine instance" },
  { keys: "F1", label: "Afficher cette aide" },
  { keys: "Ctrl+J", label: "Journal des modifications" },
  { keys: "Ctrl+Z", label: "Annuler la dernière valeur saisie (Indicateurs)" },
  ...SCREENS.filter((s) => s.shortcut !== "Ctrl+P" && s.shortcut !== "Ctrl+J").map((s) => ({
    keys: s.shortcut,
    label: `Aller à « ${s.label} »`,
  })),
  { keys: "Tab / Maj+Tab", label: "Passer d'une commande à l'autre" },
  {
    keys: "Échap",
    label: "Fermer une fenêtre de dialogue ; en séance, passer de la projection à la saisie",
  },
  { keys: "→ / ← (projection)", label: "Point suivant / point précédent de l'ordre du jour" },
  { keys: "F5 (séance)", label: "Revenir de la saisie à la projection" },
];

/** Minimal view of a keyboard event, so that the matcher is testable without a DOM. */
export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/** The action bound to a key press, if any. */
export function actionForKey(e: KeyLike): AppAction | null {
  if (e.altKey) return null;
  if (e.key === "F1" && !e.ctrlKey && !e.metaKey) return { kind: "shortcuts" };
  if (!(e.ctrlKey || e.metaKey)) return null;
  const key = e.key.toLowerCase();
  if (e.shiftKey) {
    if (key === "s") return { kind: "save-copy" };
    return key === "m" ? { kind: "sitting" } : null;
  }
  if (key === "n") return { kind: "new" };
  if (key === "o") return { kind: "open" };
  if (key === "p") return { kind: "report" };
  if (key === "j") return { kind: "go", screen: "journal" };
  const target = SCREENS.find((s) => s.shortcut === `Ctrl+${key.toUpperCase()}`);
  return target ? { kind: "go", screen: target.id } : null;
}
