//! Small text helpers shared by validation, import, the lists and the CLI.

use std::cmp::Ordering;

/// Folds text for tolerant comparison: lower case, no accents, single spaces, trimmed.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.trim().chars().flat_map(char::to_lowercase) {
        let c = match c {
            'à' | 'â' | 'ä' | 'á' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' | 'í' => 'i',
            'ô' | 'ö' | 'ó' => 'o',
            'ù' | 'û' | 'ü' | 'ú' => 'u',
            'ç' => 'c',
            'œ' => {
                out.push('o');
                'e'
            }
            '_' | '-' | '\u{a0}' | '\u{202f}' | '\t' => ' ',
            other => other,
        };
        if c == ' ' {
            if !space && !out.is_empty() {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(c);
            space = false;
        }
    }
    out.trim_end().to_string()
}

/// Where a text goes in a list, as a French reader expects it: case and accents ignored
/// (« Élan » before « Ville »), numbers by their value (« 1.2 » before « 1.10 », « Atelier 9 »
/// before « Atelier 10 »), and the text itself as the last tie-break so the order is total.
///
/// Every list the store hands out (actors, actions, indicators, objectives) is in this order,
/// so the screens, the report and the exports list things the same way.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct CollationKey {
    pieces: Vec<Piece>,
    raw: String,
}

/// A run of digits (compared by value) or of anything else (compared folded).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Piece {
    /// Digits without leading zeros: a longer run is a larger number.
    Number { len: usize, digits: String },
    /// Folded text.
    Text(String),
}

/// The [`CollationKey`] of a text.
pub fn collation_key(text: &str) -> CollationKey {
    let folded = fold(text);
    let mut pieces = Vec::new();
    let mut run = String::new();
    let mut digits = false;
    let mut flush = |run: &mut String, digits: bool| {
        if run.is_empty() {
            return;
        }
        let piece = if digits {
            let value = run.trim_start_matches('0');
            Piece::Number {
                len: value.len(),
                digits: value.to_string(),
            }
        } else {
            Piece::Text(run.clone())
        };
        pieces.push(piece);
        run.clear();
    };
    for c in folded.chars() {
        let is_digit = c.is_ascii_digit();
        if is_digit != digits {
            flush(&mut run, digits);
            digits = is_digit;
        }
        run.push(c);
    }
    flush(&mut run, digits);
    CollationKey {
        pieces,
        raw: text.to_string(),
    }
}

/// Compares two texts in list order (see [`CollationKey`]).
pub fn collate(a: &str, b: &str) -> Ordering {
    collation_key(a).cmp(&collation_key(b))
}

#[cfg(test)]
mod tests {
    use super::{collate, fold};
    use std::cmp::Ordering;

    #[test]
    fn lists_in_french_order_with_numbers_by_value() {
        assert_eq!(collate("Élan", "Ville"), Ordering::Less);
        assert_eq!(collate("élan", "Emmaüs"), Ordering::Less);
        assert_eq!(collate("1.2", "1.10"), Ordering::Less);
        assert_eq!(collate("1.10", "2"), Ordering::Less);
        assert_eq!(collate("Atelier 9", "Atelier 10"), Ordering::Less);
        assert_eq!(collate("1", "1.1"), Ordering::Less);
        assert_eq!(collate("a", "A"), "a".cmp("A"), "ties broken by the text");
        assert_eq!(collate("Cité", "Cite"), "Cité".cmp("Cite"));
        assert_eq!(collate("007", "7"), "007".cmp("7"));
        let mut names = vec![
            "Ville de Lens",
            "Élan numérique",
            "association B",
            "Association A",
        ];
        names.sort_by(|a, b| collate(a, b));
        assert_eq!(
            names,
            [
                "Association A",
                "association B",
                "Élan numérique",
                "Ville de Lens"
            ]
        );
    }

    #[test]
    fn folds_case_accents_and_spaces() {
        assert_eq!(fold("  Réalisée "), "realisee");
        assert_eq!(fold("Égalité femmes-hommes"), "egalite femmes hommes");
        assert_eq!(fold("En_cours"), "en cours");
        assert_eq!(fold("Cœur"), "coeur");
    }
}
