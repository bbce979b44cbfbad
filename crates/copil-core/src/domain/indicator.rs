//! Indicators, their yearly targets and their recorded values (measurements).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{coded_enum, require_text, Id, Issue, Period};

coded_enum! {
    /// Unit of an indicator; values of different units are never added together.
    Unit {
        /// Unique persons.
        Persons = "persons" => "personnes",
        /// Accompaniments (one person may have several).
        Accompaniments = "accompaniments" => "accompagnements",
        /// Sessions (individual or collective).
        Sessions = "sessions" => "séances",
        /// Hours of mediation.
        Hours = "hours" => "heures",
        /// A share, 0–100.
        Percent = "percent" => "%",
        /// Euros.
        Euros = "euros" => "€",
        /// A count of things (places, mandates, redirections).
        Count = "count" => "nombre",
        /// A score from 1 to 10 (indice de fragilité numérique).
        Score = "score" => "score",
        /// Full-time equivalents (médiateurs, conseillers numériques).
        Fte = "fte" => "ETP",
        /// Pass numérique cheques.
        Cheques = "cheques" => "chèques",
    }
}

coded_enum! {
    /// How the values of several actions (and the chef de projet's own value) combine into the
    /// pillar's value for a year and a QPV: decided by the unit, see [`Unit::consolidation`].
    ConsolidationRule {
        /// Counts, hours, amounts, ETP: the actions' contributions add up.
        Sum = "sum" => "somme des contributions des actions",
        /// A percentage: Σ(% × base) / Σ(base), each contribution giving its base.
        WeightedShare = "weighted_share" => "moyenne pondérée par la base",
        /// A score (IFN…): only the territory's own value, never a contribution of an action.
        TerritoryOnly = "territory_only" => "valeur du territoire seulement",
    }
}

impl Unit {
    /// How values in this unit from several actions combine (one rule for every figure).
    pub fn consolidation(self) -> ConsolidationRule {
        match self {
            Unit::Percent => ConsolidationRule::WeightedShare,
            Unit::Score => ConsolidationRule::TerritoryOnly,
            Unit::Persons
            | Unit::Accompaniments
            | Unit::Sessions
            | Unit::Hours
            | Unit::Euros
            | Unit::Count
            | Unit::Fte
            | Unit::Cheques => ConsolidationRule::Sum,
        }
    }

    /// Checks that a value makes sense in this unit; returns the French problem if not.
    pub fn check_value(self, value: f64) -> Option<String> {
        if !value.is_finite() {
            return Some("La valeur n'est pas un nombre.".into());
        }
        match self {
            Unit::Percent if !(0.0..=100.0).contains(&value) => Some(format!(
                "Un pourcentage est compris entre 0 et 100 (reçu {value})."
            )),
            Unit::Score if !(1.0..=10.0).contains(&value) => Some(format!(
                "Un score est compris entre 1 et 10 (reçu {value})."
            )),
            Unit::Persons | Unit::Accompaniments | Unit::Sessions | Unit::Count | Unit::Cheques
                if value < 0.0 || value.fract() != 0.0 =>
            {
                Some(format!(
                    "Un nombre de {} est un entier positif (reçu {value}).",
                    self.label()
                ))
            }
            _ if value < 0.0 => Some(format!(
                "La valeur ne peut pas être négative (reçu {value})."
            )),
            _ => None,
        }
    }
}

coded_enum! {
    /// Which way is progress.
    Direction {
        /// More is better (persons accompanied).
        HigherIsBetter = "higher" => "à la hausse",
        /// Less is better (share feeling non-mastery).
        LowerIsBetter = "lower" => "à la baisse",
    }
}

coded_enum! {
    /// How values combine over periods.
    IndicatorKind {
        /// Values of successive years add up (persons accompanied each year).
        Cumulative = "cumulative" => "cumulatif",
        /// The latest value stands (a rate, a score, a number of places).
        Snapshot = "snapshot" => "instantané",
    }
}

/// The target of an indicator for one year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Target {
    /// Year.
    pub year: i32,
    /// Value to reach that year.
    pub value: f64,
}

/// An indicator of the pillar.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Indicator {
    /// Row id (0 when new).
    pub id: Id,
    /// Name, unique in the contract.
    pub name: String,
    /// Unit.
    pub unit: Unit,
    /// Direction of progress.
    pub direction: Direction,
    /// Cumulative or snapshot.
    pub kind: IndicatorKind,
    /// Baseline value (valeur de référence), if known.
    pub baseline_value: Option<f64>,
    /// Date of the baseline; may precede the contract.
    pub baseline_date: Option<NaiveDate>,
    /// Where the values come from (Capuni, porteurs' reports, CAF, …).
    pub source: String,
    /// Whether values are recorded per QPV.
    pub by_district: bool,
    /// Targets by year.
    pub targets: Vec<Target>,
    /// Objectives this indicator measures.
    pub objective_ids: Vec<Id>,
}

impl Indicator {
    /// Validation rules of an indicator within the contract period.
    pub fn validate(&self, period: Period) -> Vec<Issue> {
        let mut issues = Vec::new();
        require_text("name", "Le nom de l'indicateur", &self.name, &mut issues);
        if let Some(v) = self.baseline_value {
            if let Some(problem) = self.unit.check_value(v) {
                issues.push(Issue::error(
                    "baseline_value",
                    format!("Valeur de référence : {problem}"),
                ));
            }
        }
        if self.baseline_value.is_some() != self.baseline_date.is_some() {
            issues.push(Issue::warning(
                "baseline_date",
                "Une valeur de référence devrait avoir sa date (et inversement).",
            ));
        }
        let mut years = Vec::new();
        for t in &self.targets {
            period.check_year("targets", "Cible de l'année", t.year, &mut issues);
            if let Some(problem) = self.unit.check_value(t.value) {
                issues.push(Issue::error(
                    "targets",
                    format!("Cible {} : {problem}", t.year),
                ));
            }
            if years.contains(&t.year) {
                issues.push(Issue::error(
                    "targets",
                    format!("Deux cibles pour l'année {}.", t.year),
                ));
            }
            years.push(t.year);
        }
        issues
    }
}

/// A value of an indicator for a year, optionally a QPV, and optionally the action that reports
/// it (a porteur's contribution); without an action it is the chef de projet's own figure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Measurement {
    /// Row id (0 when new).
    pub id: Id,
    /// Indicator measured.
    pub indicator_id: Id,
    /// Year of the value.
    pub year: i32,
    /// Exact date when the value is dated (a snapshot), within the year.
    pub date: Option<NaiveDate>,
    /// QPV, or None for the whole territory.
    pub district_id: Option<Id>,
    /// Action whose bilan reports this value; None for the territory-level figure (survey, Insee, CAF).
    #[serde(default)]
    pub action_id: Option<Id>,
    /// The value, in the indicator's unit.
    pub value: f64,
    /// Base of a percentage (« sur … personnes »), needed to consolidate several actions' shares.
    #[serde(default)]
    pub base: Option<f64>,
    /// Where it comes from.
    pub source: String,
    /// Free comment.
    pub comment: String,
    /// Day the value reached the chef de projet (a contribution's « reçu le »); recorded as today
    /// when a contribution is saved without it.
    #[serde(default)]
    pub received_on: Option<NaiveDate>,
}

impl Measurement {
    /// Validation rules of a value, given its indicator's unit and the contract period.
    pub fn validate(&self, unit: Unit, period: Period) -> Vec<Issue> {
        use chrono::Datelike;
        let mut issues = Vec::new();
        period.check_year("year", "Année", self.year, &mut issues);
        if let Some(date) = self.date {
            if date.year() != self.year {
                issues.push(Issue::error(
                    "date",
                    format!(
                        "La date {} n'est pas dans l'année {}.",
                        date.format("%d/%m/%Y"),
                        self.year
                    ),
                ));
            }
        }
        if let Some(problem) = unit.check_value(self.value) {
            issues.push(Issue::error("value", problem));
        }
        let rule = unit.consolidation();
        if self.action_id.is_some() && rule == ConsolidationRule::TerritoryOnly {
            issues.push(Issue::error(
                "action_id",
                "Un score (indice de fragilité numérique…) est une valeur du territoire : une action ne peut pas en renseigner.",
            ));
        }
        match self.base {
            Some(_) if rule != ConsolidationRule::WeightedShare => issues.push(Issue::error(
                "base",
                "La base (« sur … personnes ») ne s'applique qu'à un pourcentage.",
            )),
            Some(base) if !base.is_finite() || base <= 0.0 || base.fract() != 0.0 => {
                issues.push(Issue::error(
                    "base",
                    format!("La base d'un pourcentage est un nombre entier de personnes, au moins 1 (reçu {base})."),
                ))
            }
            None if self.action_id.is_some() && rule == ConsolidationRule::WeightedShare => {
                issues.push(Issue::warning(
                    "base",
                    "Sans sa base (« sur … personnes »), ce pourcentage rendra le pourcentage consolidé du pilier non calculable.",
                ))
            }
            _ => {}
        }
        issues
    }

    /// Whether this value is an action's contribution (not the territory-level figure).
    pub fn is_contribution(&self) -> bool {
        self.action_id.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PERIOD: Period = Period {
        start_year: 2024,
        end_year: 2030,
    };

    #[test]
    fn unit_rules() {
        assert!(Unit::Percent.check_value(57.1).is_none());
        assert!(Unit::Percent.check_value(101.0).is_some());
        assert!(Unit::Persons.check_value(12.5).is_some());
        assert!(Unit::Persons.check_value(-1.0).is_some());
        assert!(Unit::Hours.check_value(12.5).is_none());
        assert!(Unit::Score.check_value(0.0).is_some());
        assert!(Unit::Euros.check_value(f64::NAN).is_some());
    }

    #[test]
    fn measurement_outside_period_or_wrong_unit() {
        let m = Measurement {
            id: 0,
            indicator_id: 1,
            year: 2031,
            date: NaiveDate::from_ymd_opt(2030, 5, 1),
            district_id: None,
            action_id: None,
            value: 120.0,
            base: None,
            source: String::new(),
            comment: String::new(),
            received_on: None,
        };
        let fields: Vec<_> = m
            .validate(Unit::Percent, PERIOD)
            .into_iter()
            .map(|i| i.field)
            .collect();
        assert_eq!(fields, ["year", "date", "value"]);
    }

    #[test]
    fn baseline_may_precede_the_contract_but_targets_may_not() {
        let ind = Indicator {
            id: 0,
            name: "Taux d'équipement".into(),
            unit: Unit::Percent,
            direction: Direction::HigherIsBetter,
            kind: IndicatorKind::Snapshot,
            baseline_value: Some(75.0),
            baseline_date: NaiveDate::from_ymd_opt(2021, 6, 1),
            source: "Capuni".into(),
            by_district: false,
            targets: vec![
                Target {
                    year: 2023,
                    value: 80.0,
                },
                Target {
                    year: 2026,
                    value: 82.0,
                },
            ],
            objective_ids: vec![],
        };
        let issues = ind.validate(PERIOD);
        assert_eq!(issues.len(), 1, "{issues:?}");
        assert_eq!(issues[0].field, "targets");
    }

    #[test]
    fn enums_parse_french_labels_loosely() {
        assert_eq!(Unit::parse_loose("Personnes"), Some(Unit::Persons));
        assert_eq!(Unit::parse_loose("seances"), Some(Unit::Sessions));
        assert_eq!(
            IndicatorKind::parse_loose("Instantané"),
            Some(IndicatorKind::Snapshot)
        );
    }
}
