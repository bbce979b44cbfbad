//! Reading La Coop's activities export (`coop-numerique_accompagnements_AAAA-MM-JJ.xlsx`) as
//! its producer writes it (exceljs): one sheet `Activités` starting with an « Informations
//! export » block and a « Filtres » block in columns A/B, then the Excel table `Activités`
//! whose header row — found, not assumed: it is the row holding `ID CRA` — is followed by one
//! row per accompaniment (a collective workshop with 8 participants is 8 rows with one `ID CRA`).
//!
//! Headers are matched whatever their case, accents or apostrophes (`’` or `'`); every row is
//! checked, and the rows of one activity must agree on its date, type, duration and place.

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;

use super::super::cell::Cell;
use super::super::headers::header_key;
use super::super::problem::Problem;
use super::super::read::{column_letters, FormulaCell, Sheet, Workbook};
use crate::domain::{valid_insee, BreakdownDimension};
use crate::error::{CoreError, Result};

/// Most problems listed for one export; the rest are counted.
pub(crate) const MAX_PROBLEMS: usize = 100;

/// One accompaniment: one row of the export.
#[derive(Debug, Clone, PartialEq)]
pub struct CoopAccompaniment {
    /// Its row in the sheet.
    pub line: usize,
    /// Date of the activity.
    pub date: NaiveDate,
    /// `ID CRA`: the activity it belongs to.
    pub activity: String,
    /// A collective workshop (else an individual accompaniment).
    pub collective: bool,
    /// Duration of the activity, in minutes.
    pub minutes: u32,
    /// `Nom du lieu`, trimmed (empty at home or at a distance).
    pub place: String,
    /// `Bénéficiaire réorienté` is « Oui ».
    pub redirected: bool,
    /// The beneficiary's name, folded, when the export names them (`Bénéficiaire`, not anonymous).
    pub beneficiary: Option<String>,
    /// INSEE code of the beneficiary's commune.
    pub commune: Option<String>,
    /// The beneficiary's commune as written.
    pub commune_name: String,
    /// Genre, age band and status, as La Coop labels them.
    pub profile: [String; 3],
}

/// An activities export read and checked.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CoopExport {
    /// Sheet holding the table.
    pub sheet: String,
    /// Row of the table's header.
    pub header_line: usize,
    /// `Date d'export` of the information block.
    pub exported_on: Option<NaiveDate>,
    /// Who exported it (`Prénom Nom` of the information block).
    pub exported_by: String,
    /// The `Période` filter, as written.
    pub period: String,
    /// Whether the export names the beneficiaries (a médiateur's own export).
    pub names_beneficiaries: bool,
    /// Every accompaniment, in file order.
    pub rows: Vec<CoopAccompaniment>,
    /// Rows refused, « feuille, ligne, colonne : raison ».
    pub problems: Vec<Problem>,
    /// Remarks (an activity with fewer rows than its participants…).
    pub warnings: Vec<String>,
}

/// The columns Copil reads, with the header the producer writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Field {
    Date,
    Type,
    Participants,
    Beneficiary,
    Place,
    Duration,
    Redirected,
    CommuneName,
    Commune,
    Genre,
    Age,
    Status,
    Activity,
}

/// `(field, header, required)`, in the order of the export.
const COLUMNS: [(Field, &str, bool); 13] = [
    (Field::Date, "Date", true),
    (Field::Type, "Type", true),
    (Field::Participants, "Participants", true),
    (Field::Beneficiary, "Bénéficiaire", false),
    (Field::Place, "Nom du lieu", true),
    (Field::Duration, "Durée (min)", true),
    (Field::Redirected, "Bénéficiaire réorienté", true),
    (Field::CommuneName, "Commune du bénéficiaire", false),
    (Field::Commune, "Code Insee du bénéficiaire", true),
    (Field::Genre, "Genre du bénéficiaire", true),
    (Field::Age, "Tranche d’âge du bénéficiaire", true),
    (Field::Status, "Statut du bénéficiaire", true),
    (Field::Activity, "ID CRA", true),
];

/// A header as compared: folded, apostrophes straightened, parentheses dropped.
pub(crate) fn coop_key(text: &str) -> String {
    header_key(&text.replace(['’', '‘', 'ʼ', '`', '´'], "'"))
}

/// For the reader: whether `row` is the table's header (it holds `ID CRA`), and then which of
/// its columns the import reads, so that the other cells of the 100 000 rows below are not copied.
pub(crate) fn read_columns(row: &[Cell]) -> Option<Vec<bool>> {
    let keys: Vec<String> = row.iter().map(|c| coop_key(&c.as_text())).collect();
    let wanted = coop_key("ID CRA");
    if !keys.contains(&wanted) {
        return None;
    }
    let read: Vec<String> = COLUMNS.iter().map(|(_, h, _)| coop_key(h)).collect();
    Some(keys.iter().map(|k| read.contains(k)).collect())
}

/// Whether a workbook looks like a Coop activities export (a row holds `ID CRA`).
pub fn is_coop_export(wb: &Workbook) -> bool {
    find_header(wb).is_some()
}

/// The sheet and row (0-based) of the table's header: the `Activités` sheet first.
fn find_header(wb: &Workbook) -> Option<(&Sheet, usize)> {
    let wanted = coop_key("ID CRA");
    let mut sheets: Vec<&Sheet> = wb.sheets.iter().collect();
    sheets.sort_by_key(|s| coop_key(&s.name) != coop_key("Activités"));
    sheets.into_iter().find_map(|sheet| {
        sheet
            .rows
            .iter()
            .take(200)
            .position(|row| row.iter().any(|c| coop_key(&c.as_text()) == wanted))
            .map(|i| (sheet, i))
    })
}

/// Reads a Coop activities export already read as cells; `formulas` are refused where they lie.
pub fn read_coop_export(
    path: &Path,
    wb: &Workbook,
    formulas: &[FormulaCell],
) -> Result<CoopExport> {
    let Some((sheet, header_index)) = find_header(wb) else {
        let name = wb
            .sheets
            .first()
            .map(|s| format!("feuille « {} »", s.name))
            .unwrap_or_else(|| "aucune feuille".into());
        return Err(CoreError::Spreadsheet {
            path: path.to_path_buf(),
            detail: format!(
                "{name} : en-tête du tableau « Activités » introuvable (aucune ligne ne contient « ID CRA ») ; \
                 ce fichier n'est pas un export des activités de La Coop de la médiation numérique (Mes activités › Exporter)."
            ),
        });
    };
    let header = &sheet.rows[header_index];
    let keys: Vec<String> = header.iter().map(|c| coop_key(&c.as_text())).collect();
    let index: HashMap<Field, usize> = COLUMNS
        .iter()
        .filter_map(|(f, h, _)| keys.iter().position(|k| *k == coop_key(h)).map(|i| (*f, i)))
        .collect();
    let mut out = CoopExport {
        sheet: sheet.name.clone(),
        header_line: header_index + 1,
        names_beneficiaries: index.contains_key(&Field::Beneficiary),
        ..CoopExport::default()
    };
    read_info_block(&sheet.rows[..header_index], &mut out);
    let mut extra = 0usize;
    let mut push = |out: &mut CoopExport, p: Problem| {
        if out.problems.len() < MAX_PROBLEMS {
            out.problems.push(p);
        } else {
            extra += 1;
        }
    };
    for (field, h, required) in COLUMNS {
        if required && !index.contains_key(&field) {
            push(
                &mut out,
                Problem {
                    sheet: sheet.name.clone(),
                    row: header_index + 1,
                    column: h.to_string(),
                    message: format!("colonne « {h} » absente de l'en-tête du tableau : ce n'est pas un export complet de La Coop."),
                },
            );
        }
    }
    for f in formulas
        .iter()
        .filter(|f| f.sheet == sheet.name && f.row > header_index)
    {
        let column = header
            .get(f.column)
            .map(|c| c.as_text())
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| column_letters(f.column));
        push(
            &mut out,
            Problem {
                sheet: sheet.name.clone(),
                row: f.row,
                column,
                message: format!(
                    "la cellule {} contient une formule{} : un export de La Coop n'en contient aucune ; exportez à nouveau le fichier depuis La Coop.",
                    f.reference(),
                    if f.formula.is_empty() { String::new() } else { format!(" (={})", f.formula) }
                ),
            },
        );
    }
    if sheet.truncated {
        push(
            &mut out,
            Problem {
                sheet: sheet.name.clone(),
                row: 0,
                column: String::new(),
                message: "plus d'un million de lignes ou fin de fichier illisible : découpez l'export par période.".into(),
            },
        );
    }
    if !out.problems.is_empty() {
        return Ok(out);
    }
    let col = |f: Field| index.get(&f).copied();
    let mut activities: HashMap<String, ActivityCheck> = HashMap::new();
    for (i, cells) in sheet.rows.iter().enumerate().skip(header_index + 1) {
        if cells.iter().all(Cell::is_blank) {
            continue;
        }
        let line = i + 1;
        let mut row = RowReader {
            sheet: &sheet.name,
            line,
            problems: Vec::new(),
        };
        let get = |f: Field| col(f).and_then(|c| cells.get(c)).unwrap_or(&Cell::Empty);
        let header_of = |f: Field| COLUMNS.iter().find(|c| c.0 == f).map(|c| c.1).unwrap_or("");
        let date = row.required(header_of(Field::Date), get(Field::Date), Cell::date);
        let collective = row.required(header_of(Field::Type), get(Field::Type), activity_type);
        let participants = row.required(
            header_of(Field::Participants),
            get(Field::Participants),
            participants,
        );
        let minutes = row.required(header_of(Field::Duration), get(Field::Duration), duration);
        let activity = row.required(header_of(Field::Activity), get(Field::Activity), |c| {
            Ok(c.as_text())
        });
        let redirected = match get(Field::Redirected) {
            c if c.is_blank() => Some(false),
            c => row.check(header_of(Field::Redirected), c.boolean()),
        };
        let commune = match get(Field::Commune) {
            c if c.is_blank() => Some(None),
            c => row.check(header_of(Field::Commune), insee(c)).map(Some),
        };
        let beneficiary = col(Field::Beneficiary).map(|_| get(Field::Beneficiary).as_text());
        let problems = std::mem::take(&mut row.problems);
        let ok = problems.is_empty();
        for p in problems {
            push(&mut out, p);
        }
        if !ok {
            continue;
        }
        let (
            Some(date),
            Some(collective),
            Some(participants),
            Some(minutes),
            Some(activity),
            Some(redirected),
            Some(commune),
        ) = (
            date,
            collective,
            participants,
            minutes,
            activity,
            redirected,
            commune,
        )
        else {
            continue;
        };
        let place = get(Field::Place).as_text();
        let check = activities
            .entry(activity.clone())
            .or_insert_with(|| ActivityCheck {
                line,
                date,
                collective,
                minutes,
                place: place.clone(),
                announced: participants.1,
                rows: 0,
            });
        check.rows += 1;
        if let Some(message) = check.disagreement(date, collective, minutes, &place) {
            push(
                &mut out,
                Problem {
                    sheet: sheet.name.clone(),
                    row: line,
                    column: header_of(Field::Activity).to_string(),
                    message: format!("l'activité {activity} (ligne {}) {message} : les lignes d'une même activité doivent concorder.", check.line),
                },
            );
            continue;
        }
        out.rows.push(CoopAccompaniment {
            line,
            date,
            activity,
            collective,
            minutes,
            place,
            redirected,
            beneficiary: beneficiary.and_then(|b| {
                let folded = crate::text::fold(&b);
                (!folded.is_empty() && folded != "beneficiaire anonyme").then_some(folded)
            }),
            commune,
            commune_name: get(Field::CommuneName).as_text(),
            profile: [
                BreakdownDimension::Genre.category(&get(Field::Genre).as_text()),
                BreakdownDimension::AgeBand.category(&get(Field::Age).as_text()),
                BreakdownDimension::Status.category(&get(Field::Status).as_text()),
            ],
        });
    }
    if extra > 0 {
        out.problems.push(Problem {
            sheet: sheet.name.clone(),
            row: 0,
            column: String::new(),
            message: format!("… et {extra} autre(s) problème(s)."),
        });
    }
    let mut short: Vec<(&String, &ActivityCheck)> = activities
        .iter()
        .filter(|(_, a)| a.announced as usize != a.rows)
        .collect();
    short.sort_by_key(|(_, a)| a.line);
    for (id, a) in short.iter().take(10) {
        out.warnings.push(format!(
            "l'activité {id} (ligne {}) annonce {} participant(s) mais l'export en contient {} ligne(s) (export filtré ou modifié ?).",
            a.line, a.announced, a.rows
        ));
    }
    if short.len() > 10 {
        out.warnings.push(format!(
            "… et {} autre(s) activité(s) dans ce cas.",
            short.len() - 10
        ));
    }
    if out.rows.is_empty() && out.problems.is_empty() {
        out.warnings
            .push("l'export ne contient aucune activité.".into());
    }
    Ok(out)
}

/// What the first row of an activity said, to check the next ones.
struct ActivityCheck {
    line: usize,
    date: NaiveDate,
    collective: bool,
    minutes: u32,
    place: String,
    announced: u32,
    rows: usize,
}

impl ActivityCheck {
    fn disagreement(
        &self,
        date: NaiveDate,
        collective: bool,
        minutes: u32,
        place: &str,
    ) -> Option<String> {
        if date != self.date {
            Some(format!(
                "a deux dates : {} et {}",
                self.date.format("%d/%m/%Y"),
                date.format("%d/%m/%Y")
            ))
        } else if collective != self.collective {
            Some("est à la fois individuelle et collective".into())
        } else if minutes != self.minutes {
            Some(format!("a deux durées : {} et {minutes} min", self.minutes))
        } else if place != self.place {
            Some(format!("a deux lieux : « {} » et « {place} »", self.place))
        } else {
            None
        }
    }
}

/// One row being read, with its problems.
struct RowReader<'a> {
    sheet: &'a str,
    line: usize,
    problems: Vec<Problem>,
}

impl RowReader<'_> {
    fn check<T>(&mut self, column: &str, value: std::result::Result<T, String>) -> Option<T> {
        match value {
            Ok(v) => Some(v),
            Err(message) => {
                self.problems.push(Problem {
                    sheet: self.sheet.to_string(),
                    row: self.line,
                    column: column.to_string(),
                    message,
                });
                None
            }
        }
    }

    fn required<T>(
        &mut self,
        column: &str,
        cell: &Cell,
        parse: impl Fn(&Cell) -> std::result::Result<T, String>,
    ) -> Option<T> {
        if cell.is_blank() {
            return self.check(
                column,
                Err("valeur obligatoire dans un export de La Coop.".into()),
            );
        }
        let v = parse(cell);
        self.check(column, v)
    }
}

/// `Type`: « Atelier collectif » (true) or « Accompagnement individuel » (false).
fn activity_type(c: &Cell) -> std::result::Result<bool, String> {
    match c {
        Cell::Text(t) if t == "Atelier collectif" => return Ok(true),
        Cell::Text(t) if t == "Accompagnement individuel" => return Ok(false),
        _ => {}
    }
    let t = crate::text::fold(&c.as_text());
    if t.contains("collectif") {
        Ok(true)
    } else if t.contains("individuel") {
        Ok(false)
    } else {
        Err(format!(
            "« {} » inconnu ; La Coop écrit « Accompagnement individuel » ou « Atelier collectif ».",
            c.as_text()
        ))
    }
}

/// `Participants`: `1`, or `i/n` for the i-th of n participants; gives (i, n).
pub(crate) fn participants(c: &Cell) -> std::result::Result<(u32, u32), String> {
    let t = c.as_text();
    let bad = || format!("« {t} » : attendu 1 ou « rang/nombre » (3/8).");
    match t.split_once('/') {
        None => match t.trim().parse::<u32>() {
            Ok(1) => Ok((1, 1)),
            _ => Err(bad()),
        },
        Some((i, n)) => {
            let (i, n) = (
                i.trim().parse::<u32>().map_err(|_| bad())?,
                n.trim().parse::<u32>().map_err(|_| bad())?,
            );
            if i == 0 || i > n || n > 10_000 {
                Err(bad())
            } else {
                Ok((i, n))
            }
        }
    }
}

/// `Durée (min)`: whole minutes, at most a day.
fn duration(c: &Cell) -> std::result::Result<u32, String> {
    let v = c.integer()?;
    if !(0..=1440).contains(&v) {
        return Err(format!("durée de {v} minutes impossible (de 0 à 1 440)."));
    }
    Ok(v as u32)
}

/// `Code Insee du bénéficiaire`: a 5-character INSEE code.
fn insee(c: &Cell) -> std::result::Result<String, String> {
    let t = c.as_text().to_uppercase();
    if valid_insee(&t) {
        return Ok(t);
    }
    let lost_zero = t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit());
    Err(format!(
        "code INSEE « {t} » invalide : 5 caractères attendus{}.",
        if lost_zero {
            " (le zéro initial a-t-il été perdu par un tableur ?)"
        } else {
            ""
        }
    ))
}

/// The « Informations export » and « Filtres » blocks above the table.
fn read_info_block(rows: &[Vec<Cell>], out: &mut CoopExport) {
    let (mut first, mut last) = (String::new(), String::new());
    for row in rows {
        let (Some(label), Some(value)) = (row.first(), row.get(1)) else {
            continue;
        };
        match coop_key(&label.as_text()).as_str() {
            "date d'export" => out.exported_on = value.date().ok(),
            "nom" => last = value.as_text(),
            "prenom" => first = value.as_text(),
            "periode" => out.period = value.as_text(),
            _ => {}
        }
    }
    out.exported_by = [first, last]
        .into_iter()
        .filter(|s| !s.is_empty() && s != "-")
        .collect::<Vec<_>>()
        .join(" ");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn participants_are_one_or_rank_of_count() {
        assert_eq!(participants(&Cell::Number(1.0)), Ok((1, 1)));
        assert_eq!(participants(&Cell::Text("3/8".into())), Ok((3, 8)));
        assert!(participants(&Cell::Text("9/8".into())).is_err());
        assert!(participants(&Cell::Text("2".into())).is_err());
    }

    #[test]
    fn keys_ignore_case_accents_and_apostrophes() {
        assert_eq!(
            coop_key("Tranche d’âge du bénéficiaire"),
            coop_key("tranche d'age du beneficiaire")
        );
        assert_eq!(coop_key("Durée (min)"), coop_key("DUREE"));
        assert_eq!(coop_key("ID CRA"), "id cra");
    }

    #[test]
    fn insee_codes_say_when_a_zero_was_lost() {
        assert_eq!(insee(&Cell::Number(62498.0)), Ok("62498".into()));
        assert!(insee(&Cell::Text("2408".into()))
            .unwrap_err()
            .contains("zéro initial"));
    }
}
