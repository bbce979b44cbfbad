// Client-side rules of the "Créer un contrat" wizard. copil-core is the
// authority (phase 2 shows its messages); these only give feedback as you type.

/** Default themes of a contrat de ville (circular of 7 November 2024), plus common additions. */
export const DEFAULT_THEMES: readonly string[] = [
  "Éducation",
  "Santé",
  "Emploi et développement économique",
  "Transition écologique",
  "Sécurité et tranquillité",
  "Cadre de vie et renouvellement urbain",
  "Lutte contre les discriminations",
  "Égalité femmes-hommes",
  "Accès aux droits",
  "Participation citoyenne",
  "Culture et lien social",
];

/** `QN` + 3-character département + 2 digits + a letter, e.g. `QN07501M`, `QN02A01N`. */
const QPV_CODE = /^QN(?:\d{3}|02[AB])\d{2}[A-Z]$/;

/** French error for a QPV code, or null when it looks valid. */
export function qpvCodeError(code: string): string | null {
  const c = code.trim().toUpperCase();
  if (c === "") return "Saisissez le code du quartier (par exemple QN07501M).";
  if (c.length !== 8 || !QPV_CODE.test(c)) {
    return "Code QPV invalide : « QN », le département sur 3 caractères, 2 chiffres et une lettre (par exemple QN07501M ou QN02A01N).";
  }
  return null;
}

/** French error for the contract period, or null. */
export function periodError(start: number, end: number): string | null {
  if (!Number.isInteger(start) || !Number.isInteger(end)) return "Indiquez des années entières.";
  if (start < 2000 || end > 2100) return "Les années doivent être comprises entre 2000 et 2100.";
  if (end < start) return "L'année de fin doit suivre l'année de début.";
  return null;
}
