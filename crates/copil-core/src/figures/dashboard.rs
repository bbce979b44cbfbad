//! Key figures and the météo of each objective (dashboard and synthèse of the report).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{
    all_indicator_figures, funding_by_financeur_year, IndicatorFigures, IndicatorStatus, Pillar,
    Scope,
};
use crate::domain::{ActionStatus, Id, Weather};
use crate::format::{euros_from_cents, integer};
use crate::report::{KeyFigure, Tone};

/// The figures of the dashboard tiles and of the synthèse.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct KeyFigures {
    /// QPVs of the contract (or 1 with a QPV scope).
    pub districts: u32,
    /// Objectives.
    pub objectives: u32,
    /// Themes with at least one objective, out of all themes.
    pub themes_covered: u32,
    /// All themes.
    pub themes: u32,
    /// Indicators.
    pub indicators: u32,
    /// Indicators whose target is reached.
    pub indicators_reached: u32,
    /// Indicators on track.
    pub indicators_on_track: u32,
    /// Indicators late.
    pub indicators_late: u32,
    /// Actions in scope.
    pub actions: u32,
    /// Actions running.
    pub actions_running: u32,
    /// Actions done.
    pub actions_done: u32,
    /// Granted over all years, cents.
    pub granted_cents: i64,
    /// Paid over all years, cents.
    pub paid_cents: i64,
    /// Granted in the scope year, cents.
    pub granted_year_cents: i64,
    /// Decisions still open.
    pub open_decisions: u32,
    /// Open decisions past due.
    pub overdue_decisions: u32,
    /// The followed round's reporting rate (« Bilans 2026 reçus : 9 / 12 (dont 7 à temps) »),
    /// None while no collection round is open.
    #[serde(default)]
    pub bilans: Option<super::ReportingRate>,
}

/// The météo of one objective, with the reason in French.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ObjectiveWeather {
    /// Objective.
    pub objective_id: Id,
    /// Code.
    pub code: String,
    /// Title.
    pub title: String,
    /// Depth in the tree.
    pub depth: u32,
    /// Météo, None when nothing allows an assessment.
    pub weather: Option<Weather>,
    /// Why.
    pub reason: String,
}

/// Key figures for a scope.
pub fn key_figures(p: &Pillar, scope: &Scope) -> KeyFigures {
    key_figures_of(p, scope, &all_indicator_figures(p, scope))
}

/// [`key_figures`] from the indicators' figures already computed for `scope`
/// ([`all_indicator_figures`]), so that a screen showing several of them computes them once.
pub fn key_figures_of(p: &Pillar, scope: &Scope, figures: &[IndicatorFigures]) -> KeyFigures {
    let count = |s: IndicatorStatus| figures.iter().filter(|f| f.status == s).count() as u32;
    let actions: Vec<_> = p.actions_in(scope).collect();
    let funding = funding_by_financeur_year(p, scope);
    let year_index = funding.years.iter().position(|y| *y == scope.year);
    let open: Vec<_> = p.decisions.iter().filter(|d| d.status.is_open()).collect();
    KeyFigures {
        districts: if scope.district_id.is_some() {
            1
        } else {
            p.districts.len() as u32
        },
        objectives: p.objectives.len() as u32,
        themes_covered: p
            .themes
            .iter()
            .filter(|t| p.objectives.iter().any(|o| o.theme_ids.contains(&t.id)))
            .count() as u32,
        themes: p.themes.len() as u32,
        indicators: figures.len() as u32,
        indicators_reached: count(IndicatorStatus::Reached),
        indicators_on_track: count(IndicatorStatus::OnTrack),
        indicators_late: count(IndicatorStatus::Late),
        actions: actions.len() as u32,
        actions_running: actions
            .iter()
            .filter(|a| a.status == ActionStatus::Running)
            .count() as u32,
        actions_done: actions
            .iter()
            .filter(|a| a.status == ActionStatus::Done)
            .count() as u32,
        granted_cents: funding.total.granted_cents,
        paid_cents: funding.total.paid_cents,
        granted_year_cents: year_index
            .map(|i| funding.year_totals[i].granted_cents)
            .unwrap_or(0),
        open_decisions: open.len() as u32,
        overdue_decisions: open.iter().filter(|d| d.is_overdue(scope.today)).count() as u32,
        bilans: super::current_round(p, scope)
            .and_then(|r| super::reporting_rate(p, r.year, scope.today)),
    }
}

/// A key-figure tile, as the dashboard and the report's synthèse both show it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct KeyFigureTile {
    /// What the tile counts, in code (`indicators`, `funding`…): the screen's test ids.
    pub id: String,
    /// Its label, value, detail and tone.
    #[serde(flatten)]
    pub figure: KeyFigure,
}

impl KeyFigureTile {
    fn new(id: &str, label: impl Into<String>, value: String, detail: String) -> Self {
        KeyFigureTile {
            id: id.into(),
            figure: KeyFigure {
                label: label.into(),
                value,
                detail: Some(detail),
                tone: None,
            },
        }
    }

    fn tone(mut self, tone: Tone) -> Self {
        self.figure.tone = Some(tone);
        self
    }
}

/// The key-figure tiles of a scope, worded once: the dashboard and the report's synthèse show
/// these same tiles, so a figure never reads one way on screen and another on paper.
pub fn key_figure_tiles(k: &KeyFigures, scope: &Scope) -> Vec<KeyFigureTile> {
    let mut tiles = vec![
        KeyFigureTile::new(
            "objectives",
            "Objectifs",
            integer(k.objectives as i64),
            format!("{} thèmes sur {} couverts", k.themes_covered, k.themes),
        ),
        KeyFigureTile::new(
            "indicators",
            "Indicateurs atteints",
            format!("{} / {}", k.indicators_reached, k.indicators),
            format!(
                "{} en bonne voie, {} en retard",
                k.indicators_on_track, k.indicators_late
            ),
        )
        .tone(if k.indicators_late > k.indicators_reached {
            Tone::Warning
        } else {
            Tone::Good
        }),
        KeyFigureTile::new(
            "actions",
            "Actions",
            integer(k.actions as i64),
            format!(
                "{} en cours, {} réalisées",
                k.actions_running, k.actions_done
            ),
        ),
        KeyFigureTile::new(
            "funding",
            "Financements attribués",
            euros_from_cents(k.granted_cents),
            format!(
                "dont {} en {} ; versé : {}",
                euros_from_cents(k.granted_year_cents),
                scope.year,
                euros_from_cents(k.paid_cents)
            ),
        ),
        KeyFigureTile::new(
            "decisions",
            "Décisions ouvertes",
            integer(k.open_decisions as i64),
            format!("dont {} en retard", k.overdue_decisions),
        )
        .tone(if k.overdue_decisions > 0 {
            Tone::Bad
        } else {
            Tone::Good
        }),
    ];
    if let Some(rate) = &k.bilans {
        tiles.push(
            KeyFigureTile::new(
                "bilans",
                format!("Bilans {} reçus", rate.year),
                format!("{} / {}", rate.received, rate.expected),
                if rate.late > 0 {
                    format!("dont {} à temps ; {} en retard", rate.on_time, rate.late)
                } else {
                    format!("dont {} à temps", rate.on_time)
                },
            )
            .tone(if rate.late > 0 {
                Tone::Bad
            } else if rate.received < rate.expected {
                Tone::Warning
            } else {
                Tone::Good
            }),
        );
    }
    tiles
}

/// Météo of each objective from its indicators' status and its actions' météo.
///
/// Red: an action in difficulty, or half or more of the indicators late. Amber: an action
/// under watch, an indicator late, without value or not computable. Green otherwise, when there
/// is something to assess.
pub fn objective_weather(p: &Pillar, scope: &Scope) -> Vec<ObjectiveWeather> {
    objective_weather_of(p, scope, &all_indicator_figures(p, scope))
}

/// [`objective_weather`] from the indicators' figures already computed for `scope`.
pub fn objective_weather_of(
    p: &Pillar,
    scope: &Scope,
    figures: &[IndicatorFigures],
) -> Vec<ObjectiveWeather> {
    let objectives_of: HashMap<Id, &[Id]> = p
        .indicators
        .iter()
        .map(|i| (i.id, i.objective_ids.as_slice()))
        .collect();
    p.objective_tree()
        .into_iter()
        .map(|(o, depth)| {
            let subtree = p.subtree(o.id);
            let inds: Vec<&IndicatorFigures> = figures
                .iter()
                .filter(|f| {
                    objectives_of
                        .get(&f.indicator_id)
                        .is_some_and(|ids| ids.iter().any(|id| subtree.contains(id)))
                })
                .collect();
            let actions: Vec<_> = p
                .actions_in(scope)
                .filter(|a| a.objective_ids.iter().any(|id| subtree.contains(id)))
                .collect();
            let late = inds
                .iter()
                .filter(|f| f.status == IndicatorStatus::Late)
                .count();
            let no_value = inds
                .iter()
                .filter(|f| f.status == IndicatorStatus::NoValue)
                .count();
            let not_computable = inds
                .iter()
                .filter(|f| f.status == IndicatorStatus::NotComputable)
                .count();
            let red_actions = actions
                .iter()
                .filter(|a| a.weather == Some(Weather::Red))
                .count();
            let amber_actions = actions
                .iter()
                .filter(|a| a.weather == Some(Weather::Amber))
                .count();
            let assessed = inds
                .iter()
                .filter(|f| f.status != IndicatorStatus::NoTarget)
                .count();
            let mut reasons = Vec::new();
            if late > 0 {
                reasons.push(format!(
                    "{late} indicateur{} en retard sur {}",
                    plural(late),
                    inds.len()
                ));
            }
            if no_value > 0 {
                reasons.push(format!(
                    "{no_value} indicateur{} sans valeur",
                    plural(no_value)
                ));
            }
            if not_computable > 0 {
                reasons.push(format!(
                    "{not_computable} indicateur{s} non calculable{s}",
                    s = plural(not_computable)
                ));
            }
            if red_actions > 0 {
                reasons.push(format!(
                    "{red_actions} action{} en difficulté",
                    plural(red_actions)
                ));
            }
            if amber_actions > 0 {
                reasons.push(format!(
                    "{amber_actions} action{} en vigilance",
                    plural(amber_actions)
                ));
            }
            let weather = if inds.is_empty() && actions.is_empty() {
                reasons.push("ni indicateur ni action".into());
                None
            } else if red_actions > 0 || (assessed > 0 && late * 2 >= assessed && late > 0) {
                Some(Weather::Red)
            } else if amber_actions > 0 || late > 0 || no_value > 0 || not_computable > 0 {
                Some(Weather::Amber)
            } else {
                reasons.push("indicateurs atteints ou en bonne voie".into());
                Some(Weather::Green)
            };
            ObjectiveWeather {
                objective_id: o.id,
                code: o.code.clone(),
                title: o.title.clone(),
                depth: depth as u32,
                weather,
                reason: capitalize(&reasons.join(", ")),
            }
        })
        .collect()
}

fn plural(n: usize) -> &'static str {
    if n > 1 {
        "s"
    } else {
        ""
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// Everything the Tableau de bord shows, computed by the same functions as the report's synthèse.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Dashboard {
    /// The scope the figures were computed for.
    pub scope: Scope,
    /// The figures behind the tiles.
    pub key_figures: KeyFigures,
    /// The key-figure tiles, as the report's synthèse prints them.
    pub tiles: Vec<KeyFigureTile>,
    /// Météo of each objective, in tree order.
    pub weather: Vec<ObjectiveWeather>,
    /// Points d'alerte.
    pub alerts: Vec<super::Alert>,
    /// What changed since the previous report (None when no report was issued yet).
    pub changes: Option<Vec<super::Change>>,
    /// Decisions taken and closed since the previous report, counted from `changes`.
    pub decisions_since: Option<super::DecisionCounts>,
    /// The last issued report, if any.
    pub last_report: Option<crate::store::IssuedReport>,
}

/// The dashboard for `scope`; `previous` is the last issued report (its snapshot is compared).
pub fn dashboard(
    p: &Pillar,
    scope: &Scope,
    previous: Option<&crate::store::IssuedReport>,
) -> Dashboard {
    let figures = all_indicator_figures(p, scope);
    let changes = previous.map(|r| {
        serde_json::from_value::<super::Snapshot>(r.snapshot.clone())
            .map(|s| super::changes_since_of(&s, p, scope, &figures))
            .unwrap_or_default()
    });
    let key_figures = key_figures_of(p, scope, &figures);
    Dashboard {
        decisions_since: changes.as_deref().map(super::DecisionCounts::of),
        scope: *scope,
        tiles: key_figure_tiles(&key_figures, scope),
        key_figures,
        weather: objective_weather_of(p, scope, &figures),
        alerts: super::alerts(p, scope),
        changes,
        last_report: previous.cloned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::{funding_tables, Snapshot};

    #[test]
    fn dashboard_shows_changes_only_after_a_report() {
        let dir = tempfile::tempdir().unwrap();
        let store = crate::demo::create_demo(&dir.path().join("d.copil")).unwrap();
        let p = Pillar::load(&store).unwrap();
        let scope = Scope::today(chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap());
        let first = dashboard(&p, &scope, None);
        assert!(first.changes.is_none() && first.last_report.is_none());
        assert_eq!(first.key_figures, key_figures(&p, &scope));
        assert_eq!(first.weather.len(), p.objectives.len());
        let report = crate::store::IssuedReport {
            kind: crate::store::IssuedKind::Report,
            id: 1,
            issued_at: "2026-11-28T10:00:00".into(),
            meeting_id: None,
            options: serde_json::Value::Null,
            sha256: String::new(),
            snapshot: serde_json::to_value(Snapshot::take(&p, &scope)).unwrap(),
        };
        let after = dashboard(&p, &scope, Some(&report));
        assert_eq!(after.changes, Some(Vec::new()));
        let tables = funding_tables(&p, &scope);
        assert!(!tables.by_theme.is_empty());
    }
}
