//! Spreadsheet exchange: collection templates, validated import, full export, official QPV list.
//!
//! Every sheet kind is described once in `sheets`; export, template and import share that description,
//! so what Copil writes it can read back.

mod cell;
mod export;
mod headers;
mod import;
mod parse;
mod qpv_list;
mod read;
mod sheets;
mod template;

pub use cell::Cell;
pub use export::{export_csv, export_xlsx};
pub use headers::{header_key, map_headers, Col, Kind, Mapping};
pub use import::{import_file, import_workbook, ImportReport, Problem, SheetPlan};
pub use parse::{date_from_serial, parse_date_text, parse_number_text};
pub use qpv_list::{import_qpv_list, read_qpv_list, QpvEntry};
pub use read::{
    decode_text, read_csv_bytes, read_workbook, Sheet, Workbook, MAX_FILE_BYTES, MAX_ROWS,
    MAX_UNCOMPRESSED_BYTES,
};
pub use sheets::SheetKind;
pub use template::write_template;
