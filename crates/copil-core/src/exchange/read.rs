//! Reading XLSX/ODS (calamine) and CSV (`;` or `,`, UTF-8 with or without BOM, Windows-1252) into plain cells.
//!
//! Hostile files are bounded: file size, uncompressed size declared in the zip directory, rows read.

use std::io::Cursor;
use std::path::Path;

use calamine::{open_workbook_from_rs, Data, DataRef, Ods, Reader, Sheets, Xlsx};

use super::cell::Cell;
use super::parse::{date_from_serial, parse_date_text};
use crate::error::{CoreError, Result};

/// Largest file read (bytes).
pub const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;
/// Largest total uncompressed size of an XLSX/ODS (bytes).
pub const MAX_UNCOMPRESSED_BYTES: u64 = 300 * 1024 * 1024;
/// Most rows read in one sheet; the rest is ignored with a message.
pub const MAX_ROWS: usize = 1_000_000;

/// One sheet: `rows[0]` is the header row; `rows[i]` is spreadsheet row `i + 1`.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    /// Sheet name (file stem for a CSV).
    pub name: String,
    /// Rows, trailing empty rows removed.
    pub rows: Vec<Vec<Cell>>,
    /// Whether rows beyond [`MAX_ROWS`] were ignored.
    pub truncated: bool,
}

/// A workbook as read.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Workbook {
    /// Sheets in file order.
    pub sheets: Vec<Sheet>,
}

fn fail(path: &Path, detail: impl Into<String>) -> CoreError {
    CoreError::Spreadsheet {
        path: path.to_path_buf(),
        detail: detail.into(),
    }
}

/// Reads an XLSX, XLSM, ODS or CSV file (by extension).
pub fn read_workbook(path: &Path) -> Result<Workbook> {
    let meta = std::fs::metadata(path).map_err(|source| match source.kind() {
        std::io::ErrorKind::NotFound => CoreError::NotFound(path.to_path_buf()),
        _ => CoreError::Io {
            path: path.to_path_buf(),
            source,
        },
    })?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(fail(
            path,
            format!(
                "fichier trop gros ({} Mo, limite {} Mo).",
                meta.len() / 1_048_576,
                MAX_FILE_BYTES / 1_048_576
            ),
        ));
    }
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "csv" | "txt" => {
            let bytes = std::fs::read(path).map_err(|source| CoreError::Io {
                path: path.to_path_buf(),
                source,
            })?;
            let name = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            Ok(Workbook {
                sheets: vec![read_csv_bytes(&name, &bytes)],
            })
        }
        "xlsx" | "xlsm" | "ods" => {
            let bytes = std::fs::read(path).map_err(|e| CoreError::io(path, e))?;
            let format = if ext == "ods" {
                SpreadsheetFormat::Ods
            } else {
                SpreadsheetFormat::Xlsx
            };
            read_spreadsheet_bytes(path, format, &bytes)
        }
        "xls" => Err(fail(
            path,
            "l'ancien format .xls n'est pas lu : enregistrez le classeur en .xlsx ou .ods.",
        )),
        _ => Err(fail(
            path,
            "format non reconnu : attendu .xlsx, .ods ou .csv.",
        )),
    }
}

/// The two spreadsheet formats read, both zip archives (chosen by the file's extension).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpreadsheetFormat {
    /// Office Open XML (`.xlsx`, `.xlsm`).
    Xlsx,
    /// OpenDocument (`.ods`).
    Ods,
}

/// Refuses a zip whose directory announces too much uncompressed data (zip bomb).
fn check_zip(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|_| fail(path, "ce n'est pas un classeur valide (archive illisible)."))?;
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let entry = zip
            .by_index_raw(i)
            .map_err(|_| fail(path, "archive du classeur endommagée."))?;
        total = total.saturating_add(entry.size());
        let ratio_bomb = entry.compressed_size() > 0
            && entry.size() / entry.compressed_size().max(1) > 1000
            && entry.size() > 10_000_000;
        if total > MAX_UNCOMPRESSED_BYTES || ratio_bomb {
            return Err(fail(
                path,
                "contenu décompressé démesuré (bombe de décompression ?) : fichier refusé.",
            ));
        }
    }
    Ok(())
}

/// Columns of the widest sheet a spreadsheet program writes (XLSX and ODS stop at XFD).
const MAX_COLUMNS: usize = 16_384;

/// Reads the bytes of an XLSX or ODS file (`path` names it in messages): the reader every
/// import and the fuzzing go through.
pub fn read_spreadsheet_bytes(
    path: &Path,
    format: SpreadsheetFormat,
    bytes: &[u8],
) -> Result<Workbook> {
    check_zip(path, bytes)?;
    guarded(path, || read_checked_spreadsheet(path, format, bytes))
}

/// Runs the spreadsheet library on a hostile file: a panic inside it (fuzzing found an
/// arithmetic overflow on an impossible cell reference) refuses the file with a French message
/// instead of ending the program.
fn guarded<T>(path: &Path, read: impl FnOnce() -> Result<T>) -> Result<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(read)).unwrap_or_else(|_| {
        Err(fail(
            path,
            "classeur illisible : son contenu est incohérent (référence de cellule impossible, XML mal formé).",
        ))
    })
}

/// [`read_spreadsheet_bytes`] once the archive is known not to be a zip bomb.
fn read_checked_spreadsheet(
    path: &Path,
    format: SpreadsheetFormat,
    bytes: &[u8],
) -> Result<Workbook> {
    if matches!(format, SpreadsheetFormat::Xlsx) {
        // calamine's dense range allocates rows × columns of the used area: two cells far
        // apart (found by fuzzing, fuzz/regressions/workbook_xlsx/) asked for 74 GB and
        // aborted; its cells reader streams them into the grid, past MAX_ROWS truncated.
        return read_xlsx_with_formulas(path, bytes, &mut |_: &[Cell]| None)
            .map(|(workbook, _)| workbook);
    }
    let unreadable = |e: calamine::Error| fail(path, format!("classeur illisible ({e})."));
    let mut book: Sheets<Cursor<&[u8]>> = match format {
        SpreadsheetFormat::Xlsx => Sheets::Xlsx(
            open_workbook_from_rs::<Xlsx<_>, _>(Cursor::new(bytes))
                .map_err(|e| unreadable(e.into()))?,
        ),
        SpreadsheetFormat::Ods => Sheets::Ods(
            open_workbook_from_rs::<Ods<_>, _>(Cursor::new(bytes))
                .map_err(|e| unreadable(e.into()))?,
        ),
    };
    let mut out = Workbook::default();
    for name in book.sheet_names() {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| fail(path, format!("feuille « {name} » illisible ({e}).")))?;
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let mut rows: Vec<Vec<Cell>> = Vec::new();
        let mut truncated = false;
        for _ in 0..r0.min(MAX_ROWS as u32) {
            rows.push(Vec::new());
        }
        let mut last_filled = 0usize;
        for row in range.rows() {
            if rows.len() >= MAX_ROWS {
                // Past the limit only trailing empty rows are tolerated.
                if row.iter().any(|d| !matches!(d, Data::Empty)) {
                    truncated = true;
                    break;
                }
                continue;
            }
            let mut cells: Vec<Cell> = vec![Cell::Empty; c0 as usize];
            cells.extend(row.iter().map(convert));
            while cells.last().is_some_and(Cell::is_blank) {
                cells.pop();
            }
            if !cells.is_empty() {
                last_filled = rows.len() + 1;
            }
            rows.push(cells);
        }
        rows.truncate(last_filled);
        out.sheets.push(Sheet {
            name,
            rows,
            truncated,
        });
    }
    Ok(out)
}

fn convert(d: &Data) -> Cell {
    match d {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) => date_from_serial(dt.as_f64())
            .map(Cell::Date)
            .unwrap_or(Cell::Number(dt.as_f64())),
        Data::DateTimeIso(s) => parse_date_text(s)
            .map(Cell::Date)
            .unwrap_or_else(|| Cell::Text(s.clone())),
        Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Error(format!("{e}")),
    }
}

/// A cell that holds a formula: an importer of another tool's export, which holds none, refuses it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormulaCell {
    /// Sheet name.
    pub sheet: String,
    /// Row as the spreadsheet numbers it (1-based).
    pub row: usize,
    /// Column, 0-based (A = 0).
    pub column: usize,
    /// The formula's text (without `=`), empty when only its group is known.
    pub formula: String,
}

impl FormulaCell {
    /// The cell as a spreadsheet names it: `H25`.
    pub fn reference(&self) -> String {
        format!("{}{}", column_letters(self.column), self.row)
    }
}

/// Letters of a 0-based column: 0 → `A`, 26 → `AA`.
pub fn column_letters(column: usize) -> String {
    let mut n = column + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        out.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Reads a file whole, refusing one larger than [`MAX_FILE_BYTES`] before reading it.
pub fn read_file_bytes(path: &Path) -> Result<Vec<u8>> {
    let io = |source: std::io::Error| match source.kind() {
        std::io::ErrorKind::NotFound => CoreError::NotFound(path.to_path_buf()),
        _ => CoreError::Io {
            path: path.to_path_buf(),
            source,
        },
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.is_dir() {
        return Err(fail(path, "c'est un dossier, pas un fichier."));
    }
    check_size(path, meta.len())?;
    std::fs::read(path).map_err(io)
}

/// Refuses more than [`MAX_FILE_BYTES`], and nothing at all.
fn check_size(path: &Path, len: u64) -> Result<()> {
    if len == 0 {
        return Err(fail(path, "le fichier est vide."));
    }
    if len > MAX_FILE_BYTES {
        return Err(fail(
            path,
            format!(
                "fichier trop gros ({} Mo, limite {} Mo).",
                len / 1_048_576,
                MAX_FILE_BYTES / 1_048_576
            ),
        ));
    }
    Ok(())
}

/// Reads an XLSX, ODS or CSV held in memory (`path`, by its extension, gives the kind and names
/// it in messages), with the cells that hold a formula (XLSX and ODS). Same guards as
/// [`read_workbook`]: size, zip bomb, rows.
pub fn read_workbook_bytes(path: &Path, bytes: &[u8]) -> Result<(Workbook, Vec<FormulaCell>)> {
    read_workbook_bytes_with(path, bytes, &mut |_: &[Cell]| None)
}

/// Which columns of a sheet's rows below a header an importer reads: given each row of the
/// first [`HEADER_ROWS`], `Some(mask)` makes it the header (the rows after it keep only the
/// cells of the columns set in `mask`; a skipped cell that is not blank is kept as a
/// placeholder so that the row does not look empty).
pub(crate) type ColumnSelect<'a> = dyn FnMut(&[Cell]) -> Option<Vec<bool>> + 'a;

/// Rows of a sheet in which [`ColumnSelect`] looks for its header.
pub(crate) const HEADER_ROWS: usize = 200;

/// [`read_workbook_bytes`], keeping of an XLSX sheet's rows under its header only the columns
/// `select` asks for (La Coop's export has 33 columns and 100 000 rows; its importer reads 13):
/// the cells of the others are not copied. ODS and CSV are read whole.
pub(crate) fn read_workbook_bytes_with(
    path: &Path,
    bytes: &[u8],
    select: &mut ColumnSelect<'_>,
) -> Result<(Workbook, Vec<FormulaCell>)> {
    check_size(path, bytes.len() as u64)?;
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "csv" | "txt" => {
            let name = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            Ok((
                Workbook {
                    sheets: vec![read_csv_bytes(&name, bytes)],
                },
                Vec::new(),
            ))
        }
        "xlsx" | "xlsm" => {
            check_zip(path, bytes)?;
            guarded(path, || read_xlsx_with_formulas(path, bytes, select))
        }
        "ods" => {
            check_zip(path, bytes)?;
            guarded(path, || read_ods_with_formulas(path, bytes))
        }
        "xls" => Err(fail(
            path,
            "l'ancien format .xls n'est pas lu : enregistrez le classeur en .xlsx ou .ods.",
        )),
        _ => Err(fail(
            path,
            "format non reconnu : attendu .xlsx, .ods ou .csv.",
        )),
    }
}

/// One pass over each sheet's XML: values and formulas together.
fn read_xlsx_with_formulas(
    path: &Path,
    bytes: &[u8],
    select: &mut ColumnSelect<'_>,
) -> Result<(Workbook, Vec<FormulaCell>)> {
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes))
        .map_err(|e| fail(path, format!("classeur illisible ({e}).")))?;
    let mut out = Workbook::default();
    let mut formulas = Vec::new();
    for name in book.sheet_names() {
        let unreadable =
            |e: calamine::XlsxError| fail(path, format!("feuille « {name} » illisible ({e})."));
        let mut reader = book.worksheet_cells_reader(&name).map_err(unreadable)?;
        let mut grid = Grid::default();
        // The columns kept below the header, once `select` has found it.
        let mut mask: Option<Vec<bool>> = None;
        let mut current: Option<usize> = None;
        let mut unordered = false;
        while let Some(cell) = reader
            .next_cell_with_formula_metadata()
            .map_err(unreadable)?
        {
            let (row, col) = (cell.pos.0 as usize, cell.pos.1 as usize);
            unordered |= current.is_some_and(|c| row < c);
            if current != Some(row) {
                // The previous row is complete (cells come in row order).
                if let Some(done) = current.filter(|r| mask.is_none() && *r < HEADER_ROWS) {
                    mask = grid.rows.get(done).and_then(|cells| select(cells));
                }
                current = Some(row);
            }
            if unordered && mask.is_some() {
                // Rows out of order (not as Excel writes them): the columns chosen from a
                // header perhaps read in part could be wrong, so the workbook is read again whole.
                return read_xlsx_with_formulas(path, bytes, &mut |_: &[Cell]| None);
            }
            if row >= MAX_ROWS {
                if !matches!(cell.value, DataRef::Empty) {
                    grid.truncated = true;
                    break;
                }
                continue;
            }
            if let Some(f) = cell.formula {
                formulas.push(FormulaCell {
                    sheet: name.clone(),
                    row: row + 1,
                    column: col,
                    formula: match f {
                        calamine::XlsxFormulaMetadata::Normal { formula }
                        | calamine::XlsxFormulaMetadata::Shared { formula, .. } => formula,
                        _ => String::new(),
                    },
                });
            }
            match &mask {
                Some(m) if !m.get(col).copied().unwrap_or(false) => {
                    if !is_blank_ref(&cell.value) {
                        grid.put(row, col, Cell::Bool(true));
                    }
                }
                _ => grid.put(row, col, convert_ref(cell.value)),
            }
        }
        out.sheets.push(grid.into_sheet(name.clone()));
    }
    Ok((out, formulas))
}

/// Whether a cell read would be blank ([`Cell::is_blank`]), without copying it.
fn is_blank_ref(d: &DataRef<'_>) -> bool {
    match d {
        DataRef::Empty => true,
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => {
            s.trim().is_empty()
        }
        DataRef::SharedString(s) => s.trim().is_empty(),
        _ => false,
    }
}

/// ODS: values, then the formulas of each sheet.
fn read_ods_with_formulas(path: &Path, bytes: &[u8]) -> Result<(Workbook, Vec<FormulaCell>)> {
    let mut book: Ods<_> = Ods::new(Cursor::new(bytes))
        .map_err(|e| fail(path, format!("classeur illisible ({e}).")))?;
    let mut out = Workbook::default();
    let mut formulas = Vec::new();
    for name in book.sheet_names() {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| fail(path, format!("feuille « {name} » illisible ({e}).")))?;
        let mut grid = Grid::default();
        for (row, col, d) in range.used_cells() {
            let (r0, c0) = range.start().unwrap_or((0, 0));
            let row = row + r0 as usize;
            if row >= MAX_ROWS {
                grid.truncated = true;
                break;
            }
            grid.put(row, col + c0 as usize, convert(d));
        }
        if let Ok(f) = book.worksheet_formula(&name) {
            let (r0, c0) = f.start().unwrap_or((0, 0));
            for (row, col, text) in f.used_cells() {
                if !text.trim().is_empty() {
                    formulas.push(FormulaCell {
                        sheet: name.clone(),
                        row: row + r0 as usize + 1,
                        column: col + c0 as usize,
                        formula: text.clone(),
                    });
                }
            }
        }
        out.sheets.push(grid.into_sheet(name.clone()));
    }
    Ok((out, formulas))
}

/// Cells placed by position as a reader finds them, then trimmed into a [`Sheet`].
#[derive(Default)]
struct Grid {
    rows: Vec<Vec<Cell>>,
    truncated: bool,
}

impl Grid {
    fn put(&mut self, row: usize, col: usize, cell: Cell) {
        if cell.is_blank() {
            return;
        }
        if col >= MAX_COLUMNS {
            // No spreadsheet has such a column (fuzzing found one past a billion): the cell is
            // not read and the sheet is reported as truncated.
            self.truncated = true;
            return;
        }
        if self.rows.len() <= row {
            // A new row is about as wide as the one before it.
            let width = self.rows.last().map_or(0, Vec::len);
            self.rows.resize_with(row + 1, Vec::new);
            self.rows[row].reserve_exact(width);
        }
        let cells = &mut self.rows[row];
        if cells.len() <= col {
            cells.resize(col + 1, Cell::Empty);
        }
        cells[col] = cell;
    }

    fn into_sheet(self, name: String) -> Sheet {
        Sheet {
            name,
            rows: self.rows,
            truncated: self.truncated,
        }
    }
}

fn convert_ref(d: DataRef<'_>) -> Cell {
    match d {
        DataRef::Empty => Cell::Empty,
        DataRef::String(s) => Cell::Text(s),
        DataRef::SharedString(s) => Cell::Text(s.to_string()),
        DataRef::Int(i) => Cell::Number(i as f64),
        DataRef::Float(f) => Cell::Number(f),
        DataRef::Bool(b) => Cell::Bool(b),
        DataRef::DateTime(dt) => date_from_serial(dt.as_f64())
            .map(Cell::Date)
            .unwrap_or(Cell::Number(dt.as_f64())),
        DataRef::DateTimeIso(s) => parse_date_text(&s).map(Cell::Date).unwrap_or(Cell::Text(s)),
        DataRef::DurationIso(s) => Cell::Text(s),
        DataRef::Error(e) => Cell::Error(format!("{e}")),
    }
}

/// Decodes CSV bytes: UTF-8 (BOM stripped) or Windows-1252 when not valid UTF-8.
pub fn decode_text(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned(),
    }
}

/// Guesses the separator from the first line: `;` (French Excel), `,` or tab.
fn sniff_delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
    let count = |c: char| first.chars().filter(|&x| x == c).count();
    let (semi, comma, tab) = (count(';'), count(','), count('\t'));
    if tab > semi && tab > comma {
        b'\t'
    } else if comma > semi {
        b','
    } else {
        b';'
    }
}

/// Reads CSV bytes into one sheet named `name`.
pub fn read_csv_bytes(name: &str, bytes: &[u8]) -> Sheet {
    let text = decode_text(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(sniff_delimiter(&text))
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut last_filled = 0usize;
    let mut truncated = false;
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(_) => {
                // A broken quote: keep what was read; the rest is reported as missing rows.
                truncated = true;
                break;
            }
        }
        let empty = record.iter().all(|f| f.trim().is_empty());
        if rows.len() >= MAX_ROWS {
            // Past the limit only trailing empty rows are tolerated.
            if !empty {
                truncated = true;
                break;
            }
            continue;
        }
        if empty {
            rows.push(Vec::new());
            continue;
        }
        let mut cells: Vec<Cell> = record
            .iter()
            .map(|f| {
                if f.trim().is_empty() {
                    Cell::Empty
                } else {
                    Cell::Text(f.to_string())
                }
            })
            .collect();
        while cells.last().is_some_and(Cell::is_blank) {
            cells.pop();
        }
        rows.push(cells);
        last_filled = rows.len();
    }
    rows.truncate(last_filled);
    Sheet {
        name: name.to_string(),
        rows,
        truncated,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_past_the_last_column_is_not_read_and_the_sheet_is_truncated() {
        // Found by fuzzing (fuzz/regressions/workbook_xlsx/crash-dfc213…): a column past a
        // billion asked for 37 GB.
        let mut grid = Grid::default();
        grid.put(0, 1_150_000_000, Cell::Text("x".into()));
        grid.put(1, 2, Cell::Number(1.0));
        let sheet = grid.into_sheet("Valeurs".into());
        assert!(sheet.truncated);
        assert_eq!(sheet.rows.iter().map(Vec::len).sum::<usize>(), 3);
    }

    #[test]
    fn only_the_selected_columns_are_copied_under_the_header() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        sheet.write(0, 0, "Informations").unwrap();
        for (col, text) in ["Date", "Notes", "ID CRA"].iter().enumerate() {
            sheet.write(1, col as u16, *text).unwrap();
        }
        for (col, text) in ["02/01/2026", "à recopier ?", "a1"].iter().enumerate() {
            sheet.write(2, col as u16, *text).unwrap();
        }
        sheet.write(3, 1, "seulement une note").unwrap();
        let bytes = book.save_to_buffer().unwrap();
        let mut select = |row: &[Cell]| {
            row.iter()
                .any(|c| c.as_text() == "ID CRA")
                .then(|| row.iter().map(|c| c.as_text() != "Notes").collect())
        };
        let (wb, _) = read_workbook_bytes_with(Path::new("x.xlsx"), &bytes, &mut select).unwrap();
        let rows = &wb.sheets[0].rows;
        assert_eq!(
            rows[1][1],
            Cell::Text("Notes".into()),
            "the header stays whole"
        );
        assert_eq!(rows[2][0], Cell::Text("02/01/2026".into()));
        assert_eq!(rows[2][2], Cell::Text("a1".into()));
        assert!(
            !matches!(rows[2][1], Cell::Text(_)),
            "a column not selected is not copied"
        );
        assert!(
            !rows[3].iter().all(Cell::is_blank),
            "a row holding only skipped cells does not look empty"
        );
        let (whole, _) = read_workbook_bytes(Path::new("x.xlsx"), &bytes).unwrap();
        assert_eq!(
            whole.sheets[0].rows[2][1],
            Cell::Text("à recopier ?".into())
        );
    }

    #[test]
    fn csv_in_windows_1252_with_commas() {
        let bytes = b"Ann\xe9e,Valeur\r\n2026,\"1 234,5\"\r\n,\r\n,\r\n";
        let sheet = read_csv_bytes("x", bytes);
        assert_eq!(sheet.rows.len(), 2);
        assert_eq!(sheet.rows[0][0], Cell::Text("Année".into()));
        assert_eq!(sheet.rows[1][1], Cell::Text("1 234,5".into()));
    }
}
