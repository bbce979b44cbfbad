//! Spreadsheet exchange: collection templates, validated import, full export, official QPV list.
//!
//! Every sheet kind is described once, in `sheet/<kind>.rs` (columns, export row, import row);
//! export, template and import share that description, so what Copil writes it can read back.
//!
//! Layers, each using only those before it:
//! - `parse` (text → number, date, list), `cell` (a cell → typed value or French message),
//!   `read` (XLSX/ODS/CSV → cells), `headers` (columns and header mapping), `list` (lists in a cell);
//! - `problem` (« feuille, ligne, colonne : message »), `row` (one row read by column),
//!   `index` (the contract by natural keys);
//! - `sheet` (the ten kinds);
//! - `import`, `export`, `template`, `collect` (a round's porteur workbooks), `qpv_list`;
//! - other tools' files: `ifn` (La MedNum's indice de fragilité numérique), `coop` (La Coop de la
//!   médiation numérique, and the older conseiller numérique statistics).
//!
//! An importer of another tool's file declares its own `Col`s (as `qpv_list` does for the official
//! QPV list), reads its cells through `read`, `cell` and `row`, and reports with `problem`.

mod cell;
mod collect;
pub mod coop;
mod export;
mod headers;
pub(crate) mod ifn;
mod import;
mod index;
mod list;
mod parse;
mod places;
mod problem;
mod qpv_geo;
mod qpv_list;
mod read;
mod row;
mod sheet;
mod template;

pub use cell::Cell;
pub use collect::{collect, safe_stem, CollectRequest, Collection, PorteurWorkbook};
pub use coop::{
    import_coop, read_coop_file, CoopBilan, CoopFile, CoopImportReport, CoopOptions, CoopValue,
    MeasureUse, OutOfPeriod, PlaceUse,
};
pub use export::{export_csv, export_xlsx};
pub use headers::{header_key, map_headers, Choices, Col, Kind, Mapping};
pub use ifn::{
    import_ifn, parse_score, read_ifn, DistrictIfn, FedIndicator, IfnFile, IfnImportReport,
    IfnOptions, IFN_HEADER,
};
pub use import::{
    import_file, import_files, import_workbook, BatchImport, CoveredBilan, ImportOptions,
    ImportReport, ImportTotals, SheetPlan, WorkbookImport,
};
pub use parse::{date_from_serial, parse_date_text, parse_number_text};
pub use places::{
    import_places, import_places_bytes, import_places_with_services, parse_places, parse_services,
    read_places, read_services, split_list_cell, IgnoredPlace, PlaceRecord, PlacesImport,
    ServiceRecord,
};
pub use problem::Problem;
pub use qpv_geo::{
    import_qpv_geo, import_qpv_geo_bytes, outline_of, parse_qpv_geojson, QpvGeoImport,
    QpvPerimeter, MAX_GEOJSON_BYTES,
};
pub use qpv_list::{import_qpv_list, parse_qpv_list, read_qpv_list, QpvEntry};
pub use read::{
    column_letters, decode_text, read_csv_bytes, read_file_bytes, read_spreadsheet_bytes,
    read_workbook, read_workbook_bytes, FormulaCell, Sheet, SpreadsheetFormat, Workbook,
    MAX_FILE_BYTES, MAX_ROWS, MAX_UNCOMPRESSED_BYTES,
};
pub use sheet::SheetKind;
pub use template::write_template;
