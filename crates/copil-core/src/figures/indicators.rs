//! Target vs actual vs gap for each indicator: cumulative indicators add up, snapshots take the latest value.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Pillar, Scope};
use crate::domain::{coded_enum, Direction, Id, Indicator, IndicatorKind, Measurement, Unit};
use crate::error::{CoreError, Result};

coded_enum! {
    /// Where an indicator stands against its target.
    IndicatorStatus {
        /// Target met.
        Reached = "reached" => "Atteint",
        /// Within 10 % of the target.
        OnTrack = "on_track" => "En bonne voie",
        /// More than 10 % away from the target.
        Late = "late" => "En retard",
        /// No target set.
        NoTarget = "no_target" => "Sans cible",
        /// No value recorded.
        NoValue = "no_value" => "Sans valeur",
    }
}

coded_enum! {
    /// Direction of the last change, read against the indicator's direction.
    Trend {
        /// Moving the right way.
        Improving = "improving" => "En progrès",
        /// Moving the wrong way.
        Worsening = "worsening" => "En recul",
        /// Less than 1 % change.
        Stable = "stable" => "Stable",
        /// Fewer than two values.
        Unknown = "unknown" => "—",
    }
}

/// One year of an indicator: its target, its value and the gap.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct YearFigure {
    /// Year.
    pub year: i32,
    /// Target of that year.
    pub target: Option<f64>,
    /// Value of that year (territory, or the QPV of the scope).
    pub actual: Option<f64>,
    /// actual − target.
    pub gap: Option<f64>,
}

/// The latest value of an indicator in one QPV.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DistrictValue {
    /// QPV.
    pub district_id: Id,
    /// Its code.
    pub code: String,
    /// Its name.
    pub name: String,
    /// Value over the period (summed for cumulative, latest for snapshot).
    pub actual: Option<f64>,
}

/// Everything shown about one indicator for a scope.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct IndicatorFigures {
    /// Indicator id.
    pub indicator_id: Id,
    /// Name.
    pub name: String,
    /// Unit.
    pub unit: Unit,
    /// Cumulative or snapshot.
    pub kind: IndicatorKind,
    /// Direction of progress.
    pub direction: Direction,
    /// Baseline value.
    pub baseline: Option<f64>,
    /// Baseline date.
    pub baseline_date: Option<NaiveDate>,
    /// Source.
    pub source: String,
    /// Each year of the contract.
    pub years: Vec<YearFigure>,
    /// Target for the period up to the scope year (sum for cumulative, that year's for snapshot).
    pub target: Option<f64>,
    /// Part of `target` due by today while the scope year is in progress (cumulative
    /// indicators with a target that year): the status is judged against it.
    pub target_to_date: Option<f64>,
    /// Value for the period (sum for cumulative, latest for snapshot).
    pub actual: Option<f64>,
    /// actual − target.
    pub gap: Option<f64>,
    /// Share of the target reached, in % (for "higher is better"; inverted for "lower is better").
    pub attainment: Option<f64>,
    /// Status against the target.
    pub status: IndicatorStatus,
    /// Direction of the last change.
    pub trend: Trend,
    /// Latest year with a value.
    pub last_value_year: Option<i32>,
    /// Values by QPV, when the indicator is followed by QPV.
    pub by_district: Vec<DistrictValue>,
}

/// Figures of one indicator for a scope.
pub fn indicator_figures(p: &Pillar, ind: &Indicator, scope: &Scope) -> IndicatorFigures {
    let values: Vec<&Measurement> = p
        .measurements
        .iter()
        .filter(|m| m.indicator_id == ind.id)
        .collect();
    figures_of(p, ind, &values, scope)
}

/// Figures of the indicator `id` of the pillar; `Missing` when the contract has none such.
pub fn indicator_figures_by_id(p: &Pillar, id: Id, scope: &Scope) -> Result<IndicatorFigures> {
    let ind = p
        .indicators
        .iter()
        .find(|i| i.id == id)
        .ok_or(CoreError::Missing {
            entity: "Indicateur",
            id,
        })?;
    Ok(indicator_figures(p, ind, scope))
}

/// Figures of one indicator from its own values (`values`, in the pillar's order).
fn figures_of(
    p: &Pillar,
    ind: &Indicator,
    values: &[&Measurement],
    scope: &Scope,
) -> IndicatorFigures {
    let period = p.contract.period();
    let value_of = |year: i32, district: Option<Id>| -> Option<f64> {
        year_value(values, ind, year, district)
    };
    let years: Vec<YearFigure> = (period.start_year..=period.end_year)
        .map(|year| {
            let target = ind.targets.iter().find(|t| t.year == year).map(|t| t.value);
            let actual = value_of(year, scope.district_id);
            YearFigure {
                year,
                target,
                actual,
                gap: actual.zip(target).map(|(a, t)| a - t),
            }
        })
        .collect();
    let upto: Vec<&YearFigure> = years.iter().filter(|y| y.year <= scope.year).collect();
    let (actual, target) = match ind.kind {
        IndicatorKind::Cumulative => (
            sum(upto.iter().filter_map(|y| y.actual)),
            sum(upto.iter().filter_map(|y| y.target)),
        ),
        IndicatorKind::Snapshot => (
            upto.iter().rev().find_map(|y| y.actual),
            years
                .iter()
                .find(|y| y.year == scope.year)
                .and_then(|y| y.target)
                .or_else(|| upto.iter().rev().find_map(|y| y.target))
                .or_else(|| years.iter().find_map(|y| y.target)),
        ),
    };
    let target_to_date = match (ind.kind, scope.year_elapsed(), target) {
        (IndicatorKind::Cumulative, Some(elapsed), Some(target)) => years
            .iter()
            .find(|y| y.year == scope.year)
            .and_then(|y| y.target)
            .map(|this_year| target - this_year * (1.0 - elapsed)),
        _ => None,
    };
    let last_value_year = upto
        .iter()
        .rev()
        .find(|y| y.actual.is_some())
        .map(|y| y.year);
    let by_district = if ind.by_district {
        p.districts
            .iter()
            .filter(|d| scope.district_id.is_none_or(|s| s == d.id))
            .map(|d| {
                let mut values = (period.start_year..=scope.year.min(period.end_year))
                    .filter_map(|y| value_of(y, Some(d.id)));
                let actual = match ind.kind {
                    IndicatorKind::Cumulative => sum(values),
                    IndicatorKind::Snapshot => values.next_back(),
                };
                DistrictValue {
                    district_id: d.id,
                    code: d.code.clone(),
                    name: d.name.clone(),
                    actual,
                }
            })
            .collect()
    } else {
        Vec::new()
    };
    IndicatorFigures {
        indicator_id: ind.id,
        name: ind.name.clone(),
        unit: ind.unit,
        kind: ind.kind,
        direction: ind.direction,
        baseline: ind.baseline_value,
        baseline_date: ind.baseline_date,
        source: ind.source.clone(),
        gap: actual.zip(target).map(|(a, t)| a - t),
        attainment: attainment(ind.direction, actual, target),
        status: status(ind.direction, actual, target, target_to_date),
        trend: trend(ind.direction, &upto),
        years,
        target,
        target_to_date,
        actual,
        last_value_year,
        by_district,
    }
}

/// Figures of every indicator, in name order.
///
/// The values are grouped by indicator once, so the cost grows with the number of values,
/// not with values × indicators × years.
pub fn all_indicator_figures(p: &Pillar, scope: &Scope) -> Vec<IndicatorFigures> {
    let mut by_indicator: HashMap<Id, Vec<&Measurement>> = HashMap::new();
    for m in &p.measurements {
        by_indicator.entry(m.indicator_id).or_default().push(m);
    }
    p.indicators
        .iter()
        .map(|ind| {
            let values = by_indicator.get(&ind.id).map_or(&[][..], Vec::as_slice);
            figures_of(p, ind, values, scope)
        })
        .collect()
}

/// Value of one year: the territory's value, or (cumulative only) the sum of the QPVs' values.
///
/// `values` are the indicator's own values.
fn year_value(
    values: &[&Measurement],
    ind: &Indicator,
    year: i32,
    district: Option<Id>,
) -> Option<f64> {
    let mut of_year = values
        .iter()
        .copied()
        .filter(|m| m.indicator_id == ind.id && m.year == year);
    match district {
        Some(d) => of_year.find(|m| m.district_id == Some(d)).map(|m| m.value),
        None => {
            let values: Vec<_> = of_year.collect();
            values
                .iter()
                .find(|m| m.district_id.is_none())
                .map(|m| m.value)
                .or_else(|| match ind.kind {
                    IndicatorKind::Cumulative => sum(values.iter().map(|m| m.value)),
                    // A share or a score of several QPVs cannot be added up.
                    IndicatorKind::Snapshot => None,
                })
        }
    }
}

fn sum(values: impl Iterator<Item = f64>) -> Option<f64> {
    values.fold(None, |acc, v| Some(acc.unwrap_or(0.0) + v))
}

fn attainment(direction: Direction, actual: Option<f64>, target: Option<f64>) -> Option<f64> {
    let (a, t) = (actual?, target?);
    match direction {
        Direction::HigherIsBetter if t != 0.0 => Some(a / t * 100.0),
        Direction::LowerIsBetter if a != 0.0 => Some(t / a * 100.0),
        Direction::LowerIsBetter => Some(100.0),
        _ => None,
    }
}

/// Status of `actual` against `target`; while the year is in progress, "close" is judged
/// against the part due so far (`to_date`), and a "lower is better" total cannot be reached yet.
fn status(
    direction: Direction,
    actual: Option<f64>,
    target: Option<f64>,
    to_date: Option<f64>,
) -> IndicatorStatus {
    let Some(t) = target else {
        return IndicatorStatus::NoTarget;
    };
    let Some(a) = actual else {
        return IndicatorStatus::NoValue;
    };
    let due = to_date.unwrap_or(t);
    let (reached, close) = match direction {
        Direction::HigherIsBetter => (a >= t, a >= due * 0.9),
        Direction::LowerIsBetter => (to_date.is_none() && a <= t, a <= due * 1.1),
    };
    if reached {
        IndicatorStatus::Reached
    } else if close {
        IndicatorStatus::OnTrack
    } else {
        IndicatorStatus::Late
    }
}

fn trend(direction: Direction, years: &[&YearFigure]) -> Trend {
    let mut values = years.iter().rev().filter_map(|y| y.actual);
    let (Some(last), Some(previous)) = (values.next(), values.next()) else {
        return Trend::Unknown;
    };
    let delta = last - previous;
    if delta.abs() <= previous.abs() * 0.01 {
        return Trend::Stable;
    }
    match (delta > 0.0, direction) {
        (true, Direction::HigherIsBetter) | (false, Direction::LowerIsBetter) => Trend::Improving,
        _ => Trend::Worsening,
    }
}
