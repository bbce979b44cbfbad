// The file filters of the spreadsheet exchange (import, exports, official QPV list). What an
// import found comes from the core as it is (`ImportReport`, each `Problem` with its `text`).

/** Spreadsheet files Copil reads. */
export const WORKBOOK_FILTERS = [
  { name: "Classeur (XLSX, ODS, CSV)", extensions: ["xlsx", "ods", "csv"] },
];
export const XLSX_FILTERS = [{ name: "Classeur Excel (XLSX)", extensions: ["xlsx"] }];
export const CSV_FILTERS = [{ name: "Liste officielle des QPV (CSV)", extensions: ["csv"] }];
