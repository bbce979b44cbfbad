//! The collection round (« campagne de bilans »): the porteurs' bilans of one year, due by a date.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Id, Issue, Period};

/// A collection round: for one year, the date by which every active action's bilan is due.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CollectionRound {
    /// Row id (0 when new).
    pub id: Id,
    /// Year whose figures the bilans report (one round per year).
    pub year: i32,
    /// Date by which the bilans are due (« date limite de retour »).
    pub due_date: NaiveDate,
    /// Free comment (how the porteurs were asked, reminders sent).
    pub comment: String,
    /// Bilans the chef de projet marked received by hand, with their date (« reçu le »).
    pub receipts: Vec<BilanReceipt>,
}

/// A bilan marked received by hand: it counts as received on that day whatever values it holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BilanReceipt {
    /// Action whose bilan was received.
    pub action_id: Id,
    /// Day it was received.
    pub received_on: NaiveDate,
}

impl CollectionRound {
    /// Validation rules of a round within the contract period.
    pub fn validate(&self, period: Period) -> Vec<Issue> {
        let mut issues = Vec::new();
        period.check_year(
            "year",
            "Campagne de bilans de l'année",
            self.year,
            &mut issues,
        );
        if self.due_date.year() < self.year {
            issues.push(Issue::error(
                "due_date",
                format!(
                    "La date limite ({}) précède l'année {} dont les bilans sont demandés.",
                    crate::format::date_long(self.due_date),
                    self.year
                ),
            ));
        } else if self.due_date.year() == self.year {
            issues.push(Issue::warning(
                "due_date",
                format!(
                    "La date limite ({}) tombe avant la fin de l'année {} : les bilans ne couvriront pas l'année entière.",
                    crate::format::date_long(self.due_date),
                    self.year
                ),
            ));
        }
        let mut seen = Vec::new();
        for r in &self.receipts {
            if seen.contains(&r.action_id) {
                issues.push(Issue::error(
                    "receipts",
                    format!(
                        "Le bilan de l'action n° {} est marqué reçu deux fois.",
                        r.action_id
                    ),
                ));
            }
            seen.push(r.action_id);
            if r.received_on.year() < self.year {
                issues.push(Issue::error(
                    "receipts",
                    format!(
                        "Un bilan {} ne peut pas être reçu le {}, avant l'année qu'il décrit.",
                        self.year,
                        crate::format::date_long(r.received_on)
                    ),
                ));
            }
        }
        issues
    }

    /// The day the bilan of `action_id` was marked received by hand, if it was.
    pub fn receipt_of(&self, action_id: Id) -> Option<NaiveDate> {
        self.receipts
            .iter()
            .find(|r| r.action_id == action_id)
            .map(|r| r.received_on)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn due_date_and_receipts_rules() {
        let period = Period {
            start_year: 2024,
            end_year: 2030,
        };
        let mut round = CollectionRound {
            id: 0,
            year: 2026,
            due_date: date(2027, 1, 31),
            comment: String::new(),
            receipts: vec![],
        };
        assert!(round.validate(period).is_empty());
        round.due_date = date(2026, 12, 15);
        let issues = round.validate(period);
        assert_eq!(issues.len(), 1);
        assert_eq!(issues[0].severity, super::super::Severity::Warning);
        round.due_date = date(2025, 12, 31);
        round.year = 2031;
        round.receipts = vec![
            BilanReceipt {
                action_id: 1,
                received_on: date(2030, 1, 1),
            },
            BilanReceipt {
                action_id: 1,
                received_on: date(2032, 1, 1),
            },
        ];
        let fields: Vec<_> = round
            .validate(period)
            .into_iter()
            .map(|i| i.field)
            .collect();
        assert_eq!(fields, ["year", "due_date", "receipts", "receipts"]);
    }
}
