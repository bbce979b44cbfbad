//! Small text helpers shared by validation, import and the CLI.

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

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn folds_case_accents_and_spaces() {
        assert_eq!(fold("  Réalisée "), "realisee");
        assert_eq!(fold("Égalité femmes-hommes"), "egalite femmes hommes");
        assert_eq!(fold("En_cours"), "en cours");
        assert_eq!(fold("Cœur"), "coeur");
    }
}
