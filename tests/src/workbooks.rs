//! A porteur's returned workbook, as the tests build it: the workbook `copil collect` wrote,
//! read back, a few cells filled in, saved as the porteur's spreadsheet saves it.

use std::path::Path;

use chrono::Datelike;
use copil_core::exchange::{Cell, Workbook};

/// Sets the Valeurs cell of `header` in the row of (action, indicator).
pub fn fill(wb: &mut Workbook, action: &str, indicator: &str, header: &str, value: Cell) {
    let sheet = wb.sheets.iter_mut().find(|s| s.name == "Valeurs").unwrap();
    let col = |h: &str| sheet.rows[0].iter().position(|c| c.as_text() == h).unwrap();
    let (a, i, target) = (col("Action"), col("Indicateur"), col(header));
    let width = sheet.rows[0].len();
    let row = sheet
        .rows
        .iter_mut()
        .find(|r| {
            r.get(a).is_some_and(|c| c.as_text() == action)
                && r.get(i).is_some_and(|c| c.as_text() == indicator)
        })
        .unwrap_or_else(|| panic!("no row for {action} / {indicator}"));
    row.resize(width, Cell::Empty);
    row[target] = value;
}

/// Writes a workbook as read back to an XLSX file, as the porteur's spreadsheet saves it.
pub fn save(wb: &Workbook, path: &Path) {
    let mut book = rust_xlsxwriter::Workbook::new();
    for sheet in &wb.sheets {
        let ws = book.add_worksheet();
        ws.set_name(&sheet.name).unwrap();
        for (r, row) in sheet.rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match cell {
                    Cell::Text(t) => {
                        ws.write_string(r, c, t).unwrap();
                    }
                    Cell::Number(v) => {
                        ws.write_number(r, c, *v).unwrap();
                    }
                    Cell::Date(d) => {
                        let d = rust_xlsxwriter::ExcelDateTime::from_ymd(
                            d.year() as u16,
                            d.month() as u8,
                            d.day() as u8,
                        )
                        .unwrap();
                        ws.write_datetime(r, c, &d).unwrap();
                    }
                    Cell::Bool(b) => {
                        ws.write_boolean(r, c, *b).unwrap();
                    }
                    Cell::Empty | Cell::Error(_) => {}
                }
            }
        }
    }
    book.save(path).unwrap();
}
