//! Collection template: the sheets porteurs fill in, with drop-down lists from the contract.

use std::path::Path;

use rust_xlsxwriter::{DataValidation, Format, Formula, Workbook as XlsxBook, XlsxError};

use super::export::{write_header, write_rows, xlsx_error, Formats};
use super::headers::Choices;
use super::read::Workbook;
use super::sheet::{PorteurRows, Selection, SheetKind};
use crate::domain::{
    ActionStatus, Actor, CollectionRound, DecisionStatus, Financeur, FundingScheme, Weather,
};
use crate::error::{CoreError, Result};
use crate::figures::Pillar;
use crate::format::date_long;
use crate::text::fold;
use crate::Store;

/// Rows of drop-down validation in each data sheet.
const VALIDATED_ROWS: u32 = 2000;

/// The sheets porteurs fill in, in workbook order.
const SHEETS: [SheetKind; 4] = [
    SheetKind::Measurements,
    SheetKind::Actions,
    SheetKind::Fundings,
    SheetKind::Decisions,
];

const README: &[&str] = &[
    "Modèle de collecte Copil — volet inclusion numérique du contrat de ville",
    "",
    "Comment remplir ce classeur :",
    "• Une ligne par information ; ne modifiez pas la première ligne (les en-têtes).",
    "• Feuille « Valeurs » : une valeur d'indicateur par année et, si l'indicateur est suivi par quartier, par code QPV ; la colonne « Action » dit quelle action la déclare (vide : valeur du territoire).",
    "• Pour un pourcentage, donnez sa base dans « Base (personnes) » : 40 % sur 120 personnes. « Valeur de l'année précédente (rappel) » n'est qu'un rappel.",
    "• Feuille « Actions » : l'état de vos actions (statut, météo : Favorable, Vigilance ou Difficulté, commentaire) et les indicateurs qu'elles renseignent.",
    "• Feuille « Financements » : une ligne par action, financeur et année ; montants en euros (ex. 12 500,00).",
    "• Feuille « Décisions » : le suivi des décisions des instances (date de l'instance, texte, statut).",
    "• Les listes déroulantes proposent les indicateurs, QPV, financeurs et statuts du contrat : choisissez-y vos valeurs.",
    "• Dates au format JJ/MM/AAAA. Laissez vide ce que vous ne savez pas.",
    "• Plusieurs QPV, objectifs : séparez-les par des virgules ; plusieurs thèmes : par des points-virgules.",
    "",
    "Le classeur est relu par Copil : chaque ligne est vérifiée et toute erreur est signalée avec sa feuille, sa ligne et sa colonne ;",
    "rien n'est enregistré tant qu'une erreur demeure. Renvoyer deux fois le même classeur ne crée pas de doublon.",
];

/// The line of the « Lisez-moi » that names the porteur a workbook was written for: reading it
/// back, the import lets that workbook touch only the porteur's own actions.
const PORTEUR_LINE: &str = "Porteur : ";

/// What the « Lisez-moi » of a porteur's bilan adds.
const BILAN_README: &[&str] = &[
    "Feuille « Valeurs » : une ligne par valeur attendue de chacune de vos actions (action, indicateur, année, QPV). Inscrivez la valeur dans « Valeur ».",
    "Laissez vide une valeur que vous ne connaissez pas encore : elle restera attendue. Ajoutez une ligne pour une valeur de plus.",
    "Vos personnes sont comptées par action : une personne suivie par deux actions compte dans chacune.",
];

/// Writes the collection workbook; with `actor`, prefilled with that porteur's actions, funding and decisions.
pub fn write_template(store: &Store, out: &Path, actor: Option<&str>) -> Result<()> {
    let p = Pillar::load(store)?;
    let porteur = match actor {
        None => None,
        Some(name) => Some(
            p.actors
                .iter()
                .find(|a| fold(&a.name) == fold(name))
                .cloned()
                .ok_or_else(|| CoreError::Spreadsheet {
                    path: out.to_path_buf(),
                    detail: format!("porteur « {name} » inconnu dans ce contrat."),
                })?,
        ),
    };
    let rows = porteur.as_ref().map(|actor| PorteurRows {
        actor,
        year: None,
        expected: &[],
    });
    write_workbook(&p, rows, None, out)
}

/// Writes a collection workbook to `out` (through a temporary file beside it): for one porteur
/// when `porteur` is given, and for a collection round when `round` is given.
pub(crate) fn write_workbook(
    p: &Pillar,
    porteur: Option<PorteurRows>,
    round: Option<&CollectionRound>,
    out: &Path,
) -> Result<()> {
    let bytes = build(p, porteur, round).map_err(|e| xlsx_error(out, e))?;
    let io = |source| CoreError::Io {
        path: out.to_path_buf(),
        source,
    };
    let mut tmp = out.as_os_str().to_os_string();
    tmp.push(".tmp");
    let tmp = std::path::PathBuf::from(tmp);
    std::fs::write(&tmp, bytes).map_err(io)?;
    std::fs::rename(&tmp, out).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        io(e)
    })
}

/// The porteur a workbook was written for, as its « Lisez-moi » names it: (row, name).
pub(crate) fn porteur_named(wb: &Workbook) -> Option<(usize, String)> {
    let readme = wb
        .sheets
        .iter()
        .find(|s| matches!(fold(&s.name).as_str(), "lisez-moi" | "lisez moi"))?;
    readme.rows.iter().enumerate().find_map(|(i, cells)| {
        let line = cells.first()?.as_text();
        let name = line.strip_prefix(PORTEUR_LINE.trim_end())?.trim();
        Some((i + 1, name.trim_start_matches(':').trim().to_string()))
            .filter(|(_, n)| !n.is_empty())
    })
}
fn list(
    ws: &mut rust_xlsxwriter::Worksheet,
    col: u16,
    title: &str,
    items: &[String],
) -> std::result::Result<Option<Formula>, XlsxError> {
    ws.write_string(0, col, title)?;
    for (i, it) in items.iter().enumerate() {
        ws.write_string(i as u32 + 1, col, it)?;
    }
    if items.is_empty() {
        return Ok(None);
    }
    let letter = (b'A' + col as u8) as char;
    Ok(Some(Formula::new(format!(
        "=Listes!${letter}$2:${letter}${}",
        items.len() + 1
    ))))
}

fn labels<T: Copy>(all: &[T], label: fn(T) -> &'static str) -> Vec<String> {
    all.iter().map(|v| label(*v).to_string()).collect()
}

/// The title and the items of a drop-down list, as the « Listes » sheet holds them; a porteur's
/// workbook lists only the porteur's actions.
fn choices(p: &Pillar, choices: Choices, porteur: Option<&Actor>) -> (&'static str, Vec<String>) {
    match choices {
        Choices::Indicators => (
            "Indicateurs",
            p.indicators.iter().map(|i| i.name.clone()).collect(),
        ),
        Choices::Districts => ("QPV", p.districts.iter().map(|d| d.code.clone()).collect()),
        Choices::Financeurs => ("Financeurs", labels(Financeur::ALL, Financeur::label)),
        Choices::ActionStatuses => (
            "Statuts d'action",
            labels(ActionStatus::ALL, ActionStatus::label),
        ),
        Choices::Weathers => ("Météo", labels(Weather::ALL, Weather::label)),
        Choices::DecisionStatuses => (
            "Statuts de décision",
            labels(DecisionStatus::ALL, DecisionStatus::label),
        ),
        Choices::Porteurs => (
            "Porteurs",
            p.actors.iter().map(|a| a.name.clone()).collect(),
        ),
        Choices::Actions => (
            "Actions",
            p.actions
                .iter()
                .filter(|a| porteur.is_none_or(|x| a.porteur_id == Some(x.id)))
                .map(|a| a.title.clone())
                .collect(),
        ),
        Choices::FundingSchemes => (
            "Dispositifs",
            labels(FundingScheme::ALL, FundingScheme::label),
        ),
    }
}

fn build(
    p: &Pillar,
    porteur: Option<PorteurRows>,
    round: Option<&CollectionRound>,
) -> std::result::Result<Vec<u8>, XlsxError> {
    let f = Formats::new();
    let mut book = XlsxBook::new();

    let readme = book.add_worksheet();
    readme.set_name("Lisez-moi")?;
    readme.set_column_width(0, 120)?;
    let title = Format::new().set_bold().set_font_size(14);
    for (i, line) in README.iter().enumerate() {
        if i == 0 {
            readme.write_string_with_format(0, 0, *line, &title)?;
        } else {
            readme.write_string(i as u32, 0, *line)?;
        }
    }
    let mut lines = vec![format!("Contrat : {}", p.contract.name)];
    if let Some(rows) = &porteur {
        lines.push(format!("{PORTEUR_LINE}{}", rows.actor.name));
        lines.push("Vos lignes connues sont pré-remplies ; ce classeur ne renseigne que vos propres actions.".into());
    }
    if let Some(r) = round {
        lines.push(format!(
            "Bilan {} : à renvoyer au plus tard le {}.",
            r.year,
            date_long(r.due_date)
        ));
        lines.extend(BILAN_README.iter().map(|l| l.to_string()));
    }
    for (r, line) in (README.len() as u32 + 1..).zip(lines) {
        readme.write_string(r, 0, line)?;
    }

    let actor = porteur.map(|rows| rows.actor);
    let ws = book.add_worksheet();
    ws.set_name("Listes")?;
    let mut lists: Vec<(Choices, Option<Formula>)> = Vec::new();
    for (col, c) in Choices::ALL.into_iter().enumerate() {
        let (title, items) = choices(p, c, actor);
        lists.push((c, list(ws, col as u16, title, &items)?));
    }
    ws.set_hidden(true);

    for kind in SHEETS {
        let rows = porteur
            .map(|rows| (kind.spec().rows)(p, Selection::Porteur(rows)))
            .unwrap_or_default();
        let ws = book.add_worksheet();
        ws.set_name(kind.sheet_name())?;
        write_header(ws, kind, &f)?;
        write_rows(ws, &rows, &f)?;
        for (col, column) in kind.columns().iter().enumerate() {
            if column.filled_by_copil {
                ws.set_column_hidden(col as u16)?;
            }
            let formula = lists
                .iter()
                .find(|(c, _)| Some(*c) == column.choices)
                .and_then(|(_, formula)| formula.as_ref());
            if let Some(formula) = formula {
                let dv = DataValidation::new()
                    .allow_list_formula(formula.clone())
                    .set_error_message(
                        "Choisissez une valeur de la liste (voir la feuille Lisez-moi).",
                    )?;
                ws.add_data_validation(1, col as u16, VALIDATED_ROWS, col as u16, &dv)?;
            }
        }
    }
    book.save_to_buffer()
}
