//! Collection template: the sheets porteurs fill in, with drop-down lists from the contract.

use std::path::Path;

use rust_xlsxwriter::{DataValidation, Format, Formula, Workbook as XlsxBook, XlsxError};

use super::export::{write_header, write_rows, xlsx_error, Formats};
use super::sheets::{action_row, decision_row, funding_row, SheetKind};
use crate::domain::{ActionStatus, DecisionStatus, Financeur, FundingScheme, Weather};
use crate::error::{CoreError, Result};
use crate::figures::Pillar;
use crate::text::fold;
use crate::Store;

/// Rows of drop-down validation in each data sheet.
const VALIDATED_ROWS: u32 = 2000;

const README: &[&str] = &[
    "Modèle de collecte Copil — volet inclusion numérique du contrat de ville",
    "",
    "Comment remplir ce classeur :",
    "• Une ligne par information ; ne modifiez pas la première ligne (les en-têtes).",
    "• Feuille « Valeurs » : une valeur d'indicateur par année et, si l'indicateur est suivi par quartier, par code QPV.",
    "• Feuille « Actions » : l'état de vos actions (statut, météo : Favorable, Vigilance ou Difficulté, commentaire).",
    "• Feuille « Financements » : une ligne par action, financeur et année ; montants en euros (ex. 12 500,00).",
    "• Feuille « Décisions » : le suivi des décisions des instances (date de l'instance, texte, statut).",
    "• Les listes déroulantes proposent les indicateurs, QPV, financeurs et statuts du contrat : choisissez-y vos valeurs.",
    "• Dates au format JJ/MM/AAAA. Laissez vide ce que vous ne savez pas.",
    "• Plusieurs QPV, objectifs : séparez-les par des virgules ; plusieurs thèmes : par des points-virgules.",
    "",
    "Le classeur est relu par Copil : chaque ligne est vérifiée et toute erreur est signalée avec sa feuille, sa ligne et sa colonne ;",
    "rien n'est enregistré tant qu'une erreur demeure. Renvoyer deux fois le même classeur ne crée pas de doublon.",
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
    build(&p, porteur.as_ref(), out).map_err(|e| xlsx_error(out, e))
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

/// A data sheet of the template: kind, prefilled rows, drop-down lists (column, list).
type SheetSpec<'a> = (
    SheetKind,
    Vec<Vec<super::sheets::Out>>,
    Vec<(u16, &'a Option<Formula>)>,
);

fn labels<T: Copy>(all: &[T], label: fn(T) -> &'static str) -> Vec<String> {
    all.iter().map(|v| label(*v).to_string()).collect()
}

fn build(
    p: &Pillar,
    porteur: Option<&crate::domain::Actor>,
    out: &Path,
) -> std::result::Result<(), XlsxError> {
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
    let mut r = README.len() as u32 + 1;
    readme.write_string(r, 0, format!("Contrat : {}", p.contract.name))?;
    if let Some(a) = porteur {
        r += 1;
        readme.write_string(
            r,
            0,
            format!(
                "Porteur : {} — vos lignes connues sont pré-remplies.",
                a.name
            ),
        )?;
    }

    let ws = book.add_worksheet();
    ws.set_name("Listes")?;
    let indicators = list(
        ws,
        0,
        "Indicateurs",
        &p.indicators
            .iter()
            .map(|i| i.name.clone())
            .collect::<Vec<_>>(),
    )?;
    let qpv = list(
        ws,
        1,
        "QPV",
        &p.districts
            .iter()
            .map(|d| d.code.clone())
            .collect::<Vec<_>>(),
    )?;
    let financeurs = list(
        ws,
        2,
        "Financeurs",
        &labels(Financeur::ALL, Financeur::label),
    )?;
    let statuses = list(
        ws,
        3,
        "Statuts d'action",
        &labels(ActionStatus::ALL, ActionStatus::label),
    )?;
    let weather = list(ws, 4, "Météo", &labels(Weather::ALL, Weather::label))?;
    let decision = list(
        ws,
        5,
        "Statuts de décision",
        &labels(DecisionStatus::ALL, DecisionStatus::label),
    )?;
    let actors = list(
        ws,
        6,
        "Porteurs",
        &p.actors.iter().map(|a| a.name.clone()).collect::<Vec<_>>(),
    )?;
    let actions = list(
        ws,
        7,
        "Actions",
        &p.actions
            .iter()
            .map(|a| a.title.clone())
            .collect::<Vec<_>>(),
    )?;
    let schemes = list(
        ws,
        8,
        "Dispositifs",
        &labels(FundingScheme::ALL, FundingScheme::label),
    )?;
    ws.set_hidden(true);

    let mine: Vec<&crate::domain::Action> = p
        .actions
        .iter()
        .filter(|a| porteur.is_some_and(|x| a.porteur_id == Some(x.id)))
        .collect();
    let sheets: [SheetSpec; 4] = [
        (
            SheetKind::Measurements,
            vec![],
            vec![(0, &indicators), (2, &qpv)],
        ),
        (
            SheetKind::Actions,
            mine.iter().map(|a| action_row(p, a)).collect(),
            vec![(1, &actors), (2, &statuses), (3, &weather)],
        ),
        (
            SheetKind::Fundings,
            p.fundings
                .iter()
                .filter_map(|fl| {
                    mine.iter()
                        .find(|a| a.id == fl.action_id)
                        .map(|a| funding_row(&a.title, fl))
                })
                .collect(),
            vec![(0, &actions), (1, &financeurs), (6, &schemes)],
        ),
        (
            SheetKind::Decisions,
            p.decisions
                .iter()
                .filter(|d| porteur.is_some_and(|x| fold(&d.owner) == fold(&x.name)))
                .filter_map(|d| {
                    p.meetings
                        .iter()
                        .find(|m| m.id == d.meeting_id)
                        .map(|m| decision_row(m.date, d))
                })
                .collect(),
            vec![(4, &decision)],
        ),
    ];
    for (kind, rows, validations) in sheets {
        let ws = book.add_worksheet();
        ws.set_name(kind.sheet_name())?;
        write_header(ws, kind, &f)?;
        write_rows(ws, &rows, &f)?;
        for (col, formula) in validations {
            if let Some(formula) = formula {
                let dv = DataValidation::new()
                    .allow_list_formula(formula.clone())
                    .set_error_message(
                        "Choisissez une valeur de la liste (voir la feuille Lisez-moi).",
                    )?;
                ws.add_data_validation(1, col, VALIDATED_ROWS, col, &dv)?;
            }
        }
    }
    book.save(out)
}
