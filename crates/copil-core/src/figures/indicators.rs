//! Target vs actual vs gap for each indicator: cumulative indicators add up, snapshots take the latest value.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::bilans::{indicator_reporting, Reporting};
use super::consolidation::{consolidation_caveat, IndicatorValues, Labels, ValueOrigin};
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
        /// The actions' contributions cannot be consolidated (a percentage without its base).
        NotComputable = "not_computable" => "Non calculable",
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
    /// Base of a consolidated percentage that year (« sur … personnes »).
    pub base: Option<f64>,
    /// Where the value comes from (territory, QPVs, actions' contributions).
    pub origin: Option<ValueOrigin>,
    /// The actions' contributions alone, shown beside a territory value that stands.
    pub contributions: Option<f64>,
    /// Number of actions that contributed that year.
    pub contributors: u32,
    /// Why the value cannot be computed (« non calculable »).
    pub not_computable: Option<String>,
}

/// The straight path from a snapshot indicator's baseline (or previous target) to its next
/// target: mid-contract, the indicator is judged against the path's value, not the final target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Trajectory {
    /// Year the path is read at (the scope year).
    pub year: i32,
    /// Value of the path that year: what the status is judged against.
    pub value: f64,
    /// Year the path starts from (the baseline's, the previous target's or the first value's).
    pub from_year: i32,
    /// Value it starts from.
    pub from_value: f64,
    /// Year of the next target.
    pub to_year: i32,
    /// The next target.
    pub to_value: f64,
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
    /// Base of a consolidated percentage.
    pub base: Option<f64>,
    /// Why the value cannot be computed.
    pub not_computable: Option<String>,
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
    /// Base of `actual` for a percentage (the latest year's, for a snapshot).
    pub base: Option<f64>,
    /// Why `actual` cannot be computed (« non calculable »), with the year.
    pub not_computable: Option<String>,
    /// Mid-contract path of a snapshot indicator to its next target; its status is judged on it.
    pub trajectory: Option<Trajectory>,
    /// Said once beside a value added up from several actions (persons counted twice).
    pub caveat: Option<String>,
    /// How many of the actions expected in the scope year's round have reported it.
    pub reporting: Option<Reporting>,
}

/// Figures of one indicator for a scope.
pub fn indicator_figures(p: &Pillar, ind: &Indicator, scope: &Scope) -> IndicatorFigures {
    let values: Vec<&Measurement> = p
        .measurements
        .iter()
        .filter(|m| m.indicator_id == ind.id)
        .collect();
    let labels = Labels::of(p);
    let mut reporting = indicator_reporting(p, scope.year, scope.district_id);
    let grouped = IndicatorValues::group(ind, &values, &labels);
    figures_of(p, ind, &grouped, reporting.remove(&ind.id), scope)
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

/// Figures of every indicator, in name order.
///
/// The values are grouped by indicator, year and place once, so the cost grows with the number
/// of values, not with values × indicators × years.
pub fn all_indicator_figures(p: &Pillar, scope: &Scope) -> Vec<IndicatorFigures> {
    let mut by_indicator: HashMap<Id, Vec<&Measurement>> = HashMap::new();
    for m in &p.measurements {
        by_indicator.entry(m.indicator_id).or_default().push(m);
    }
    let labels = Labels::of(p);
    let mut reporting = indicator_reporting(p, scope.year, scope.district_id);
    p.indicators
        .iter()
        .map(|ind| {
            let values = by_indicator.get(&ind.id).map_or(&[][..], Vec::as_slice);
            let grouped = IndicatorValues::group(ind, values, &labels);
            figures_of(p, ind, &grouped, reporting.remove(&ind.id), scope)
        })
        .collect()
}

/// Figures of one indicator from its grouped values.
fn figures_of(
    p: &Pillar,
    ind: &Indicator,
    values: &IndicatorValues<'_>,
    reporting: Option<Reporting>,
    scope: &Scope,
) -> IndicatorFigures {
    let period = p.contract.period();
    let years: Vec<YearFigure> = (period.start_year..=period.end_year)
        .map(|year| {
            let target = ind.targets.iter().find(|t| t.year == year).map(|t| t.value);
            let v = values.value(year, scope.district_id);
            YearFigure {
                year,
                target,
                actual: v.value,
                gap: v.value.zip(target).map(|(a, t)| a - t),
                base: v.base,
                origin: v.origin,
                contributions: v.contributions,
                contributors: v.contributors,
                not_computable: v.not_computable,
            }
        })
        .collect();
    let upto: Vec<&YearFigure> = years.iter().filter(|y| y.year <= scope.year).collect();
    let not_computable_in = |y: &YearFigure| {
        y.not_computable
            .as_ref()
            .map(|reason| format!("{} : {reason}", y.year))
    };
    let (actual, base, not_computable) = match ind.kind {
        IndicatorKind::Cumulative => match upto.iter().find_map(|y| not_computable_in(y)) {
            Some(reason) => (None, None, Some(reason)),
            None => (sum(upto.iter().filter_map(|y| y.actual)), None, None),
        },
        IndicatorKind::Snapshot => {
            match upto
                .iter()
                .rev()
                .find(|y| y.actual.is_some() || y.not_computable.is_some())
            {
                Some(y) => (y.actual, y.base, not_computable_in(y)),
                None => (None, None, None),
            }
        }
    };
    let this_year_target = years
        .iter()
        .find(|y| y.year == scope.year)
        .and_then(|y| y.target);
    let trajectory = match ind.kind {
        IndicatorKind::Snapshot if this_year_target.is_none() => {
            trajectory(ind, &years, scope.year)
        }
        _ => None,
    };
    let target = match ind.kind {
        IndicatorKind::Cumulative => sum(upto.iter().filter_map(|y| y.target)),
        IndicatorKind::Snapshot => trajectory.as_ref().map(|t| t.to_value).or_else(|| {
            this_year_target
                .or_else(|| upto.iter().rev().find_map(|y| y.target))
                .or_else(|| years.iter().find_map(|y| y.target))
        }),
    };
    let target_to_date = match (ind.kind, scope.year_elapsed(), target) {
        (IndicatorKind::Cumulative, Some(elapsed), Some(target)) => {
            this_year_target.map(|this_year| target - this_year * (1.0 - elapsed))
        }
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
                district_value(
                    ind,
                    values,
                    d,
                    period.start_year,
                    scope.year.min(period.end_year),
                )
            })
            .collect()
    } else {
        Vec::new()
    };
    let caveat = consolidation_caveat(ind.unit)
        .filter(|_| upto.iter().any(|y| y.contributors >= 2))
        .map(str::to_string);
    let status = if not_computable.is_some() {
        IndicatorStatus::NotComputable
    } else {
        match &trajectory {
            Some(t) => status(ind.direction, actual, target, Some(t.value), true),
            None => status(ind.direction, actual, target, target_to_date, false),
        }
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
        status,
        trend: trend(ind.direction, &upto),
        years,
        target,
        target_to_date,
        actual,
        last_value_year,
        by_district,
        base,
        not_computable,
        trajectory,
        caveat,
        reporting,
    }
}

/// The value of an indicator in one QPV over the period (sum for cumulative, latest for snapshot).
fn district_value(
    ind: &Indicator,
    values: &IndicatorValues<'_>,
    d: &crate::domain::District,
    from: i32,
    to: i32,
) -> DistrictValue {
    let per_year: Vec<(i32, super::ConsolidatedValue)> =
        (from..=to).map(|y| (y, values.district(y, d.id))).collect();
    let (actual, base, not_computable) = match ind.kind {
        IndicatorKind::Cumulative => match per_year
            .iter()
            .find_map(|(y, v)| v.not_computable.as_ref().map(|r| format!("{y} : {r}")))
        {
            Some(reason) => (None, None, Some(reason)),
            None => (
                sum(per_year.iter().filter_map(|(_, v)| v.value)),
                None,
                None,
            ),
        },
        IndicatorKind::Snapshot => match per_year
            .iter()
            .rev()
            .find(|(_, v)| v.value.is_some() || v.not_computable.is_some())
        {
            Some((y, v)) => (
                v.value,
                v.base,
                v.not_computable.as_ref().map(|r| format!("{y} : {r}")),
            ),
            None => (None, None, None),
        },
    };
    DistrictValue {
        district_id: d.id,
        code: d.code.clone(),
        name: d.name.clone(),
        actual,
        base,
        not_computable,
    }
}

/// The straight path of a snapshot indicator at `year` to its next target, from the latest of
/// its baseline and its previous target (or, without either, its first recorded value).
fn trajectory(ind: &Indicator, years: &[YearFigure], year: i32) -> Option<Trajectory> {
    use chrono::Datelike;
    let next = ind
        .targets
        .iter()
        .filter(|t| t.year > year)
        .min_by_key(|t| t.year)?;
    let baseline = ind
        .baseline_value
        .zip(ind.baseline_date)
        .map(|(v, d)| (d.year(), v));
    let previous = ind
        .targets
        .iter()
        .filter(|t| t.year < year)
        .max_by_key(|t| t.year)
        .map(|t| (t.year, t.value));
    let anchor = match (baseline.filter(|(y, _)| *y < year), previous) {
        (Some(b), Some(t)) => Some(if b.0 > t.0 { b } else { t }),
        (b, t) => b.or(t),
    }
    .or_else(|| {
        years
            .iter()
            .filter(|y| y.year < year)
            .find_map(|y| y.actual.map(|v| (y.year, v)))
    })?;
    let (from_year, from_value) = anchor;
    let share = f64::from(year - from_year) / f64::from(next.year - from_year);
    Some(Trajectory {
        year,
        value: from_value + (next.value - from_value) * share,
        from_year,
        from_value,
        to_year: next.year,
        to_value: next.value,
    })
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

/// Status of `actual` against `target`; "close" is judged against what is due by now (`to_date`:
/// the part of a cumulative target due so far, or a snapshot's trajectory). A "lower is better"
/// total still in progress cannot be reached yet, unless `reach_early` (a snapshot on its path).
fn status(
    direction: Direction,
    actual: Option<f64>,
    target: Option<f64>,
    to_date: Option<f64>,
    reach_early: bool,
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
        Direction::LowerIsBetter => ((reach_early || to_date.is_none()) && a <= t, a <= due * 1.1),
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
