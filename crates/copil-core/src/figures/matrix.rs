//! The transversality matrix: objectives × themes, with actions, indicators and funding in each cell.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Pillar, Scope};
use crate::domain::{Id, Theme};

/// One cell: an objective crossed with a theme.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MatrixCell {
    /// The objective is declared as contributing to the theme.
    pub linked: bool,
    /// Actions of the objective that touch the theme.
    pub action_ids: Vec<Id>,
    /// Indicators of the objective (counted where the objective is linked to the theme).
    pub indicator_ids: Vec<Id>,
    /// Funding granted (attribué) to those actions, all years, in cents.
    pub granted_cents: i64,
}

/// A row of the matrix: one objective.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MatrixRow {
    /// Objective id.
    pub objective_id: Id,
    /// Code (`1.2`).
    pub code: String,
    /// Title.
    pub title: String,
    /// Depth in the tree (0 = strategic).
    pub depth: u32,
    /// One cell per theme, in the order of [`Matrix::themes`].
    pub cells: Vec<MatrixCell>,
}

/// The whole matrix.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Matrix {
    /// Columns.
    pub themes: Vec<Theme>,
    /// Rows in tree order.
    pub rows: Vec<MatrixRow>,
    /// Number of objectives linked to each theme (0 means the theme has no digital-inclusion objective).
    pub objectives_per_theme: Vec<u32>,
    /// The risk of dilution in one sentence, naming the themes without objective (the screen and
    /// the report print it under the matrix); None when every theme has one.
    pub dilution: Option<String>,
}

/// Builds the matrix; an action without themes counts in every theme of its objective.
pub fn transversality_matrix(p: &Pillar, scope: &Scope) -> Matrix {
    let actions: Vec<_> = p.actions_in(scope).collect();
    let rows: Vec<MatrixRow> = p
        .objective_tree()
        .into_iter()
        .map(|(o, depth)| {
            let cells = p
                .themes
                .iter()
                .map(|t| {
                    let linked = o.theme_ids.contains(&t.id);
                    let action_ids: Vec<Id> = actions
                        .iter()
                        .filter(|a| a.objective_ids.contains(&o.id))
                        .filter(|a| {
                            a.theme_ids.contains(&t.id) || (a.theme_ids.is_empty() && linked)
                        })
                        .map(|a| a.id)
                        .collect();
                    let indicator_ids = if linked {
                        p.indicators
                            .iter()
                            .filter(|i| i.objective_ids.contains(&o.id))
                            .map(|i| i.id)
                            .collect()
                    } else {
                        Vec::new()
                    };
                    let granted_cents = p
                        .fundings
                        .iter()
                        .filter(|f| action_ids.contains(&f.action_id))
                        .map(|f| f.granted_cents)
                        .sum();
                    MatrixCell {
                        linked,
                        action_ids,
                        indicator_ids,
                        granted_cents,
                    }
                })
                .collect();
            MatrixRow {
                objective_id: o.id,
                code: o.code.clone(),
                title: o.title.clone(),
                depth: depth as u32,
                cells,
            }
        })
        .collect();
    let objectives_per_theme: Vec<u32> = p
        .themes
        .iter()
        .map(|t| {
            p.objectives
                .iter()
                .filter(|o| o.theme_ids.contains(&t.id))
                .count() as u32
        })
        .collect();
    let diluted: Vec<&str> = p
        .themes
        .iter()
        .zip(&objectives_per_theme)
        .filter(|(_, n)| **n == 0)
        .map(|(t, _)| t.name.as_str())
        .collect();
    Matrix {
        themes: p.themes.clone(),
        rows,
        objectives_per_theme,
        dilution: (!diluted.is_empty()).then(|| {
            format!(
                "Risque de dilution : aucun objectif d'inclusion numérique pour {}.",
                diluted.join(", ")
            )
        }),
    }
}
