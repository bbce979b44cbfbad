//! Points d'alerte: dilution of the pillar, missing figures, overdue decisions and financial reports.

use chrono::Datelike;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{crf_schedule, late_bilan_text, BilanState, Pillar, Scope};
use crate::domain::{coded_enum, Id, Severity};
use crate::format::date_long;

coded_enum! {
    /// What an alert is about.
    AlertKind {
        /// A theme of the contract with no digital-inclusion objective.
        ThemeWithoutObjective = "theme_without_objective" => "Thème sans objectif",
        /// An objective (with its sub-objectives) has no indicator.
        ObjectiveWithoutIndicator = "objective_without_indicator" => "Objectif sans indicateur",
        /// An objective has no action.
        ObjectiveWithoutAction = "objective_without_action" => "Objectif sans action",
        /// An objective's actions have no funding granted.
        ObjectiveWithoutFunding = "objective_without_funding" => "Objectif sans financement",
        /// An indicator has no target.
        IndicatorWithoutTarget = "indicator_without_target" => "Indicateur sans cible",
        /// An indicator has no value for the last completed year.
        IndicatorWithoutRecentValue = "indicator_without_recent_value" => "Indicateur sans valeur récente",
        /// A decision is past its due date.
        DecisionOverdue = "decision_overdue" => "Décision en retard",
        /// A compte-rendu financier is past its due date.
        CrfOverdue = "crf_overdue" => "Compte-rendu financier en retard",
        /// A porteur's bilan is past the round's due date and not complete.
        BilanLate = "bilan_late" => "Bilan en retard",
        /// Some of the actions expected to report an indicator have not: its value is incomplete.
        IndicatorIncomplete = "indicator_incomplete" => "Indicateur incomplet",
        /// A QPV has no lieu de médiation numérique in or near it (once lieux are imported).
        DistrictWithoutPlace = "district_without_place" => "QPV sans lieu de médiation",
    }
}

/// One point d'alerte, with the record it is about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Alert {
    /// What it is about.
    pub kind: AlertKind,
    /// Error = alerte, warning = vigilance.
    pub severity: Severity,
    /// French sentence for the user.
    pub message: String,
    /// Id of the theme, objective, indicator, decision, funding line, action (late bilan) or QPV concerned.
    pub subject_id: Option<Id>,
}

/// Every alert for a scope, most serious first.
pub fn alerts(p: &Pillar, scope: &Scope) -> Vec<Alert> {
    let mut out = Vec::new();
    let mut push = |kind, severity, message: String, subject_id| {
        out.push(Alert {
            kind,
            severity,
            message,
            subject_id,
        })
    };

    for t in &p.themes {
        if !p.objectives.iter().any(|o| o.theme_ids.contains(&t.id)) {
            push(
                AlertKind::ThemeWithoutObjective,
                Severity::Warning,
                format!("Le thème « {} » n'a aucun objectif d'inclusion numérique : risque de dilution.", t.name),
                Some(t.id),
            );
        }
    }
    for (o, _) in p.objective_tree() {
        let subtree = p.subtree(o.id);
        let label = format!("{} {}", o.code, o.title);
        if !p
            .indicators
            .iter()
            .any(|i| i.objective_ids.iter().any(|id| subtree.contains(id)))
        {
            push(
                AlertKind::ObjectiveWithoutIndicator,
                Severity::Error,
                format!("L'objectif « {label} » n'a aucun indicateur."),
                Some(o.id),
            );
        }
        let actions: Vec<Id> = p
            .actions
            .iter()
            .filter(|a| a.objective_ids.iter().any(|id| subtree.contains(id)))
            .map(|a| a.id)
            .collect();
        if actions.is_empty() {
            push(
                AlertKind::ObjectiveWithoutAction,
                Severity::Error,
                format!("L'objectif « {label} » n'a aucune action."),
                Some(o.id),
            );
        } else if !p
            .fundings
            .iter()
            .any(|f| actions.contains(&f.action_id) && f.granted_cents > 0)
        {
            push(
                AlertKind::ObjectiveWithoutFunding,
                Severity::Warning,
                format!("Les actions de l'objectif « {label} » n'ont aucun financement attribué."),
                Some(o.id),
            );
        }
    }
    let last_year = scope.today.year() - 1;
    let with_recent_value: std::collections::HashSet<Id> = p
        .measurements
        .iter()
        .filter(|m| m.year >= last_year)
        .map(|m| m.indicator_id)
        .collect();
    for i in &p.indicators {
        if i.targets.is_empty() {
            push(
                AlertKind::IndicatorWithoutTarget,
                Severity::Warning,
                format!("L'indicateur « {} » n'a pas de cible.", i.name),
                Some(i.id),
            );
        }
        if !with_recent_value.contains(&i.id) && p.contract.period().contains_year(last_year) {
            push(
                AlertKind::IndicatorWithoutRecentValue,
                Severity::Warning,
                format!(
                    "L'indicateur « {} » n'a pas de valeur pour {last_year}.",
                    i.name
                ),
                Some(i.id),
            );
        }
    }
    for d in p.decisions.iter().filter(|d| d.is_overdue(scope.today)) {
        let due = d.due_date.map(date_long).unwrap_or_default();
        let owner = if d.owner.is_empty() {
            "sans responsable".to_string()
        } else {
            d.owner.clone()
        };
        push(
            AlertKind::DecisionOverdue,
            Severity::Error,
            format!("Décision en retard (échéance {due}, {owner}) : {}", d.text),
            Some(d.id),
        );
    }
    for c in crf_schedule(p, scope).into_iter().filter(|c| c.overdue) {
        push(
            AlertKind::CrfOverdue,
            Severity::Error,
            format!(
                "Compte-rendu financier {} {} non reçu (dû le {}) : {} — {}.",
                c.financeur.label(),
                c.year,
                date_long(c.due),
                c.action,
                if c.porteur.is_empty() {
                    "porteur non renseigné"
                } else {
                    &c.porteur
                }
            ),
            Some(c.funding_id),
        );
    }
    if let Some(round) = super::current_round(p, scope) {
        if let Some(status) = super::round_status(p, round.year, scope.today) {
            for b in status.bilans.iter().filter(|b| b.state == BilanState::Late) {
                push(
                    AlertKind::BilanLate,
                    Severity::Error,
                    late_bilan_text(round.year, round.due_date, b),
                    Some(b.action_id),
                );
            }
        }
        let reporting = super::indicator_reporting(p, round.year, scope.district_id);
        for i in &p.indicators {
            if let Some(r) = reporting
                .get(&i.id)
                .filter(|r| r.responded > 0 && r.responded < r.expected)
            {
                push(
                    AlertKind::IndicatorIncomplete,
                    Severity::Warning,
                    format!(
                        "La valeur {} de l'indicateur « {} » est incomplète : {}.",
                        round.year, i.name, r.text
                    ),
                    Some(i.id),
                );
            }
        }
    }
    if !p.places.is_empty() {
        let overview = super::places_overview(p, super::DEFAULT_NEAR_METRES);
        for d in overview
            .districts_without_place()
            .filter(|d| scope.district_id.is_none_or(|id| id == d.district_id))
        {
            let reach = match overview.method {
                super::PlacementMethod::Outlines => format!(
                    "ni dedans ni à moins de {} m",
                    crate::format::number(overview.near_metres, 0)
                ),
                super::PlacementMethod::Communes => "dans sa commune".to_string(),
            };
            push(
                AlertKind::DistrictWithoutPlace,
                Severity::Warning,
                format!(
                    "Le QPV {} {} n'a aucun lieu de médiation numérique ({reach}).",
                    d.code, d.name
                ),
                Some(d.district_id),
            );
        }
    }
    out.sort_by_key(|a| (a.severity != Severity::Error, a.kind));
    out
}
