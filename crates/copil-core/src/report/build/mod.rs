//! Builds the COPIL report model from the core's figure functions (the same ones the screens use),
//! one module per section of the report.

mod actions;
mod annexes;
mod diagnostic;
mod funding;
mod indicators;
mod meetings;
mod next_steps;
mod objectives;
mod places;
mod synthesis;

use actions::actions;
use annexes::annexes;
use diagnostic::diagnostic;
use funding::funding;
use indicators::indicators;
use meetings::meetings;
use next_steps::next_steps;
use objectives::objectives;
use places::places;
use synthesis::synthesis;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::model::*;
use crate::domain::{ActionStatus, Id, IndicatorKind, Weather};
use crate::figures::{self, IndicatorStatus, Pillar, Scope, Snapshot};
use crate::format::{date_long, date_short, euros_from_cents, gap, integer, percent, quantity};
use crate::store::IssuedReport;

/// What the report is prepared for and what it contains.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReportOptions {
    /// Meeting it is prepared for (default: the next one, else the latest).
    pub meeting_id: Option<Id>,
    /// Figures up to the end of this year.
    pub year: i32,
    /// Restrict to one QPV.
    pub district_id: Option<Id>,
    /// Include the annexes (actors, QPV list, sources).
    pub include_annexes: bool,
    /// Compare with this issued report (default: the last one).
    pub compare_with: Option<Id>,
    /// Date printed on the report and used for what is overdue.
    pub today: NaiveDate,
}

impl ReportOptions {
    /// Default options for a report produced today.
    pub fn for_today(today: NaiveDate) -> ReportOptions {
        ReportOptions {
            meeting_id: None,
            year: today.year(),
            district_id: None,
            include_annexes: true,
            compare_with: None,
            today,
        }
    }

    /// The figures' scope.
    pub fn scope(&self) -> Scope {
        Scope {
            year: self.year,
            today: self.today,
            district_id: self.district_id,
        }
    }
}

pub(super) fn tone_of_status(s: IndicatorStatus) -> Tone {
    match s {
        IndicatorStatus::Reached => Tone::Good,
        IndicatorStatus::OnTrack => Tone::Neutral,
        IndicatorStatus::Late => Tone::Bad,
        IndicatorStatus::NoTarget | IndicatorStatus::NoValue | IndicatorStatus::NotComputable => {
            Tone::Warning
        }
    }
}

pub(super) fn tone_of_weather(w: Option<Weather>) -> Tone {
    match w {
        Some(Weather::Green) => Tone::Good,
        Some(Weather::Amber) => Tone::Warning,
        Some(Weather::Red) => Tone::Bad,
        None => Tone::Neutral,
    }
}

pub(super) fn weather_word(w: Option<Weather>) -> &'static str {
    w.map(|w| w.label())
        .unwrap_or(crate::domain::WEATHER_NOT_ASSESSED)
}

pub(super) fn para(text: impl Into<String>) -> Block {
    Block::Paragraph(vec![Span::plain(text)])
}

pub(super) fn opt_qty(v: Option<f64>, unit: crate::domain::Unit) -> String {
    v.map(|v| quantity(v, unit)).unwrap_or_else(|| "—".into())
}

/// Builds the whole report for `p` with `options`; `previous` is the issued report to compare with.
pub fn build_report(
    p: &Pillar,
    options: &ReportOptions,
    previous: Option<&IssuedReport>,
) -> ReportDocument {
    let scope = options.scope();
    let meeting = options
        .meeting_id
        .and_then(|id| p.meetings.iter().find(|m| m.id == id))
        .or_else(|| {
            p.meetings
                .iter()
                .filter(|m| m.date >= options.today)
                .min_by_key(|m| m.date)
        });
    let meeting_label = meeting.map(|m| m.label());
    let district = options
        .district_id
        .and_then(|id| p.districts.iter().find(|d| d.id == id));
    let communes: Vec<String> = p.contract.communes.iter().map(|c| c.name.clone()).collect();
    let territory = match district {
        Some(d) => format!("{} – quartier {} {}", p.contract.epci, d.code, d.name),
        None => format!("{} ({})", p.contract.epci, communes.join(", ")),
    };
    let title = "Rapport de suivi du pilier inclusion numérique".to_string();
    let meta = ReportMeta {
        title: title.clone(),
        subject: format!(
            "{} – situation au {}",
            p.contract.name,
            date_long(options.today)
        ),
        author: p.contract.epci.clone(),
        contract_name: p.contract.name.clone(),
        territory: territory.clone(),
        meeting_label: meeting_label.clone(),
        date: options.today,
        footer_text: p.contract.name.clone(),
    };
    let mut details = vec![
        CoverDetail {
            label: "Territoire".into(),
            value: territory,
        },
        CoverDetail {
            label: "Période du contrat".into(),
            value: format!("{}–{}", p.contract.start_year, p.contract.end_year),
        },
        CoverDetail {
            label: "Situation au".into(),
            value: date_long(options.today),
        },
        CoverDetail {
            label: "Chiffres arrêtés à".into(),
            value: format!("fin {}", options.year),
        },
    ];
    if let Some(m) = meeting {
        details.insert(
            0,
            CoverDetail {
                label: "Instance".into(),
                value: format!("{} – {}, {}", m.kind.label(), date_long(m.date), m.place),
            },
        );
    }
    let cover = Cover {
        kicker: "Comité de pilotage".into(),
        title,
        subtitle: Some(p.contract.name.clone()),
        details,
        note: Some(
            "Document produit par Copil à partir du fichier du contrat, sans connexion réseau."
                .into(),
        ),
    };
    // Every indicator's figures, computed once for the synthèse and the indicators section.
    let all = figures::all_indicator_figures(p, &scope);
    let mut sections = vec![synthesis(p, &scope, &all, previous)];
    sections.extend(diagnostic(p));
    sections.extend([
        objectives(p, &scope),
        indicators(p, &scope, &all),
        actions(p, &scope),
    ]);
    sections.extend(places(p, &scope));
    sections.extend([
        funding(p, &scope),
        meetings(p, &scope),
        next_steps(p, &scope),
    ]);
    if options.include_annexes {
        sections.push(annexes(p, &scope));
    }
    ReportDocument {
        kind: DocumentKind::Report,
        meta,
        cover,
        sections,
    }
}
