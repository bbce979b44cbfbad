//! The sheet kinds Copil exchanges, their French columns and their export rows.

use chrono::NaiveDate;

use super::headers::{Col, Kind};
use crate::figures::Pillar;

/// A kind of sheet, in import order (references first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SheetKind {
    /// QPVs.
    Districts,
    /// Actors (porteurs, partners).
    Actors,
    /// Objective tree.
    Objectives,
    /// Indicators with targets.
    Indicators,
    /// Indicator values by year and QPV.
    Measurements,
    /// Actions with status and météo.
    Actions,
    /// Funding lines.
    Fundings,
    /// Meetings.
    Meetings,
    /// Decisions.
    Decisions,
}

const fn col(header: &'static str, required: bool, kind: Kind, width: f64) -> Col {
    Col {
        header,
        aliases: &[],
        required,
        kind,
        width,
    }
}

const fn alias(c: Col, aliases: &'static [&'static str]) -> Col {
    Col { aliases, ..c }
}

use Kind::{Date, Euros, Integer, Number, Text};

const DISTRICTS: &[Col] = &[
    alias(
        col("Code QPV", true, Text, 12.0),
        &["QPV", "Code", "code_qp"],
    ),
    alias(col("Nom", true, Text, 30.0), &["Quartier", "lib_qp"]),
    alias(
        col("Communes (INSEE)", true, Text, 18.0),
        &["Communes", "insee_com"],
    ),
    col("Population", false, Integer, 12.0),
    alias(
        col("IFN", false, Number, 8.0),
        &["Indice de fragilité numérique"],
    ),
];
const ACTORS: &[Col] = &[
    alias(col("Nom", true, Text, 30.0), &["Structure", "Acteur"]),
    col("Type", false, Text, 14.0),
    col("SIRET", false, Text, 16.0),
    col("Labels", false, Text, 24.0),
    alias(col("QPV", false, Text, 16.0), &["Quartiers"]),
    col("Contact", false, Text, 28.0),
];
const OBJECTIVES: &[Col] = &[
    alias(col("Référence", true, Text, 10.0), &["Code"]),
    col("Intitulé", true, Text, 40.0),
    alias(
        col("Objectif parent", false, Text, 12.0),
        &["Parent", "Référence parente"],
    ),
    col("Description", false, Text, 40.0),
    col("Thèmes", false, Text, 30.0),
];
const INDICATORS: &[Col] = &[
    alias(col("Indicateur", true, Text, 36.0), &["Nom"]),
    col("Unité", true, Text, 14.0),
    col("Sens", false, Text, 14.0),
    alias(col("Type d'indicateur", false, Text, 12.0), &["Type"]),
    col("Valeur de référence", false, Number, 12.0),
    col("Date de référence", false, Date, 12.0),
    col("Source", false, Text, 20.0),
    col("Par QPV", false, Text, 8.0),
    alias(col("Cibles", false, Text, 24.0), &["Cibles (année=valeur)"]),
    alias(
        col("Objectifs", false, Text, 14.0),
        &["Références des objectifs"],
    ),
];
const MEASUREMENTS: &[Col] = &[
    col("Indicateur", true, Text, 36.0),
    col("Année", true, Integer, 8.0),
    alias(col("QPV", false, Text, 12.0), &["Code QPV", "Quartier"]),
    col("Valeur", true, Number, 12.0),
    alias(col("Date de la mesure", false, Date, 12.0), &["Date"]),
    col("Source", false, Text, 20.0),
    col("Commentaire", false, Text, 30.0),
];
const ACTIONS: &[Col] = &[
    alias(
        col("Action", true, Text, 36.0),
        &["Intitulé", "Intitulé de l'action"],
    ),
    alias(col("Porteur", false, Text, 26.0), &["Structure porteuse"]),
    col("Statut", false, Text, 12.0),
    col("Météo", false, Text, 12.0),
    col("Commentaire météo", false, Text, 30.0),
    col("Date de début", false, Date, 12.0),
    col("Date de fin", false, Date, 12.0),
    alias(col("Public", false, Text, 20.0), &["Public visé"]),
    col("Description", false, Text, 36.0),
    alias(col("QPV", false, Text, 16.0), &["Quartiers"]),
    col("Objectifs", false, Text, 14.0),
    col("Thèmes", false, Text, 26.0),
];
const FUNDINGS: &[Col] = &[
    col("Action", true, Text, 36.0),
    col("Financeur", true, Text, 22.0),
    col("Année", true, Integer, 8.0),
    alias(
        col("Sollicité (€)", false, Euros, 14.0),
        &["Montant sollicité"],
    ),
    alias(
        col("Attribué (€)", false, Euros, 14.0),
        &["Montant attribué"],
    ),
    alias(col("Versé (€)", false, Euros, 14.0), &["Montant versé"]),
    col("Dispositif", false, Text, 14.0),
    alias(
        col("1re année de CPO", false, Integer, 10.0),
        &["Première année de CPO"],
    ),
    alias(
        col("CRF reçu le", false, Date, 12.0),
        &["Compte-rendu financier reçu le"],
    ),
    col("Commentaire", false, Text, 30.0),
];
const MEETINGS: &[Col] = &[
    col("Date", true, Date, 12.0),
    alias(col("Instance", false, Text, 12.0), &["Type d'instance"]),
    col("Intitulé", true, Text, 30.0),
    col("Lieu", false, Text, 20.0),
    col("Ordre du jour", false, Text, 36.0),
    alias(
        col("Participants", false, Text, 40.0),
        &["Participants (structure : effectif)"],
    ),
];
const DECISIONS: &[Col] = &[
    alias(
        col("Date de l'instance", true, Date, 12.0),
        &["Instance du"],
    ),
    alias(col("Décision", true, Text, 40.0), &["Texte"]),
    col("Responsable", false, Text, 22.0),
    col("Échéance", false, Date, 12.0),
    col("Statut", false, Text, 12.0),
    col("Clôturée le", false, Date, 12.0),
];

impl SheetKind {
    /// Every kind, in import order.
    pub const ALL: [SheetKind; 9] = [
        SheetKind::Districts,
        SheetKind::Actors,
        SheetKind::Objectives,
        SheetKind::Indicators,
        SheetKind::Measurements,
        SheetKind::Actions,
        SheetKind::Fundings,
        SheetKind::Meetings,
        SheetKind::Decisions,
    ];

    /// French sheet name (also the CSV file stem).
    pub fn sheet_name(self) -> &'static str {
        match self {
            SheetKind::Districts => "Quartiers",
            SheetKind::Actors => "Acteurs",
            SheetKind::Objectives => "Objectifs",
            SheetKind::Indicators => "Indicateurs",
            SheetKind::Measurements => "Valeurs",
            SheetKind::Actions => "Actions",
            SheetKind::Fundings => "Financements",
            SheetKind::Meetings => "Instances",
            SheetKind::Decisions => "Décisions",
        }
    }

    /// Columns of the sheet.
    pub fn columns(self) -> &'static [Col] {
        match self {
            SheetKind::Districts => DISTRICTS,
            SheetKind::Actors => ACTORS,
            SheetKind::Objectives => OBJECTIVES,
            SheetKind::Indicators => INDICATORS,
            SheetKind::Measurements => MEASUREMENTS,
            SheetKind::Actions => ACTIONS,
            SheetKind::Fundings => FUNDINGS,
            SheetKind::Meetings => MEETINGS,
            SheetKind::Decisions => DECISIONS,
        }
    }

    /// Recognises a sheet by its name, else by its headers (all required columns present).
    pub fn detect(name: &str, header: &[super::cell::Cell]) -> Option<SheetKind> {
        let key = crate::text::fold(name);
        if let Some(k) = SheetKind::ALL
            .into_iter()
            .find(|k| crate::text::fold(k.sheet_name()) == key)
        {
            return Some(k);
        }
        // Most specific first: the kind with the most required columns all present.
        SheetKind::ALL
            .into_iter()
            .filter(|k| {
                let m = super::headers::map_headers(header, k.columns());
                k.columns()
                    .iter()
                    .zip(&m.index)
                    .all(|(c, i)| !c.required || i.is_some())
            })
            .max_by_key(|k| k.columns().iter().filter(|c| c.required).count())
    }
}

/// A typed cell to write.
#[derive(Debug, Clone, PartialEq)]
pub enum Out {
    /// Nothing.
    Empty,
    /// Text.
    Text(String),
    /// A number.
    Number(f64),
    /// A date.
    Date(NaiveDate),
    /// Euros, in cents.
    Euros(i64),
}

fn text(s: &str) -> Out {
    if s.is_empty() {
        Out::Empty
    } else {
        Out::Text(s.to_string())
    }
}
fn opt_date(d: Option<NaiveDate>) -> Out {
    d.map(Out::Date).unwrap_or(Out::Empty)
}
fn opt_num(v: Option<f64>) -> Out {
    v.map(Out::Number).unwrap_or(Out::Empty)
}

/// Joins several values in one cell.
pub(crate) const LIST_SEP: &str = ", ";

/// Rows of a sheet kind for the whole pillar (without the header).
pub fn rows(kind: SheetKind, p: &Pillar) -> Vec<Vec<Out>> {
    let district_codes = |ids: &[i64]| {
        ids.iter()
            .map(|&id| p.district_code(id))
            .collect::<Vec<_>>()
            .join(LIST_SEP)
    };
    let objective_codes = |ids: &[i64]| {
        ids.iter()
            .filter_map(|id| p.objectives.iter().find(|o| o.id == *id))
            .map(|o| o.code.clone())
            .collect::<Vec<_>>()
            .join(LIST_SEP)
    };
    let theme_names = |ids: &[i64]| {
        ids.iter()
            .filter_map(|id| p.themes.iter().find(|t| t.id == *id))
            .map(|t| t.name.clone())
            .collect::<Vec<_>>()
            .join(" ; ")
    };
    let action_title = |id: i64| {
        p.actions
            .iter()
            .find(|a| a.id == id)
            .map(|a| a.title.clone())
            .unwrap_or_default()
    };
    match kind {
        SheetKind::Districts => p
            .districts
            .iter()
            .map(|d| {
                vec![
                    text(&d.code),
                    text(&d.name),
                    text(&d.communes.join(LIST_SEP)),
                    opt_num(d.population.map(|v| v as f64)),
                    opt_num(d.ifn),
                ]
            })
            .collect(),
        SheetKind::Actors => p
            .actors
            .iter()
            .map(|a| {
                vec![
                    text(&a.name),
                    text(a.kind.label()),
                    text(a.siret.as_deref().unwrap_or("")),
                    text(
                        &a.labels
                            .iter()
                            .map(|l| l.label())
                            .collect::<Vec<_>>()
                            .join(LIST_SEP),
                    ),
                    text(&district_codes(&a.district_ids)),
                    text(&a.contact),
                ]
            })
            .collect(),
        SheetKind::Objectives => p
            .objective_tree()
            .into_iter()
            .map(|(o, _)| {
                let parent = o
                    .parent_id
                    .and_then(|id| p.objectives.iter().find(|x| x.id == id))
                    .map(|x| x.code.as_str())
                    .unwrap_or("");
                vec![
                    text(&o.code),
                    text(&o.title),
                    text(parent),
                    text(&o.description),
                    text(&theme_names(&o.theme_ids)),
                ]
            })
            .collect(),
        SheetKind::Indicators => p
            .indicators
            .iter()
            .map(|i| {
                let targets = i
                    .targets
                    .iter()
                    .map(|t| format!("{}={}", t.year, crate::format::plain_number(t.value)))
                    .collect::<Vec<_>>()
                    .join(" ; ");
                vec![
                    text(&i.name),
                    text(i.unit.label()),
                    text(i.direction.label()),
                    text(i.kind.label()),
                    opt_num(i.baseline_value),
                    opt_date(i.baseline_date),
                    text(&i.source),
                    text(if i.by_district { "Oui" } else { "Non" }),
                    text(&targets),
                    text(&objective_codes(&i.objective_ids)),
                ]
            })
            .collect(),
        SheetKind::Measurements => p
            .measurements
            .iter()
            .filter_map(|m| {
                let ind = p.indicators.iter().find(|i| i.id == m.indicator_id)?;
                Some(vec![
                    text(&ind.name),
                    Out::Number(f64::from(m.year)),
                    m.district_id
                        .map(|d| text(&p.district_code(d)))
                        .unwrap_or(Out::Empty),
                    Out::Number(m.value),
                    opt_date(m.date),
                    text(&m.source),
                    text(&m.comment),
                ])
            })
            .collect(),
        SheetKind::Actions => p.actions.iter().map(|a| action_row(p, a)).collect(),
        SheetKind::Fundings => p
            .fundings
            .iter()
            .map(|f| funding_row(&action_title(f.action_id), f))
            .collect(),
        SheetKind::Meetings => p
            .meetings
            .iter()
            .map(|m| {
                let participants = m
                    .participants
                    .iter()
                    .map(|x| format!("{} [{}] : {}", x.label, x.kind.label(), x.headcount))
                    .collect::<Vec<_>>()
                    .join(" | ");
                vec![
                    Out::Date(m.date),
                    text(m.kind.label()),
                    text(&m.title),
                    text(&m.place),
                    text(&m.agenda),
                    text(&participants),
                ]
            })
            .collect(),
        SheetKind::Decisions => p
            .decisions
            .iter()
            .filter_map(|d| {
                let m = p.meetings.iter().find(|m| m.id == d.meeting_id)?;
                Some(decision_row(m.date, d))
            })
            .collect(),
    }
}

/// One Actions row.
pub(crate) fn action_row(p: &Pillar, a: &crate::domain::Action) -> Vec<Out> {
    let codes = |ids: &[i64]| {
        ids.iter()
            .map(|&id| p.district_code(id))
            .collect::<Vec<_>>()
            .join(LIST_SEP)
    };
    let objectives = a
        .objective_ids
        .iter()
        .filter_map(|id| p.objectives.iter().find(|o| o.id == *id))
        .map(|o| o.code.clone())
        .collect::<Vec<_>>()
        .join(LIST_SEP);
    let themes = a
        .theme_ids
        .iter()
        .filter_map(|id| p.themes.iter().find(|t| t.id == *id))
        .map(|t| t.name.clone())
        .collect::<Vec<_>>()
        .join(" ; ");
    let porteur = a
        .porteur_id
        .and_then(|id| p.actors.iter().find(|x| x.id == id))
        .map(|x| x.name.as_str())
        .unwrap_or("");
    vec![
        text(&a.title),
        text(porteur),
        text(a.status.label()),
        text(a.weather.map(|w| w.label()).unwrap_or("")),
        text(&a.weather_comment),
        opt_date(a.start_date),
        opt_date(a.end_date),
        text(&a.audience),
        text(&a.description),
        text(&codes(&a.district_ids)),
        text(&objectives),
        text(&themes),
    ]
}

/// One Financements row.
pub(crate) fn funding_row(action: &str, f: &crate::domain::Funding) -> Vec<Out> {
    vec![
        text(action),
        text(f.financeur.label()),
        Out::Number(f64::from(f.year)),
        Out::Euros(f.requested_cents),
        Out::Euros(f.granted_cents),
        Out::Euros(f.paid_cents),
        text(f.scheme.label()),
        f.cpo_start_year
            .map(|y| Out::Number(f64::from(y)))
            .unwrap_or(Out::Empty),
        opt_date(f.crf_received_on),
        text(&f.comment),
    ]
}

/// One Décisions row.
pub(crate) fn decision_row(meeting_date: NaiveDate, d: &crate::domain::Decision) -> Vec<Out> {
    vec![
        Out::Date(meeting_date),
        text(&d.text),
        text(&d.owner),
        opt_date(d.due_date),
        text(d.status.label()),
        opt_date(d.closed_on),
    ]
}
