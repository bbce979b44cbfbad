//! The rows of the demo tables, and how each one becomes a domain record.
//!
//! A row holds `'static` data only, so a table can be a `const`. It names the records it
//! refers to by natural key, as a filled-in workbook does. `resolve` builds the domain record
//! and looks each key up in [`Keys`]. A misspelt key is a bug in a table: it panics and names
//! the key. The demo tests build every table.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::domain::*;

/// The kinds of record a demo row can name, each with its own natural key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Table {
    /// A QPV, by code (`QN06201M`).
    District,
    /// A theme, by name (the default themes of a new contract).
    Theme,
    /// An objective, by code (`1.2`).
    Objective,
    /// An actor, by name.
    Actor,
    /// An indicator, by name.
    Indicator,
    /// An action, by title.
    Action,
    /// A funding line, by [`funding_key`] (action title, financeur, year).
    Funding,
    /// A decision, by text.
    Decision,
}

/// The natural key of a funding line: its action's title, its financeur and its year.
pub fn funding_key(action: &str, financeur: Financeur, year: i32) -> String {
    format!("{action} | {} | {year}", financeur.code())
}

/// Ids of the records saved so far, by natural key: what lets a row name another row.
#[derive(Debug, Default)]
pub struct Keys(HashMap<(Table, String), Id>);

impl Keys {
    /// Records the id of a saved row under its natural key.
    pub fn insert(&mut self, table: Table, key: &str, id: Id) {
        let previous = self.0.insert((table, key.to_string()), id);
        assert!(
            previous.is_none(),
            "demo data: two {table:?} rows have the key « {key} »"
        );
    }

    /// The id of the row of `table` whose natural key is `key`.
    pub fn id(&self, table: Table, key: &str) -> Id {
        match self.0.get(&(table, key.to_string())) {
            Some(&id) => id,
            None => panic!("demo data: no {table:?} « {key} » (misspelt, or saved later)"),
        }
    }

    /// The ids of several rows of `table`, in the order given.
    pub fn ids(&self, table: Table, keys: &[&str]) -> Vec<Id> {
        keys.iter().map(|key| self.id(table, key)).collect()
    }
}

/// The contract itself: name, EPCI, communes and signatories (the period is the default one).
#[derive(Debug)]
pub struct DemoContract {
    pub name: &'static str,
    pub epci: &'static str,
    /// `(INSEE code, name)` of each commune.
    pub communes: &'static [(&'static str, &'static str)],
    /// Signatories, in the order of the contract.
    pub signatories: &'static [&'static str],
}

impl DemoContract {
    /// The contract to create the file with.
    pub fn resolve(&self) -> Contract {
        let mut contract = Contract::new(self.name, self.epci);
        contract.communes = self
            .communes
            .iter()
            .map(|&(insee, name)| Commune {
                insee: insee.into(),
                name: name.into(),
            })
            .collect();
        contract.signatories = self.signatories.iter().map(|&s| s.into()).collect();
        contract
    }
}

/// A QPV; named by its code.
#[derive(Debug)]
pub struct DemoDistrict {
    /// QPV code (2024 codes: `QN` + département + number + letter).
    pub code: &'static str,
    pub name: &'static str,
    /// INSEE codes of the communes it lies in (of the contract's communes).
    pub communes: &'static [&'static str],
    pub population: Option<i64>,
    /// Indice de fragilité numérique.
    pub ifn: Option<f64>,
}

impl DemoDistrict {
    /// The QPV to save.
    pub fn resolve(&self) -> District {
        District {
            id: 0,
            code: self.code.into(),
            name: self.name.into(),
            communes: self.communes.iter().map(|&c| c.into()).collect(),
            population: self.population,
            ifn: self.ifn,
        }
    }
}

/// An objective of the tree; named by its code.
#[derive(Debug)]
pub struct DemoObjective {
    /// Code (`1`, `1.2`), unique in the contract.
    pub code: &'static str,
    /// Code of the parent objective, listed earlier.
    pub parent: Option<&'static str>,
    pub title: &'static str,
    pub description: &'static str,
    /// Theme names.
    pub themes: &'static [&'static str],
}

impl DemoObjective {
    /// The objective to save, its parent and themes looked up.
    pub fn resolve(&self, keys: &Keys) -> Objective {
        Objective {
            id: 0,
            parent_id: self.parent.map(|code| keys.id(Table::Objective, code)),
            code: self.code.into(),
            title: self.title.into(),
            description: self.description.into(),
            theme_ids: keys.ids(Table::Theme, self.themes),
        }
    }
}

/// An actor of the territory; named by its name.
#[derive(Debug)]
pub struct DemoActor {
    /// Name, unique in the contract.
    pub name: &'static str,
    pub kind: ActorKind,
    /// The first 13 digits of the SIRET; the Luhn key is computed ([`super::siret_with_key`]).
    pub siret_without_key: Option<&'static str>,
    pub labels: &'static [ActorLabel],
    /// Codes of the QPVs it works in.
    pub qpvs: &'static [&'static str],
    pub contact: &'static str,
}

impl DemoActor {
    /// The actor to save, its QPVs looked up.
    pub fn resolve(&self, keys: &Keys) -> Actor {
        Actor {
            id: 0,
            name: self.name.into(),
            kind: self.kind,
            siret: self.siret_without_key.map(super::siret_with_key),
            labels: self.labels.to_vec(),
            district_ids: keys.ids(Table::District, self.qpvs),
            contact: self.contact.into(),
        }
    }
}

/// An indicator with its targets and its values; named by its name.
#[derive(Debug)]
pub struct DemoIndicator {
    /// Name, unique in the contract.
    pub name: &'static str,
    pub unit: Unit,
    pub direction: Direction,
    pub kind: IndicatorKind,
    /// `(value, date)` of the baseline.
    pub baseline: Option<(f64, NaiveDate)>,
    pub source: &'static str,
    pub by_district: bool,
    /// `(year, target)`.
    pub targets: &'static [(i32, f64)],
    /// Codes of the objectives it measures.
    pub objectives: &'static [&'static str],
    /// `(year, value)` for the whole territory (no source of their own).
    pub values: &'static [(i32, f64)],
    /// Values QPV by QPV.
    pub values_by_qpv: Option<QpvValues>,
}

/// Values of an indicator QPV by QPV, from one source.
#[derive(Debug)]
pub struct QpvValues {
    /// Where these figures come from.
    pub source: &'static str,
    /// `(year, QPV code, value)`.
    pub values: &'static [(i32, &'static str, f64)],
}

impl DemoIndicator {
    /// The indicator to save, its objectives looked up.
    pub fn resolve(&self, keys: &Keys) -> Indicator {
        Indicator {
            id: 0,
            name: self.name.into(),
            unit: self.unit,
            direction: self.direction,
            kind: self.kind,
            baseline_value: self.baseline.map(|(value, _)| value),
            baseline_date: self.baseline.map(|(_, date)| date),
            source: self.source.into(),
            by_district: self.by_district,
            targets: self
                .targets
                .iter()
                .map(|&(year, value)| Target { year, value })
                .collect(),
            objective_ids: keys.ids(Table::Objective, self.objectives),
        }
    }

    /// Its values, for the territory then by QPV, once the indicator is saved as `indicator_id`.
    pub fn measurements(&self, indicator_id: Id, keys: &Keys) -> Vec<Measurement> {
        let territory = self
            .values
            .iter()
            .map(|&(year, value)| (year, None, value, ""));
        let by_qpv = self.values_by_qpv.iter().flat_map(|series| {
            series.values.iter().map(|&(year, code, value)| {
                let district = keys.id(Table::District, code);
                (year, Some(district), value, series.source)
            })
        });
        territory
            .chain(by_qpv)
            .map(|(year, district_id, value, source)| Measurement {
                id: 0,
                indicator_id,
                year,
                date: None,
                district_id,
                action_id: None,
                value,
                base: None,
                source: source.into(),
                comment: String::new(),
                received_on: None,
            })
            .collect()
    }
}

/// An action with its funding lines; named by its title.
#[derive(Debug)]
pub struct DemoAction {
    /// Title, unique in the contract.
    pub title: &'static str,
    /// Name of the actor carrying it.
    pub porteur: &'static str,
    pub status: ActionStatus,
    pub start: NaiveDate,
    pub end: Option<NaiveDate>,
    pub audience: &'static str,
    pub weather: Option<Weather>,
    pub weather_comment: &'static str,
    /// Codes of the QPVs it serves.
    pub qpvs: &'static [&'static str],
    /// Codes of the objectives it serves.
    pub objectives: &'static [&'static str],
    /// Theme names.
    pub themes: &'static [&'static str],
    /// Names of the indicators its bilan reports on.
    pub reports: &'static [&'static str],
    pub fundings: &'static [DemoFunding],
}

impl DemoAction {
    /// The action to save, its porteur, QPVs, objectives and themes looked up.
    pub fn resolve(&self, keys: &Keys) -> Action {
        Action {
            id: 0,
            title: self.title.into(),
            description: String::new(),
            porteur_id: Some(keys.id(Table::Actor, self.porteur)),
            status: self.status,
            start_date: Some(self.start),
            end_date: self.end,
            audience: self.audience.into(),
            weather: self.weather,
            weather_comment: self.weather_comment.into(),
            district_ids: keys.ids(Table::District, self.qpvs),
            objective_ids: keys.ids(Table::Objective, self.objectives),
            theme_ids: keys.ids(Table::Theme, self.themes),
            reported_indicator_ids: keys.ids(Table::Indicator, self.reports),
        }
    }
}

/// One funding line of an action: one financeur, one year. Amounts in whole euros.
#[derive(Debug)]
pub struct DemoFunding {
    pub financeur: Financeur,
    pub year: i32,
    pub requested_euros: i64,
    pub granted_euros: i64,
    pub paid_euros: i64,
    pub scheme: FundingScheme,
    pub cpo_start_year: Option<i32>,
    /// When the compte-rendu financier (CRF) came in.
    pub crf_received_on: Option<NaiveDate>,
}

impl DemoFunding {
    /// The funding line to save for the action saved as `action_id`.
    pub fn resolve(&self, action_id: Id) -> Funding {
        Funding {
            id: 0,
            action_id,
            financeur: self.financeur,
            year: self.year,
            requested_cents: Some(self.requested_euros * 100),
            granted_cents: self.granted_euros * 100,
            paid_cents: self.paid_euros * 100,
            scheme: self.scheme,
            cpo_start_year: self.cpo_start_year,
            crf_received_on: self.crf_received_on,
            comment: String::new(),
        }
    }
}

/// A meeting of the governance with its participants and the decisions taken there.
#[derive(Debug)]
pub struct DemoMeeting {
    pub kind: MeetingKind,
    pub title: &'static str,
    pub date: NaiveDate,
    pub place: &'static str,
    pub agenda: &'static str,
    /// Who took part, by group.
    pub participants: &'static [DemoParticipant],
    pub decisions: &'static [DemoDecision],
}

/// A group of participants of a meeting.
#[derive(Debug)]
pub struct DemoParticipant {
    /// Who (a group such as « Associations »).
    pub label: &'static str,
    /// Type of structure, for the counts by type.
    pub kind: ActorKind,
    pub headcount: i64,
}

impl DemoMeeting {
    /// The meeting to save, with its participants.
    pub fn resolve(&self) -> Meeting {
        Meeting {
            id: 0,
            kind: self.kind,
            title: self.title.into(),
            date: self.date,
            place: self.place.into(),
            agenda: self.agenda.into(),
            participants: self
                .participants
                .iter()
                .map(|p| Participant {
                    actor_id: None,
                    label: p.label.into(),
                    kind: p.kind,
                    headcount: p.headcount,
                })
                .collect(),
        }
    }
}

/// A decision of a meeting, and where it stands now (a later séance's follow-up, or a closing
/// outside any séance, brings it there).
#[derive(Debug)]
pub struct DemoDecision {
    pub text: &'static str,
    pub owner: &'static str,
    /// The actor carrying it, when it is a structure of the contract.
    pub owner_actor: Option<&'static str>,
    /// Code of the objective it serves.
    pub objective: Option<&'static str>,
    /// Title of the action it concerns.
    pub action: Option<&'static str>,
    /// Due date when it was taken (a follow-up may postpone it).
    pub due: Option<NaiveDate>,
    pub status: DecisionStatus,
    /// When it was closed (done or dropped).
    pub closed_on: Option<NaiveDate>,
}

impl DemoDecision {
    /// The decision as it was taken in the meeting saved as `meeting_id`: open, unless it was
    /// already closed when no séance followed it up (`open` false).
    pub fn resolve(&self, meeting_id: Id, keys: &Keys, open: bool) -> Decision {
        let (status, closed_on) = match (open, self.status.is_open()) {
            (true, false) => (DecisionStatus::Todo, None),
            _ => (self.status, self.closed_on),
        };
        Decision {
            id: 0,
            meeting_id,
            text: self.text.into(),
            owner: self.owner.into(),
            owner_actor_id: self.owner_actor.map(|a| keys.id(Table::Actor, a)),
            objective_id: self.objective.map(|o| keys.id(Table::Objective, o)),
            action_id: self.action.map(|a| keys.id(Table::Action, a)),
            due_date: self.due,
            status,
            closed_on,
            sitting_id: None,
        }
    }
}

/// A collection round (« campagne de bilans ») of the porteurs' bilans.
#[derive(Debug)]
pub struct DemoRound {
    pub year: i32,
    pub due: NaiveDate,
    pub comment: &'static str,
}

impl DemoRound {
    /// The round to save.
    pub fn resolve(&self) -> CollectionRound {
        CollectionRound {
            id: 0,
            year: self.year,
            due_date: self.due,
            comment: self.comment.into(),
            receipts: vec![],
        }
    }
}

/// One action's bilan of a year as it came in: the day it arrived and its values.
#[derive(Debug)]
pub struct DemoBilan {
    /// Title of the action.
    pub action: &'static str,
    pub year: i32,
    /// The day the porteur's workbook came in (« reçu le »).
    pub received_on: NaiveDate,
    pub values: &'static [DemoContribution],
}

/// One value of a bilan: an indicator (in a QPV for an indicator followed by QPV), with the base
/// of a percentage.
#[derive(Debug)]
pub struct DemoContribution {
    /// Indicator name.
    pub indicator: &'static str,
    /// QPV code, for an indicator followed by QPV.
    pub qpv: Option<&'static str>,
    pub value: f64,
    /// Base of a percentage (« sur … personnes »).
    pub base: Option<f64>,
}

impl DemoBilan {
    /// The values to record for the action saved as `action_id`.
    pub fn measurements(&self, action_id: Id, keys: &Keys) -> Vec<Measurement> {
        self.values
            .iter()
            .map(|c| Measurement {
                id: 0,
                indicator_id: keys.id(Table::Indicator, c.indicator),
                year: self.year,
                date: None,
                district_id: c.qpv.map(|code| keys.id(Table::District, code)),
                action_id: Some(action_id),
                value: c.value,
                base: c.base,
                source: format!("Bilan {} du porteur", self.year),
                comment: String::new(),
                received_on: Some(self.received_on),
            })
            .collect()
    }
}

/// A funding request of an action submitted for a coming programmation (no amount attribué
/// yet): the demo's 2027 call for projects.
#[derive(Debug)]
pub struct DemoRequest {
    /// Title of the action.
    pub action: &'static str,
    pub financeur: Financeur,
    pub year: i32,
    pub requested_euros: i64,
    pub scheme: FundingScheme,
    pub cpo_start_year: Option<i32>,
}

impl DemoRequest {
    /// The funding line to save, sollicité only.
    pub fn resolve(&self, keys: &Keys) -> Funding {
        Funding {
            id: 0,
            action_id: keys.id(Table::Action, self.action),
            financeur: self.financeur,
            year: self.year,
            requested_cents: Some(self.requested_euros * 100),
            granted_cents: 0,
            paid_cents: 0,
            scheme: self.scheme,
            cpo_start_year: self.cpo_start_year,
            crf_received_on: None,
            comment: String::new(),
        }
    }
}

/// A meeting held as a séance: who chaired, when, who came, what was noted and decided.
#[derive(Debug)]
pub struct DemoSitting {
    /// Date of the meeting it runs (meetings are named by date in the demo).
    pub meeting: NaiveDate,
    pub chair: &'static str,
    /// Opening and closing times (hour, minute) on the meeting's day.
    pub started: (u32, u32),
    pub ended: (u32, u32),
    /// Structures present (with their headcount) or excused.
    pub attendance: &'static [DemoAttendance],
    /// Notes of the agenda items, by kind (the first item of that kind); a free item by title.
    pub notes: &'static [DemoNote],
    /// Follow-up given to earlier decisions, named by text.
    pub follow_ups: &'static [DemoFollowUp],
    /// Avis on the programmation; a favorable one attributes the line's amount of `actions.rs`.
    pub avis: &'static [DemoAvis],
}

impl DemoSitting {
    /// When it opened.
    pub fn started_at(&self) -> chrono::NaiveDateTime {
        at(self.meeting, self.started)
    }

    /// When it closed.
    pub fn ended_at(&self) -> chrono::NaiveDateTime {
        at(self.meeting, self.ended)
    }
}

fn at(day: NaiveDate, (h, m): (u32, u32)) -> chrono::NaiveDateTime {
    day.and_hms_opt(h, m, 0)
        .unwrap_or_else(|| panic!("demo data: impossible time {h}:{m}"))
}

/// A structure's attendance at a séance.
#[derive(Debug)]
pub struct DemoAttendance {
    /// Actor name.
    pub actor: &'static str,
    pub attendance: Attendance,
    /// People present for it.
    pub headcount: i64,
}

/// The notes of one agenda item.
#[derive(Debug)]
pub struct DemoNote {
    pub kind: AgendaItemKind,
    /// For a free item: the beginning of its title; ignored otherwise.
    pub title: &'static str,
    pub notes: &'static str,
}

/// The follow-up of an earlier decision, named by its text.
#[derive(Debug)]
pub struct DemoFollowUp {
    pub decision: &'static str,
    pub outcome: FollowUpOutcome,
    pub new_due: Option<NaiveDate>,
    pub comment: &'static str,
}

impl DemoFollowUp {
    /// The follow-up to record.
    pub fn resolve(&self, keys: &Keys) -> FollowUp {
        FollowUp {
            decision_id: keys.id(Table::Decision, self.decision),
            outcome: self.outcome,
            new_due_date: self.new_due,
            comment: self.comment.into(),
            due_date_before: None,
        }
    }
}

/// The avis on one funding line, named by action title, financeur and year.
#[derive(Debug)]
pub struct DemoAvis {
    pub action: &'static str,
    pub financeur: Financeur,
    pub year: i32,
    pub avis: Avis,
    pub comment: &'static str,
}

impl DemoAvis {
    /// The key of the funding line it is given on.
    pub fn funding_key(&self) -> String {
        funding_key(self.action, self.financeur, self.year)
    }
}
