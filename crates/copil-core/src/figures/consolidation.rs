//! The consolidation rule: how the chef de projet's territory-level values and the actions'
//! contributions make the pillar's value of an indicator for a year and a QPV.
//!
//! Every figure (year values, QPV values, statuses, trends, charts, the report and, later, the
//! exports) reads values through [`consolidate`] and the per-indicator grouping built here.
//!
//! - Additive units (personnes, accompagnements, séances, heures, nombre, chèques, €, ETP): the
//!   actions' contributions add up; a territory-level value recorded for the same year and QPV
//!   stands, and the contributions are reported beside it, never added to it.
//! - Percentages: Σ(% × base) / Σ(base); one contribution without its base makes the
//!   consolidated percentage « non calculable », with the reason.
//! - Scores: only the territory's value; validation refuses a contribution of an action.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Pillar;
use crate::domain::{
    coded_enum, ConsolidationRule, Id, Indicator, IndicatorKind, Measurement, Unit,
};

/// Said once, on the screen and in the report, when actions' person counts are added up.
pub const PERSONS_COUNTED_TWICE: &str = "Les personnes sont comptées par chaque action qui les accompagne : une personne suivie par deux actions compte deux fois dans la somme.";

/// The caveat to show beside a consolidated value in `unit` added up from several actions.
pub fn consolidation_caveat(unit: Unit) -> Option<&'static str> {
    (unit == Unit::Persons).then_some(PERSONS_COUNTED_TWICE)
}

coded_enum! {
    /// Where the pillar's value of a year (and QPV) comes from.
    ValueOrigin {
        /// The chef de projet's own territory-level value (no action contributed).
        Territory = "territory" => "valeur du territoire",
        /// The chef de projet's values of the QPVs, added up (cumulative indicators).
        Districts = "districts" => "somme des quartiers",
        /// The actions' contributions, consolidated by the unit's rule.
        Contributions = "contributions" => "contributions des actions",
        /// A territory-level value that stands, the actions' contributions reported beside it.
        TerritoryOverContributions = "territory_over_contributions" => "valeur du territoire retenue",
        /// The contributions cannot be consolidated (a percentage without its base…).
        NotComputable = "not_computable" => "non calculable",
    }
}

/// The pillar's value of one indicator for one year and one place, with what it is made of.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ConsolidatedValue {
    /// The value every figure uses; None when there is none or it cannot be computed.
    pub value: Option<f64>,
    /// Base of a consolidated percentage (Σ of the bases, « sur … personnes »).
    pub base: Option<f64>,
    /// Where the value comes from; None when nothing was recorded.
    pub origin: Option<ValueOrigin>,
    /// The actions' contributions consolidated alone: beside a territory value that stands.
    pub contributions: Option<f64>,
    /// Number of distinct actions that contributed.
    pub contributors: u32,
    /// Why the value cannot be computed, in French.
    pub not_computable: Option<String>,
}

/// One value entering a consolidation, with what names it in a French reason.
#[derive(Debug, Clone, Copy)]
pub struct Part<'a> {
    /// The value.
    pub value: f64,
    /// Its base, for a percentage.
    pub base: Option<f64>,
    /// The action that reported it (None for a territory-level value).
    pub action_id: Option<Id>,
    /// How a reason names it (« la contribution de l'action « … » », « la valeur du quartier … »).
    pub label: &'a str,
}

/// THE consolidation rule of one year and one place: the territory-level value (if any) stands;
/// otherwise the contributions combine by the unit's rule.
pub fn consolidate(
    unit: Unit,
    territory: Option<Part<'_>>,
    contributions: &[Part<'_>],
) -> ConsolidatedValue {
    let contributors = distinct_actions(contributions);
    let combined = (!contributions.is_empty()).then(|| combine(unit, contributions));
    match (territory, combined) {
        (Some(t), None) => ConsolidatedValue {
            value: Some(t.value),
            base: t.base,
            origin: Some(ValueOrigin::Territory),
            ..Default::default()
        },
        (Some(t), Some(c)) => ConsolidatedValue {
            value: Some(t.value),
            base: t.base,
            origin: Some(ValueOrigin::TerritoryOverContributions),
            contributions: c.value,
            contributors,
            not_computable: None,
        },
        (None, Some(c)) => c.into_value(contributors),
        (None, None) => ConsolidatedValue::default(),
    }
}

/// Several values combined by the unit's rule.
struct Combined {
    value: Option<f64>,
    base: Option<f64>,
    reason: Option<String>,
}

impl Combined {
    fn into_value(self, contributors: u32) -> ConsolidatedValue {
        ConsolidatedValue {
            origin: Some(if self.reason.is_some() {
                ValueOrigin::NotComputable
            } else {
                ValueOrigin::Contributions
            }),
            contributions: self.value,
            value: self.value,
            base: self.base,
            contributors,
            not_computable: self.reason,
        }
    }
}

fn combine(unit: Unit, parts: &[Part<'_>]) -> Combined {
    match unit.consolidation() {
        ConsolidationRule::Sum => Combined {
            value: Some(parts.iter().map(|p| p.value).sum()),
            base: None,
            reason: None,
        },
        ConsolidationRule::WeightedShare => {
            let missing: Vec<&str> = parts
                .iter()
                .filter(|p| p.base.is_none())
                .map(|p| p.label)
                .collect();
            if !missing.is_empty() {
                let (first, more) = (missing[0], missing.len() - 1);
                let (others, verb) = match more {
                    0 => (String::new(), "n'a"),
                    1 => (" et 1 autre valeur".to_string(), "n'ont"),
                    n => (format!(" et {n} autres valeurs"), "n'ont"),
                };
                return Combined {
                    value: None,
                    base: None,
                    reason: Some(format!(
                        "{first}{others} {verb} pas de base (« sur … personnes ») : le pourcentage consolidé ne peut pas être calculé"
                    )),
                };
            }
            let base: f64 = parts.iter().filter_map(|p| p.base).sum();
            let weighted: f64 = parts.iter().map(|p| p.value * p.base.unwrap_or(0.0)).sum();
            Combined {
                value: (base > 0.0).then(|| weighted / base),
                base: Some(base),
                reason: None,
            }
        }
        ConsolidationRule::TerritoryOnly => Combined {
            value: None,
            base: None,
            reason: Some(
                "un score ne se consolide pas entre actions : seule la valeur du territoire compte"
                    .into(),
            ),
        },
    }
}

fn distinct_actions(parts: &[Part<'_>]) -> u32 {
    let mut ids: Vec<Id> = parts.iter().filter_map(|p| p.action_id).collect();
    ids.sort_unstable();
    ids.dedup();
    ids.len() as u32
}

/// The values of one place (the territory or one QPV) of one year.
#[derive(Default)]
struct PlaceValues<'a> {
    territory: Option<&'a Measurement>,
    contributions: Vec<&'a Measurement>,
}

/// The values of one year: the territory's and each QPV's.
#[derive(Default)]
struct YearValues<'a> {
    territory: PlaceValues<'a>,
    districts: BTreeMap<Id, PlaceValues<'a>>,
    has_contributions: bool,
}

/// One indicator's values grouped once by year and place: the figures read them from here.
pub(crate) struct IndicatorValues<'a> {
    ind: &'a Indicator,
    years: HashMap<i32, YearValues<'a>>,
    labels: &'a Labels,
}

/// How reasons name actions and QPVs, built once for all indicators.
pub(crate) struct Labels {
    actions: HashMap<Id, String>,
    districts: HashMap<Id, String>,
    codes: HashMap<Id, String>,
}

impl Labels {
    pub(crate) fn of(p: &Pillar) -> Labels {
        Labels {
            actions: p
                .actions
                .iter()
                .map(|a| (a.id, format!("la contribution de l'action « {} »", a.title)))
                .collect(),
            districts: p
                .districts
                .iter()
                .map(|d| (d.id, format!("la valeur du quartier {}", d.code)))
                .collect(),
            codes: p.districts.iter().map(|d| (d.id, d.code.clone())).collect(),
        }
    }

    fn of_value(&self, m: &Measurement) -> &str {
        let label = match (m.action_id, m.district_id) {
            (Some(a), _) => self.actions.get(&a),
            (None, Some(d)) => self.districts.get(&d),
            (None, None) => None,
        };
        label.map_or("la valeur du territoire", String::as_str)
    }
}

impl<'a> IndicatorValues<'a> {
    /// Groups `values` (the indicator's own) by year and place.
    pub(crate) fn group(
        ind: &'a Indicator,
        values: &[&'a Measurement],
        labels: &'a Labels,
    ) -> Self {
        let mut years: HashMap<i32, YearValues<'a>> = HashMap::new();
        for &m in values {
            let year = years.entry(m.year).or_default();
            let place = match m.district_id {
                None => &mut year.territory,
                Some(d) => year.districts.entry(d).or_default(),
            };
            if m.action_id.is_some() {
                place.contributions.push(m);
                year.has_contributions = true;
            } else {
                place.territory = Some(m);
            }
        }
        IndicatorValues { ind, years, labels }
    }

    fn part(&self, m: &'a Measurement) -> Part<'a> {
        Part {
            value: m.value,
            base: m.base,
            action_id: m.action_id,
            label: self.labels.of_value(m),
        }
    }

    fn place(&self, place: &PlaceValues<'a>) -> ConsolidatedValue {
        let parts: Vec<Part<'_>> = place.contributions.iter().map(|m| self.part(m)).collect();
        consolidate(self.ind.unit, place.territory.map(|m| self.part(m)), &parts)
    }

    /// The value of one QPV for one year.
    pub(crate) fn district(&self, year: i32, district: Id) -> ConsolidatedValue {
        self.years
            .get(&year)
            .and_then(|y| y.districts.get(&district))
            .map(|p| self.place(p))
            .unwrap_or_default()
    }

    /// The value of one year for the scope: one QPV, or the whole territory.
    pub(crate) fn value(&self, year: i32, district: Option<Id>) -> ConsolidatedValue {
        match district {
            Some(d) => self.district(year, d),
            None => self.territory(year),
        }
    }

    /// The whole territory's value of one year.
    ///
    /// A territory-level value stands. Without one, the chef de projet's QPV values add up for a
    /// cumulative indicator (a share or a score of several QPVs does not); once actions have
    /// contributed, every QPV's value and every territory-wide contribution combine by the unit's
    /// rule.
    pub(crate) fn territory(&self, year: i32) -> ConsolidatedValue {
        let Some(y) = self.years.get(&year) else {
            return ConsolidatedValue::default();
        };
        let all_contributions = || -> Vec<Part<'_>> {
            y.territory
                .contributions
                .iter()
                .chain(y.districts.values().flat_map(|d| d.contributions.iter()))
                .map(|m| self.part(m))
                .collect()
        };
        if let Some(t) = y.territory.territory {
            return consolidate(self.ind.unit, Some(self.part(t)), &all_contributions());
        }
        if !y.has_contributions {
            let values: Vec<f64> = y
                .districts
                .values()
                .filter_map(|d| d.territory.map(|m| m.value))
                .collect();
            return match self.ind.kind {
                IndicatorKind::Cumulative if !values.is_empty() => ConsolidatedValue {
                    value: Some(values.iter().sum()),
                    origin: Some(ValueOrigin::Districts),
                    ..Default::default()
                },
                _ => ConsolidatedValue::default(),
            };
        }
        let mut leaves: Vec<Part<'_>> = y
            .territory
            .contributions
            .iter()
            .map(|m| self.part(m))
            .collect();
        for (id, d) in &y.districts {
            let v = self.place(d);
            if let Some(reason) = v.not_computable {
                let code = self.labels.codes.get(id).map_or("", String::as_str);
                return ConsolidatedValue {
                    origin: Some(ValueOrigin::NotComputable),
                    contributors: distinct_actions(&all_contributions()),
                    not_computable: Some(format!("{code} : {reason}")),
                    ..Default::default()
                };
            }
            if let Some(value) = v.value {
                leaves.push(Part {
                    value,
                    base: v.base,
                    action_id: None,
                    label: self.labels.districts.get(id).map_or("", String::as_str),
                });
            }
        }
        let contributors = distinct_actions(&all_contributions());
        let mut out = combine(self.ind.unit, &leaves).into_value(contributors);
        out.contributions = out.value;
        out
    }
}

/// One action's contribution behind a value, as the screen and the report's annex list it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Contribution {
    /// The recorded value.
    pub measurement_id: Id,
    /// Action that reported it.
    pub action_id: Id,
    /// Its title.
    pub action: String,
    /// Its porteur's name, empty when none is set.
    pub porteur: String,
    /// QPV, None for the whole territory.
    pub district_id: Option<Id>,
    /// QPV code, empty for the whole territory.
    pub district_code: String,
    /// Year.
    pub year: i32,
    /// Value.
    pub value: f64,
    /// Base of a percentage.
    pub base: Option<f64>,
    /// When it arrived.
    pub received_on: Option<chrono::NaiveDate>,
}

/// What lies behind one value of an indicator (a year, the territory or one QPV): the
/// consolidated value, each contribution, and the expected actions that have not reported.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ValueDetail {
    /// Indicator.
    pub indicator_id: Id,
    /// Year.
    pub year: i32,
    /// QPV, None for the whole territory.
    pub district_id: Option<Id>,
    /// The pillar's value and where it comes from.
    pub value: ConsolidatedValue,
    /// Said beside a value added up from several actions (persons counted twice).
    pub caveat: Option<String>,
    /// The actions' contributions behind it, by porteur then action.
    pub contributions: Vec<Contribution>,
    /// Actions expected in that year's round that have not sent this value (ids).
    pub missing_action_ids: Vec<Id>,
}

/// The contributions behind one value, by porteur then action then QPV.
pub fn contributions_of(
    p: &Pillar,
    indicator_id: Id,
    year: i32,
    district_id: Option<Id>,
) -> Vec<Contribution> {
    let mut out: Vec<Contribution> = contribution_lines(
        p,
        p.measurements.iter().filter(|m| {
            m.indicator_id == indicator_id
                && m.year == year
                && (district_id.is_none() || m.district_id == district_id)
        }),
    )
    .map(|(_, c)| c)
    .collect();
    sort_contributions(&mut out);
    out
}

/// Every contribution of the years `from..=to` (within one QPV when set), by indicator; each
/// list by year (latest first), then porteur, action and QPV. One pass over the values.
pub fn contributions_by_indicator(
    p: &Pillar,
    from: i32,
    to: i32,
    district_id: Option<Id>,
) -> HashMap<Id, Vec<Contribution>> {
    let mut out: HashMap<Id, Vec<Contribution>> = HashMap::new();
    let lines = contribution_lines(
        p,
        p.measurements.iter().filter(|m| {
            (from..=to).contains(&m.year) && (district_id.is_none() || m.district_id == district_id)
        }),
    );
    for (indicator, c) in lines {
        out.entry(indicator).or_default().push(c);
    }
    for list in out.values_mut() {
        sort_contributions(list);
        list.sort_by_key(|c| std::cmp::Reverse(c.year));
    }
    out
}

/// The contributions among `values`, each with its indicator.
fn contribution_lines<'a>(
    p: &'a Pillar,
    values: impl Iterator<Item = &'a Measurement> + 'a,
) -> impl Iterator<Item = (Id, Contribution)> + 'a {
    let actions: HashMap<Id, &crate::domain::Action> =
        p.actions.iter().map(|a| (a.id, a)).collect();
    values.filter_map(move |m| {
        let action = m.action_id.and_then(|id| actions.get(&id))?;
        Some((
            m.indicator_id,
            Contribution {
                measurement_id: m.id,
                action_id: action.id,
                action: action.title.clone(),
                porteur: p.actor_name(action.porteur_id),
                district_id: m.district_id,
                district_code: m
                    .district_id
                    .map(|d| p.district_code(d))
                    .unwrap_or_default(),
                year: m.year,
                value: m.value,
                base: m.base,
                received_on: m.received_on,
            },
        ))
    })
}

fn sort_contributions(list: &mut [Contribution]) {
    list.sort_by_cached_key(|c| {
        (
            c.porteur.is_empty(),
            crate::text::fold(&c.porteur),
            crate::text::fold(&c.action),
            c.district_code.clone(),
        )
    });
}

/// What lies behind one value of an indicator (the Indicateurs screen's detail).
pub fn value_detail(
    p: &Pillar,
    indicator_id: Id,
    year: i32,
    district_id: Option<Id>,
) -> Option<ValueDetail> {
    let ind = p.indicators.iter().find(|i| i.id == indicator_id)?;
    let values: Vec<&Measurement> = p
        .measurements
        .iter()
        .filter(|m| m.indicator_id == indicator_id)
        .collect();
    let labels = Labels::of(p);
    let value = IndicatorValues::group(ind, &values, &labels).value(year, district_id);
    let missing_action_ids = super::indicator_reporting(p, year, district_id)
        .remove(&indicator_id)
        .map(|r| r.missing_action_ids)
        .unwrap_or_default();
    Some(ValueDetail {
        indicator_id,
        year,
        district_id,
        caveat: consolidation_caveat(ind.unit)
            .filter(|_| value.contributors >= 2)
            .map(str::to_string),
        value,
        contributions: contributions_of(p, indicator_id, year, district_id),
        missing_action_ids,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn part(value: f64, base: Option<f64>, action: Id) -> Part<'static> {
        Part {
            value,
            base,
            action_id: Some(action),
            label: "la contribution de l'action « A »",
        }
    }

    #[test]
    fn additive_units_sum_and_a_territory_value_stands() {
        let parts = [part(40.0, None, 1), part(25.0, None, 2)];
        let v = consolidate(Unit::Sessions, None, &parts);
        assert_eq!(v.value, Some(65.0));
        assert_eq!(v.origin, Some(ValueOrigin::Contributions));
        assert_eq!(v.contributors, 2);
        let territory = Part {
            value: 70.0,
            base: None,
            action_id: None,
            label: "",
        };
        let v = consolidate(Unit::Sessions, Some(territory), &parts);
        assert_eq!(v.value, Some(70.0), "never 70 + 65");
        assert_eq!(v.contributions, Some(65.0));
        assert_eq!(v.origin, Some(ValueOrigin::TerritoryOverContributions));
    }

    #[test]
    fn percentages_weigh_by_their_base_or_are_not_computable() {
        let v = consolidate(
            Unit::Percent,
            None,
            &[part(50.0, Some(100.0), 1), part(70.0, Some(300.0), 2)],
        );
        assert_eq!(v.value, Some(65.0));
        assert_eq!(v.base, Some(400.0));
        let v = consolidate(
            Unit::Percent,
            None,
            &[part(50.0, Some(100.0), 1), part(70.0, None, 2)],
        );
        assert_eq!(v.value, None);
        assert_eq!(v.origin, Some(ValueOrigin::NotComputable));
        assert!(v
            .not_computable
            .unwrap()
            .contains("la contribution de l'action « A » n'a pas de base"));
    }

    #[test]
    fn a_score_is_never_consolidated_from_actions() {
        let v = consolidate(Unit::Score, None, &[part(7.0, None, 1)]);
        assert_eq!(v.value, None);
        assert_eq!(v.origin, Some(ValueOrigin::NotComputable));
        assert_eq!(
            consolidation_caveat(Unit::Persons),
            Some(PERSONS_COUNTED_TWICE)
        );
        assert_eq!(consolidation_caveat(Unit::Accompaniments), None);
    }
}
