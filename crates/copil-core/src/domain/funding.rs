//! Funding lines of actions: per financeur and year, requested / granted / paid.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{coded_enum, Id, Issue, Period};

coded_enum! {
    /// Who pays.
    Financeur {
        /// Crédits spécifiques politique de la ville.
        Bop147 = "bop147" => "État – BOP 147",
        /// Other State budgets.
        StateCommonLaw = "state_common_law" => "État – droit commun",
        /// The EPCI.
        Epci = "epci" => "EPCI",
        /// A commune.
        Commune = "commune" => "Commune",
        /// The département.
        Departement = "departement" => "Département",
        /// The région.
        Region = "region" => "Région",
        /// Caisse d'allocations familiales.
        Caf = "caf" => "CAF",
        /// Banque des Territoires.
        BanqueDesTerritoires = "banque_des_territoires" => "Banque des Territoires",
        /// European Social Fund+.
        FsePlus = "fse_plus" => "FSE+",
        /// Social landlords.
        Landlords = "landlords" => "Bailleurs",
        /// Anything else.
        Other = "other" => "Autre",
    }
}

coded_enum! {
    /// How the funding was obtained.
    FundingScheme {
        /// Yearly call for projects.
        CallForProjects = "call_for_projects" => "Appel à projets",
        /// Convention pluriannuelle d'objectifs (3 years).
        Cpo = "cpo" => "CPO",
        /// Anything else.
        Other = "other" => "Autre",
    }
}

/// One funding line: an action, a financeur, a year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Funding {
    /// Row id (0 when new).
    pub id: Id,
    /// Action funded.
    pub action_id: Id,
    /// Financeur.
    pub financeur: Financeur,
    /// Budget year.
    pub year: i32,
    /// Amount requested (sollicité), in euro cents; None when not filled in (« non renseigné »),
    /// which is not 0 and is never counted as 0.
    pub requested_cents: Option<i64>,
    /// Amount granted (attribué), in euro cents.
    pub granted_cents: i64,
    /// Amount paid (versé), in euro cents.
    pub paid_cents: i64,
    /// Appel à projets, CPO or other.
    pub scheme: FundingScheme,
    /// For a CPO: its first year (it runs three years).
    pub cpo_start_year: Option<i32>,
    /// Date the compte-rendu financier (CERFA 15059) was received, if it was.
    pub crf_received_on: Option<NaiveDate>,
    /// Free comment.
    pub comment: String,
}

/// The compte-rendu financier of a funding year is due six months after year end.
pub fn crf_due_date(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year + 1, 6, 30).expect("30 June exists every year")
}

impl Funding {
    /// Last year of the CPO this line belongs to, if it is one.
    pub fn cpo_end_year(&self) -> Option<i32> {
        (self.scheme == FundingScheme::Cpo).then(|| self.cpo_start_year.unwrap_or(self.year) + 2)
    }

    /// Validation rules of a funding line within the contract period.
    pub fn validate(&self, period: Period) -> Vec<Issue> {
        let mut issues = Vec::new();
        period.check_year("year", "Année", self.year, &mut issues);
        for (field, label, value) in [
            ("requested_cents", "sollicité", self.requested_cents),
            ("granted_cents", "attribué", Some(self.granted_cents)),
            ("paid_cents", "versé", Some(self.paid_cents)),
        ] {
            let Some(value) = value else { continue };
            if value < 0 {
                issues.push(Issue::error(
                    field,
                    format!("Le montant {label} ne peut pas être négatif."),
                ));
            }
            if value > 100_000_000_000 {
                issues.push(Issue::error(
                    field,
                    format!("Le montant {label} dépasse un milliard d'euros : vérifiez la saisie."),
                ));
            }
        }
        if self.paid_cents > self.granted_cents {
            issues.push(Issue::error(
                "paid_cents",
                "Le montant versé dépasse le montant attribué.",
            ));
        }
        if self
            .requested_cents
            .is_some_and(|requested| self.granted_cents > requested)
        {
            issues.push(Issue::warning(
                "granted_cents",
                "Le montant attribué dépasse le montant sollicité.",
            ));
        }
        if let Some(start) = self.cpo_start_year {
            if self.scheme != FundingScheme::Cpo {
                issues.push(Issue::error(
                    "cpo_start_year",
                    "Une première année de CPO n'a de sens que pour une CPO.",
                ));
            } else if !(start..=start + 2).contains(&self.year) {
                issues.push(Issue::error(
                    "cpo_start_year",
                    format!(
                        "L'année {} n'est pas dans la CPO {}–{}.",
                        self.year,
                        start,
                        start + 2
                    ),
                ));
            }
        }
        if let Some(received) = self.crf_received_on {
            if received
                .format("%Y")
                .to_string()
                .parse::<i32>()
                .unwrap_or(0)
                < self.year
            {
                issues.push(Issue::error(
                    "crf_received_on",
                    "Le compte-rendu financier ne peut pas précéder l'année financée.",
                ));
            }
        }
        issues
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line() -> Funding {
        Funding {
            id: 0,
            action_id: 1,
            financeur: Financeur::Bop147,
            year: 2025,
            requested_cents: Some(1_000_000),
            granted_cents: 800_000,
            paid_cents: 400_000,
            scheme: FundingScheme::CallForProjects,
            cpo_start_year: None,
            crf_received_on: None,
            comment: String::new(),
        }
    }
    const PERIOD: Period = Period {
        start_year: 2024,
        end_year: 2030,
    };

    #[test]
    fn amounts() {
        assert!(line().validate(PERIOD).is_empty());
        let mut f = line();
        f.paid_cents = 900_000;
        assert_eq!(f.validate(PERIOD)[0].field, "paid_cents");
        let mut f = line();
        f.granted_cents = 1_200_000;
        f.paid_cents = 0;
        let issues = f.validate(PERIOD);
        assert_eq!(issues.len(), 1);
        assert_eq!(issues[0].severity, crate::domain::Severity::Warning);
        let mut f = line();
        f.requested_cents = Some(-1);
        assert!(crate::domain::has_errors(&f.validate(PERIOD)));
    }

    #[test]
    fn a_requested_amount_not_filled_in_is_not_zero() {
        let mut f = line();
        f.requested_cents = None;
        assert!(
            f.validate(PERIOD).is_empty(),
            "no « attribué dépasse le sollicité » for an empty Sollicité: {:?}",
            f.validate(PERIOD)
        );
        f.requested_cents = Some(0);
        assert_eq!(f.validate(PERIOD)[0].field, "granted_cents");
    }

    #[test]
    fn crf_is_due_end_of_june_next_year() {
        assert_eq!(
            crf_due_date(2025),
            NaiveDate::from_ymd_opt(2026, 6, 30).unwrap()
        );
    }

    #[test]
    fn cpo_runs_three_years() {
        let mut f = line();
        f.scheme = FundingScheme::Cpo;
        f.cpo_start_year = Some(2024);
        assert_eq!(f.cpo_end_year(), Some(2026));
        assert!(f.validate(PERIOD).is_empty());
        f.year = 2027;
        assert!(crate::domain::has_errors(&f.validate(PERIOD)));
    }
}
