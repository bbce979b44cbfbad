//! Mapping columns by header name, tolerant to case, accents, order and unit suffixes.

use super::cell::Cell;
use crate::text::fold;

/// What a column holds, for typed export cells and drop-down lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Free text.
    Text,
    /// A number.
    Number,
    /// A whole number (year, population).
    Integer,
    /// A date.
    Date,
    /// Euros (stored in cents).
    Euros,
}

/// One column of an exchange sheet.
#[derive(Debug, Clone, Copy)]
pub struct Col {
    /// French header written in exports and templates.
    pub header: &'static str,
    /// Other accepted headers.
    pub aliases: &'static [&'static str],
    /// Whether the column must be present.
    pub required: bool,
    /// Cell type.
    pub kind: Kind,
    /// Column width in the workbook.
    pub width: f64,
}

/// Folds a header and drops what is in parentheses and required-markers (`Sollicité (€) *` → `sollicite`).
pub fn header_key(text: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            '*' => {}
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    fold(&out)
}

/// Result of mapping a header row: column index in the file for each spec column.
#[derive(Debug, Clone)]
pub struct Mapping {
    /// `index[i]` = position in the file of spec column `i`.
    pub index: Vec<Option<usize>>,
    /// Headers of the file that match no column (ignored).
    pub unknown: Vec<String>,
}

/// Maps the header row onto the columns of a sheet kind.
pub fn map_headers(header: &[Cell], cols: &[Col]) -> Mapping {
    let keys: Vec<String> = header.iter().map(|c| header_key(&c.as_text())).collect();
    let mut index = vec![None; cols.len()];
    let mut used = vec![false; keys.len()];
    for (i, col) in cols.iter().enumerate() {
        let wanted: Vec<String> = std::iter::once(col.header)
            .chain(col.aliases.iter().copied())
            .map(header_key)
            .collect();
        if let Some(pos) = keys
            .iter()
            .enumerate()
            .position(|(j, k)| !used[j] && wanted.contains(k))
        {
            used[pos] = true;
            index[i] = Some(pos);
        }
    }
    let unknown = keys
        .iter()
        .enumerate()
        .filter(|(j, k)| !used[*j] && !k.is_empty())
        .map(|(j, _)| header[j].as_text())
        .collect();
    Mapping { index, unknown }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_tolerant() {
        assert_eq!(header_key(" Sollicité (€) * "), "sollicite");
        let cols = [
            Col {
                header: "Année",
                aliases: &[],
                required: true,
                kind: Kind::Integer,
                width: 8.0,
            },
            Col {
                header: "Code QPV",
                aliases: &["QPV"],
                required: false,
                kind: Kind::Text,
                width: 8.0,
            },
        ];
        let m = map_headers(
            &[
                Cell::Text("qpv".into()),
                Cell::Text("ANNEE".into()),
                Cell::Text("Autre".into()),
            ],
            &cols,
        );
        assert_eq!(m.index, vec![Some(1), Some(0)]);
        assert_eq!(m.unknown, vec!["Autre".to_string()]);
    }
}
