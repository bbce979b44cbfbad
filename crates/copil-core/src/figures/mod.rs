//! Every figure the screens and the report show, computed once from a loaded [`Pillar`].
//!
//! The desktop app and the PDF report call these same functions: a number never has two sources.

mod alerts;
mod bilans;
mod changes;
mod consolidation;
mod coop;
mod dashboard;
mod diagnostic;
mod funding;
mod indicators;
mod matrix;
mod meetings;
mod places;
mod sitting;
mod tree;

pub use alerts::{alerts, Alert, AlertKind};
pub use bilans::{
    bilan_reminders, bilans_received_after, current_round, expected_values, indicator_reporting,
    late_bilan_text, proposed_reported_indicators, reporting_rate, responded_text, round_of,
    round_status, BilanState, BilanStatus, ExpectedValue, Reminder, Reporting, ReportingRate,
    RoundStatus,
};
pub use changes::{
    changes_since, changes_since_of, Change, ChangeKind, DecisionCounts, Snapshot, SnapshotBilan,
};
pub use consolidation::{
    consolidate, consolidation_caveat, contributions_by_indicator, contributions_of, value_detail,
    ConsolidatedValue, Contribution, Part, ValueDetail, ValueOrigin, PERSONS_COUNTED_TWICE,
};
pub use coop::{
    breakdown_of, coop_publics, Breakdown, BreakdownCategory, CoopFed, CoopPublics, CoopSource,
    COOP_PERSONS_ARE_ACCOMPANIMENTS, COOP_PERSONS_ARE_NAMED,
};
pub use dashboard::{
    dashboard, key_figure_tiles, key_figures, key_figures_of, objective_weather,
    objective_weather_of, Dashboard, KeyFigureTile, KeyFigures, ObjectiveWeather,
};
pub use diagnostic::{diagnostic, CommuneFragility, Diagnostic, DistrictFragility, ScoreIndicator};
pub use funding::{
    cpo_conventions, crf_schedule, funding_by_district, funding_by_financeur_year,
    funding_by_objective, funding_by_theme, funding_tables, Amounts, CpoConvention, CrfItem,
    FinanceurRow, FundingByFinanceur, FundingShare, FundingTables,
};
pub use indicators::{
    all_indicator_figures, indicator_figures, indicator_figures_by_id, DistrictValue,
    IndicatorFigures, IndicatorStatus, Trajectory, Trend, YearFigure,
};
pub use matrix::{transversality_matrix, Matrix, MatrixCell, MatrixRow};
pub use meetings::{
    meeting_label, meetings_overview, Headcount, KindHeadcount, MeetingSummary, MeetingsOverview,
    OpenDecision,
};
pub use places::{
    nearness, place_lieux, placement_method_text, places_overview, places_view, territory_map,
    DistrictPlaces, MapArea, MapPoint, MapSymbol, Nearness, PlacedLieu, PlacementMethod,
    PlacesOverview, PlacesView, TerritoryMap, DEFAULT_NEAR_METRES,
};
pub use sitting::{
    attendance, decisions_taken, default_programmation_year, due_date_as_taken, follow_up_lines,
    is_awaiting, next_meeting, previous_meeting, programmation, proposed_agenda, requested_of,
    sitting_of, sitting_view, AttendanceEntry, AttendanceSheet, FinanceurProgrammation,
    FollowUpLine, KindCount, Programmation, ProgrammationLine, ProgrammationTotals, SittingView,
};
pub use tree::{objective_nodes, ObjectiveNode};

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::domain::{
    Action, Actor, CollectionRound, Contract, Decision, District, DistrictOutline, Funding, Id,
    Indicator, Measurement, Meeting, Objective, Place, Sitting, Theme,
};
use crate::error::Result;
use crate::Store;

/// Everything in the file, loaded once so that every figure is computed without N+1 queries.
#[derive(Debug, Clone)]
pub struct Pillar {
    /// The contract.
    pub contract: Contract,
    /// QPVs.
    pub districts: Vec<District>,
    /// Themes.
    pub themes: Vec<Theme>,
    /// Objectives (tree).
    pub objectives: Vec<Objective>,
    /// Indicators.
    pub indicators: Vec<Indicator>,
    /// Values of all indicators.
    pub measurements: Vec<Measurement>,
    /// Actors.
    pub actors: Vec<Actor>,
    /// Actions.
    pub actions: Vec<Action>,
    /// Funding lines.
    pub fundings: Vec<Funding>,
    /// Meetings.
    pub meetings: Vec<Meeting>,
    /// Decisions.
    pub decisions: Vec<Decision>,
    /// Collection rounds (« campagnes de bilans »), by year.
    pub rounds: Vec<CollectionRound>,
    /// Séances of the meetings, with their entries.
    pub sittings: Vec<Sitting>,
    /// What came from the field's own tools: La Coop's imports, La MedNum's scores.
    pub field: FieldData,
    /// Lieux de médiation numérique.
    pub places: Vec<Place>,
    /// Outlines of the QPVs that have one.
    pub outlines: Vec<DistrictOutline>,
}

/// What the contract holds from the field's own tools, loaded with the pillar.
#[derive(Debug, Clone, Default)]
pub struct FieldData {
    /// Each import of La Coop de la médiation numérique (by action and year).
    pub coop: Vec<crate::store::CoopImportRecord>,
    /// The indice de fragilité numérique of the contract's communes and EPCI.
    pub ifn: Vec<crate::domain::FragilityScore>,
}

impl Pillar {
    /// Loads the whole pillar from the file.
    pub fn load(store: &Store) -> Result<Pillar> {
        Ok(Pillar {
            contract: store.contract()?,
            districts: store.districts()?,
            themes: store.themes()?,
            objectives: store.objectives()?,
            indicators: store.indicators()?,
            measurements: store.all_measurements()?,
            actors: store.actors()?,
            actions: store.actions()?,
            fundings: store.fundings()?,
            meetings: store.meetings()?,
            decisions: store.decisions()?,
            rounds: store.collection_rounds()?,
            sittings: store.sittings()?,
            field: FieldData {
                coop: store.coop_imports()?,
                ifn: store.fragility_scores()?,
            },
            places: store.places()?,
            outlines: store.district_outlines()?,
        })
    }

    /// Actions within a scope: all of them, or those taking place in the scope's QPV.
    pub fn actions_in<'a>(&'a self, scope: &Scope) -> impl Iterator<Item = &'a Action> + 'a {
        let district = scope.district_id;
        self.actions
            .iter()
            .filter(move |a| district.is_none_or(|d| a.district_ids.contains(&d)))
    }

    /// Ids of `objective` and all objectives below it.
    pub fn subtree(&self, objective: Id) -> Vec<Id> {
        let mut out = vec![objective];
        let mut i = 0;
        while i < out.len() {
            let parent = out[i];
            let children: Vec<Id> = self
                .objectives
                .iter()
                .filter(|o| o.parent_id == Some(parent) && !out.contains(&o.id))
                .map(|o| o.id)
                .collect();
            out.extend(children);
            i += 1;
        }
        out
    }

    /// Depth of an objective in the tree (0 for a strategic objective).
    pub fn depth(&self, objective: &Objective) -> usize {
        let mut depth = 0;
        let mut parent = objective.parent_id;
        while let Some(p) = parent {
            depth += 1;
            if depth > 32 {
                break;
            }
            parent = self
                .objectives
                .iter()
                .find(|o| o.id == p)
                .and_then(|o| o.parent_id);
        }
        depth
    }

    /// Objectives in tree order (each parent followed by its children), with their depth.
    pub fn objective_tree(&self) -> Vec<(&Objective, usize)> {
        let mut out = Vec::with_capacity(self.objectives.len());
        fn walk<'a>(
            p: &'a Pillar,
            parent: Option<Id>,
            depth: usize,
            out: &mut Vec<(&'a Objective, usize)>,
        ) {
            for o in p.objectives.iter().filter(|o| o.parent_id == parent) {
                out.push((o, depth));
                if depth < 32 {
                    walk(p, Some(o.id), depth + 1, out);
                }
            }
        }
        walk(self, None, 0, &mut out);
        out
    }

    /// Name of an actor, or an empty string.
    pub fn actor_name(&self, id: Option<Id>) -> String {
        id.and_then(|id| self.actors.iter().find(|a| a.id == id))
            .map(|a| a.name.clone())
            .unwrap_or_default()
    }

    /// Code of a QPV, or an empty string.
    pub fn district_code(&self, id: Id) -> String {
        self.districts
            .iter()
            .find(|d| d.id == id)
            .map(|d| d.code.clone())
            .unwrap_or_default()
    }
}

/// What the figures are computed for: a reference year, today, and optionally one QPV.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Scope {
    /// Figures are computed up to the end of this year.
    pub year: i32,
    /// Today's date, for what is overdue.
    pub today: NaiveDate,
    /// Restrict to one QPV.
    pub district_id: Option<Id>,
}

impl Scope {
    /// The scope of today: the current year, the whole territory.
    pub fn today(today: NaiveDate) -> Scope {
        Scope {
            year: today.year(),
            today,
            district_id: None,
        }
    }

    /// This scope for another year or one QPV, as a screen asks (`None` keeps what it was).
    pub fn narrowed(self, year: Option<i32>, district_id: Option<Id>) -> Scope {
        Scope {
            year: year.unwrap_or(self.year),
            district_id: district_id.or(self.district_id),
            ..self
        }
    }

    /// Share of the scope year elapsed at `today` (0 to 1) while that year is in progress, so
    /// that a cumulative indicator is not judged in November against a whole year's target.
    /// `None` once the year is over.
    pub fn year_elapsed(&self) -> Option<f64> {
        if self.today.year() > self.year {
            return None;
        }
        if self.today.year() < self.year {
            return Some(0.0);
        }
        let days_in_year = if NaiveDate::from_ymd_opt(self.year, 2, 29).is_some() {
            366.0
        } else {
            365.0
        };
        let elapsed = f64::from(self.today.ordinal()) / days_in_year;
        (elapsed < 1.0).then_some(elapsed)
    }
}
