//! What changed since the previous report: a snapshot of key figures is kept with each issued report.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{
    all_indicator_figures, funding_by_financeur_year, round_status, BilanState, IndicatorFigures,
    IndicatorStatus, Pillar, Scope,
};
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
    /// Bilans received by then, every round; None in snapshots older than the bilans.
    #[serde(default)]
    pub bilans_received: Option<Vec<SnapshotBilan>>,
}

/// A bilan received, in a snapshot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SnapshotBilan {
    /// Year of its round.
    pub year: i32,
    /// Action.
    pub action_id: Id,
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
        /// A porteur's bilan was received.
        BilanReceived = "bilan_received" => "Bilan reçu",
    }
}

/// Bilans listed one by one per round in « what changed »; beyond, one line counts the others.
const BILANS_LISTED: usize = 20;

/// One change since the previous report, as a French sentence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Change {
    /// Kind.
    pub kind: ChangeKind,
    /// French sentence.
    pub text: String,
}

/// How many decisions were taken and closed since the previous report: the count « what
/// changed » opens with, from the same changes it lists.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DecisionCounts {
    /// Decisions taken since (the avis of a programmation among them).
    pub taken: u32,
    /// Decisions closed since (done or dropped).
    pub closed: u32,
}

impl DecisionCounts {
    /// Counts the decisions among `changes`.
    pub fn of(changes: &[Change]) -> DecisionCounts {
        let count = |kind| changes.iter().filter(|c| c.kind == kind).count() as u32;
        DecisionCounts {
            taken: count(ChangeKind::DecisionTaken),
            closed: count(ChangeKind::DecisionClosed),
        }
    }

    /// « 6 décisions prises et 2 soldées depuis le précédent rapport. », None when both are 0.
    pub fn text(&self) -> Option<String> {
        if self.taken == 0 && self.closed == 0 {
            return None;
        }
        let plural = |n: u32, word: &str| {
            let s = if n > 1 { "s" } else { "" };
            format!("{n} {word}{s}")
        };
        Some(format!(
            "{} prise{} et {} depuis le précédent rapport.",
            plural(self.taken, "décision"),
            if self.taken > 1 { "s" } else { "" },
            plural(self.closed, "soldée")
        ))
    }
}

impl Snapshot {
    /// Takes the snapshot of a scope.
    pub fn take(p: &Pillar, scope: &Scope) -> Snapshot {
        Snapshot::take_of(p, scope, &all_indicator_figures(p, scope))
    }

    /// [`Snapshot::take`] from the indicators' figures already computed for `scope`.
    pub fn take_of(p: &Pillar, scope: &Scope, figures: &[IndicatorFigures]) -> Snapshot {
        let funding = funding_by_financeur_year(p, scope);
        let mut values: HashMap<Id, u32> = HashMap::new();
        for m in &p.measurements {
            *values.entry(m.indicator_id).or_default() += 1;
        }
        Snapshot {
            taken_on: scope.today,
            indicators: figures
                .iter()
                .map(|f| SnapshotIndicator {
                    id: f.indicator_id,
                    values: values.get(&f.indicator_id).copied().unwrap_or(0),
                    name: f.name.clone(),
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
            bilans_received: Some(
                p.rounds
                    .iter()
                    .filter_map(|r| round_status(p, r.year, scope.today))
                    .flat_map(|status| {
                        status
                            .bilans
                            .into_iter()
                            .filter(|b| b.state == BilanState::Received)
                            .map(move |b| SnapshotBilan {
                                year: status.round.year,
                                action_id: b.action_id,
                            })
                    })
                    .collect(),
            ),
        }
    }
}

/// Changes between a previous snapshot and now.
pub fn changes_since(previous: &Snapshot, p: &Pillar, scope: &Scope) -> Vec<Change> {
    changes_since_of(previous, p, scope, &all_indicator_figures(p, scope))
}

/// [`changes_since`] from the indicators' figures already computed for `scope`.
pub fn changes_since_of(
    previous: &Snapshot,
    p: &Pillar,
    scope: &Scope,
    figures: &[IndicatorFigures],
) -> Vec<Change> {
    let now = Snapshot::take_of(p, scope, figures);
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
    for round in &p.rounds {
        let Some(status) = round_status(p, round.year, scope.today) else {
            continue;
        };
        let new: Vec<_> = status
            .bilans
            .iter()
            .filter(|b| b.state == BilanState::Received)
            .filter(|b| match &previous.bilans_received {
                Some(list) => !list
                    .iter()
                    .any(|s| s.year == round.year && s.action_id == b.action_id),
                None => b.received_on.is_some_and(|d| d > previous.taken_on),
            })
            .collect();
        for b in new.iter().take(BILANS_LISTED) {
            let porteur = if b.porteur.is_empty() {
                "porteur non renseigné"
            } else {
                &b.porteur
            };
            let day = b
                .received_on
                .map(|d| format!(", reçu le {}", crate::format::date_long(d)))
                .unwrap_or_default();
            out.push(Change {
                kind: ChangeKind::BilanReceived,
                text: format!("Bilan {} de {porteur} — « {} »{day}", round.year, b.action),
            });
        }
        if new.len() > BILANS_LISTED {
            let more = new.len() - BILANS_LISTED;
            out.push(Change {
                kind: ChangeKind::BilanReceived,
                text: format!(
                    "… et {more} autre{s} bilan{s} {} reçu{s}",
                    round.year,
                    s = if more > 1 { "s" } else { "" }
                ),
            });
        }
    }
    out
}

/// Amount with its sign (`+12 500 €`).
fn signed_euros(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "+" };
    format!("{sign}{}", crate::format::euros_from_cents(cents.abs()))
}
