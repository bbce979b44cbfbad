//! Domain types of the digital-inclusion pillar and their validation rules.
//!
//! French terms map to code names (the whole glossary, with screens, sheets and report
//! sections, is `docs/glossary.md`): Contrat de ville → [`Contract`],
//! QPV → [`District`], Thème → [`Theme`], Objectif → [`Objective`], Indicateur →
//! [`Indicator`], Mesure → [`Measurement`], Action → [`Action`], Financement →
//! [`Funding`], Acteur → [`Actor`], Instance → [`Meeting`], Décision → [`Decision`],
//! Campagne de bilans → [`CollectionRound`], Séance → [`Sitting`], Avis → [`Avis`], Lieu de médiation → [`Place`].

mod action;
mod actor;
mod contract;
mod coop;
mod decision;
mod district;
mod funding;
mod ifn;
mod indicator;
mod meeting;
mod objective;
mod place;
mod round;
mod sitting;
mod theme;

pub use action::{Action, ActionStatus, Weather, WEATHER_NOT_ASSESSED};
pub use actor::{valid_siret, Actor, ActorKind, ActorLabel};
pub use contract::{valid_insee, valid_siren, Commune, Contract};
pub use coop::{
    place_label, propose_mapping, BreakdownDimension, CoopFileKind, CoopMapping, CoopMeasure,
    MeasureLink, PlaceLink, NO_PLACE,
};
pub use decision::{Decision, DecisionStatus};
pub use district::{valid_qpv_code, District};
pub use funding::{crf_due_date, Financeur, Funding, FundingScheme};
pub use ifn::{ifn_source, FragilityScore, IfnDivision, IFN_COMPONENTS};
pub use indicator::{
    ConsolidationRule, Direction, Indicator, IndicatorKind, Measurement, Target, Unit,
};
pub use meeting::{headcount, headcount_by_kind, Meeting, MeetingKind, Participant};
pub use objective::Objective;
pub use place::{dispositif_label, in_france, DistrictOutline, Place};
pub use round::{BilanReceipt, CollectionRound};
pub use sitting::{
    AgendaItem, AgendaItemKind, Attendance, Avis, DecisionState, FollowUp, FollowUpOutcome,
    FundingAvis, Sitting, SittingState, NOTES_MAX,
};
pub use theme::{Theme, DEFAULT_THEMES};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Row identifier; 0 means "not stored yet" when a record is saved.
pub type Id = i64;

/// How serious a validation finding is: errors block the save, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Severity {
    /// Blocks the save.
    Error,
    /// Shown to the user, saved anyway.
    Warning,
}

/// One validation finding on one field, with a French message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Issue {
    /// Field name in code (`code`, `siret`, `granted_cents`, …) so forms can place the message.
    pub field: String,
    /// Error or warning.
    pub severity: Severity,
    /// French message for the user.
    pub message: String,
}

impl Issue {
    /// A blocking finding.
    pub fn error(field: &str, message: impl Into<String>) -> Self {
        Issue {
            field: field.into(),
            severity: Severity::Error,
            message: message.into(),
        }
    }
    /// A non-blocking finding.
    pub fn warning(field: &str, message: impl Into<String>) -> Self {
        Issue {
            field: field.into(),
            severity: Severity::Warning,
            message: message.into(),
        }
    }
}

impl std::fmt::Display for Issue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.message)
    }
}

/// What validation needs to know about the contract (its period).
#[derive(Debug, Clone, Copy)]
pub struct Period {
    /// First year of the contract (2024 by default).
    pub start_year: i32,
    /// Last year of the contract (2030 by default).
    pub end_year: i32,
}

impl Period {
    /// Whether a year lies within the contract.
    pub fn contains_year(&self, year: i32) -> bool {
        (self.start_year..=self.end_year).contains(&year)
    }

    /// Adds an error when `date` falls outside the contract period.
    pub fn check_date(&self, field: &str, label: &str, date: NaiveDate, issues: &mut Vec<Issue>) {
        use chrono::Datelike;
        if !self.contains_year(date.year()) {
            issues.push(Issue::error(
                field,
                format!(
                    "{label} ({}) hors de la période du contrat ({}–{}).",
                    date.format("%d/%m/%Y"),
                    self.start_year,
                    self.end_year
                ),
            ));
        }
    }

    /// Adds an error when `year` falls outside the contract period.
    pub fn check_year(&self, field: &str, label: &str, year: i32, issues: &mut Vec<Issue>) {
        if !self.contains_year(year) {
            issues.push(Issue::error(
                field,
                format!(
                    "{label} {year} hors de la période du contrat ({}–{}).",
                    self.start_year, self.end_year
                ),
            ));
        }
    }
}

/// Adds an error when a required text is empty or blank.
pub(crate) fn require_text(field: &str, label: &str, value: &str, issues: &mut Vec<Issue>) {
    if value.trim().is_empty() {
        issues.push(Issue::error(field, format!("{label} est obligatoire.")));
    }
}

/// Adds an error when a text is longer than `max` characters.
pub(crate) fn limit_text(
    field: &str,
    label: &str,
    value: &str,
    max: usize,
    issues: &mut Vec<Issue>,
) {
    if value.chars().count() > max {
        issues.push(Issue::error(
            field,
            format!("{label} dépasse {max} caractères."),
        ));
    }
}

/// Whether any finding blocks the save.
pub fn has_errors(issues: &[Issue]) -> bool {
    issues.iter().any(|i| i.severity == Severity::Error)
}

/// What every [`coded_enum!`] is: a closed list of codes, each with its French label, so that
/// the labels can be listed for the UI ([`crate::labels`]) without naming each enum's methods.
pub trait Coded: Copy + 'static {
    /// The enum's name, as ts-rs exports its type.
    const NAME: &'static str;
    /// Every value, in display order.
    fn values() -> &'static [Self];
    /// Code stored in the file and sent over IPC.
    fn code(self) -> &'static str;
    /// French label shown to the user.
    fn label(self) -> &'static str;
}

/// Declares a French-labelled enum stored as a snake_case code in SQLite and sent as such over IPC.
macro_rules! coded_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $code:literal => $label:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize, ts_rs::TS)]
        #[ts(export)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $code)] $variant),+
        }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// Code stored in the file and sent over IPC.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// French label shown to the user.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            /// Parses a stored code.
            pub fn from_code(code: &str) -> Option<Self> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }

            /// Parses a French label or a code, ignoring case and accents (spreadsheets, CLI).
            pub fn parse_loose(text: &str) -> Option<Self> {
                let key = crate::text::fold(text);
                Self::ALL.iter().copied().find(|v| crate::text::fold(v.label()) == key || crate::text::fold(v.code()) == key)
            }
        }

        impl $crate::domain::Coded for $name {
            const NAME: &'static str = stringify!($name);
            fn values() -> &'static [Self] {
                $name::ALL
            }
            fn code(self) -> &'static str {
                $name::code(self)
            }
            fn label(self) -> &'static str {
                $name::label(self)
            }
        }

        impl rusqlite::types::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(self.code().into())
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
                let text = value.as_str()?;
                $name::from_code(text).ok_or_else(|| rusqlite::types::FromSqlError::Other(
                    format!("code inconnu « {text} » pour {}", stringify!($name)).into()))
            }
        }
    };
}
pub(crate) use coded_enum;
