// The spreadsheet exchange (import preview, exports, template, official QPV list):
// the report shape of copil-core's `exchange::import` and its French lines.

/** One problem of a workbook (`exchange::import::Problem`). */
export interface ImportProblem {
  sheet: string;
  /** Row as shown by the spreadsheet (1 = header); 0 = the whole sheet. */
  row: number;
  /** Column header; empty = the whole row. */
  column: string;
  message: string;
}

/** What an import does to one sheet. */
export interface SheetPlan {
  sheet: string;
  created: number;
  updated: number;
  unchanged: number;
}

/** `exchange::import::ImportReport`. */
export interface ImportReport {
  sheets: SheetPlan[];
  problems: ImportProblem[];
  warnings: ImportProblem[];
  applied: boolean;
  backup: string | null;
}

/** « feuille, ligne, colonne : message », leaving out the parts that are not known. */
export function problemLine(p: ImportProblem): string {
  const parts = [p.sheet];
  if (p.row > 0) parts.push(`ligne ${p.row}`);
  if (p.column) parts.push(`colonne « ${p.column} »`);
  return `${parts.join(", ")} : ${p.message}`;
}

/** Totals of created / updated / unchanged rows. */
export function planTotals(sheets: SheetPlan[]): SheetPlan {
  return sheets.reduce(
    (acc, s) => ({
      sheet: "Total",
      created: acc.created + s.created,
      updated: acc.updated + s.updated,
      unchanged: acc.unchanged + s.unchanged,
    }),
    { sheet: "Total", created: 0, updated: 0, unchanged: 0 },
  );
}

/**
 * Normalises what an import command returned: the whole `ImportReport`, or the
 * `(SheetPlan, problems)` pair of the official QPV list import.
 */
export function toReport(raw: unknown): ImportReport {
  if (Array.isArray(raw)) {
    const [plan, problems] = raw as [SheetPlan, ImportProblem[]];
    return {
      sheets: plan ? [plan] : [],
      problems: problems ?? [],
      warnings: [],
      applied: false,
      backup: null,
    };
  }
  const r = (raw ?? {}) as Partial<ImportReport> & { plan?: SheetPlan };
  const sheets = r.sheets ?? (r.plan ? [r.plan] : []);
  return {
    sheets,
    problems: r.problems ?? [],
    warnings: r.warnings ?? [],
    applied: r.applied ?? false,
    backup: r.backup ?? null,
  };
}

/** Spreadsheet files Copil reads. */
export const WORKBOOK_FILTERS = [
  { name: "Classeur (XLSX, ODS, CSV)", extensions: ["xlsx", "ods", "csv"] },
];
export const XLSX_FILTERS = [{ name: "Classeur Excel (XLSX)", extensions: ["xlsx"] }];
export const CSV_FILTERS = [{ name: "Liste officielle des QPV (CSV)", extensions: ["csv"] }];
