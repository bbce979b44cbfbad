//! The publics of the accompaniments imported from La Coop: breakdowns by genre, age band and
//! status, and what the reader must know about its « personnes » and its QPVs. The report's
//! indicators section and the Indicateurs screen show the same figure.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Pillar;
use crate::domain::{BreakdownDimension, CoopMeasure, Id, Unit};
use crate::store::CoopImportRecord;

/// One category of a breakdown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BreakdownCategory {
    /// La Coop's label (`Féminin`, `25 - 39 ans`…).
    pub label: String,
    /// Accompaniments in it.
    pub accompaniments: u32,
    /// Share of the accompaniments, in %.
    pub share: f64,
}

/// Accompaniments by one dimension (genre, age band or status).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Breakdown {
    /// Which dimension.
    pub dimension: BreakdownDimension,
    /// All accompaniments.
    pub total: u32,
    /// Each category, La Coop's first (in its order), then any other label found.
    pub categories: Vec<BreakdownCategory>,
}

/// A breakdown from counts by category.
pub fn breakdown_of<'a>(
    dimension: BreakdownDimension,
    counts: impl IntoIterator<Item = (&'a str, u32)>,
) -> Breakdown {
    let mut by: BTreeMap<String, u32> = BTreeMap::new();
    for (label, n) in counts {
        *by.entry(label.to_string()).or_default() += n;
    }
    let total: u32 = by.values().sum();
    let mut labels: Vec<String> = dimension
        .categories()
        .iter()
        .filter(|c| by.contains_key(**c))
        .map(|c| c.to_string())
        .collect();
    labels.extend(
        by.keys()
            .filter(|k| !dimension.categories().contains(&k.as_str()))
            .cloned(),
    );
    Breakdown {
        dimension,
        total,
        categories: labels
            .into_iter()
            .map(|label| {
                let n = by[&label];
                BreakdownCategory {
                    share: if total > 0 {
                        f64::from(n) * 100.0 / f64::from(total)
                    } else {
                        0.0
                    },
                    accompaniments: n,
                    label,
                }
            })
            .collect(),
    }
}

/// One file of La Coop behind the figures of a year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CoopSource {
    /// Action it fed.
    pub action_id: Id,
    /// Its title.
    pub action: String,
    /// « La Coop de la médiation numérique, export du … ».
    pub source: String,
    /// Accompaniments of that year.
    pub accompaniments: u32,
}

/// An indicator fed by La Coop in a year, with what La Coop gave it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CoopFed {
    /// Indicator.
    pub indicator_id: Id,
    /// Its name.
    pub name: String,
    /// Its unit.
    pub unit: Unit,
    /// The measures feeding it.
    pub measures: Vec<CoopMeasure>,
    /// The values La Coop gave it that year, added up (a share: none, see its base).
    pub value: Option<f64>,
}

/// The publics of the year's accompaniments from La Coop, and the caveats that go with them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CoopPublics {
    /// Year (the latest with an import, up to the one asked).
    pub year: i32,
    /// The files behind it.
    pub sources: Vec<CoopSource>,
    /// Indicators fed that year.
    pub fed: Vec<CoopFed>,
    /// Accompaniments in all.
    pub accompaniments: u32,
    /// By genre, age band and status.
    pub breakdowns: Vec<Breakdown>,
    /// What « personnes » from La Coop are, when an indicator in persons is fed.
    pub persons_note: Option<String>,
    /// Which communes stood for which QPVs.
    pub qpv_note: Option<String>,
}

/// Said when a persons indicator is fed from exports that do not name the beneficiaries.
pub const COOP_PERSONS_ARE_ACCOMPANIMENTS: &str = "Les « personnes » issues de La Coop de la médiation numérique sont des accompagnements de bénéficiaires : l'export ne permet pas de compter des personnes uniques, une personne accompagnée trois fois y compte trois fois.";

/// Said when the exports name the beneficiaries.
pub const COOP_PERSONS_ARE_NAMED: &str = "Les « personnes » issues de La Coop de la médiation numérique comptent une fois chaque bénéficiaire nommé dans l'export, et une personne par accompagnement anonyme (un anonyme revenu deux fois compte deux fois).";

/// The publics of La Coop's accompaniments of `year` (or of the latest earlier year with an
/// import), for every fed indicator or only `indicator_id`; None without any import.
pub fn coop_publics(p: &Pillar, year: i32, indicator_id: Option<Id>) -> Option<CoopPublics> {
    let feeds = |r: &CoopImportRecord| {
        indicator_id.is_none_or(|id| {
            r.contributions.iter().any(|(m, _)| {
                p.measurements
                    .iter()
                    .any(|x| x.id == *m && x.indicator_id == id)
            })
        })
    };
    let year = p
        .field
        .coop
        .iter()
        .filter(|r| r.year <= year && feeds(r))
        .map(|r| r.year)
        .max()?;
    let records: Vec<&CoopImportRecord> = p
        .field
        .coop
        .iter()
        .filter(|r| r.year == year && feeds(r))
        .collect();
    let title = |id: Id| {
        p.actions
            .iter()
            .find(|a| a.id == id)
            .map(|a| a.title.clone())
            .unwrap_or_default()
    };
    let sources = records
        .iter()
        .map(|r| CoopSource {
            action_id: r.action_id,
            action: title(r.action_id),
            source: r.source.clone(),
            accompaniments: r.accompaniments,
        })
        .collect();
    let mut fed: Vec<CoopFed> = Vec::new();
    for r in &records {
        for (measurement, measure) in &r.contributions {
            let Some(m) = p.measurements.iter().find(|x| x.id == *measurement) else {
                continue;
            };
            if indicator_id.is_some_and(|id| id != m.indicator_id) {
                continue;
            }
            let Some(ind) = p.indicators.iter().find(|i| i.id == m.indicator_id) else {
                continue;
            };
            let line = match fed.iter_mut().position(|f| f.indicator_id == ind.id) {
                Some(i) => &mut fed[i],
                None => {
                    fed.push(CoopFed {
                        indicator_id: ind.id,
                        name: ind.name.clone(),
                        unit: ind.unit,
                        measures: Vec::new(),
                        value: (ind.unit != Unit::Percent).then_some(0.0),
                    });
                    fed.last_mut().expect("just pushed")
                }
            };
            if !line.measures.contains(measure) {
                line.measures.push(*measure);
            }
            if let Some(v) = line.value.as_mut() {
                *v += m.value;
            }
        }
    }
    fed.sort_by(|a, b| a.name.cmp(&b.name));
    let breakdowns = BreakdownDimension::ALL
        .iter()
        .map(|d| {
            breakdown_of(
                *d,
                records.iter().flat_map(|r| {
                    r.breakdowns
                        .iter()
                        .filter(|(x, _, _)| x == d)
                        .map(|(_, label, n)| (label.as_str(), *n))
                }),
            )
        })
        .filter(|b| b.total > 0)
        .collect();
    let persons_fed = fed.iter().any(|f| f.unit == Unit::Persons);
    let persons_note = persons_fed.then(|| {
        if records.iter().all(|r| r.unique_persons) {
            COOP_PERSONS_ARE_NAMED
        } else {
            COOP_PERSONS_ARE_ACCOMPANIMENTS
        }
        .to_string()
    });
    Some(CoopPublics {
        year,
        sources,
        accompaniments: records.iter().map(|r| r.accompaniments).sum(),
        fed,
        breakdowns,
        persons_note,
        qpv_note: qpv_note(p, &records),
    })
}

/// « Les quartiers sont repérés par la commune du bénéficiaire… »: which communes stood for
/// which QPVs, and those whose accompaniments could not be attributed.
fn qpv_note(p: &Pillar, records: &[&CoopImportRecord]) -> Option<String> {
    let mut communes: BTreeMap<&str, (&str, Vec<&str>, bool, u32)> = BTreeMap::new();
    for r in records {
        for c in &r.communes {
            let e = communes.entry(c.insee.as_str()).or_insert((
                c.name.as_str(),
                c.district_codes.iter().map(String::as_str).collect(),
                c.attributed_to.is_some(),
                0,
            ));
            e.3 += c.accompaniments;
        }
    }
    if communes.is_empty() {
        return None;
    }
    let name_of = |insee: &str, written: &str| {
        p.contract
            .communes
            .iter()
            .find(|c| c.insee == insee)
            .map(|c| c.name.clone())
            .unwrap_or_else(|| written.to_string())
    };
    let attributed: Vec<String> = communes
        .iter()
        .filter(|(_, v)| v.2)
        .map(|(insee, v)| format!("{} ({insee}) pour {}", name_of(insee, v.0), v.1.join(", ")))
        .collect();
    let shared: Vec<String> = communes
        .iter()
        .filter(|(_, v)| !v.2)
        .map(|(insee, v)| format!("{} ({insee} : {})", name_of(insee, v.0), v.1.join(", ")))
        .collect();
    let mut text = "Les quartiers sont repérés par la commune du bénéficiaire, l'export de La Coop ne donnant pas son adresse".to_string();
    if !attributed.is_empty() {
        text.push_str(&format!(
            " : les accompagnements de résidents de {} leur sont attribués",
            attributed.join(", ")
        ));
    }
    if !shared.is_empty() {
        text.push_str(&format!(
            " ; {} {} plusieurs QPV : leurs résidents ne sont attribués à aucun quartier et restent dans la valeur du territoire",
            shared.join(", "),
            if shared.len() > 1 { "comptent" } else { "compte" }
        ));
    }
    text.push_str(". La part des résidents d'une commune à QPV est donc une borne haute de la part des habitants des quartiers.");
    Some(text)
}
