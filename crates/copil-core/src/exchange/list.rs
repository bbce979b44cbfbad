//! Several values in one cell: how Copil writes each kind of list, and how it reads it back
//! (tolerant to the other separators people type).

use super::parse::split_list;

/// How one kind of list shares a cell.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ListStyle {
    /// Written between two values.
    pub join: &'static str,
    /// Any of these separates two values when reading.
    pub split: &'static [char],
}

/// Codes without spaces (QPV codes, INSEE codes): `QN06220M, QN06221M`.
pub(crate) const CODES: ListStyle = ListStyle {
    join: ", ",
    split: &[',', ';', ' '],
};
/// Short terms that may hold spaces (objective references, actor labels): `1.1, 2.3`.
pub(crate) const TERMS: ListStyle = ListStyle {
    join: ", ",
    split: &[',', ';'],
};
/// Names that may hold commas (themes): `Accès aux droits ; Emploi, formation`.
pub(crate) const NAMES: ListStyle = ListStyle {
    join: " ; ",
    split: &[';'],
};
/// Yearly targets: `2026=40 ; 2030=80`.
pub(crate) const TARGETS: ListStyle = ListStyle {
    join: " ; ",
    split: &[';', '|'],
};
/// Meeting participants, whose labels may hold commas and semicolons: `Ville [Collectivité] : 2 | …`.
pub(crate) const PARTICIPANTS: ListStyle = ListStyle {
    join: " | ",
    split: &['|'],
};

/// Bilans marked received, whose action titles may hold anything but `|`:
/// `05/11/2026 : Permanences de médiation | …`.
pub(crate) const RECEIPTS: ListStyle = ListStyle {
    join: " | ",
    split: &['|'],
};

impl ListStyle {
    /// The values in one cell.
    pub fn join<S: AsRef<str>>(&self, values: impl IntoIterator<Item = S>) -> String {
        let mut out = String::new();
        for (i, v) in values.into_iter().enumerate() {
            if i > 0 {
                out.push_str(self.join);
            }
            out.push_str(v.as_ref());
        }
        out
    }

    /// The values of a cell, blanks dropped.
    pub fn split(&self, text: &str) -> Vec<String> {
        split_list(text, self.split)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_list_reads_back_what_it_writes() {
        for (style, values) in [
            (CODES, vec!["QN06220M", "QN06221M"]),
            (TERMS, vec!["1.1", "Pass numérique"]),
            (NAMES, vec!["Emploi, formation", "Accès aux droits"]),
            (TARGETS, vec!["2026=40", "2030=80"]),
            (
                PARTICIPANTS,
                vec!["Ville, CCAS [Collectivité] : 2", "CAF : 1"],
            ),
        ] {
            assert_eq!(style.split(&style.join(&values)), values);
        }
        assert_eq!(CODES.split("QN1 QN2;QN3"), ["QN1", "QN2", "QN3"]);
    }
}
