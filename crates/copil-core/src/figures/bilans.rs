//! The porteurs' bilans of a collection round: what each action owes, what arrived, when, and
//! the reporting rate (bilans received / expected, dont à temps).
//!
//! Expected bilans are the actions active in the round's year × the indicators they report on
//! (× their QPVs for an indicator followed by QPV).

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Pillar, Scope};
use crate::domain::{
    coded_enum, Action, CollectionRound, ConsolidationRule, Id, Measurement, Unit,
};
use crate::format::date_long;

coded_enum! {
    /// Where one action's bilan of a round stands.
    BilanState {
        /// Nothing received yet, the due date has not passed.
        Expected = "expected" => "Attendu",
        /// Some of the expected values received, the due date has not passed.
        Partial = "partial" => "Partiel",
        /// Every expected value received, or marked received by hand.
        Received = "received" => "Reçu",
        /// The due date has passed and the bilan is not complete.
        Late = "late" => "En retard",
    }
}

/// One value a round expects: an action's figure for one of its indicators (and QPV).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ExpectedValue {
    /// Action that owes it.
    pub action_id: Id,
    /// Indicator.
    pub indicator_id: Id,
    /// Indicator name.
    pub indicator: String,
    /// Its unit.
    pub unit: Unit,
    /// QPV, for an indicator followed by QPV in an action that takes place in QPVs.
    pub district_id: Option<Id>,
    /// QPV code, empty for the whole territory.
    pub district_code: String,
    /// Year.
    pub year: i32,
    /// The recorded value, if it arrived.
    pub measurement_id: Option<Id>,
    /// Its value.
    pub value: Option<f64>,
    /// Its base (percentages).
    pub base: Option<f64>,
    /// When it arrived.
    pub received_on: Option<NaiveDate>,
    /// The action's value of the year before, for reference in the porteur's workbook.
    pub previous_value: Option<f64>,
}

/// One action's bilan in a round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BilanStatus {
    /// Action.
    pub action_id: Id,
    /// Its title.
    pub action: String,
    /// Its porteur.
    pub porteur_id: Option<Id>,
    /// Porteur's name, empty when none is set.
    pub porteur: String,
    /// Where it stands.
    pub state: BilanState,
    /// « Reçu le »: the day marked by hand, else the day its last expected value arrived (once complete).
    pub received_on: Option<NaiveDate>,
    /// Whether the chef de projet marked it received by hand.
    pub marked_received: bool,
    /// Received by the due date (false while not received).
    pub on_time: bool,
    /// Values expected from it.
    pub values_expected: u32,
    /// Values received.
    pub values_received: u32,
    /// Each expected value, by indicator then QPV.
    pub values: Vec<ExpectedValue>,
}

/// The reporting rate of a round (DHIS2's: reports expected, received, received on time).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReportingRate {
    /// Year of the round.
    pub year: i32,
    /// Its due date.
    pub due_date: NaiveDate,
    /// Bilans expected.
    pub expected: u32,
    /// Bilans received.
    pub received: u32,
    /// Of which received by the due date.
    pub on_time: u32,
    /// Bilans partly received (due date not passed).
    pub partial: u32,
    /// Bilans late.
    pub late: u32,
    /// « Bilans 2026 reçus : 9 / 12 (dont 7 à temps) ».
    pub text: String,
}

/// Everything about one round: each bilan's state and the reporting rate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RoundStatus {
    /// The round.
    pub round: CollectionRound,
    /// Today's date the states were judged on.
    pub today: NaiveDate,
    /// Each expected bilan, by porteur then action.
    pub bilans: Vec<BilanStatus>,
    /// Received / expected, dont à temps.
    pub rate: ReportingRate,
    /// Actions active that year that list no indicator: nothing is expected from them.
    pub actions_without_indicators: Vec<Id>,
}

/// How many of the actions expected to report an indicator in a round's year have.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Reporting {
    /// Year of the round.
    pub year: i32,
    /// Actions expected to report it.
    pub expected: u32,
    /// Actions whose every expected value of it arrived.
    pub responded: u32,
    /// Expected actions still missing.
    pub missing_action_ids: Vec<Id>,
    /// « 5 actions sur 6 ont répondu ».
    pub text: String,
}

/// The indicators an action should report on by default: those of its objectives (and their
/// sub-objectives) that an action can contribute to (not the scores, territory-level only).
pub fn proposed_reported_indicators(p: &Pillar, action: &Action) -> Vec<Id> {
    let mut objectives: Vec<Id> = Vec::new();
    for &o in &action.objective_ids {
        for id in p.subtree(o) {
            if !objectives.contains(&id) {
                objectives.push(id);
            }
        }
    }
    p.indicators
        .iter()
        .filter(|i| i.unit.consolidation() != ConsolidationRule::TerritoryOnly)
        .filter(|i| i.objective_ids.iter().any(|o| objectives.contains(o)))
        .map(|i| i.id)
        .collect()
}

/// The round of `year`, if one was opened.
pub fn round_of(p: &Pillar, year: i32) -> Option<&CollectionRound> {
    p.rounds.iter().find(|r| r.year == year)
}

/// The round the dashboard and the report follow: the scope year's, else the latest before it.
pub fn current_round<'a>(p: &'a Pillar, scope: &Scope) -> Option<&'a CollectionRound> {
    round_of(p, scope.year).or_else(|| {
        p.rounds
            .iter()
            .filter(|r| r.year < scope.year)
            .max_by_key(|r| r.year)
    })
}

/// Every value a bilan of `year` should hold: actions active that year × their reported
/// indicators (× their QPVs for an indicator followed by QPV), by action then indicator.
pub fn expected_values(p: &Pillar, year: i32) -> Vec<ExpectedValue> {
    Expectations::new(p, year).values
}

/// Each bilan of the round of `year` judged on `today`, with the reporting rate.
pub fn round_status(p: &Pillar, year: i32, today: NaiveDate) -> Option<RoundStatus> {
    let round = round_of(p, year)?;
    let expectations = Expectations::new(p, year);
    let porteurs: HashMap<Id, &str> = p.actors.iter().map(|a| (a.id, a.name.as_str())).collect();
    let mut by_action: HashMap<Id, Vec<ExpectedValue>> = HashMap::new();
    for v in expectations.values {
        by_action.entry(v.action_id).or_default().push(v);
    }
    let mut bilans: Vec<BilanStatus> = p
        .actions
        .iter()
        .filter_map(|a| {
            let values = by_action.remove(&a.id)?;
            Some(bilan(round, a, values, &porteurs, today))
        })
        .collect();
    bilans.sort_by_cached_key(|b| {
        (
            b.porteur.is_empty(),
            crate::text::fold(&b.porteur),
            crate::text::fold(&b.action),
            b.action_id,
        )
    });
    let count = |s: BilanState| bilans.iter().filter(|b| b.state == s).count() as u32;
    let received = count(BilanState::Received);
    let on_time = bilans.iter().filter(|b| b.on_time).count() as u32;
    let expected = bilans.len() as u32;
    let rate = ReportingRate {
        year,
        due_date: round.due_date,
        expected,
        received,
        on_time,
        partial: count(BilanState::Partial),
        late: count(BilanState::Late),
        text: format!("Bilans {year} reçus : {received} / {expected} (dont {on_time} à temps)"),
    };
    Some(RoundStatus {
        round: round.clone(),
        today,
        bilans,
        rate,
        actions_without_indicators: expectations.without_indicators,
    })
}

/// The reporting rate of the round of `year` on `today`.
pub fn reporting_rate(p: &Pillar, year: i32, today: NaiveDate) -> Option<ReportingRate> {
    round_status(p, year, today).map(|s| s.rate)
}

/// For each indicator expected in the round of `year`: how many expected actions have reported
/// it (within one QPV when `district` is set). Empty when no round is open for that year.
pub fn indicator_reporting(p: &Pillar, year: i32, district: Option<Id>) -> HashMap<Id, Reporting> {
    if round_of(p, year).is_none() {
        return HashMap::new();
    }
    // indicator → action → (expected, received)
    let mut tally: HashMap<Id, Vec<(Id, u32, u32)>> = HashMap::new();
    for v in Expectations::new(p, year).values {
        if district.is_some_and(|d| v.district_id != Some(d)) {
            continue;
        }
        let actions = tally.entry(v.indicator_id).or_default();
        let got = u32::from(v.value.is_some());
        match actions.iter_mut().find(|(a, _, _)| *a == v.action_id) {
            Some(entry) => {
                entry.1 += 1;
                entry.2 += got;
            }
            None => actions.push((v.action_id, 1, got)),
        }
    }
    tally
        .into_iter()
        .map(|(indicator, actions)| {
            let expected = actions.len() as u32;
            let missing: Vec<Id> = actions
                .iter()
                .filter(|(_, e, r)| r < e)
                .map(|(a, _, _)| *a)
                .collect();
            let responded = expected - missing.len() as u32;
            (
                indicator,
                Reporting {
                    year,
                    expected,
                    responded,
                    missing_action_ids: missing,
                    text: responded_text(responded, expected),
                },
            )
        })
        .collect()
}

/// « 5 actions sur 6 ont répondu », « 1 action sur 6 a répondu », « aucune action sur 6 n'a répondu ».
pub fn responded_text(responded: u32, expected: u32) -> String {
    match responded {
        0 => format!("aucune action sur {expected} n'a répondu"),
        1 => format!("1 action sur {expected} a répondu"),
        n => format!("{n} actions sur {expected} ont répondu"),
    }
}

/// Bilans of `round` received after `since` (the previous report's day), by porteur then action.
pub fn bilans_received_after(status: &RoundStatus, since: NaiveDate) -> Vec<&BilanStatus> {
    status
        .bilans
        .iter()
        .filter(|b| b.state == BilanState::Received && b.received_on.is_some_and(|d| d > since))
        .collect()
}

/// The sentence of a late bilan (alerts, reminders): porteur, action, due date in full.
pub fn late_bilan_text(year: i32, due_date: NaiveDate, b: &BilanStatus) -> String {
    let porteur = if b.porteur.is_empty() {
        "porteur non renseigné"
    } else {
        &b.porteur
    };
    let progress = if b.values_received > 0 {
        format!(
            " ; {} valeur{} reçue{} sur {}",
            b.values_received,
            plural(b.values_received),
            plural(b.values_received),
            b.values_expected
        )
    } else {
        String::new()
    };
    format!(
        "Bilan {year} en retard : {porteur} — « {} » (attendu le {}{progress}).",
        b.action,
        date_long(due_date)
    )
}

/// A reminder to one porteur whose bilans are late, to copy into a message (Copil sends none).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Reminder {
    /// The porteur (None for actions without one).
    pub porteur_id: Option<Id>,
    /// Its name, empty when none is set.
    pub porteur: String,
    /// Late bilans it is reminded of.
    pub actions: u32,
    /// « Objet : … ».
    pub subject: String,
    /// The message, in French, ready to paste.
    pub body: String,
}

/// One reminder per porteur whose bilans of the round of `year` are late on `today`, listing
/// what each late bilan still owes. Empty when no round is open or nothing is late.
pub fn bilan_reminders(p: &Pillar, year: i32, today: NaiveDate) -> Vec<Reminder> {
    let Some(status) = round_status(p, year, today) else {
        return Vec::new();
    };
    let due = date_long(status.round.due_date);
    let mut out: Vec<Reminder> = Vec::new();
    for b in status.bilans.iter().filter(|b| b.state == BilanState::Late) {
        let missing: Vec<String> = b
            .values
            .iter()
            .filter(|v| v.value.is_none())
            .map(|v| {
                if v.district_code.is_empty() {
                    v.indicator.clone()
                } else {
                    format!("{} ({})", v.indicator, v.district_code)
                }
            })
            .collect();
        let line = format!(
            "- « {} » : {} valeur{} sur {} à nous transmettre ({}).",
            b.action,
            missing.len(),
            plural(missing.len() as u32),
            b.values_expected,
            missing.join(", ")
        );
        match out.iter_mut().find(|r| r.porteur_id == b.porteur_id) {
            Some(r) => {
                r.actions += 1;
                r.body.push_str(&line);
                r.body.push('\n');
            }
            None => out.push(Reminder {
                porteur_id: b.porteur_id,
                porteur: b.porteur.clone(),
                actions: 1,
                subject: format!(
                    "Objet : bilan {year} du volet inclusion numérique du contrat de ville — relance"
                ),
                body: format!("{line}\n"),
            }),
        }
    }
    for r in &mut out {
        let which = if r.actions > 1 {
            "des actions suivantes"
        } else {
            "de l'action suivante"
        };
        r.body = format!(
            "Bonjour,\n\n\
             Sauf erreur de notre part, le bilan {year} {which}, attendu pour le {due}, ne nous est pas encore parvenu en entier :\n\
             {}\n\
             Pourriez-vous nous le retourner dès que possible, en complétant le classeur de bilan {year} que nous vous avons adressé ? \
             Si une valeur n'est pas encore connue, dites-le-nous : elle restera attendue.\n\n\
             Merci par avance, et bien cordialement,\n\n\
             L'équipe politique de la ville — {}",
            r.body,
            p.contract.name
        );
    }
    out
}

fn plural(n: u32) -> &'static str {
    if n > 1 {
        "s"
    } else {
        ""
    }
}

fn bilan(
    round: &CollectionRound,
    a: &Action,
    values: Vec<ExpectedValue>,
    porteurs: &HashMap<Id, &str>,
    today: NaiveDate,
) -> BilanStatus {
    let expected = values.len() as u32;
    let received = values.iter().filter(|v| v.value.is_some()).count() as u32;
    let marked = round.receipt_of(a.id);
    let complete = marked.is_some() || received == expected;
    let received_on = match marked {
        Some(day) => Some(day),
        None if complete => values.iter().filter_map(|v| v.received_on).max(),
        None => None,
    };
    let state = if complete {
        BilanState::Received
    } else if today > round.due_date {
        BilanState::Late
    } else if received > 0 {
        BilanState::Partial
    } else {
        BilanState::Expected
    };
    BilanStatus {
        action_id: a.id,
        action: a.title.clone(),
        porteur_id: a.porteur_id,
        porteur: a
            .porteur_id
            .and_then(|id| porteurs.get(&id))
            .map(|n| n.to_string())
            .unwrap_or_default(),
        state,
        received_on,
        marked_received: marked.is_some(),
        // A value with no day recorded (written by another tool) is not held against the porteur.
        on_time: complete && received_on.is_none_or(|d| d <= round.due_date),
        values_expected: expected,
        values_received: received,
        values,
    }
}

/// The expected values of one year, matched against what was recorded (built once per call).
struct Expectations {
    values: Vec<ExpectedValue>,
    without_indicators: Vec<Id>,
}

impl Expectations {
    fn new(p: &Pillar, year: i32) -> Expectations {
        let mut recorded: HashMap<(Id, Id, Option<Id>, i32), &Measurement> = HashMap::new();
        for m in &p.measurements {
            if let Some(a) = m.action_id.filter(|_| m.year == year || m.year == year - 1) {
                recorded.insert((a, m.indicator_id, m.district_id, m.year), m);
            }
        }
        let indicators: HashMap<Id, &crate::domain::Indicator> =
            p.indicators.iter().map(|i| (i.id, i)).collect();
        let codes: HashMap<Id, &str> = p
            .districts
            .iter()
            .map(|d| (d.id, d.code.as_str()))
            .collect();
        let mut values = Vec::new();
        let mut without_indicators = Vec::new();
        let mut seen: HashSet<(Id, Id, Option<Id>)> = HashSet::new();
        for a in p.actions.iter().filter(|a| a.is_active_in(year)) {
            let mut any = false;
            for ind_id in &a.reported_indicator_ids {
                let Some(ind) = indicators.get(ind_id) else {
                    continue;
                };
                if ind.unit.consolidation() == ConsolidationRule::TerritoryOnly {
                    continue;
                }
                let places: Vec<Option<Id>> = if ind.by_district && !a.district_ids.is_empty() {
                    a.district_ids.iter().map(|d| Some(*d)).collect()
                } else {
                    vec![None]
                };
                for district in places {
                    if !seen.insert((a.id, ind.id, district)) {
                        continue;
                    }
                    any = true;
                    let got = recorded.get(&(a.id, ind.id, district, year));
                    values.push(ExpectedValue {
                        action_id: a.id,
                        indicator_id: ind.id,
                        indicator: ind.name.clone(),
                        unit: ind.unit,
                        district_id: district,
                        district_code: district
                            .and_then(|d| codes.get(&d))
                            .map(|c| c.to_string())
                            .unwrap_or_default(),
                        year,
                        measurement_id: got.map(|m| m.id),
                        value: got.map(|m| m.value),
                        base: got.and_then(|m| m.base),
                        received_on: got.and_then(|m| m.received_on),
                        previous_value: recorded
                            .get(&(a.id, ind.id, district, year - 1))
                            .map(|m| m.value),
                    });
                }
            }
            if !any {
                without_indicators.push(a.id);
            }
        }
        Expectations {
            values,
            without_indicators,
        }
    }
}
