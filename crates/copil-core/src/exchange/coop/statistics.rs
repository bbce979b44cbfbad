//! Reading the older conseiller numérique « Statistiques » file (the CnFS espace Coop export,
//! still sent by some porteurs): `;`-separated sections under a title line
//! `Statistiques <nom> jj/mm/aaaa-jj/mm/aaaa`, each a heading then `libellé;valeur` lines.
//! Only the `Général` section is read: it gives totals for the whole period, territory-wide.

use std::path::Path;

use chrono::{Datelike, NaiveDate};

use super::super::problem::Problem;
use super::super::read::Sheet;
use super::export::coop_key;
use crate::domain::CoopMeasure;
use crate::error::{CoreError, Result};

/// The `Général` section read.
#[derive(Debug, Clone, PartialEq)]
pub struct CoopStatistics {
    /// The title line (`Statistiques Jeanne Dupont 01/01/2025-31/12/2025`).
    pub title: String,
    /// First day of the period.
    pub from: NaiveDate,
    /// Last day of the period.
    pub to: NaiveDate,
    /// The figures it gives, each with its line.
    pub values: Vec<(CoopMeasure, f64, usize)>,
    /// Lines refused.
    pub problems: Vec<Problem>,
}

impl CoopStatistics {
    /// The year the period lies in.
    pub fn year(&self) -> i32 {
        self.from.year()
    }

    /// A figure of the section.
    pub fn value(&self, measure: CoopMeasure) -> Option<f64> {
        self.values
            .iter()
            .find(|(m, _, _)| *m == measure)
            .map(|(_, v, _)| *v)
    }
}

/// The labels of the `Général` section Copil reads (the first line of each label counts: the
/// second `Accompagnements individuels` counts users of a continued accompaniment).
const LABELS: [(&str, Label); 7] = [
    (
        "Personnes accompagnées durant cette période",
        Label::Measure(CoopMeasure::Persons),
    ),
    (
        "Accompagnements enregistrés",
        Label::Measure(CoopMeasure::Accompaniments),
    ),
    ("Ateliers réalisés", Label::Measure(CoopMeasure::Workshops)),
    (
        "Total des participants aux ateliers",
        Label::Measure(CoopMeasure::WorkshopParticipants),
    ),
    (
        "Accompagnements individuels",
        Label::Measure(CoopMeasure::IndividualAccompaniments),
    ),
    ("Demandes ponctuelles", Label::OneOff),
    (
        "Redirections vers une autre structure agréée",
        Label::Measure(CoopMeasure::Redirections),
    ),
];

#[derive(Debug, Clone, Copy, PartialEq)]
enum Label {
    Measure(CoopMeasure),
    /// One-off requests: part of the accompaniments when the file does not total them.
    OneOff,
}

/// Whether a sheet read from a CSV is a « Statistiques » file.
pub fn is_statistics(sheet: &Sheet) -> bool {
    let first = sheet
        .rows
        .first()
        .and_then(|r| r.first())
        .map(|c| coop_key(&c.as_text()))
        .unwrap_or_default();
    first.starts_with("statistiques") || general_line(sheet).is_some()
}

fn general_line(sheet: &Sheet) -> Option<usize> {
    sheet.rows.iter().position(|r| {
        r.first()
            .is_some_and(|c| coop_key(&c.as_text()) == "general")
            && r.iter().skip(1).all(|c| c.is_blank())
    })
}

/// Reads the `Général` section of a « Statistiques » file.
pub fn read_statistics(path: &Path, sheet: &Sheet) -> Result<CoopStatistics> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let Some(start) = general_line(sheet) else {
        return Err(CoreError::Spreadsheet {
            path: path.to_path_buf(),
            detail: "section « Général » introuvable : ce n'est ni un export des activités de La Coop (.xlsx) ni le fichier « Statistiques » d'un conseiller numérique.".into(),
        });
    };
    let problem = |row: usize, column: &str, message: String| Problem {
        sheet: name.clone(),
        row,
        column: column.to_string(),
        message,
    };
    let title = sheet
        .rows
        .first()
        .map(|r| r.iter().map(|c| c.as_text()).collect::<Vec<_>>().join(";"))
        .unwrap_or_default();
    let mut problems = Vec::new();
    let period = period_of(&title);
    let (from, to) = match period {
        Some((from, to)) if from.year() == to.year() && from <= to => (from, to),
        Some((from, to)) => {
            problems.push(problem(
                1,
                "",
                format!(
                    "la période du {} au {} couvre plusieurs années : exportez une période par année.",
                    from.format("%d/%m/%Y"),
                    to.format("%d/%m/%Y")
                ),
            ));
            (from, to)
        }
        None => {
            problems.push(problem(
                1,
                "",
                format!("période « jj/mm/aaaa-jj/mm/aaaa » introuvable dans le titre « {title} »."),
            ));
            let d = NaiveDate::MIN;
            (d, d)
        }
    };
    let mut values: Vec<(CoopMeasure, f64, usize)> = Vec::new();
    let mut one_off: Option<f64> = None;
    for (i, row) in sheet.rows.iter().enumerate().skip(start + 1) {
        if row.iter().all(|c| c.is_blank()) {
            break;
        }
        let line = i + 1;
        let label = row.first().map(|c| c.as_text()).unwrap_or_default();
        let Some((_, kind)) = LABELS.iter().find(|(l, _)| coop_key(l) == coop_key(&label)) else {
            continue;
        };
        let cell = row
            .get(1)
            .cloned()
            .unwrap_or(super::super::cell::Cell::Empty);
        let v = match cell.integer() {
            Ok(v) if v >= 0 => v as f64,
            Ok(v) => {
                problems.push(problem(
                    line,
                    &label,
                    format!("{v} : un nombre ne peut pas être négatif."),
                ));
                continue;
            }
            Err(m) => {
                problems.push(problem(line, &label, m));
                continue;
            }
        };
        match kind {
            Label::Measure(m) if !values.iter().any(|(x, _, _)| x == m) => {
                values.push((*m, v, line))
            }
            Label::OneOff if one_off.is_none() => one_off = Some(v),
            _ => {}
        }
    }
    if !values
        .iter()
        .any(|(m, _, _)| *m == CoopMeasure::Accompaniments)
    {
        let part = |m: CoopMeasure| values.iter().find(|(x, _, _)| *x == m).map(|(_, v, _)| *v);
        if let (Some(p), Some(i)) = (
            part(CoopMeasure::WorkshopParticipants),
            part(CoopMeasure::IndividualAccompaniments),
        ) {
            values.push((
                CoopMeasure::Accompaniments,
                p + i + one_off.unwrap_or(0.0),
                start + 1,
            ));
        }
    }
    if values.is_empty() && problems.is_empty() {
        problems.push(problem(
            start + 1,
            "",
            "la section « Général » ne contient aucun des chiffres attendus (personnes accompagnées, ateliers réalisés…).".into(),
        ));
    }
    Ok(CoopStatistics {
        title,
        from,
        to,
        values,
        problems,
    })
}

/// The `jj/mm/aaaa-jj/mm/aaaa` at the end of the title.
fn period_of(title: &str) -> Option<(NaiveDate, NaiveDate)> {
    let words: Vec<&str> = title.split_whitespace().collect();
    let last = words.last()?;
    let (a, b) = last.split_once('-')?;
    let parse = |t: &str| NaiveDate::parse_from_str(t.trim_matches(';'), "%d/%m/%Y").ok();
    Some((parse(a)?, parse(b)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exchange::read_csv_bytes;

    /// The file as the CnFS espace wrote it (older version: no « Accompagnements enregistrés »).
    const OLDER: &str = "Statistiques John Doe 01/01/2021-15/11/2021\n\nGénéral\n\
        Personnes accompagnées durant cette période;23\nAteliers réalisés;0\nTotal des participants aux ateliers;0\n\
        Accompagnements individuels;10\nDemandes ponctuelles;13\n\
        Usagers qui ont bénéficiés d'un accompagnement poursuivi;21\n\
        Pourcentage du total des usagers accompagnés sur cette période;91\nAccompagnements individuels;11\n\
        Accompagnements en atelier collectif;0\nRedirections vers une autre structure agréée;10\n\n\
        Thèmes des accompagnements\nÉquipement informatique;13\n\n\
        Tranches d’âge des usagers (en %)\nMoins de 12 ans;0\n12-18 ans;4\n";

    #[test]
    fn reads_the_general_section() {
        let sheet = read_csv_bytes("Statistiques", OLDER.as_bytes());
        assert!(is_statistics(&sheet));
        let s = read_statistics(Path::new("Statistiques.csv"), &sheet).unwrap();
        assert!(s.problems.is_empty(), "{:?}", s.problems);
        assert_eq!(s.year(), 2021);
        assert_eq!(s.value(CoopMeasure::Persons), Some(23.0));
        assert_eq!(s.value(CoopMeasure::IndividualAccompaniments), Some(10.0));
        assert_eq!(s.value(CoopMeasure::Redirections), Some(10.0));
        assert_eq!(s.value(CoopMeasure::Accompaniments), Some(23.0));
        assert_eq!(s.value(CoopMeasure::Hours), None);
    }

    #[test]
    fn a_period_over_two_years_is_refused() {
        let text = OLDER.replace("15/11/2021", "15/11/2022");
        let sheet = read_csv_bytes("Statistiques", text.as_bytes());
        let s = read_statistics(Path::new("Statistiques.csv"), &sheet).unwrap();
        assert!(
            s.problems[0].to_string().contains("plusieurs années"),
            "{:?}",
            s.problems
        );
    }
}
