//! The « Diagnostic de fragilité numérique » (seed 001's *diagnostic spécifique*): each commune's
//! indice de fragilité numérique and its components, the EPCI's, the QPVs lying in the most
//! fragile communes, and the « score » indicators the IFN can feed. The report's section and
//! the screen show this same figure.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Pillar;
use crate::domain::{ifn_source, FragilityScore, Id, IfnDivision, Unit};
use crate::format::number;

/// One commune of the contract and its score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CommuneFragility {
    /// INSEE code.
    pub insee: String,
    /// Name (the contract's).
    pub name: String,
    /// Its line in La MedNum's file; None when the file has none.
    pub score: Option<FragilityScore>,
    /// Codes of the QPVs lying in it.
    pub districts: Vec<String>,
    /// Whether it is among the most fragile communes of the contract.
    pub most_fragile: bool,
}

/// A QPV and the scores of its communes (several communes: one score each, never averaged).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DistrictFragility {
    /// QPV.
    pub district_id: Id,
    /// Its code.
    pub code: String,
    /// Its name.
    pub name: String,
    /// Its IFN as recorded.
    pub ifn: Option<f64>,
    /// Each of its communes: (INSEE code, name, score).
    pub communes: Vec<(String, String, Option<f64>)>,
    /// Whether it lies (at least partly) in one of the most fragile communes.
    pub in_most_fragile: bool,
}

/// A « score » indicator of the contract, which the IFN import can feed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ScoreIndicator {
    /// Indicator.
    pub indicator_id: Id,
    /// Its name.
    pub name: String,
    /// Whether it is followed by QPV.
    pub by_district: bool,
    /// Latest year the IFN import fed it, if it did.
    pub fed_year: Option<i32>,
}

/// The whole diagnostic.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Diagnostic {
    /// « Indice de fragilité numérique, La MedNum (fichier … du …) »; None before any import.
    pub source: Option<String>,
    /// The file's date.
    pub file_date: Option<NaiveDate>,
    /// The contract's communes, most fragile first (those without a score last).
    pub communes: Vec<CommuneFragility>,
    /// The EPCI's line.
    pub epci: Option<FragilityScore>,
    /// What « most fragile » is measured against: the EPCI's score, else the communes' median.
    pub threshold: Option<f64>,
    /// That threshold said in French (« celui de l'EPCI, 6,1 »).
    pub threshold_text: String,
    /// Each QPV with its communes' scores.
    pub districts: Vec<DistrictFragility>,
    /// Which QPVs lie in the most fragile communes, said in French.
    pub most_fragile_text: Option<String>,
    /// « score » indicators of the contract.
    pub score_indicators: Vec<ScoreIndicator>,
    /// Contract communes the file has no line for.
    pub missing: Vec<String>,
}

/// The diagnostic of the contract from the scores imported.
pub fn diagnostic(p: &Pillar) -> Diagnostic {
    let scores: Vec<&FragilityScore> = p
        .field
        .ifn
        .iter()
        .filter(|s| s.division == IfnDivision::City)
        .collect();
    let epci = p
        .field
        .ifn
        .iter()
        .find(|s| {
            s.division == IfnDivision::Epci
                && p.contract.epci_siren.as_deref() == Some(s.code.as_str())
        })
        .cloned();
    let first = scores.first().copied().or(epci.as_ref());
    let mut communes: Vec<CommuneFragility> = p
        .contract
        .communes
        .iter()
        .map(|c| CommuneFragility {
            insee: c.insee.clone(),
            name: c.name.clone(),
            score: scores
                .iter()
                .find(|s| s.code == c.insee)
                .map(|s| (*s).clone()),
            districts: p
                .districts
                .iter()
                .filter(|d| d.communes.contains(&c.insee))
                .map(|d| d.code.clone())
                .collect(),
            most_fragile: false,
        })
        .collect();
    let total = |c: &CommuneFragility| c.score.as_ref().and_then(|s| s.total);
    communes.sort_by(|a, b| {
        total(b)
            .partial_cmp(&total(a))
            .unwrap_or(std::cmp::Ordering::Equal)
            .then_with(|| a.name.cmp(&b.name))
    });
    let totals: Vec<f64> = communes.iter().filter_map(total).collect();
    let (threshold, threshold_text) = match epci.as_ref().and_then(|e| e.total) {
        Some(t) => (
            Some(t),
            format!("supérieur à celui de l'EPCI, {}", number(t, 1)),
        ),
        None if !totals.is_empty() => {
            let mut sorted = totals.clone();
            sorted.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
            let m = if sorted.len() % 2 == 1 {
                sorted[sorted.len() / 2]
            } else {
                (sorted[sorted.len() / 2 - 1] + sorted[sorted.len() / 2]) / 2.0
            };
            (
                Some(m),
                format!(
                    "supérieur à la médiane des communes du contrat, {}",
                    number(m, 1)
                ),
            )
        }
        None => (None, String::new()),
    };
    if let Some(t) = threshold {
        let max = totals.iter().copied().fold(f64::MIN, f64::max);
        let above = totals.iter().any(|v| *v > t);
        for c in &mut communes {
            if let Some(v) = total(c) {
                c.most_fragile = if above { v > t } else { v >= max };
            }
        }
    }
    let districts: Vec<DistrictFragility> = p
        .districts
        .iter()
        .map(|d| {
            let per: Vec<(String, String, Option<f64>)> = d
                .communes
                .iter()
                .map(|insee| {
                    let c = communes.iter().find(|c| &c.insee == insee);
                    (
                        insee.clone(),
                        c.map(|c| c.name.clone()).unwrap_or_default(),
                        c.and_then(total),
                    )
                })
                .collect();
            DistrictFragility {
                district_id: d.id,
                code: d.code.clone(),
                name: d.name.clone(),
                ifn: d.ifn,
                in_most_fragile: d
                    .communes
                    .iter()
                    .any(|insee| communes.iter().any(|c| &c.insee == insee && c.most_fragile)),
                communes: per,
            }
        })
        .collect();
    let in_fragile: Vec<String> = districts
        .iter()
        .filter(|d| d.in_most_fragile)
        .map(|d| {
            let fragile: Vec<String> = d
                .communes
                .iter()
                .filter(|(insee, _, _)| {
                    communes.iter().any(|c| &c.insee == insee && c.most_fragile)
                })
                .map(|(_, name, v)| {
                    format!("{name}, {}", v.map(|v| number(v, 1)).unwrap_or_default())
                })
                .collect();
            let part = if fragile.len() < d.communes.len() {
                " — en partie"
            } else {
                ""
            };
            format!("{} {} ({}{part})", d.code, d.name, fragile.join(" ; "))
        })
        .collect();
    let most_fragile_text = (!in_fragile.is_empty()).then(|| {
        format!(
            "QPV situés dans les communes les plus fragiles (score {threshold_text}) : {}.",
            in_fragile.join(" ; ")
        )
    });
    let score_indicators = p
        .indicators
        .iter()
        .filter(|i| i.unit == Unit::Score)
        .map(|i| ScoreIndicator {
            indicator_id: i.id,
            name: i.name.clone(),
            by_district: i.by_district,
            fed_year: p
                .measurements
                .iter()
                .filter(|m| {
                    m.indicator_id == i.id
                        && m.source
                            .starts_with("Indice de fragilité numérique, La MedNum")
                })
                .map(|m| m.year)
                .max(),
        })
        .collect();
    let missing = communes
        .iter()
        .filter(|c| c.score.is_none())
        .map(|c| format!("{} ({})", c.name, c.insee))
        .collect();
    Diagnostic {
        source: first.map(|s| ifn_source(&s.file_name, s.file_date)),
        file_date: first.map(|s| s.file_date),
        communes,
        epci,
        threshold,
        threshold_text,
        districts,
        most_fragile_text,
        score_indicators,
        missing: if scores.is_empty() {
            Vec::new()
        } else {
            missing
        },
    }
}
