//! The objective tree as every screen lists it, and the numbering rule of new objectives.

use serde::Serialize;
use ts_rs::TS;

use super::Pillar;
use crate::domain::{Id, Objective};

/// An objective at its place in the tree.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ObjectiveNode {
    /// The objective.
    pub objective: Objective,
    /// Depth in the tree (0 = strategic).
    pub depth: u32,
}

/// The objectives in tree order (each parent followed by its children, codes in natural order),
/// as the matrix, the météo and the report list them.
pub fn objective_nodes(p: &Pillar) -> Vec<ObjectiveNode> {
    p.objective_tree()
        .into_iter()
        .map(|(o, depth)| ObjectiveNode {
            objective: o.clone(),
            depth: depth as u32,
        })
        .collect()
}

impl Pillar {
    /// The code a new objective gets under `parent`: one more than the last number used by its
    /// siblings (`3` at the top after `1` and `2`, `1.4` under `1` after `1.3`).
    pub fn next_objective_code(&self, parent: Option<Id>) -> String {
        let last = self
            .objectives
            .iter()
            .filter(|o| o.parent_id == parent)
            .filter_map(|o| o.code.rsplit('.').next()?.trim().parse::<u64>().ok())
            .max()
            .unwrap_or(0);
        match parent.and_then(|id| self.objectives.iter().find(|o| o.id == id)) {
            Some(p) => format!("{}.{}", p.code, last + 1),
            None => (last + 1).to_string(),
        }
    }
}
