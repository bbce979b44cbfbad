// The screens of the left navigation, in order.

/** Identifier of a screen. */
export type ScreenId =
  | "accueil"
  | "tableau"
  | "objectifs"
  | "indicateurs"
  | "actions"
  | "bilans"
  | "acteurs"
  | "lieux"
  | "quartiers"
  | "diagnostic"
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
  { id: "bilans", label: "Bilans", shortcut: "Ctrl+B", needsContract: true },
  { id: "acteurs", label: "Acteurs", shortcut: "Ctrl+6", needsContract: true },
  { id: "lieux", label: "Lieux", shortcut: "Ctrl+L", needsContract: true },
  { id: "quartiers", label: "Quartiers", shortcut: "Ctrl+7", needsContract: true },
  { id: "diagnostic", label: "Diagnostic", shortcut: "Ctrl+D", needsContract: true },
  { id: "themes", label: "Thèmes", shortcut: "Ctrl+8", needsContract: true },
  { id: "instances", label: "Instances", shortcut: "Ctrl+9", needsContract: true },
  { id: "rapports", label: "Rapports", shortcut: "Ctrl+P", needsContract: true },
  { id: "journal", label: "Journal", shortcut: "Ctrl+J", needsContract: true },
];

/** One sentence under each screen's title: what the screen is for. */
const LEADS: Record<ScreenId, string> = {
  accueil:
    "Suivez le pilier inclusion numérique de votre contrat de ville et préparez le comité de pilotage.",
  tableau:
    "L'état d'avancement du pilier en un coup d'œil : chiffres clés, météo des objectifs, alertes et évolutions depuis le dernier COPIL.",
  objectifs:
    "L'arbre des objectifs stratégiques et opérationnels du pilier, reliés aux thèmes du contrat, et la matrice de transversalité.",
  indicateurs:
    "Cibles et réalisés par année et par quartier : chaque valeur saisie est enregistrée aussitôt.",
  actions:
    "Les actions du pilier, leurs porteurs, leurs quartiers et leurs financements par financeur et par année.",
  bilans:
    "La campagne de bilans des porteurs : qui a répondu, qui est en retard, les classeurs à envoyer et à importer, la relance à copier.",
  acteurs:
    "Les structures du pilier : porteurs de projet, collectivités, services de l'État, bailleurs, avec leurs labels et les quartiers qu'elles servent.",
  lieux:
    "Les lieux de médiation numérique du territoire sur la carte des QPV : quels quartiers ont un lieu dedans ou à proximité, lesquels n'en ont aucun.",
  quartiers:
    "Les quartiers prioritaires (QPV) du contrat, avec leurs communes, leur population et leur indice de fragilité numérique.",
  diagnostic:
    "Le diagnostic de fragilité numérique : l'indice de La MedNum de chaque commune du contrat et de son EPCI, de 1 à 10, et les quartiers des communes les plus fragiles.",
  themes:
    "Les thèmes (priorités) du contrat de ville. Les objectifs du pilier numérique s'y rattachent : c'est la transversalité.",
  instances:
    "Les comités de pilotage et comités techniques, leurs participants, leur ordre du jour et le relevé de décisions, suivies jusqu'à leur réalisation.",
  rapports: "Le rapport PDF du comité de pilotage, produit en un clic et sans connexion.",
  journal: "Qui a modifié quoi et quand, et les sauvegardes automatiques du fichier.",
};

/** The sentence under a screen's title. */
export function lead(id: ScreenId): string {
  return LEADS[id];
}

/** The definition of a screen. */
export function screen(id: ScreenId): ScreenDef {
  const def = SCREENS.find((s) => s.id === id);
  if (!def) throw new Error(`unknown screen ${id}`);
  return def;
}
