//! The demo contract: a realistic digital-inclusion pillar built from the seeds (Lens 2022 workshop).
//!
//! Deterministic: the same content on every run (only audit timestamps differ).

use std::path::Path;

use chrono::NaiveDate;

use crate::domain::*;
use crate::error::Result;
use crate::store::Store;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid demo date")
}

/// Completes 13 digits with their Luhn key into a valid SIRET.
pub fn siret_with_key(first13: &str) -> String {
    (0..10)
        .map(|k| format!("{first13}{k}"))
        .find(|s| actor_siret_ok(s))
        .expect("a Luhn key exists")
}

fn actor_siret_ok(s: &str) -> bool {
    let a = Actor {
        id: 0,
        name: "x".into(),
        kind: ActorKind::Other,
        siret: Some(s.into()),
        labels: vec![],
        district_ids: vec![],
        contact: String::new(),
    };
    a.validate().is_empty()
}

/// Writes the demo contract to a new file at `path`.
pub fn create_demo(path: &Path) -> Result<Store> {
    let mut contract = Contract::new(
        "Contrat de ville de Lens-Liévin 2024–2030",
        "Communauté d'agglomération de Lens-Liévin",
    );
    contract.communes = vec![
        Commune {
            insee: "62498".into(),
            name: "Lens".into(),
        },
        Commune {
            insee: "62510".into(),
            name: "Liévin".into(),
        },
        Commune {
            insee: "62065".into(),
            name: "Avion".into(),
        },
        Commune {
            insee: "62413".into(),
            name: "Harnes".into(),
        },
    ];
    contract.signatories = vec![
        "Préfecture du Pas-de-Calais".into(),
        "Communauté d'agglomération de Lens-Liévin".into(),
        "Villes de Lens, Liévin, Avion et Harnes".into(),
        "CAF du Pas-de-Calais".into(),
        "Région Hauts-de-France".into(),
    ];
    let mut s = Store::create(path, &contract)?;
    let themes = s.themes()?;
    let theme = |name: &str| {
        themes
            .iter()
            .find(|t| t.name == name)
            .map(|t| t.id)
            .expect("default theme")
    };

    // QPVs (2024 codes: QN + 062 + number + letter).
    let mut qpv = Vec::new();
    for (code, name, insee, population, ifn) in [
        (
            "QN06201M",
            "Cité 12-14 – Grande Résidence",
            vec!["62498"],
            5120,
            7.8,
        ),
        ("QN06202A", "Cités 4 et 9", vec!["62498"], 3980, 7.1),
        (
            "QN06203C",
            "Vent de Bise – Résidence Riaumont",
            vec!["62510"],
            4450,
            6.9,
        ),
        (
            "QN06204D",
            "République – Cité du 7",
            vec!["62065", "62510"],
            3310,
            7.4,
        ),
        ("QN06205F", "Cité Bellevue", vec!["62413"], 2870, 6.6),
    ] {
        let d = District {
            id: 0,
            code: code.into(),
            name: name.into(),
            communes: insee.into_iter().map(String::from).collect(),
            population: Some(population),
            ifn: Some(ifn),
        };
        qpv.push(s.save_district(&d)?.id);
    }

    // Objective tree, from the Lens 2022 préconisations.
    let obj = |s: &mut Store,
               parent: Option<Id>,
               code: &str,
               title: &str,
               description: &str,
               themes: &[&str]|
     -> Result<Id> {
        let o = Objective {
            id: 0,
            parent_id: parent,
            code: code.into(),
            title: title.into(),
            description: description.into(),
            theme_ids: themes.iter().map(|t| theme(t)).collect(),
        };
        Ok(s.save_objective(&o)?.id)
    };
    let o1 = obj(&mut s, None, "1", "Faire de l'inclusion numérique un pilier transversal du contrat de ville",
        "Préconisation de Lens (2022) : un pilier transversal, avec des indicateurs dédiés, un diagnostic spécifique et un suivi continu.",
        &["Accès aux droits", "Participation citoyenne"])?;
    let o11 = obj(&mut s, Some(o1), "1.1", "Doter le pilier d'indicateurs dédiés et d'un diagnostic de fragilité numérique",
        "Indice de fragilité numérique par QPV, tableau de bord partagé, suivi par les porteurs et les comités de pilotage.",
        &["Accès aux droits", "Participation citoyenne"])?;
    let o12 = obj(&mut s, Some(o1), "1.2", "Accompagner les habitants des QPV vers l'autonomie numérique",
        "Médiation individuelle et ateliers collectifs, au service de l'accès aux droits, de l'emploi, de la santé et de l'école.",
        &["Accès aux droits", "Emploi et développement économique", "Éducation", "Santé", "Égalité femmes-hommes"])?;
    let o2 = obj(
        &mut s,
        None,
        "2",
        "Coordonner et mettre en réseau les acteurs de la médiation numérique",
        "Repérer les acteurs, favoriser les rencontres, mutualiser les compétences et les moyens.",
        &["Culture et lien social", "Participation citoyenne"],
    )?;
    let o21 = obj(
        &mut s,
        Some(o2),
        "2.1",
        "Animer un réseau local et des comités de pratiques",
        "Réunir techniciens instructeurs et associations soutenues au titre du BOP 147.",
        &["Culture et lien social"],
    )?;
    let o22 = obj(
        &mut s,
        Some(o2),
        "2.2",
        "Mailler chaque QPV d'un lieu de médiation numérique de proximité",
        "Lieux ouverts dans ou à proximité immédiate des QPV.",
        &["Cadre de vie et renouvellement urbain", "Accès aux droits"],
    )?;
    let o3 = obj(&mut s, None, "3", "Former les acteurs de première ligne et les élus",
        "La formation est un levier majeur : la filière reste à structurer et ses enjeux sont méconnus.", &["Accès aux droits"])?;
    let o31 = obj(
        &mut s,
        Some(o3),
        "3.1",
        "Former les professionnels de première ligne (aidants numériques)",
        "Travailleurs sociaux, agents d'accueil, bailleurs : repérer et orienter.",
        &[
            "Accès aux droits",
            "Santé",
            "Emploi et développement économique",
        ],
    )?;
    let o32 = obj(
        &mut s,
        Some(o3),
        "3.2",
        "Sensibiliser les élus aux enjeux politiques de l'inclusion numérique",
        "Porter l'aspect politique, pas seulement technique.",
        &["Participation citoyenne"],
    )?;
    let o4 = obj(&mut s, None, "4", "Pérenniser les financements des structures de médiation",
        "Sortir de la mise en concurrence par appels à projets ; valoriser le temps de coordination dans les CPO.",
        &["Emploi et développement économique"])?;

    // Actors.
    let actor = |s: &mut Store,
                 name: &str,
                 kind: ActorKind,
                 siret13: Option<&str>,
                 labels: Vec<ActorLabel>,
                 districts: Vec<Id>,
                 contact: &str|
     -> Result<Id> {
        let a = Actor {
            id: 0,
            name: name.into(),
            kind,
            siret: siret13.map(siret_with_key),
            labels,
            district_ids: districts,
            contact: contact.into(),
        };
        Ok(s.save_actor(&a)?.id)
    };
    use ActorKind::*;
    use ActorLabel::*;
    let connectes = actor(
        &mut s,
        "Association Les Connectés du Bassin",
        Association,
        Some("4290128760001"),
        vec![ConseillerNumerique, AidantsConnect],
        vec![qpv[0], qpv[1]],
        "Coordinatrice : Samia B.",
    )?;
    let centre_social = actor(
        &mut s,
        "Centre social Jean-Jaurès",
        Association,
        Some("3318750230002"),
        vec![FranceServices, AidantsConnect],
        vec![qpv[2]],
        "Directeur : Karim D.",
    )?;
    let regie = actor(
        &mut s,
        "Régie de quartier Lens-Liévin",
        Association,
        Some("3879912040001"),
        vec![],
        vec![qpv[0], qpv[2], qpv[3]],
        "",
    )?;
    let fabrique = actor(
        &mut s,
        "La Fabrique numérique d'Harnes",
        Association,
        Some("8123345670001"),
        vec![FabriqueDeTerritoire, ConseillerNumerique],
        vec![qpv[4]],
        "",
    )?;
    let ville_lens = actor(
        &mut s,
        "Ville de Lens – CCAS",
        LocalAuthority,
        Some("2162049800001"),
        vec![PassNumerique],
        vec![qpv[0], qpv[1]],
        "",
    )?;
    let agglo = actor(
        &mut s,
        "Communauté d'agglomération de Lens-Liévin",
        LocalAuthority,
        Some("2462007530001"),
        vec![],
        vec![],
        "Cheffe de projet politique de la ville",
    )?;
    let mediatheque = actor(
        &mut s,
        "Médiathèque d'Avion",
        LocalAuthority,
        None,
        vec![ConseillerNumerique],
        vec![qpv[3]],
        "",
    )?;
    let prefecture = actor(
        &mut s,
        "Préfecture du Pas-de-Calais – délégué du préfet",
        State,
        None,
        vec![],
        vec![],
        "Délégué du préfet Lens-Liévin",
    )?;
    let caf = actor(
        &mut s,
        "CAF du Pas-de-Calais",
        ActorKind::Other,
        None,
        vec![],
        vec![],
        "",
    )?;
    let bailleur = actor(
        &mut s,
        "Pas-de-Calais Habitat",
        SocialLandlord,
        None,
        vec![],
        vec![qpv[0], qpv[2]],
        "",
    )?;
    let _ = (prefecture, bailleur, caf);

    // Indicators.
    let ind = |s: &mut Store,
               name: &str,
               unit: Unit,
               direction: Direction,
               kind: IndicatorKind,
               baseline: Option<(f64, NaiveDate)>,
               source: &str,
               by_district: bool,
               targets: &[(i32, f64)],
               objectives: &[Id]|
     -> Result<Id> {
        let i = Indicator {
            id: 0,
            name: name.into(),
            unit,
            direction,
            kind,
            baseline_value: baseline.map(|b| b.0),
            baseline_date: baseline.map(|b| b.1),
            source: source.into(),
            by_district,
            targets: targets
                .iter()
                .map(|&(year, value)| Target { year, value })
                .collect(),
            objective_ids: objectives.to_vec(),
        };
        Ok(s.save_indicator(&i)?.id)
    };
    use Direction::*;
    use IndicatorKind::*;
    let capuni = date(2022, 9, 28);
    let source_capuni = "Capuni / Numérique en commun[s] Lens 2022";
    let i_pc = ind(
        &mut s,
        "Habitants des QPV équipés d'un ordinateur",
        Unit::Percent,
        HigherIsBetter,
        Snapshot,
        Some((75.0, capuni)),
        source_capuni,
        false,
        &[(2026, 80.0), (2028, 85.0), (2030, 89.0)],
        &[o11, o12],
    )?;
    let i_nonmaitrise = ind(
        &mut s,
        "Habitants des QPV ayant un sentiment de non-maîtrise du numérique",
        Unit::Percent,
        LowerIsBetter,
        Snapshot,
        Some((37.0, capuni)),
        source_capuni,
        false,
        &[(2026, 32.0), (2028, 28.0), (2030, 24.0)],
        &[o11, o12],
    )?;
    let i_smartphone = ind(
        &mut s,
        "Habitants des QPV équipés d'un smartphone",
        Unit::Percent,
        HigherIsBetter,
        Snapshot,
        Some((87.0, capuni)),
        source_capuni,
        false,
        &[(2026, 89.0), (2030, 91.0)],
        &[o11],
    )?;
    let i_ifn = ind(
        &mut s,
        "Indice de fragilité numérique des QPV",
        Unit::Score,
        LowerIsBetter,
        Snapshot,
        Some((7.2, date(2023, 12, 31))),
        "Diagnostic territorial (Mednum)",
        true,
        &[(2026, 6.8), (2030, 6.0)],
        &[o11],
    )?;
    let i_persons = ind(
        &mut s,
        "Personnes uniques accompagnées",
        Unit::Persons,
        HigherIsBetter,
        Cumulative,
        None,
        "Bilans des porteurs",
        true,
        &[
            (2024, 1200.0),
            (2025, 1400.0),
            (2026, 1600.0),
            (2027, 1600.0),
            (2028, 1600.0),
            (2029, 1600.0),
            (2030, 1600.0),
        ],
        &[o12],
    )?;
    let i_accomp = ind(
        &mut s,
        "Accompagnements réalisés",
        Unit::Accompaniments,
        HigherIsBetter,
        Cumulative,
        None,
        "Bilans des porteurs",
        false,
        &[(2024, 3000.0), (2025, 3500.0), (2026, 4000.0)],
        &[o12],
    )?;
    let i_hours = ind(
        &mut s,
        "Heures de médiation numérique",
        Unit::Hours,
        HigherIsBetter,
        Cumulative,
        None,
        "Bilans des porteurs",
        false,
        &[(2024, 4500.0), (2025, 5000.0), (2026, 5500.0)],
        &[o12],
    )?;
    let i_share_qpv = ind(
        &mut s,
        "Part des personnes accompagnées résidant en QPV",
        Unit::Percent,
        HigherIsBetter,
        Snapshot,
        None,
        "Bilans des porteurs",
        false,
        &[(2025, 55.0), (2026, 60.0)],
        &[o12],
    )?;
    let i_autonomy = ind(
        &mut s,
        "Personnes autonomes à l'issue de l'accompagnement",
        Unit::Percent,
        HigherIsBetter,
        Snapshot,
        None,
        "Questionnaires de fin de parcours",
        false,
        &[(2025, 35.0), (2026, 40.0)],
        &[o12],
    )?;
    let i_cnfs = ind(
        &mut s,
        "Conseillers numériques en activité",
        Unit::Fte,
        HigherIsBetter,
        Snapshot,
        Some((5.0, date(2023, 12, 31))),
        "ANCT – tableau de bord Conseillers numériques",
        false,
        &[(2026, 8.0)],
        &[o22],
    )?;
    let i_places = ind(
        &mut s,
        "Lieux de médiation dans ou à proximité des QPV",
        Unit::Count,
        HigherIsBetter,
        Snapshot,
        Some((4.0, date(2023, 12, 31))),
        "Cartographie des lieux (Agglo)",
        false,
        &[(2026, 8.0), (2028, 10.0)],
        &[o22],
    )?;
    let i_ac = ind(
        &mut s,
        "Mandats Aidants Connect créés",
        Unit::Count,
        HigherIsBetter,
        Cumulative,
        None,
        "Aidants Connect",
        false,
        &[(2025, 150.0), (2026, 200.0)],
        &[o12, o31],
    )?;
    let i_pass = ind(
        &mut s,
        "Pass numériques distribués",
        Unit::Cheques,
        HigherIsBetter,
        Cumulative,
        None,
        "CCAS de Lens",
        false,
        &[(2024, 800.0), (2025, 800.0), (2026, 800.0)],
        &[o12],
    )?;
    let i_network = ind(
        &mut s,
        "Réunions du réseau local des acteurs",
        Unit::Count,
        HigherIsBetter,
        Cumulative,
        None,
        "Agglo",
        false,
        &[(2025, 4.0), (2026, 4.0)],
        &[o21],
    )?;
    let i_trained = ind(
        &mut s,
        "Professionnels de première ligne formés",
        Unit::Persons,
        HigherIsBetter,
        Cumulative,
        None,
        "Organismes de formation",
        false,
        &[(2025, 60.0), (2026, 80.0)],
        &[o31],
    )?;
    let i_redirect = ind(
        &mut s,
        "Orientations vers les structures partenaires",
        Unit::Count,
        HigherIsBetter,
        Cumulative,
        None,
        "Bilans des porteurs",
        false,
        &[],
        &[o21],
    )?;
    let i_workshops = ind(
        &mut s,
        "Ateliers collectifs organisés",
        Unit::Sessions,
        HigherIsBetter,
        Cumulative,
        None,
        "Bilans des porteurs",
        false,
        &[(2024, 150.0), (2025, 180.0)],
        &[o12],
    )?;

    let value = |s: &mut Store,
                 indicator: Id,
                 year: i32,
                 district: Option<Id>,
                 v: f64,
                 source: &str|
     -> Result<()> {
        let m = Measurement {
            id: 0,
            indicator_id: indicator,
            year,
            date: None,
            district_id: district,
            action_id: None,
            value: v,
            base: None,
            source: source.into(),
            comment: String::new(),
            received_on: None,
        };
        s.save_measurement(&m).map(|_| ())
    };
    for (i, y, v) in [
        (i_pc, 2024, 76.0),
        (i_pc, 2025, 78.5),
        (i_nonmaitrise, 2024, 36.0),
        (i_nonmaitrise, 2025, 33.5),
        (i_smartphone, 2024, 88.0),
        (i_smartphone, 2025, 89.0),
        (i_accomp, 2024, 3150.0),
        (i_accomp, 2025, 3480.0),
        (i_accomp, 2026, 2960.0),
        (i_hours, 2024, 4310.0),
        (i_hours, 2025, 5240.0),
        (i_hours, 2026, 3980.0),
        (i_share_qpv, 2024, 52.0),
        (i_share_qpv, 2025, 57.1),
        (i_autonomy, 2024, 31.0),
        (i_autonomy, 2025, 35.5),
        (i_cnfs, 2024, 6.0),
        (i_cnfs, 2025, 7.0),
        (i_cnfs, 2026, 6.5),
        (i_places, 2024, 5.0),
        (i_places, 2025, 6.0),
        (i_places, 2026, 7.0),
        (i_ac, 2024, 95.0),
        (i_ac, 2025, 160.0),
        (i_ac, 2026, 140.0),
        (i_pass, 2024, 620.0),
        (i_pass, 2025, 810.0),
        (i_pass, 2026, 540.0),
        (i_network, 2025, 3.0),
        (i_network, 2026, 4.0),
        (i_trained, 2025, 42.0),
        (i_trained, 2026, 55.0),
        (i_redirect, 2025, 410.0),
        (i_redirect, 2026, 380.0),
        (i_workshops, 2024, 164.0),
    ] {
        value(&mut s, i, y, None, v, "")?;
    }
    // Persons accompanied, by QPV (the territory figure is their sum), and the IFN by QPV.
    let persons = [
        [300.0, 240.0, 280.0, 220.0, 190.0],
        [340.0, 260.0, 300.0, 250.0, 210.0],
        [280.0, 230.0, 250.0, 210.0, 170.0],
    ];
    for (k, year) in [2024, 2025, 2026].into_iter().enumerate() {
        for (d, v) in qpv.iter().zip(persons[k]) {
            value(&mut s, i_persons, year, Some(*d), v, "Bilans des porteurs")?;
        }
    }
    for (d, v) in qpv.iter().zip([7.6, 7.0, 6.8, 7.3, 6.4]) {
        value(&mut s, i_ifn, 2025, Some(*d), v, "Diagnostic 2025")?;
    }

    // Actions and their funding.
    let action = |s: &mut Store,
                  title: &str,
                  porteur: Id,
                  status: ActionStatus,
                  start: NaiveDate,
                  end: Option<NaiveDate>,
                  audience: &str,
                  weather: Option<(Weather, &str)>,
                  districts: &[Id],
                  objectives: &[Id],
                  themes_of: &[&str]|
     -> Result<Id> {
        let a = Action {
            id: 0,
            title: title.into(),
            description: String::new(),
            porteur_id: Some(porteur),
            status,
            start_date: Some(start),
            end_date: end,
            audience: audience.into(),
            weather: weather.map(|w| w.0),
            weather_comment: weather.map(|w| w.1.to_string()).unwrap_or_default(),
            district_ids: districts.to_vec(),
            objective_ids: objectives.to_vec(),
            theme_ids: themes_of.iter().map(|t| theme(t)).collect(),
            reported_indicator_ids: vec![],
        };
        Ok(s.save_action(&a)?.id)
    };
    use ActionStatus::*;
    use Weather::*;
    let a_perm = action(
        &mut s,
        "Permanences de médiation numérique en pied d'immeuble",
        connectes,
        Running,
        date(2024, 1, 8),
        None,
        "Habitants des QPV, seniors, allocataires",
        Some((
            Green,
            "Fréquentation en hausse, deux nouveaux créneaux le samedi.",
        )),
        &[qpv[0], qpv[1]],
        &[o12],
        &["Accès aux droits", "Santé"],
    )?;
    let a_fs = action(
        &mut s,
        "Accès aux droits en ligne à l'espace France Services",
        centre_social,
        Running,
        date(2024, 1, 15),
        None,
        "Allocataires CAF, demandeurs d'emploi",
        Some((
            Amber,
            "Départ d'un conseiller numérique non remplacé depuis septembre.",
        )),
        &[qpv[2]],
        &[o12, o31],
        &["Accès aux droits", "Emploi et développement économique"],
    )?;
    let a_ateliers = action(
        &mut s,
        "Ateliers « Parents connectés » avec les écoles",
        regie,
        Running,
        date(2024, 9, 2),
        Some(date(2027, 6, 30)),
        "Parents d'élèves",
        Some((Green, "")),
        &[qpv[0], qpv[3]],
        &[o12],
        &["Éducation"],
    )?;
    let a_fabrique = action(
        &mut s,
        "Fabrique numérique : tiers-lieu et réemploi d'ordinateurs",
        fabrique,
        Running,
        date(2024, 3, 1),
        None,
        "Habitants, jeunes en insertion",
        Some((
            Red,
            "Local fermé depuis juin après un dégât des eaux ; relogement à trouver.",
        )),
        &[qpv[4]],
        &[o12, o22],
        &[
            "Emploi et développement économique",
            "Cadre de vie et renouvellement urbain",
        ],
    )?;
    let a_pass = action(
        &mut s,
        "Distribution de Pass numériques par le CCAS",
        ville_lens,
        Running,
        date(2024, 2, 1),
        None,
        "Bénéficiaires du CCAS",
        Some((Green, "")),
        &[qpv[0], qpv[1]],
        &[o12],
        &["Accès aux droits"],
    )?;
    let a_reseau = action(
        &mut s,
        "Réseau local des acteurs de la médiation numérique",
        agglo,
        Running,
        date(2025, 1, 15),
        None,
        "Structures de médiation, techniciens",
        Some((
            Green,
            "Quatre réunions en 2026, charte commune en préparation.",
        )),
        &[],
        &[o21],
        &["Participation citoyenne"],
    )?;
    let a_carto = action(
        &mut s,
        "Cartographie partagée des lieux de médiation",
        agglo,
        ActionStatus::Done,
        date(2024, 4, 1),
        Some(date(2024, 12, 20)),
        "Habitants, prescripteurs",
        None,
        &[],
        &[o22, o11],
        &[],
    )?;
    let a_mediatheque = action(
        &mut s,
        "Point numérique de la médiathèque d'Avion",
        mediatheque,
        Running,
        date(2025, 2, 1),
        None,
        "Tout public",
        Some((Green, "")),
        &[qpv[3]],
        &[o22],
        &["Culture et lien social"],
    )?;
    let a_formation = action(
        &mut s,
        "Formation des travailleurs sociaux au repérage des fragilités numériques",
        agglo,
        Running,
        date(2025, 3, 1),
        Some(date(2026, 12, 31)),
        "Travailleurs sociaux, agents d'accueil",
        Some((Amber, "Faible participation des bailleurs.")),
        &[],
        &[o31],
        &["Accès aux droits", "Santé"],
    )?;
    let a_elus = action(
        &mut s,
        "Séminaire des élus sur l'inclusion numérique",
        agglo,
        Postponed,
        date(2026, 10, 1),
        None,
        "Élus des quatre communes",
        Some((Amber, "Reporté au premier semestre 2027.")),
        &[],
        &[o32],
        &["Participation citoyenne"],
    )?;
    let a_diag = action(
        &mut s,
        "Diagnostic de fragilité numérique par QPV",
        agglo,
        ActionStatus::Done,
        date(2025, 1, 6),
        Some(date(2025, 9, 30)),
        "",
        None,
        &qpv,
        &[o11],
        &["Accès aux droits"],
    )?;
    let a_caf = action(
        &mut s,
        "Accompagnement des allocataires aux démarches CAF en ligne",
        centre_social,
        Planned,
        date(2027, 1, 4),
        None,
        "Allocataires CAF",
        None,
        &[qpv[2], qpv[3]],
        &[o12],
        &["Accès aux droits"],
    )?;
    let _ = (a_caf, a_carto, a_elus);

    let fund = |s: &mut Store,
                action: Id,
                financeur: Financeur,
                year: i32,
                requested: i64,
                granted: i64,
                paid: i64,
                scheme: FundingScheme,
                cpo_start: Option<i32>,
                crf: Option<NaiveDate>|
     -> Result<()> {
        let f = Funding {
            id: 0,
            action_id: action,
            financeur,
            year,
            requested_cents: requested * 100,
            granted_cents: granted * 100,
            paid_cents: paid * 100,
            scheme,
            cpo_start_year: cpo_start,
            // Most porteurs send their compte-rendu financier on time; a few 2025 ones are missing.
            crf_received_on: crf.or(match year {
                2024 => Some(date(2025, 6, 20)),
                2025 if action != a_ateliers && action != a_formation => Some(date(2026, 6, 25)),
                _ => None,
            }),
            comment: String::new(),
        };
        s.save_funding(&f).map(|_| ())
    };
    for (year, paid, crf) in [
        (2024, 18_000, Some(date(2025, 5, 12))),
        (2025, 18_000, Some(date(2026, 6, 2))),
        (2026, 9_000, None),
    ] {
        fund(
            &mut s,
            a_perm,
            Financeur::Bop147,
            year,
            20_000,
            18_000,
            paid,
            FundingScheme::Cpo,
            Some(2024),
            crf,
        )?;
    }
    for (year, paid) in [(2024, 12_000), (2025, 12_000), (2026, 6_000)] {
        fund(
            &mut s,
            a_perm,
            Financeur::Epci,
            year,
            12_000,
            12_000,
            paid,
            FundingScheme::Cpo,
            Some(2024),
            None,
        )?;
    }
    fund(
        &mut s,
        a_fs,
        Financeur::StateCommonLaw,
        2024,
        50_000,
        50_000,
        50_000,
        FundingScheme::Other,
        None,
        Some(date(2025, 6, 20)),
    )?;
    fund(
        &mut s,
        a_fs,
        Financeur::StateCommonLaw,
        2025,
        50_000,
        50_000,
        50_000,
        FundingScheme::Other,
        None,
        None,
    )?;
    fund(
        &mut s,
        a_fs,
        Financeur::StateCommonLaw,
        2026,
        50_000,
        25_000,
        12_500,
        FundingScheme::Other,
        None,
        None,
    )?;
    fund(
        &mut s,
        a_fs,
        Financeur::Caf,
        2025,
        15_000,
        12_500,
        12_500,
        FundingScheme::CallForProjects,
        None,
        Some(date(2026, 4, 30)),
    )?;
    fund(
        &mut s,
        a_fs,
        Financeur::Caf,
        2026,
        15_000,
        15_000,
        7_500,
        FundingScheme::CallForProjects,
        None,
        None,
    )?;
    fund(
        &mut s,
        a_ateliers,
        Financeur::Bop147,
        2024,
        8_000,
        6_500,
        6_500,
        FundingScheme::CallForProjects,
        None,
        Some(date(2025, 6, 3)),
    )?;
    fund(
        &mut s,
        a_ateliers,
        Financeur::Bop147,
        2025,
        8_000,
        7_000,
        7_000,
        FundingScheme::CallForProjects,
        None,
        None,
    )?;
    fund(
        &mut s,
        a_ateliers,
        Financeur::Commune,
        2025,
        3_000,
        3_000,
        3_000,
        FundingScheme::CallForProjects,
        None,
        None,
    )?;
    fund(
        &mut s,
        a_ateliers,
        Financeur::Bop147,
        2026,
        8_500,
        8_000,
        4_000,
        FundingScheme::CallForProjects,
        None,
        None,
    )?;
    fund(
        &mut s,
        a_fabrique,
        Financeur::Region,
        2024,
        40_000,
        35_000,
        35_000,
        FundingScheme::CallForProjects,
        None,
        Some(date(2025, 6, 28)),
    )?;
    fund(
        &mut s,
        a_fabrique,
        Financeur::BanqueDesTerritoires,
        2024,
        25_000,
        20_000,
        20_000,
        FundingScheme::Other,
        None,
        Some(date(2025, 7, 15)),
    )?;
    fund(
        &mut s,
        a_fabrique,
        Financeur::Bop147,
        2025,
        15_000,
        12_000,
        12_000,
        FundingScheme::CallForProjects,
        None,
        Some(date(2026, 6, 15)),
    )?;
    fund(
        &mut s,
        a_fabrique,
        Financeur::Region,
        2026,
        30_000,
        0,
        0,
        FundingScheme::CallForProjects,
        None,
        None,
    )?;
    fund(
        &mut s,
        a_pass,
        Financeur::Commune,
        2024,
        16_000,
        16_000,
        16_000,
        FundingScheme::Other,
        None,
        None,
    )?;
    fund(
        &mut s,
        a_pass,
        Financeur::Commune,
        2025,
        16_000,
        16_000,
        16_000,
        FundingScheme::Other,
        None,
        None,
    )?;
    fund(
        &mut s,
        a_pass,
        Financeur::Commune,
        2026,
        16_000,
        16_000,
        10_000,
        FundingScheme::Other,
        None,
        None,
    )?;
    fund(
        &mut s,
        a_reseau,
        Financeur::Epci,
        2025,
        10_000,
        10_000,
        10_000,
        FundingScheme::Other,
        None,
        None,
    )?;
    fund(
        &mut s,
        a_reseau,
        Financeur::Epci,
        2026,
        10_000,
        10_000,
        5_000,
        FundingScheme::Other,
        None,
        None,
    )?;
    fund(
        &mut s,
        a_carto,
        Financeur::Epci,
        2024,
        6_000,
        6_000,
        6_000,
        FundingScheme::Other,
        None,
        None,
    )?;
    fund(
        &mut s,
        a_mediatheque,
        Financeur::StateCommonLaw,
        2025,
        25_000,
        25_000,
        25_000,
        FundingScheme::Other,
        None,
        None,
    )?;
    fund(
        &mut s,
        a_mediatheque,
        Financeur::Commune,
        2026,
        8_000,
        8_000,
        8_000,
        FundingScheme::Other,
        None,
        None,
    )?;
    fund(
        &mut s,
        a_formation,
        Financeur::Bop147,
        2025,
        9_000,
        9_000,
        9_000,
        FundingScheme::CallForProjects,
        None,
        None,
    )?;
    fund(
        &mut s,
        a_formation,
        Financeur::Departement,
        2025,
        6_000,
        4_000,
        4_000,
        FundingScheme::CallForProjects,
        None,
        None,
    )?;
    fund(
        &mut s,
        a_diag,
        Financeur::Epci,
        2025,
        14_000,
        14_000,
        14_000,
        FundingScheme::Other,
        None,
        None,
    )?;
    fund(
        &mut s,
        a_diag,
        Financeur::BanqueDesTerritoires,
        2025,
        10_000,
        10_000,
        10_000,
        FundingScheme::Other,
        None,
        None,
    )?;

    // Meetings: the participants table of the Lens workshop, then the contract's instances.
    let participants = |groups: &[(&str, ActorKind, i64)]| -> Vec<Participant> {
        groups
            .iter()
            .map(|&(label, kind, headcount)| Participant {
                actor_id: None,
                label: label.into(),
                kind,
                headcount,
            })
            .collect()
    };
    let copil_2025 = s.save_meeting(&Meeting {
        id: 0,
        kind: MeetingKind::Copil,
        title: "COPIL du contrat de ville – pilier inclusion numérique".into(),
        date: date(2025, 3, 18),
        place: "Hôtel communautaire, Lens".into(),
        agenda: "Bilan 2024 des actions ; diagnostic de fragilité numérique ; programmation 2025 (BOP 147, CPO).".into(),
        participants: participants(&[("Associations", Association, 28), ("Collectivités", LocalAuthority, 14), ("État", State, 4), ("Autres partenaires", ActorKind::Other, 3)]),
    })?.id;
    let cotech_2025 = s.save_meeting(&Meeting {
        id: 0,
        kind: MeetingKind::Cotech,
        title: "COTECH inclusion numérique".into(),
        date: date(2025, 10, 7),
        place: "Centre social Jean-Jaurès, Liévin".into(),
        agenda: "Suivi des indicateurs ; comité de pratiques ; préparation de l'appel à projets 2026.".into(),
        participants: participants(&[("Associations", Association, 9), ("Collectivités", LocalAuthority, 5), ("État", State, 1), ("CAF", ActorKind::Other, 1)]),
    })?.id;
    let copil_2026 = s
        .save_meeting(&Meeting {
            id: 0,
            kind: MeetingKind::Copil,
            title: "COPIL du contrat de ville – pilier inclusion numérique".into(),
            date: date(2026, 3, 24),
            place: "Hôtel de ville, Liévin".into(),
            agenda: "Bilan 2025 ; suites de la Fabrique numérique ; formation des élus.".into(),
            participants: participants(&[
                ("Associations", Association, 24),
                ("Collectivités", LocalAuthority, 13),
                ("État", State, 3),
                ("Autres partenaires", ActorKind::Other, 4),
            ]),
        })?
        .id;
    let decide = |s: &mut Store,
                  meeting: Id,
                  text: &str,
                  owner: &str,
                  due: Option<NaiveDate>,
                  status: DecisionStatus,
                  closed: Option<NaiveDate>|
     -> Result<()> {
        s.save_decision(&Decision {
            id: 0,
            meeting_id: meeting,
            text: text.into(),
            owner: owner.into(),
            due_date: due,
            status,
            closed_on: closed,
        })
        .map(|_| ())
    };
    use DecisionStatus::*;
    decide(
        &mut s,
        copil_2025,
        "Conduire un diagnostic de fragilité numérique par QPV",
        "Agglo – cheffe de projet",
        Some(date(2025, 9, 30)),
        DecisionStatus::Done,
        Some(date(2025, 9, 30)),
    )?;
    decide(
        &mut s,
        copil_2025,
        "Passer les permanences de médiation en CPO 2024–2026",
        "Délégué du préfet",
        Some(date(2025, 6, 30)),
        DecisionStatus::Done,
        Some(date(2025, 5, 20)),
    )?;
    decide(
        &mut s,
        copil_2025,
        "Créer un comité de pratiques des acteurs de la médiation",
        "Agglo – cheffe de projet",
        Some(date(2025, 12, 31)),
        DecisionStatus::Done,
        Some(date(2025, 11, 18)),
    )?;
    decide(
        &mut s,
        cotech_2025,
        "Recueillir les bilans quantitatifs des porteurs avec le modèle commun",
        "Agglo – chargé de mission",
        Some(date(2026, 2, 15)),
        InProgress,
        None,
    )?;
    decide(
        &mut s,
        cotech_2025,
        "Ouvrir un lieu de médiation à la Cité Bellevue",
        "Ville de Harnes",
        Some(date(2026, 9, 1)),
        Todo,
        None,
    )?;
    decide(
        &mut s,
        copil_2026,
        "Trouver un local de relogement pour la Fabrique numérique",
        "Pas-de-Calais Habitat",
        Some(date(2026, 10, 31)),
        InProgress,
        None,
    )?;
    decide(
        &mut s,
        copil_2026,
        "Organiser le séminaire des élus sur l'inclusion numérique",
        "Vice-président politique de la ville",
        Some(date(2027, 3, 31)),
        Todo,
        None,
    )?;
    decide(
        &mut s,
        copil_2026,
        "Intégrer le temps de coordination dans les prochaines CPO",
        "Délégué du préfet",
        Some(date(2027, 1, 31)),
        Todo,
        None,
    )?;
    decide(
        &mut s,
        copil_2026,
        "Relancer les comptes-rendus financiers 2025 manquants",
        "Agglo – service financier",
        Some(date(2026, 7, 15)),
        Todo,
        None,
    )?;
    s.save_meeting(&Meeting {
        id: 0,
        kind: MeetingKind::Copil,
        title: "COPIL du contrat de ville – pilier inclusion numérique".into(),
        date: date(2026, 12, 10),
        place: "Hôtel communautaire, Lens".into(),
        agenda: "Bilan 2026 ; programmation 2027 ; renouvellement des CPO.".into(),
        participants: vec![],
    })?;
    let _ = (o4, i_workshops);
    Ok(s)
}
