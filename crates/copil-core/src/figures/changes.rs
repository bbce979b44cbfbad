//! What changed since the previous report: a snapshot of key figures is kept with each issued report.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{all_indicator_figures, funding_by_financeur_year, IndicatorStatus, Pillar, Scope};
use crate::domain::{coded_enum, DecisionStatus, Id};

/// Key figures kept with an issued report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Snapshot {
    /// Day the report was issued.
    pub taken_on: NaiveDate,
    /// Indicators at that time.
    pub indicators: Vec<SnapshotIndicator>,
    /// Total granted, cents.
    pub granted_cents: i64,
    /// Total paid, cents.
    pub paid_cents: i64,
    /// Decisions and their status.
    pub decisions: Vec<SnapshotDecision>,
}

/// An indicator in a snapshot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SnapshotIndicator {
    /// Indicator id.
    pub id: Id,
    /// Name at that time.
    pub name: String,
    /// Value over the period.
    pub actual: Option<f64>,
    /// Status.
    pub status: IndicatorStatus,
    /// Number of values recorded.
    pub values: u32,
    /// Latest year with a value.
    pub last_value_year: Option<i32>,
}

/// A decision in a snapshot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SnapshotDecision {
    /// Decision id.
    pub id: Id,
    /// Status at that time.
    pub status: DecisionStatus,
}

coded_enum! {
    /// Kind of change since the previous report.
    ChangeKind {
        /// New values recorded for an indicator.
        NewValues = "new_values" => "Nouvelles valeurs",
        /// An indicator reached its target.
        TargetReached = "target_reached" => "Cible atteinte",
        /// An indicator fell behind its target.
        TargetMissed = "target_missed" => "Cible manquée",
        /// Funding granted since.
        FundingGranted = "funding_granted" => "Financements attribués",
        /// Funding paid since.
        FundingPaid = "funding_paid" => "Financements versés",
        /// A decision was closed.
        DecisionClosed = "decision_closed" => "Décision soldée",
        /// A decision was taken.
        DecisionTaken = "decision_taken" => "Nouvelle décision",
    }
}

/// One change since the previous report, as a French sentence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Change {
    /// Kind.
    pub kind: ChangeKind,
    /// French sentence.
    pub text: String,
}

impl Snapshot {
    /// Takes the snapshot of a scope.
    pub fn take(p: &Pillar, scope: &Scope) -> Snapshot {
        let funding = funding_by_financeur_year(p, scope);
        Snapshot {
            taken_on: scope.today,
            indicators: all_indicator_figures(p, scope)
                .into_iter()
                .map(|f| SnapshotIndicator {
                    id: f.indicator_id,
                    values: p
                        .measurements
                        .iter()
                        .filter(|m| m.indicator_id == f.indicator_id)
                        .count() as u32,
                    name: f.name,
                    actual: f.actual,
                    status: f.status,
                    last_value_year: f.last_value_year,
                })
                .collect(),
            granted_cents: funding.total.granted_cents,
            paid_cents: funding.total.paid_cents,
            decisions: p
                .decisions
                .iter()
                .map(|d| SnapshotDecision {
                    id: d.id,
                    status: d.status,
                })
                .collect(),
        }
    }
}

/// Changes between a previous snapshot and now.
pub fn changes_since(previous: &Snapshot, p: &Pillar, scope: &Scope) -> Vec<Change> {
    let now = Snapshot::take(p, scope);
    let mut out = Vec::new();
    for ind in &now.indicators {
        let before = previous.indicators.iter().find(|b| b.id == ind.id);
        let added = ind
            .values
            .saturating_sub(before.map(|b| b.values).unwrap_or(0));
        if added > 0 {
            out.push(Change {
                kind: ChangeKind::NewValues,
                text: format!(
                    "{} : {added} nouvelle{s} valeur{s}",
                    ind.name,
                    s = if added > 1 { "s" } else { "" }
                ),
            });
        }
        let was = before.map(|b| b.status);
        if ind.status == IndicatorStatus::Reached && was != Some(IndicatorStatus::Reached) {
            out.push(Change {
                kind: ChangeKind::TargetReached,
                text: format!("{} : cible atteinte", ind.name),
            });
        }
        if ind.status == IndicatorStatus::Late
            && matches!(
                was,
                Some(IndicatorStatus::Reached | IndicatorStatus::OnTrack)
            )
        {
            out.push(Change {
                kind: ChangeKind::TargetMissed,
                text: format!("{} : passe en retard sur sa cible", ind.name),
            });
        }
    }
    let granted = now.granted_cents - previous.granted_cents;
    if granted != 0 {
        out.push(Change {
            kind: ChangeKind::FundingGranted,
            text: format!(
                "Financements attribués : {} depuis le précédent rapport",
                signed_euros(granted)
            ),
        });
    }
    let paid = now.paid_cents - previous.paid_cents;
    if paid != 0 {
        out.push(Change {
            kind: ChangeKind::FundingPaid,
            text: format!(
                "Financements versés : {} depuis le précédent rapport",
                signed_euros(paid)
            ),
        });
    }
    for d in &p.decisions {
        match previous.decisions.iter().find(|b| b.id == d.id) {
            Some(b) if b.status.is_open() && !d.status.is_open() => out.push(Change {
                kind: ChangeKind::DecisionClosed,
                text: format!("Décision {} : {}", d.status.label().to_lowercase(), d.text),
            }),
            None => out.push(Change {
                kind: ChangeKind::DecisionTaken,
                text: format!("Nouvelle décision : {}", d.text),
            }),
            _ => {}
        }
    }
    out
}

/// Amount with its sign, in whole euros (French grouping).
fn signed_euros(cents: i64) -> String {
    let sign = if cents < 0 { "−" } else { "+" };
    let euros = (cents.abs() + 50) / 100;
    let digits = euros.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push('\u{202f}');
        }
        grouped.push(c);
    }
    format!("{sign}{grouped}\u{a0}€")
}
