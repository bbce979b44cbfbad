//! La Coop de la médiation numérique: the figures its exports give, and which indicator and
//! which action each one feeds (the mapping the user sets once and the contract file keeps).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{coded_enum, Id, Unit};

coded_enum! {
    /// A figure computed from an export of La Coop (or from the older conseiller numérique
    /// « Statistiques » file) that can feed an indicator of the contract.
    CoopMeasure {
        /// Accompaniments: one per participant of an activity (one row of the export).
        Accompaniments = "accompagnements" => "Accompagnements",
        /// Persons accompanied; from an export, accompaniments of identified beneficiaries when
        /// unique persons cannot be counted.
        Persons = "personnes" => "Personnes accompagnées",
        /// Activities (individual accompaniments and workshops): distinct `ID CRA`.
        Activities = "activites" => "Activités (accompagnements individuels et ateliers)",
        /// Individual accompaniments.
        IndividualAccompaniments = "accompagnements_individuels" => "Accompagnements individuels",
        /// Collective workshops (distinct activities).
        Workshops = "ateliers" => "Ateliers collectifs",
        /// Participants of the collective workshops (their accompaniments).
        WorkshopParticipants = "participants_ateliers" => "Participants aux ateliers",
        /// Hours of mediation: the durations of the distinct activities, never per participant.
        Hours = "heures" => "Heures de médiation",
        /// Accompaniments whose beneficiary was redirected to another structure.
        Redirections = "reorientations" => "Réorientations vers une autre structure",
        /// Share of the accompaniments of people living in a commune that has a QPV, with its base.
        QpvShare = "part_qpv" => "Part des accompagnements de résidents d'une commune à QPV",
    }
}

impl CoopMeasure {
    /// Units of the indicators this measure may feed (a count never feeds a share or a score).
    pub fn units(self) -> &'static [Unit] {
        match self {
            CoopMeasure::Hours => &[Unit::Hours],
            CoopMeasure::QpvShare => &[Unit::Percent],
            CoopMeasure::Persons | CoopMeasure::WorkshopParticipants => {
                &[Unit::Persons, Unit::Accompaniments, Unit::Count]
            }
            CoopMeasure::Activities | CoopMeasure::Workshops => &[Unit::Sessions, Unit::Count],
            CoopMeasure::Accompaniments | CoopMeasure::IndividualAccompaniments => {
                &[Unit::Accompaniments, Unit::Sessions, Unit::Count]
            }
            CoopMeasure::Redirections => &[Unit::Count, Unit::Accompaniments, Unit::Persons],
        }
    }

    /// The unit an indicator fed by this measure is expected to have first (the proposal).
    pub fn preferred_unit(self) -> Unit {
        self.units()[0]
    }

    /// Words of an indicator's name that make it the proposed one for this measure (folded).
    pub fn keywords(self) -> &'static [&'static str] {
        match self {
            CoopMeasure::Accompaniments => &["accompagnement"],
            CoopMeasure::Persons => &["personne"],
            CoopMeasure::Activities => &["activite", "seance"],
            CoopMeasure::IndividualAccompaniments => &["individuel"],
            CoopMeasure::Workshops => &["atelier"],
            CoopMeasure::WorkshopParticipants => &["participant"],
            CoopMeasure::Hours => &["heure", "duree", "temps"],
            CoopMeasure::Redirections => &["orient", "redirection", "redirige"],
            CoopMeasure::QpvShare => &["qpv", "quartier"],
        }
    }

    /// Words that, besides one of [`CoopMeasure::keywords`], make an indicator a better proposal.
    pub fn hints(self) -> &'static [&'static str] {
        match self {
            CoopMeasure::Persons => &["accompagn", "unique"],
            CoopMeasure::QpvShare => &["resid", "accompagn"],
            CoopMeasure::Hours => &["mediation"],
            CoopMeasure::Workshops => &["collectif"],
            _ => &[],
        }
    }

    /// Whether the accompaniments it counts can be split between QPVs (an activity-level
    /// figure — activities, workshops, hours — can gather residents of several QPVs).
    pub fn splits_by_district(self) -> bool {
        matches!(
            self,
            CoopMeasure::Accompaniments
                | CoopMeasure::Persons
                | CoopMeasure::IndividualAccompaniments
                | CoopMeasure::WorkshopParticipants
                | CoopMeasure::Redirections
        )
    }
}

/// Which indicator one measure feeds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MeasureLink {
    /// The measure.
    pub measure: CoopMeasure,
    /// The indicator it feeds; None: not imported.
    pub indicator_id: Option<Id>,
    /// Whether the user (or a real import) saved this link; false: Copil's proposal.
    pub saved: bool,
}

/// Which action the activities of one place go to, when an export is split by `Nom du lieu`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PlaceLink {
    /// `Nom du lieu` as the export writes it (trimmed); empty for activities without a place
    /// (à domicile, à distance).
    pub place: String,
    /// The action.
    pub action_id: Id,
}

/// The whole mapping of the contract: every measure, and the places already assigned.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CoopMapping {
    /// Every measure, in the order of [`CoopMeasure::ALL`].
    pub measures: Vec<MeasureLink>,
    /// Places assigned to an action, by place.
    pub places: Vec<PlaceLink>,
}

impl CoopMapping {
    /// The indicator a measure feeds.
    pub fn indicator_of(&self, measure: CoopMeasure) -> Option<Id> {
        self.measures
            .iter()
            .find(|l| l.measure == measure)
            .and_then(|l| l.indicator_id)
    }

    /// The action a place's activities go to.
    pub fn action_of(&self, place: &str) -> Option<Id> {
        self.places
            .iter()
            .find(|l| l.place == place)
            .map(|l| l.action_id)
    }
}

/// How a place is named to the user (« (sans lieu) » for activities at home or at a distance).
pub fn place_label(place: &str) -> &str {
    if place.is_empty() {
        NO_PLACE
    } else {
        place
    }
}

/// The name of the place of activities that have none (à domicile, à distance).
pub const NO_PLACE: &str = "(sans lieu)";

coded_enum! {
    /// Which file of La Coop an import read.
    CoopFileKind {
        /// The activities export (`coop-numerique_accompagnements_AAAA-MM-JJ.xlsx`).
        Export = "export" => "export des activités de La Coop",
        /// The older conseiller numérique « Statistiques » file (CSV).
        Statistics = "statistics" => "statistiques conseiller numérique",
    }
}

coded_enum! {
    /// How La Coop describes a beneficiary: the breakdowns the report shows.
    BreakdownDimension {
        /// `Genre du bénéficiaire`.
        Genre = "genre" => "Genre",
        /// `Tranche d’âge du bénéficiaire`.
        AgeBand = "age" => "Tranche d'âge",
        /// `Statut du bénéficiaire`.
        Status = "status" => "Statut",
    }
}

impl BreakdownDimension {
    /// La Coop's categories, in the order shown (the last one is « not told »).
    pub fn categories(self) -> &'static [&'static str] {
        match self {
            BreakdownDimension::Genre => &["Féminin", "Masculin", "Non communiqué"],
            BreakdownDimension::AgeBand => &[
                "Moins de 12 ans",
                "12 - 17 ans",
                "18 - 24 ans",
                "25 - 39 ans",
                "40 - 59 ans",
                "60 - 69 ans",
                "70 ans et plus",
                "Non communiqué",
            ],
            BreakdownDimension::Status => &[
                "Scolarisé",
                "Sans emploi",
                "En emploi",
                "Retraité",
                "Non communiqué ou hétérogène",
            ],
        }
    }

    /// La Coop's label for a cell as written (case, accents, spaces and apostrophes aside), or
    /// the text itself when it is none of them; a blank cell is « not told ».
    pub fn category(self, text: &str) -> String {
        let key = |s: &str| -> String {
            crate::text::fold(s)
                .chars()
                .filter(|c| c.is_alphanumeric())
                .collect()
        };
        let categories = self.categories();
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return categories[categories.len() - 1].to_string();
        }
        // La Coop's own spelling, on nearly every row of an export: no folding.
        if let Some(c) = categories.iter().find(|c| **c == trimmed) {
            return c.to_string();
        }
        let k = key(text);
        categories
            .iter()
            .find(|c| key(c) == k)
            .map(|c| c.to_string())
            .unwrap_or_else(|| text.trim().to_string())
    }
}

/// Copil's proposal for the measures the user has not linked yet: for each measure, an indicator
/// of one of its units whose name has one of its words, each indicator proposed once.
pub fn propose_mapping(
    indicators: &[super::Indicator],
    saved: &[(CoopMeasure, Option<Id>)],
) -> Vec<MeasureLink> {
    let mut used: Vec<Id> = saved.iter().filter_map(|(_, i)| *i).collect();
    CoopMeasure::ALL
        .iter()
        .map(|&measure| {
            if let Some((_, indicator_id)) = saved.iter().find(|(m, _)| *m == measure) {
                return MeasureLink {
                    measure,
                    indicator_id: *indicator_id,
                    saved: true,
                };
            }
            let best = indicators
                .iter()
                .filter(|i| measure.units().contains(&i.unit) && !used.contains(&i.id))
                .filter_map(|i| {
                    let name = crate::text::fold(&i.name);
                    let has = |words: &[&str]| words.iter().filter(|k| name.contains(*k)).count();
                    let hits = has(measure.keywords());
                    (hits > 0).then_some((
                        hits + has(measure.hints()),
                        i.unit == measure.preferred_unit(),
                        i,
                    ))
                })
                .max_by(|a, b| {
                    (a.0, a.1)
                        .cmp(&(b.0, b.1))
                        .then_with(|| b.2.name.cmp(&a.2.name))
                })
                .map(|(_, _, i)| i.id);
            if let Some(id) = best {
                used.push(id);
            }
            MeasureLink {
                measure,
                indicator_id: best,
                saved: false,
            }
        })
        .collect()
}
