//! Columns of the exchange sheets, and mapping a header row onto them (tolerant to case, accents,
//! order and unit suffixes).

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

/// A list of the contract (or of a coded value) that the template offers as a drop-down.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choices {
    /// Indicator names.
    Indicators,
    /// QPV codes.
    Districts,
    /// Financeurs.
    Financeurs,
    /// Action statuses.
    ActionStatuses,
    /// Météo words.
    Weathers,
    /// Decision statuses.
    DecisionStatuses,
    /// Actor names, for a porteur.
    Porteurs,
    /// Action titles.
    Actions,
    /// Funding schemes.
    FundingSchemes,
}

impl Choices {
    /// Every list, in the order of the template's « Listes » sheet (column A, B, …).
    pub const ALL: [Choices; 9] = [
        Choices::Indicators,
        Choices::Districts,
        Choices::Financeurs,
        Choices::ActionStatuses,
        Choices::Weathers,
        Choices::DecisionStatuses,
        Choices::Porteurs,
        Choices::Actions,
        Choices::FundingSchemes,
    ];
}

/// One column of an exchange sheet.
#[derive(Debug, Clone, Copy)]
pub struct Col {
    /// The record field the column holds, named as the core's validation names it (`status`,
    /// `porteur_id`): rows are read and written by it, and an issue on that field lands here.
    pub field: &'static str,
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
    /// The drop-down list the template offers in this column, if any.
    pub choices: Option<Choices>,
    /// Filled by Copil, not by the porteur (« Reçu le »): hidden in the template, ignored in a
    /// porteur's workbook, written and read back by the full export.
    pub filled_by_copil: bool,
}

impl Col {
    /// An optional column without aliases nor drop-down.
    pub const fn new(field: &'static str, header: &'static str, kind: Kind, width: f64) -> Col {
        Col {
            field,
            header,
            aliases: &[],
            required: false,
            kind,
            width,
            choices: None,
            filled_by_copil: false,
        }
    }

    /// The same column, filled by Copil rather than by the porteur.
    pub const fn filled_by_copil(self) -> Col {
        Col {
            filled_by_copil: true,
            ..self
        }
    }

    /// The same column, which a sheet must have.
    pub const fn mandatory(self) -> Col {
        Col {
            required: true,
            ..self
        }
    }

    /// The same column, also recognised under these headers.
    pub const fn with_aliases(self, aliases: &'static [&'static str]) -> Col {
        Col { aliases, ..self }
    }

    /// The same column, with a drop-down list in the template.
    pub const fn with_choices(self, choices: Choices) -> Col {
        Col {
            choices: Some(choices),
            ..self
        }
    }

    /// Position of the column with this one's field in `cols`.
    ///
    /// # Panics
    /// When `cols` has no such field: a sheet reading or writing a column it does not declare is
    /// a programming error, which every round-trip test would show.
    pub(crate) fn position_in(&self, cols: &[Col]) -> usize {
        cols.iter()
            .position(|c| c.field == self.field)
            .unwrap_or_else(|| panic!("column « {} » is not one of this sheet's", self.field))
    }
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
            Col::new("year", "Année", Kind::Integer, 8.0).mandatory(),
            Col::new("district_id", "Code QPV", Kind::Text, 8.0).with_aliases(&["QPV"]),
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
