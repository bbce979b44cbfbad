//! Synthetic contracts for benchmarks: `medium` and `large` (20 QPVs, 150 indicators, 400 actions
//! reporting in their porteurs' bilans, …).
//!
//! Deterministic: a fixed seed drives a small inline PRNG (splitmix64), so the same size always
//! gives the same content (only audit timestamps and the time of day of issued reports differ).
//! Everything is written through the ordinary `Store::save_*` calls, so every record passes the
//! same validation as a user's edit; the bulk goes into ONE transaction (`Store::import_batch`).
//!
//! The issued reports are recorded without a PDF (copil-core knows nothing of PDF): each one holds
//! the key-figure snapshot of its date and the SHA-256 of the serialized report model (JSON)
//! instead of the SHA-256 of a rendered file.

use std::path::Path;

use chrono::NaiveDate;

use super::{date, siret_with_key};
use crate::domain::*;
use crate::error::Result;
use crate::figures::Pillar;
use crate::report::{build_report, issue, ReportOptions};
use crate::store::Store;

/// Size of a synthetic contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DemoSize {
    /// About a tenth of `Large`.
    Medium,
    /// 20 QPVs, 40 objectives, 150 indicators, 400 actions, 1,500 funding lines, …
    Large,
}

/// How many records of each kind a synthetic contract holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoCounts {
    /// QPVs.
    pub districts: usize,
    /// Strategic objectives (each has `operational_per_strategic` children).
    pub strategic: usize,
    /// Operational objectives under each strategic one.
    pub operational_per_strategic: usize,
    /// Indicators.
    pub indicators: usize,
    /// Actors.
    pub actors: usize,
    /// Actions.
    pub actions: usize,
    /// Funding lines (at most 4 per action).
    pub fundings: usize,
    /// Meetings.
    pub meetings: usize,
    /// Decisions.
    pub decisions: usize,
    /// Issued reports.
    pub reports: usize,
}

impl DemoSize {
    /// Parses `medium` or `large`.
    pub fn parse(text: &str) -> Option<DemoSize> {
        match text.trim().to_ascii_lowercase().as_str() {
            "medium" | "moyen" => Some(DemoSize::Medium),
            "large" | "grand" => Some(DemoSize::Large),
            _ => None,
        }
    }

    /// Name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            DemoSize::Medium => "medium",
            DemoSize::Large => "large",
        }
    }

    /// The record counts of this size.
    pub fn counts(self) -> DemoCounts {
        match self {
            DemoSize::Large => DemoCounts {
                districts: 20,
                strategic: 8,
                operational_per_strategic: 4,
                indicators: 150,
                actors: 120,
                actions: 400,
                fundings: 1500,
                meetings: 40,
                decisions: 300,
                reports: 10,
            },
            DemoSize::Medium => DemoCounts {
                districts: 4,
                strategic: 2,
                operational_per_strategic: 2,
                indicators: 15,
                actors: 12,
                actions: 40,
                fundings: 150,
                meetings: 4,
                decisions: 30,
                reports: 1,
            },
        }
    }
}

/// splitmix64: tiny, fast, good enough for synthetic data.
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (n > 0).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    /// Uniform in `lo..=hi`.
    pub(crate) fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() % (hi - lo + 1) as u64) as i64
    }
    pub(crate) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    /// `k` distinct items of `items` (k ≤ len), in draw order.
    fn distinct<T: Copy + PartialEq>(&mut self, items: &[T], k: usize) -> Vec<T> {
        let mut out = Vec::with_capacity(k);
        while out.len() < k.min(items.len()) {
            let x = *self.pick(items);
            if !out.contains(&x) {
                out.push(x);
            }
        }
        out
    }
}

/// The seed of every synthetic contract.
const SEED: u64 = 0x00C0_F11E_2024_2030;

const COMMUNES: [(&str, &str); 6] = [
    ("93066", "Saint-Denis"),
    ("93001", "Aubervilliers"),
    ("93070", "Saint-Ouen-sur-Seine"),
    ("93059", "Pierrefitte-sur-Seine"),
    ("93072", "Stains"),
    ("93079", "Villetaneuse"),
];

const QUARTERS: [&str; 10] = [
    "Cité",
    "Résidence",
    "Quartier",
    "Les Jardins",
    "Le Clos",
    "Les Tilleuls",
    "La Source",
    "Les Hauts",
    "Le Parc",
    "Les Coteaux",
];

const PLACES: [&str; 10] = [
    "Nord",
    "Sud",
    "du Centre",
    "de la Gare",
    "des Rosiers",
    "Joliot-Curie",
    "Pablo-Picasso",
    "du Moulin",
    "Floréal",
    "Allende",
];

const TOPICS: [&str; 12] = [
    "accès aux droits en ligne",
    "démarches administratives",
    "recherche d'emploi",
    "santé et Ameli",
    "parentalité et ENT",
    "équipement reconditionné",
    "Aidants Connect",
    "Pass numérique",
    "ateliers seniors",
    "cybersécurité du quotidien",
    "médiation en pied d'immeuble",
    "formation des aidants",
];

const AUDIENCES: [&str; 6] = [
    "Seniors",
    "Jeunes 16-25 ans",
    "Allocataires du RSA",
    "Parents d'élèves",
    "Demandeurs d'emploi",
    "Tout public",
];

/// Writes a synthetic contract of `size` to a new file at `path`.
pub fn create_large_demo(path: &Path, size: DemoSize) -> Result<Store> {
    let n = size.counts();
    let mut rng = Rng(SEED ^ n.actions as u64);
    let mut contract = Contract::new(
        &format!(
            "Contrat de ville synthétique ({}) – Plaine Commune 2024–2030",
            size.name()
        ),
        "Établissement public territorial Plaine Commune",
    );
    contract.communes = COMMUNES
        .iter()
        .map(|(insee, name)| Commune {
            insee: (*insee).into(),
            name: (*name).into(),
        })
        .collect();
    contract.signatories = vec![
        "Préfecture de la Seine-Saint-Denis".into(),
        "Établissement public territorial Plaine Commune".into(),
        "Villes du territoire".into(),
        "CAF de la Seine-Saint-Denis".into(),
    ];
    let mut store = Store::create(path, &contract)?;
    let summary = format!("données synthétiques ({})", size.name());
    let copils = store.import_batch("demo", &summary, |s| fill(s, &n, &mut rng))?;
    issue_reports(&mut store, &copils, n.reports)?;
    Ok(store)
}

/// Everything but the issued reports; returns the COPIL meetings (id, date).
fn fill(s: &mut Store, n: &DemoCounts, rng: &mut Rng) -> Result<Vec<(Id, NaiveDate)>> {
    let themes: Vec<Id> = s.themes()?.iter().map(|t| t.id).collect();

    // QPVs: QN + 093 + two digits + a letter.
    let mut qpv = Vec::with_capacity(n.districts);
    for k in 0..n.districts {
        let letter = (b'A' + (k % 26) as u8) as char;
        let commune = COMMUNES[k % COMMUNES.len()].0;
        let d = District {
            id: 0,
            code: format!("QN093{:02}{letter}", k + 1),
            name: format!(
                "{} {} ({})",
                QUARTERS[k % QUARTERS.len()],
                PLACES[(k / QUARTERS.len() + k) % PLACES.len()],
                COMMUNES[k % COMMUNES.len()].1
            ),
            communes: vec![commune.into()],
            population: Some(rng.range(1_500, 12_000)),
            ifn: Some(rng.range(50, 95) as f64 / 10.0),
        };
        qpv.push(s.save_district(&d)?.id);
    }

    // Objectives: strategic ones, each with operational children, each linked to 2–4 themes.
    let mut operational = Vec::new();
    for k in 0..n.strategic {
        let nt = 2 + rng.below(3);
        let parent = s
            .save_objective(&Objective {
                id: 0,
                parent_id: None,
                code: format!("{}", k + 1),
                title: format!(
                    "Axe {} : inclusion numérique et {}",
                    k + 1,
                    TOPICS[k % TOPICS.len()]
                ),
                description: "Objectif stratégique synthétique.".into(),
                theme_ids: rng.distinct(&themes, nt),
            })?
            .id;
        for j in 0..n.operational_per_strategic {
            let nt = 2 + rng.below(3);
            let id = s
                .save_objective(&Objective {
                    id: 0,
                    parent_id: Some(parent),
                    code: format!("{}.{}", k + 1, j + 1),
                    title: format!(
                        "Développer l'offre : {} (volet {})",
                        TOPICS[(k * 3 + j) % TOPICS.len()],
                        j + 1
                    ),
                    description: "Objectif opérationnel synthétique.".into(),
                    theme_ids: rng.distinct(&themes, nt),
                })?
                .id;
            operational.push(id);
        }
    }

    // Actors: associations mostly, some collectivités, État, bailleurs, companies.
    let kinds = [
        ActorKind::Association,
        ActorKind::Association,
        ActorKind::Association,
        ActorKind::LocalAuthority,
        ActorKind::State,
        ActorKind::SocialLandlord,
        ActorKind::Company,
        ActorKind::Other,
    ];
    let mut actors = Vec::with_capacity(n.actors);
    for k in 0..n.actors {
        let kind = kinds[k % kinds.len()];
        let nl = rng.below(3);
        let nd = 1 + rng.below(3);
        let siren = 400_000_000 + (k as u64) * 7_919;
        let a = Actor {
            id: 0,
            name: format!("{} {} n° {}", kind.label(), TOPICS[k % TOPICS.len()], k + 1),
            kind,
            siret: (k % 5 != 4).then(|| siret_with_key(&format!("{siren:09}{:04}", k % 10_000))),
            labels: rng.distinct(ActorLabel::ALL, nl),
            district_ids: rng.distinct(&qpv, nd),
            contact: format!("contact{}@exemple.invalid", k + 1),
        };
        actors.push(s.save_actor(&a)?.id);
    }

    // Indicators: targets 2024–2030, values every year; half followed by QPV.
    let units = [
        (Unit::Persons, IndicatorKind::Cumulative),
        (Unit::Accompaniments, IndicatorKind::Cumulative),
        (Unit::Sessions, IndicatorKind::Cumulative),
        (Unit::Hours, IndicatorKind::Cumulative),
        (Unit::Percent, IndicatorKind::Snapshot),
        (Unit::Count, IndicatorKind::Snapshot),
        (Unit::Score, IndicatorKind::Snapshot),
        (Unit::Fte, IndicatorKind::Snapshot),
        (Unit::Cheques, IndicatorKind::Cumulative),
        (Unit::Euros, IndicatorKind::Cumulative),
    ];
    let years: Vec<i32> = (2024..=2030).collect();
    for k in 0..n.indicators {
        let (unit, kind) = units[k % units.len()];
        let direction = if unit == Unit::Score || (unit == Unit::Percent && k % 3 == 0) {
            Direction::LowerIsBetter
        } else {
            Direction::HigherIsBetter
        };
        let by_district = k % 2 == 0;
        let base = match unit {
            Unit::Percent => rng.range(20, 70) as f64,
            Unit::Score => rng.range(4, 8) as f64,
            Unit::Fte => rng.range(2, 12) as f64,
            Unit::Count => rng.range(3, 40) as f64,
            _ => rng.range(100, 4_000) as f64,
        };
        let value_at = |t: usize, noise: f64| -> f64 {
            let step = match direction {
                Direction::HigherIsBetter => 1.0 + 0.04 * t as f64,
                Direction::LowerIsBetter => 1.0 - 0.03 * t as f64,
            };
            let v = base * step * noise;
            match unit {
                Unit::Percent => (v * 10.0).round().clamp(0.0, 1000.0) / 10.0,
                Unit::Score => (v * 10.0).round().clamp(10.0, 100.0) / 10.0,
                Unit::Fte | Unit::Hours | Unit::Euros => (v * 10.0).round() / 10.0,
                _ => v.round().max(0.0),
            }
        };
        let nobj = 1 + rng.below(2);
        let ind = Indicator {
            id: 0,
            name: format!(
                "I{:03} – {} ({})",
                k + 1,
                TOPICS[k % TOPICS.len()],
                unit.label()
            ),
            unit,
            direction,
            kind,
            baseline_value: Some(value_at(0, 0.9)),
            baseline_date: Some(date(2023, 12, 31)),
            source: ["Capuni", "Bilans des porteurs", "CAF", "Observatoire local"][k % 4].into(),
            by_district,
            targets: years
                .iter()
                .enumerate()
                .map(|(t, &year)| Target {
                    year,
                    value: value_at(t, 1.05),
                })
                .collect(),
            objective_ids: rng.distinct(&operational, nobj),
        };
        let id = s.save_indicator(&ind)?.id;
        let value = |s: &mut Store, year: i32, district: Option<Id>, v: f64| -> Result<()> {
            s.save_measurement(&Measurement {
                id: 0,
                indicator_id: id,
                year,
                date: None,
                district_id: district,
                action_id: None,
                value: v,
                base: None,
                source: String::new(),
                comment: String::new(),
                received_on: None,
            })
            .map(|_| ())
        };
        for (t, &year) in years.iter().enumerate() {
            let share = if by_district && kind == IndicatorKind::Cumulative {
                qpv.len() as f64
            } else {
                1.0
            };
            if !(by_district && kind == IndicatorKind::Cumulative) {
                let noise = 0.9 + rng.below(20) as f64 / 100.0;
                value(s, year, None, value_at(t, noise))?;
            }
            if by_district {
                for &d in &qpv {
                    let noise = 0.8 + rng.below(40) as f64 / 100.0;
                    let v = value_at(t, noise / share);
                    value(s, year, Some(d), v)?;
                }
            }
        }
    }

    // Actions.
    let statuses = [
        ActionStatus::Planned,
        ActionStatus::Running,
        ActionStatus::Running,
        ActionStatus::Done,
        ActionStatus::Postponed,
        ActionStatus::Abandoned,
    ];
    let mut actions = Vec::with_capacity(n.actions);
    for k in 0..n.actions {
        let start_year = 2024 + rng.below(6) as i32;
        let start = date(
            start_year,
            1 + rng.below(12) as u32,
            1 + rng.below(28) as u32,
        );
        let end = date((start_year + rng.below(3) as i32).min(2030), 12, 31);
        let weather = match rng.below(4) {
            0 => None,
            1 => Some(Weather::Amber),
            2 => Some(Weather::Red),
            _ => Some(Weather::Green),
        };
        let nd = 1 + rng.below(3);
        let no = 1 + rng.below(2);
        let nt = 1 + rng.below(3);
        let a = Action {
            id: 0,
            title: format!(
                "A{:03} – {} pour les {} ",
                k + 1,
                TOPICS[k % TOPICS.len()],
                AUDIENCES[k % AUDIENCES.len()].to_lowercase()
            )
            .trim()
            .to_string(),
            description: "Action synthétique du banc d'essai.".into(),
            porteur_id: Some(*rng.pick(&actors)),
            status: *rng.pick(&statuses),
            start_date: Some(start),
            end_date: Some(end),
            audience: AUDIENCES[k % AUDIENCES.len()].into(),
            weather,
            weather_comment: if weather == Some(Weather::Red) {
                "Difficulté de recrutement du médiateur.".into()
            } else {
                String::new()
            },
            district_ids: rng.distinct(&qpv, nd),
            objective_ids: rng.distinct(&operational, no),
            theme_ids: rng.distinct(&themes, nt),
            reported_indicator_ids: vec![],
        };
        actions.push(s.save_action(&a)?.id);
    }

    // Funding lines: at most 4 per action, each with a distinct financeur (unique action+financeur+year).
    let per_action = n.fundings.div_ceil(n.actions.max(1));
    assert!(per_action <= 4, "at most 4 funding lines per action");
    for k in 0..n.fundings {
        let a = k % n.actions;
        let j = k / n.actions;
        let financeur = Financeur::ALL[(a + j * 3) % Financeur::ALL.len()];
        let year = 2024 + ((a + j) % 7) as i32;
        let requested = rng.range(2_000, 60_000) * 100;
        let granted = requested * rng.range(50, 100) / 100;
        let paid = if year <= 2026 {
            granted * rng.range(0, 100) / 100
        } else {
            0
        };
        let cpo = k % 4 == 0;
        s.save_funding(&Funding {
            id: 0,
            action_id: actions[a],
            financeur,
            year,
            requested_cents: Some(requested),
            granted_cents: granted,
            paid_cents: paid,
            scheme: if cpo {
                FundingScheme::Cpo
            } else {
                FundingScheme::CallForProjects
            },
            cpo_start_year: cpo.then_some(year),
            crf_received_on: (year <= 2025 && k % 3 != 0).then(|| date(year + 1, 5, 15)),
            comment: String::new(),
        })?;
    }

    // Meetings, alternating COPIL and COTECH over the contract, with participants.
    let mut meetings = Vec::with_capacity(n.meetings);
    let mut copils = Vec::new();
    for k in 0..n.meetings {
        let year = 2024 + (k * 7 / n.meetings.max(1)) as i32;
        let day = date(year, 1 + ((k * 5) % 12) as u32, 1 + (k % 27) as u32);
        let kind = if k % 2 == 0 {
            MeetingKind::Copil
        } else {
            MeetingKind::Cotech
        };
        let participants = vec![
            Participant {
                actor_id: None,
                label: "Associations".into(),
                kind: ActorKind::Association,
                headcount: rng.range(5, 30),
            },
            Participant {
                actor_id: None,
                label: "Collectivités".into(),
                kind: ActorKind::LocalAuthority,
                headcount: rng.range(3, 15),
            },
            Participant {
                actor_id: Some(*rng.pick(&actors)),
                label: "Services de l'État".into(),
                kind: ActorKind::State,
                headcount: rng.range(1, 4),
            },
        ];
        let id = s
            .save_meeting(&Meeting {
                id: 0,
                kind,
                title: format!("{} n° {} – pilier inclusion numérique", kind.label(), k + 1),
                date: day,
                place: format!("Salle {}", PLACES[k % PLACES.len()]),
                agenda: "Suivi des indicateurs ; programmation ; décisions.".into(),
                participants,
            })?
            .id;
        meetings.push((id, day));
        if kind == MeetingKind::Copil {
            copils.push((id, day));
        }
    }

    // Decisions, spread over the meetings; those due before mid-2026 are mostly done.
    let cutoff = date(2026, 6, 30);
    for k in 0..n.decisions {
        let (meeting, day) = meetings[k % meetings.len()];
        let due = day + chrono::Days::new(30 + rng.below(300) as u64);
        let status = if due < cutoff {
            [
                DecisionStatus::Done,
                DecisionStatus::Done,
                DecisionStatus::Dropped,
                DecisionStatus::InProgress,
            ][rng.below(4)]
        } else {
            [DecisionStatus::Todo, DecisionStatus::InProgress][rng.below(2)]
        };
        s.save_decision(&Decision {
            id: 0,
            meeting_id: meeting,
            text: format!(
                "D{:03} – Suivre {} dans les QPV",
                k + 1,
                TOPICS[k % TOPICS.len()]
            ),
            owner: format!("Référent {}", PLACES[k % PLACES.len()]),
            due_date: Some(due),
            status,
            closed_on: (!status.is_open()).then_some(due),
            ..Decision::new(meeting, "", "")
        })?;
    }
    fill_bilans(s)?;
    Ok(copils)
}

/// The porteurs' bilans at scale: every action reports up to four of its objectives' indicators;
/// rounds 2024 and 2025 (mostly received, a few never) and 2026 (under way, due 31 January 2027).
/// A second generator keeps the rest of the contract as it was before the bilans existed.
fn fill_bilans(s: &mut Store) -> Result<()> {
    let mut rng = Rng(SEED ^ 0xB11A_2026);
    let p = Pillar::load(s)?;
    for a in &p.actions {
        let mut reported = crate::figures::proposed_reported_indicators(&p, a);
        reported.truncate(4);
        s.save_action(&Action {
            reported_indicator_ids: reported,
            ..a.clone()
        })?;
    }
    let p = Pillar::load(s)?;
    for (year, due) in [
        (2024, date(2025, 1, 31)),
        (2025, date(2026, 1, 31)),
        (2026, date(2027, 1, 31)),
    ] {
        s.save_collection_round(&CollectionRound {
            id: 0,
            year,
            due_date: due,
            comment: format!("Bilans annuels {year}."),
            receipts: vec![],
        })?;
        let expected = crate::figures::expected_values(&p, year);
        let mut k = 0;
        while k < expected.len() {
            let action = expected[k].action_id;
            let end = expected[k..]
                .iter()
                .position(|v| v.action_id != action)
                .map_or(expected.len(), |n| k + n);
            // How much of its bilan the action sent: all, part, or nothing yet.
            let share = match (year, rng.below(20)) {
                (2026, 0..=8) => 0.0,
                (2026, 9..=12) => 0.5,
                (_, 0) => 0.0,
                _ => 1.0,
            };
            let day = if year == 2026 {
                date(2026, 10, 1) + chrono::Days::new(rng.below(58) as u64)
            } else {
                date(year + 1, 1, 3) + chrono::Days::new(rng.below(45) as u64)
            };
            let owed = &expected[k..end];
            let sent = (owed.len() as f64 * share).ceil() as usize;
            for v in &owed[..sent.min(owed.len())] {
                let (value, base) = contribution(&mut rng, v.unit);
                s.save_measurement(&Measurement {
                    id: 0,
                    indicator_id: v.indicator_id,
                    year,
                    date: None,
                    district_id: v.district_id,
                    action_id: Some(action),
                    value,
                    base,
                    source: format!("Bilan {year} du porteur"),
                    comment: String::new(),
                    received_on: Some(day),
                })?;
            }
            k = end;
        }
    }
    Ok(())
}

/// One action's plausible figure in a unit (with its base for a percentage).
fn contribution(rng: &mut Rng, unit: Unit) -> (f64, Option<f64>) {
    match unit {
        Unit::Percent => (
            rng.range(200, 900) as f64 / 10.0,
            Some(rng.range(20, 300) as f64),
        ),
        Unit::Hours => (rng.range(100, 5_000) as f64 / 10.0, None),
        Unit::Euros => (rng.range(1_000, 20_000) as f64, None),
        Unit::Fte => (rng.range(5, 30) as f64 / 10.0, None),
        _ => (rng.range(5, 200) as f64, None),
    }
}

/// Issues `count` reports at the dates of the first COPILs (the last ones fall back to later dates).
fn issue_reports(store: &mut Store, copils: &[(Id, NaiveDate)], count: usize) -> Result<()> {
    for k in 0..count {
        let (meeting, day) = copils
            .get(k)
            .map(|&(id, d)| (Some(id), d))
            .unwrap_or((None, date(2026, 1 + (k % 12) as u32, 15)));
        let mut options = ReportOptions::for_today(day);
        options.meeting_id = meeting;
        let pillar = Pillar::load(store)?;
        let previous = issue::previous_report(store, &options)?;
        let doc = build_report(&pillar, &options, previous.as_ref());
        let model = serde_json::to_vec(&doc).unwrap_or_default();
        issue::record_issued(store, &pillar, &options, &model)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medium_demo_has_its_counts_and_is_deterministic() {
        let dir = tempfile::tempdir().unwrap();
        let n = DemoSize::Medium.counts();
        let a = create_large_demo(&dir.path().join("a.copil"), DemoSize::Medium).unwrap();
        let p = Pillar::load(&a).unwrap();
        assert_eq!(p.districts.len(), n.districts);
        assert_eq!(
            p.objectives.len(),
            n.strategic * (1 + n.operational_per_strategic)
        );
        assert_eq!(p.indicators.len(), n.indicators);
        assert_eq!(p.actors.len(), n.actors);
        assert_eq!(p.actions.len(), n.actions);
        assert_eq!(p.fundings.len(), n.fundings);
        assert_eq!(p.meetings.len(), n.meetings);
        assert_eq!(p.decisions.len(), n.decisions);
        assert_eq!(a.issued_reports().unwrap().len(), n.reports);
        assert!(p.objectives.iter().all(|o| !o.theme_ids.is_empty()));
        let b = create_large_demo(&dir.path().join("b.copil"), DemoSize::Medium).unwrap();
        let q = Pillar::load(&b).unwrap();
        assert_eq!(p.measurements, q.measurements);
        assert_eq!(p.fundings, q.fundings);
        assert_eq!(p.actions, q.actions);
    }
}
