//! Full export: one typed sheet per entity (XLSX), or one `;` CSV per entity (UTF-8 with BOM).

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{Format, Workbook as XlsxBook, Worksheet};

use super::sheet::{Out, Selection, SheetKind};
use crate::error::{CoreError, Result};
use crate::figures::Pillar;
use crate::format::{plain_cents, plain_number};
use crate::Store;

pub(crate) fn xlsx_error(path: &Path, e: rust_xlsxwriter::XlsxError) -> CoreError {
    CoreError::Spreadsheet {
        path: path.to_path_buf(),
        detail: format!("écriture impossible ({e})."),
    }
}

/// Cell formats shared by export and template.
pub(crate) struct Formats {
    pub header: Format,
    pub date: Format,
    pub euros: Format,
}

impl Formats {
    pub(crate) fn new() -> Formats {
        Formats {
            header: Format::new()
                .set_bold()
                .set_background_color(0xDDE7F0)
                .set_text_wrap(),
            date: Format::new().set_num_format("dd/mm/yyyy"),
            euros: Format::new().set_num_format("#,##0.00\\ \"€\""),
        }
    }
}

/// Writes the header row, freezes it and sets the column widths.
pub(crate) fn write_header(
    ws: &mut Worksheet,
    kind: SheetKind,
    f: &Formats,
) -> std::result::Result<(), rust_xlsxwriter::XlsxError> {
    for (c, col) in kind.columns().iter().enumerate() {
        ws.write_string_with_format(0, c as u16, col.header, &f.header)?;
        ws.set_column_width(c as u16, col.width)?;
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

/// Writes data rows from row 1.
pub(crate) fn write_rows(
    ws: &mut Worksheet,
    data: &[Vec<Out>],
    f: &Formats,
) -> std::result::Result<(), rust_xlsxwriter::XlsxError> {
    for (r, row) in data.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match cell {
                Out::Empty => {}
                Out::Text(t) => {
                    ws.write_string(r, c, t)?;
                }
                Out::Number(v) => {
                    ws.write_number(r, c, *v)?;
                }
                Out::Date(d) => {
                    use chrono::Datelike;
                    let xd = rust_xlsxwriter::ExcelDateTime::from_ymd(
                        d.year() as u16,
                        d.month() as u8,
                        d.day() as u8,
                    )?;
                    ws.write_datetime_with_format(r, c, &xd, &f.date)?;
                }
                Out::Euros(cents) => {
                    ws.write_number_with_format(r, c, *cents as f64 / 100.0, &f.euros)?;
                }
            }
        }
    }
    Ok(())
}

/// Writes the whole contract as an XLSX workbook, one sheet per entity.
pub fn export_xlsx(store: &Store, out: &Path) -> Result<()> {
    let pillar = Pillar::load(store)?;
    let f = Formats::new();
    let mut book = XlsxBook::new();
    for kind in SheetKind::ALL {
        let ws = book.add_worksheet();
        (|| {
            ws.set_name(kind.sheet_name())?;
            write_header(ws, kind, &f)?;
            write_rows(ws, &rows(kind, &pillar), &f)
        })()
        .map_err(|e| xlsx_error(out, e))?;
    }
    book.save(out).map_err(|e| xlsx_error(out, e))
}

/// Every row of a sheet kind, for the whole contract.
fn rows(kind: SheetKind, pillar: &Pillar) -> Vec<Vec<Out>> {
    (kind.spec().rows)(pillar, Selection::All)
}

fn csv_cell(cell: &Out) -> String {
    match cell {
        Out::Empty => String::new(),
        Out::Text(t) => t.clone(),
        Out::Number(v) => plain_number(*v),
        Out::Date(d) => d.format("%d/%m/%Y").to_string(),
        Out::Euros(c) => plain_cents(*c),
    }
}

/// Writes one `;`-separated CSV (UTF-8 with BOM) per entity into `dir`; returns the files written.
pub fn export_csv(store: &Store, dir: &Path) -> Result<Vec<PathBuf>> {
    let pillar = Pillar::load(store)?;
    std::fs::create_dir_all(dir).map_err(|source| CoreError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut written = Vec::new();
    for kind in SheetKind::ALL {
        let path = dir.join(format!("{}.csv", kind.sheet_name()));
        let mut buf: Vec<u8> = b"\xEF\xBB\xBF".to_vec();
        {
            let mut w = csv::WriterBuilder::new()
                .delimiter(b';')
                .terminator(csv::Terminator::CRLF)
                .from_writer(&mut buf);
            let header: Vec<&str> = kind.columns().iter().map(|c| c.header).collect();
            let io = |e: csv::Error| CoreError::Spreadsheet {
                path: path.clone(),
                detail: format!("écriture impossible ({e})."),
            };
            w.write_record(&header).map_err(io)?;
            for row in rows(kind, &pillar) {
                w.write_record(row.iter().map(csv_cell)).map_err(io)?;
            }
            w.flush().map_err(|source| CoreError::Io {
                path: path.clone(),
                source,
            })?;
        }
        std::fs::write(&path, buf).map_err(|source| CoreError::Io {
            path: path.clone(),
            source,
        })?;
        written.push(path);
    }
    Ok(written)
}
