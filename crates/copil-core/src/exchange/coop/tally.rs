//! Counting an export's accompaniments for one action and one year: the measures, their split
//! between QPVs (by the beneficiary's commune), the breakdowns by genre, age band and status.
//!
//! A QPV can only be matched at commune level (the export gives the beneficiary's commune, not
//! their address): a commune with QPVs « stands for » them. Accompaniments are attributed to a
//! QPV only when their commune holds exactly one QPV of the contract, so that the QPVs' values
//! never overlap; the others stay in the territory's value.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use super::export::CoopAccompaniment;
use crate::domain::{CoopMeasure, District, Id};

/// The QPVs of each commune of the contract.
#[derive(Debug, Clone, Default)]
pub(crate) struct QpvCommunes {
    by_commune: HashMap<String, Vec<(Id, String)>>,
}

impl QpvCommunes {
    /// From the contract's QPVs.
    pub(crate) fn of(districts: &[District]) -> QpvCommunes {
        let mut by_commune: HashMap<String, Vec<(Id, String)>> = HashMap::new();
        for d in districts {
            for insee in &d.communes {
                by_commune
                    .entry(insee.clone())
                    .or_default()
                    .push((d.id, d.code.clone()));
            }
        }
        QpvCommunes { by_commune }
    }

    /// The QPVs of a commune.
    pub(crate) fn of_commune(&self, insee: &str) -> &[(Id, String)] {
        self.by_commune.get(insee).map_or(&[], Vec::as_slice)
    }
}

/// The figures of one action and one year, as the dry run shows them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct CoopFigures {
    /// Accompaniments (rows).
    pub accompaniments: u32,
    /// Persons: accompaniments of beneficiaries, or distinct named beneficiaries (see `unique_persons`).
    pub persons: u32,
    /// Whether `persons` counts distinct named beneficiaries (each anonymous accompaniment
    /// counting one); else each accompaniment counts one person.
    pub unique_persons: bool,
    /// Distinct activities (`ID CRA`).
    pub activities: u32,
    /// Individual accompaniments.
    pub individual: u32,
    /// Collective workshops (distinct activities).
    pub workshops: u32,
    /// Participants of the workshops (their accompaniments).
    pub workshop_participants: u32,
    /// Minutes of mediation: the durations of the distinct activities.
    pub minutes: u64,
    /// Accompaniments whose beneficiary was redirected.
    pub redirections: u32,
    /// Accompaniments whose beneficiary's commune is known.
    pub with_commune: u32,
    /// Of those, the ones living in a commune with a QPV.
    pub in_qpv_commune: u32,
}

impl CoopFigures {
    /// The value of a measure for the whole territory, with the base of a share; None when it
    /// cannot be computed (a share without any known commune).
    pub fn value(&self, measure: CoopMeasure) -> Option<(f64, Option<f64>)> {
        let n = |v: u32| Some((f64::from(v), None));
        match measure {
            CoopMeasure::Accompaniments => n(self.accompaniments),
            CoopMeasure::Persons => n(self.persons),
            CoopMeasure::Activities => n(self.activities),
            CoopMeasure::IndividualAccompaniments => n(self.individual),
            CoopMeasure::Workshops => n(self.workshops),
            CoopMeasure::WorkshopParticipants => n(self.workshop_participants),
            CoopMeasure::Hours => Some((self.minutes as f64 / 60.0, None)),
            CoopMeasure::Redirections => n(self.redirections),
            CoopMeasure::QpvShare => (self.with_commune > 0).then(|| {
                (
                    f64::from(self.in_qpv_commune) * 100.0 / f64::from(self.with_commune),
                    Some(f64::from(self.with_commune)),
                )
            }),
        }
    }
}

/// Counts of the accompaniments attributed to one QPV.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct DistrictCounts {
    /// Accompaniments.
    pub accompaniments: u32,
    /// Persons (as the territory's).
    pub persons: u32,
    /// Individual accompaniments.
    pub individual: u32,
    /// Workshop participants.
    pub workshop_participants: u32,
    /// Redirections.
    pub redirections: u32,
}

impl DistrictCounts {
    /// The value of a measure that splits between QPVs.
    pub fn value(&self, measure: CoopMeasure) -> Option<f64> {
        let v = match measure {
            CoopMeasure::Accompaniments => self.accompaniments,
            CoopMeasure::Persons => self.persons,
            CoopMeasure::IndividualAccompaniments => self.individual,
            CoopMeasure::WorkshopParticipants => self.workshop_participants,
            CoopMeasure::Redirections => self.redirections,
            _ => return None,
        };
        Some(f64::from(v))
    }
}

/// Everything counted for one action and one year.
#[derive(Debug, Clone)]
pub(crate) struct Tally {
    pub first: NaiveDate,
    pub last: NaiveDate,
    pub figures: CoopFigures,
    pub districts: BTreeMap<Id, DistrictCounts>,
    /// QPV communes of the beneficiaries: accompaniments, the commune's name as written.
    pub communes: BTreeMap<String, (u32, String)>,
    /// Accompaniments by category, for genre, age band and status.
    pub breakdowns: [BTreeMap<String, u32>; 3],
}

/// Distinct things seen while counting.
#[derive(Default)]
struct Seen<'a> {
    activities: HashSet<&'a str>,
    names: HashSet<&'a str>,
    anonymous: u32,
    district_names: HashMap<Id, (HashSet<&'a str>, u32)>,
}

/// Counts `rows` (one action's, one year's).
pub(crate) fn tally(
    rows: &[&CoopAccompaniment],
    qpvs: &QpvCommunes,
    unique_persons: bool,
) -> Option<Tally> {
    let first = rows.iter().map(|r| r.date).min()?;
    let last = rows.iter().map(|r| r.date).max()?;
    let mut t = Tally {
        first,
        last,
        figures: CoopFigures {
            unique_persons,
            ..CoopFigures::default()
        },
        districts: BTreeMap::new(),
        communes: BTreeMap::new(),
        breakdowns: Default::default(),
    };
    let mut seen = Seen::default();
    for r in rows {
        let f = &mut t.figures;
        f.accompaniments += 1;
        if seen.activities.insert(r.activity.as_str()) {
            f.activities += 1;
            f.minutes += u64::from(r.minutes);
            if r.collective {
                f.workshops += 1;
            }
        }
        if r.collective {
            f.workshop_participants += 1;
        } else {
            f.individual += 1;
        }
        if r.redirected {
            f.redirections += 1;
        }
        match &r.beneficiary {
            Some(name) if unique_persons => {
                seen.names.insert(name.as_str());
            }
            _ => seen.anonymous += 1,
        }
        for (i, category) in r.profile.iter().enumerate() {
            *t.breakdowns[i].entry(category.clone()).or_default() += 1;
        }
        let Some(insee) = &r.commune else {
            continue;
        };
        f.with_commune += 1;
        let in_commune = qpvs.of_commune(insee);
        if in_commune.is_empty() {
            continue;
        }
        f.in_qpv_commune += 1;
        let entry = t
            .communes
            .entry(insee.clone())
            .or_insert_with(|| (0, r.commune_name.clone()));
        entry.0 += 1;
        if let [(district, _)] = in_commune {
            let d = t.districts.entry(*district).or_default();
            d.accompaniments += 1;
            if r.collective {
                d.workshop_participants += 1;
            } else {
                d.individual += 1;
            }
            if r.redirected {
                d.redirections += 1;
            }
            let names = seen.district_names.entry(*district).or_default();
            match &r.beneficiary {
                Some(name) if unique_persons => {
                    names.0.insert(name.as_str());
                }
                _ => names.1 += 1,
            }
        }
    }
    t.figures.persons = seen.names.len() as u32 + seen.anonymous;
    for (id, (names, anonymous)) in seen.district_names {
        if let Some(d) = t.districts.get_mut(&id) {
            d.persons = names.len() as u32 + anonymous;
        }
    }
    Some(t)
}
