//! Files of the field's own tools, written exactly as their producers write them, for the demo,
//! the tests and the benchmarks: La Coop's activities export (the layout of its exceljs export:
//! information block, `Filtres` block, then the Excel table `Activités`) and La MedNum's IFN
//! files. Deterministic: the same arguments give the same bytes.

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, Table, TableColumn, Workbook, XlsxError,
};

use std::path::Path;

use super::lens::field::{
    IfnLine, BENEFICIARY_COMMUNES, COOP_EXPORT, COOP_EXPORTED_ON, COOP_EXPORT_FILE, COOP_MEDIATORS,
    COOP_PLACES, COOP_ROWS, EPCI_SIREN, IFN_CITIES, IFN_CITY, IFN_CITY_FILE, IFN_DATE, IFN_EPCI,
    IFN_EPCIS, IFN_EPCI_FILE, IFN_FEEDS,
};
use super::records::{Keys, Table as Key};
use super::synthetic::Rng;
use crate::domain::{BreakdownDimension, PlaceLink};
use crate::exchange::coop::{import_coop_bytes, CoopOptions};
use crate::exchange::ifn::{import_ifn_bytes, IfnOptions};
use crate::exchange::IFN_HEADER;
use crate::Store;

/// How the export's headers are spelt: as La Coop writes them, or as a user may retype them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeaderStyle {
    /// La Coop's own: typographic apostrophes (U+2019).
    AsLaCoop,
    /// Straight apostrophes (`'`).
    StraightApostrophes,
    /// Lower case, straight apostrophes.
    LowerCase,
}

/// A participant of an activity: one row of the export.
#[derive(Debug, Clone, PartialEq)]
pub struct CoopParticipant {
    /// Name, for a médiateur's own export; None: « Bénéficiaire anonyme ».
    pub name: Option<String>,
    /// Commune of residence: name, postal code, INSEE code.
    pub commune: Option<(String, String, String)>,
    /// `Genre du bénéficiaire`.
    pub genre: String,
    /// `Tranche d’âge du bénéficiaire`.
    pub age: String,
    /// `Statut du bénéficiaire`.
    pub status: String,
}

/// One activity (compte rendu d'activité) of the export.
#[derive(Debug, Clone, PartialEq)]
pub struct CoopActivity {
    /// `ID CRA`.
    pub id: String,
    /// `Date`.
    pub date: NaiveDate,
    /// `Enregistré le` (« jj/mm/aaaa à HH:mm »).
    pub recorded: String,
    /// A collective workshop.
    pub collective: bool,
    /// The médiateur: first name, last name, conseiller numérique.
    pub mediator: (String, String, bool),
    /// `Canaux d’accompagnement`.
    pub channel: String,
    /// The place: name, address, commune, postal code, INSEE code (none at home or at a distance).
    pub place: Option<(String, String, String, String, String)>,
    /// `Durée (min)`.
    pub minutes: u32,
    /// `Nom de l’atelier`.
    pub workshop: String,
    /// `Matériel numérique utilisé`, joined by line breaks.
    pub materiel: Vec<String>,
    /// `Thématique(s) d’accompagnement`, joined by line breaks.
    pub themes: Vec<String>,
    /// `Niveau d’autonomie (ou de l’atelier)` (`2/3`).
    pub autonomy: String,
    /// `Bénéficiaire réorienté` (None: empty).
    pub redirected: Option<bool>,
    /// `Structure de redirection`.
    pub redirection: String,
    /// Recorded in the CnFS espace (V1).
    pub v1: bool,
    /// Its participants.
    pub participants: Vec<CoopParticipant>,
}

/// A whole export.
#[derive(Debug, Clone, PartialEq)]
pub struct CoopExportSpec {
    /// `Date d'export`.
    pub exported_on: NaiveDate,
    /// `Heure d'export`.
    pub exported_at: String,
    /// Who exported: first name, last name, role.
    pub user: (String, String, String),
    /// A médiateur's own export (with `Bénéficiaire` and `Notes supplémentaires`, without the
    /// médiateur's columns).
    pub self_export: bool,
    /// Some activities come from the CnFS espace (adds `Source de la donnée`).
    pub with_source: bool,
    /// How the headers are spelt.
    pub headers: HeaderStyle,
    /// The activities, in order.
    pub activities: Vec<CoopActivity>,
}

impl CoopExportSpec {
    /// Accompaniments (rows) of the export.
    pub fn rows(&self) -> usize {
        self.activities.iter().map(|a| a.participants.len()).sum()
    }
}

/// The table's headers, in La Coop's order for that kind of export.
pub fn coop_headers(self_export: bool, with_source: bool) -> Vec<&'static str> {
    let mut h = vec!["Date", "Enregistré le", "Dernière modification le"];
    if !self_export {
        h.extend([
            "Prénom du médiateur",
            "Nom du médiateur",
            "Rôle",
            "ID - Conum",
        ]);
    }
    h.extend(["Type", "Participants"]);
    if self_export {
        h.push("Bénéficiaire");
    }
    h.extend([
        "Canaux d’accompagnement",
        "Nom du lieu",
        "Adresse",
        "Commune",
        "Code postal",
        "Code Insee",
        "Durée (min)",
        "Nom de l’atelier",
        "Matériel numérique utilisé",
        "Thématique(s) d’accompagnement",
        "Tags",
        "Nom de la démarche administrative",
        "Niveau d’autonomie (ou de l’atelier)",
        "Bénéficiaire réorienté",
        "Structure de redirection",
        "Commune du bénéficiaire",
        "Code postal du bénéficiaire",
        "Code Insee du bénéficiaire",
        "Genre du bénéficiaire",
        "Tranche d’âge du bénéficiaire",
        "Statut du bénéficiaire",
    ]);
    if self_export {
        h.push("Notes supplémentaires");
    }
    if with_source {
        h.push("Source de la donnée");
    }
    h.push("ID CRA");
    h
}

/// The filters La Coop lists, each `-` when unset.
const FILTERS: [&str; 10] = [
    "Période",
    "Source",
    "Lieux d’accompagnement",
    "Communes",
    "Départements",
    "Type d’accompagnement",
    "Rôle",
    "Thématiques non administratives",
    "Thématiques administratives",
    "Tags",
];

/// Writes an export as La Coop does: « Informations export » (bold) and its lines in A/B, a
/// blank row, « Filtres » (bold) and its lines, two blank rows, then the Excel table
/// `Activités` (header row, one row per participant).
pub fn write_coop_export(spec: &CoopExportSpec) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_ymd(
        spec.exported_on.year() as u16,
        spec.exported_on.month() as u8,
        spec.exported_on.day() as u8,
    )?;
    wb.set_properties(
        &DocProperties::new()
            .set_author("La Coop de la médiation numérique")
            .set_creation_datetime(&created),
    );
    let ws = wb.add_worksheet();
    ws.set_name("Activités")?;
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let date = Format::new()
        .set_num_format("dd/mm/yyyy")
        .set_align(FormatAlign::Top);
    ws.write_string_with_format(0, 0, "Informations export", &bold)?;
    let (first, last, role) = &spec.user;
    let info: [(&str, String); 6] = [
        ("Nom", last.clone()),
        ("Prénom", first.clone()),
        ("Rôle", role.clone()),
        ("Total", String::new()),
        (
            "Date d'export",
            spec.exported_on.format("%d/%m/%Y").to_string(),
        ),
        ("Heure d'export", spec.exported_at.clone()),
    ];
    for (i, (label, value)) in info.iter().enumerate() {
        let row = 1 + i as u32;
        ws.write_string(row, 0, *label)?;
        if *label == "Total" {
            ws.write_number(row, 1, spec.rows() as f64)?;
        } else {
            ws.write_string(row, 1, value)?;
        }
    }
    ws.write_string_with_format(8, 0, "Filtres", &bold)?;
    for (i, label) in FILTERS.iter().enumerate() {
        ws.write_string(9 + i as u32, 0, *label)?;
        ws.write_string(9 + i as u32, 1, "-")?;
    }
    let header_row = 9 + FILTERS.len() as u32 + 2;
    let headers = coop_headers(spec.self_export, spec.with_source);
    let spelt: Vec<String> = headers
        .iter()
        .map(|h| match spec.headers {
            HeaderStyle::AsLaCoop => h.to_string(),
            HeaderStyle::StraightApostrophes => h.replace('’', "'"),
            HeaderStyle::LowerCase => h.replace('’', "'").to_lowercase(),
        })
        .collect();
    let mut row = header_row;
    for a in &spec.activities {
        let n = a.participants.len();
        for (i, p) in a.participants.iter().enumerate() {
            row += 1;
            for (col, header) in headers.iter().enumerate() {
                let col = col as u16;
                let text =
                    |ws: &mut rust_xlsxwriter::Worksheet, t: &str| -> Result<(), XlsxError> {
                        if !t.is_empty() {
                            ws.write_string_with_format(row, col, t, &wrap)?;
                        }
                        Ok(())
                    };
                let place = |k: usize| {
                    a.place
                        .as_ref()
                        .map(|p| [&p.0, &p.1, &p.2, &p.3, &p.4][k].clone())
                        .unwrap_or_default()
                };
                let commune = |k: usize| {
                    p.commune
                        .as_ref()
                        .map(|c| [&c.0, &c.1, &c.2][k].clone())
                        .unwrap_or_default()
                };
                match *header {
                    "Date" => {
                        let d = ExcelDateTime::from_ymd(
                            a.date.year() as u16,
                            a.date.month() as u8,
                            a.date.day() as u8,
                        )?;
                        ws.write_datetime_with_format(row, col, &d, &date)?;
                    }
                    "Enregistré le" => text(ws, &a.recorded)?,
                    "Prénom du médiateur" => text(ws, &a.mediator.0)?,
                    "Nom du médiateur" => text(ws, &a.mediator.1)?,
                    "Rôle" => text(
                        ws,
                        if a.mediator.2 {
                            "Conseiller Numérique"
                        } else {
                            "Médiateur"
                        },
                    )?,
                    // La Coop writes whether the médiateur is a conseiller numérique here.
                    "ID - Conum" => {
                        ws.write_boolean(row, col, a.mediator.2)?;
                    }
                    "Type" => text(
                        ws,
                        if a.collective {
                            "Atelier collectif"
                        } else {
                            "Accompagnement individuel"
                        },
                    )?,
                    "Participants" => {
                        if n == 1 {
                            ws.write_number(row, col, 1.0)?;
                        } else {
                            text(ws, &format!("{}/{n}", i + 1))?;
                        }
                    }
                    "Bénéficiaire" => {
                        text(ws, p.name.as_deref().unwrap_or("Bénéficiaire anonyme"))?
                    }
                    "Canaux d’accompagnement" => text(ws, &a.channel)?,
                    "Nom du lieu" => text(ws, &place(0))?,
                    "Adresse" => text(ws, &place(1))?,
                    "Commune" => text(ws, &place(2))?,
                    "Code postal" => text(ws, &place(3))?,
                    "Code Insee" => text(ws, &place(4))?,
                    "Durée (min)" => {
                        ws.write_number(row, col, f64::from(a.minutes))?;
                    }
                    "Nom de l’atelier" => text(ws, &a.workshop)?,
                    "Matériel numérique utilisé" => text(ws, &a.materiel.join("\n"))?,
                    "Thématique(s) d’accompagnement" => text(ws, &a.themes.join("\n"))?,
                    "Niveau d’autonomie (ou de l’atelier)" => text(ws, &a.autonomy)?,
                    "Bénéficiaire réorienté" => text(
                        ws,
                        match a.redirected {
                            Some(true) => "Oui",
                            Some(false) => "Non",
                            None => "",
                        },
                    )?,
                    "Structure de redirection" => text(ws, &a.redirection)?,
                    "Commune du bénéficiaire" => text(ws, &commune(0))?,
                    "Code postal du bénéficiaire" => text(ws, &commune(1))?,
                    "Code Insee du bénéficiaire" => text(ws, &commune(2))?,
                    "Genre du bénéficiaire" => text(ws, &p.genre)?,
                    "Tranche d’âge du bénéficiaire" => text(ws, &p.age)?,
                    "Statut du bénéficiaire" => text(ws, &p.status)?,
                    "Source de la donnée" => text(
                        ws,
                        if a.v1 {
                            "Espace coop (V1)"
                        } else {
                            "La Coop de la médiation numérique (V2)"
                        },
                    )?,
                    "ID CRA" => text(ws, &a.id)?,
                    _ => {}
                }
            }
        }
    }
    let last_row = row.max(header_row + 1);
    let columns: Vec<TableColumn> = spelt
        .iter()
        .map(|h| TableColumn::new().set_header(h))
        .collect();
    let table = Table::new().set_name("Activités").set_columns(&columns);
    ws.add_table(header_row, 0, last_row, headers.len() as u16 - 1, &table)?;
    ws.set_column_range_width(0, headers.len() as u16 - 1, 16)?;
    wb.save_to_buffer()
}

/// A deterministic ID CRA shaped like La Coop's (a UUID v4).
fn uuid(rng: &mut Rng) -> String {
    let a = rng.next();
    let b = rng.next();
    format!(
        "{:08x}-{:04x}-4{:03x}-{:x}{:03x}-{:012x}",
        (a >> 32) as u32,
        (a >> 16) as u16,
        a & 0xfff,
        8 + (b >> 62),
        (b >> 48) & 0xfff,
        b & 0xffff_ffff_ffff
    )
}

/// A category drawn with La Coop's labels, « not told » more often than not for anonymous ones.
fn category(rng: &mut Rng, dimension: BreakdownDimension, weights: &[u32]) -> String {
    let labels = dimension.categories();
    let total: u32 = weights.iter().sum();
    let mut draw = rng.below(total as usize) as u32;
    for (label, w) in labels.iter().zip(weights) {
        if draw < *w {
            return label.to_string();
        }
        draw -= w;
    }
    labels[labels.len() - 1].to_string()
}

const THEMES: &[&str] = &[
    "Prendre en main du matériel",
    "Navigation sur internet",
    "E-mail",
    "Aide aux démarches administratives",
    "Banque et achats en ligne",
    "Santé",
    "Prévention en sécurité numérique",
    "Insertion professionnelle",
];
const MATERIEL: &[&str] = &["Ordinateur", "Téléphone", "Tablette"];
const REDIRECTIONS: &[&str] = &[
    "Structure d’aide aux démarches administratives (France Services…)",
    "Administration (mairie, préfecture…)",
    "Structure d’insertion professionnelle (France Travail, mission locale, chambre de commerce…)",
];
const WORKSHOPS: &[&str] = &[
    "Découvrir sa messagerie",
    "Parents connectés : l’ENT de l’école",
    "Se protéger des arnaques en ligne",
    "Premiers pas sur smartphone",
    "Ameli et Mon espace santé",
];

/// Activities drawn over `from..=to` until about `rows` accompaniments: individual
/// accompaniments and collective workshops of 3 to 10 participants, in the demo's places.
pub fn generate_activities(
    rows: usize,
    from: NaiveDate,
    to: NaiveDate,
    seed: u64,
) -> Vec<CoopActivity> {
    let mut rng = Rng(seed);
    let days = (to - from).num_days().max(1);
    let place_total: u32 = COOP_PLACES.iter().map(|p| p.weight).sum();
    let commune_total: u32 = BENEFICIARY_COMMUNES.iter().map(|c| c.3).sum();
    let mut out = Vec::new();
    let mut count = 0usize;
    while count < rows {
        let collective = rng.below(10) < 3;
        let size = if collective { 3 + rng.below(8) } else { 1 };
        let date = from + chrono::Days::new(rng.below(days as usize + 1) as u64);
        let mut draw = rng.below(place_total as usize) as u32;
        let place = COOP_PLACES
            .iter()
            .find(|p| {
                if draw < p.weight {
                    true
                } else {
                    draw -= p.weight;
                    false
                }
            })
            .unwrap_or(&COOP_PLACES[0]);
        let place = if collective && place.name.is_empty() {
            &COOP_PLACES[0]
        } else {
            place
        };
        let mediator = rng.pick(COOP_MEDIATORS);
        let participants = (0..size)
            .map(|_| {
                let mut draw = rng.below(commune_total as usize) as u32;
                let c = BENEFICIARY_COMMUNES
                    .iter()
                    .find(|c| {
                        if draw < c.3 {
                            true
                        } else {
                            draw -= c.3;
                            false
                        }
                    })
                    .unwrap_or(&BENEFICIARY_COMMUNES[0]);
                CoopParticipant {
                    name: None,
                    commune: (!c.2.is_empty())
                        .then(|| (c.0.to_string(), c.1.to_string(), c.2.to_string())),
                    genre: category(&mut rng, BreakdownDimension::Genre, &[55, 38, 7]),
                    age: category(
                        &mut rng,
                        BreakdownDimension::AgeBand,
                        &[1, 4, 7, 18, 27, 19, 18, 6],
                    ),
                    status: category(&mut rng, BreakdownDimension::Status, &[6, 31, 22, 32, 9]),
                }
            })
            .collect();
        let hour = 9 + rng.below(9);
        let minute = rng.below(60);
        let recorded_day = date + chrono::Days::new(rng.below(3) as u64);
        let redirected = (!collective).then(|| rng.below(10) < 2);
        out.push(CoopActivity {
            id: uuid(&mut rng),
            date,
            recorded: format!(
                "{} à {hour:02}:{minute:02}",
                recorded_day.format("%d/%m/%Y")
            ),
            collective,
            mediator: (mediator.0.to_string(), mediator.1.to_string(), mediator.2),
            channel: if place.name.is_empty() {
                if rng.below(2) == 0 {
                    "À domicile"
                } else {
                    "À distance"
                }
                .to_string()
            } else {
                "Lieu d’activité".to_string()
            },
            place: (!place.name.is_empty()).then(|| {
                (
                    place.name.to_string(),
                    place.address.to_string(),
                    place.commune.0.to_string(),
                    place.commune.1.to_string(),
                    place.commune.2.to_string(),
                )
            }),
            minutes: if collective {
                [60, 90, 120][rng.below(3)]
            } else {
                [15, 30, 45, 60, 90][rng.below(5)]
            },
            workshop: if collective {
                rng.pick(WORKSHOPS).to_string()
            } else {
                String::new()
            },
            materiel: vec![rng.pick(MATERIEL).to_string()],
            themes: {
                let a = rng.pick(THEMES).to_string();
                let b = rng.pick(THEMES).to_string();
                if a == b {
                    vec![a]
                } else {
                    vec![a, b]
                }
            },
            autonomy: format!("{}/3", 1 + rng.below(3)),
            redirected,
            redirection: if redirected == Some(true) {
                rng.pick(REDIRECTIONS).to_string()
            } else {
                String::new()
            },
            v1: date < NaiveDate::from_ymd_opt(2024, 11, 15).unwrap_or(from),
            participants,
        });
        count += size;
    }
    out.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.id.cmp(&b.id)));
    out
}

/// The demo's export: the conseillers numériques' activities from January 2024 to November
/// 2026, as their coordinator exports them (committed under `fixtures/`).
pub fn lens_coop_export() -> CoopExportSpec {
    CoopExportSpec {
        exported_on: COOP_EXPORTED_ON,
        exported_at: "14:32".into(),
        user: ("Élodie".into(), "Martin".into(), "Coordinateur".into()),
        self_export: false,
        with_source: true,
        headers: HeaderStyle::AsLaCoop,
        activities: generate_activities(
            COOP_ROWS,
            NaiveDate::from_ymd_opt(2024, 1, 8).unwrap_or(COOP_EXPORTED_ON),
            NaiveDate::from_ymd_opt(2026, 11, 9).unwrap_or(COOP_EXPORTED_ON),
            0xC00B,
        ),
    }
}

/// A large export for the benchmarks: about `rows` accompaniments over 2024–2026.
pub fn synthetic_coop_export(rows: usize) -> CoopExportSpec {
    CoopExportSpec {
        activities: generate_activities(
            rows,
            NaiveDate::from_ymd_opt(2024, 1, 2).unwrap_or(COOP_EXPORTED_ON),
            NaiveDate::from_ymd_opt(2026, 11, 19).unwrap_or(COOP_EXPORTED_ON),
            rows as u64,
        ),
        ..lens_coop_export()
    }
}

/// La MedNum's CSV for these lines (`division` is `city` or `epci`), header and decimals as its
/// producer writes them.
pub fn ifn_csv(division: &str, lines: &[IfnLine]) -> String {
    let mut out = IFN_HEADER.join(",");
    out.push('\n');
    for (name, code, parts, total) in lines {
        let quoted = if name.contains(',') {
            format!("\"{name}\"")
        } else {
            name.to_string()
        };
        let parts: Vec<String> = parts.iter().map(|v| format!("{v:?}")).collect();
        out.push_str(&format!(
            "{quoted},{division},{code},{},{total:?}\n",
            parts.join(",")
        ));
    }
    out
}

/// A national-sized commune file: `n` communes with valid codes and scores, the demo's among them.
pub fn synthetic_ifn_city(n: usize) -> String {
    let mut rng = Rng(0x1F4);
    let mut out = IFN_HEADER.join(",");
    out.push('\n');
    for (name, code, parts, total) in IFN_CITIES {
        let parts: Vec<String> = parts.iter().map(|v| format!("{v:?}")).collect();
        out.push_str(&format!(
            "{name},city,{code},{},{total:?}\n",
            parts.join(",")
        ));
    }
    let mut score = || 1.0 + (rng.next() % 9_000_000) as f64 / 1_000_000.0;
    // Départements 01 to 95 but the demo's (62) and Corsica's (20, coded 2A/2B).
    let depts: Vec<usize> = (1..=95).filter(|d| *d != 62 && *d != 20).collect();
    for i in 0..n.saturating_sub(IFN_CITIES.len()) {
        let dept = depts[i % depts.len()];
        let code = format!("{dept:02}{:03}", 100 + i / depts.len() % 900);
        let parts: Vec<String> = (0..5).map(|_| format!("{:?}", score())).collect();
        out.push_str(&format!(
            "Commune {i},city,{code},{},{:?}\n",
            parts.join(","),
            score()
        ));
    }
    out
}

/// The demo's fixture files (under `crates/copil-core/fixtures/`) as this code writes them:
/// `(file name, bytes)`. A test checks the committed files are these.
pub fn lens_fixtures() -> Result<Vec<(&'static str, Vec<u8>)>, XlsxError> {
    Ok(vec![
        (COOP_EXPORT_FILE, write_coop_export(&lens_coop_export())?),
        (IFN_CITY_FILE, ifn_csv("city", IFN_CITIES).into_bytes()),
        (IFN_EPCI_FILE, ifn_csv("epci", IFN_EPCIS).into_bytes()),
    ])
}

/// Adds the field's own data to a demo contract: the conseillers numériques' activities from
/// the committed La Coop export and the communes' indice de fragilité numérique. Kept apart
/// from the demo itself, whose figures are the seeds' (`copil demo --field` adds them).
pub fn add_field_data(store: &mut Store) -> crate::Result<()> {
    let mut keys = Keys::default();
    for action in store.actions()? {
        keys.insert(Key::Action, &action.title, action.id);
    }
    for indicator in store.indicators()? {
        keys.insert(Key::Indicator, &indicator.name, indicator.id);
    }
    import_coop_fixture(store, &keys)?;
    import_ifn_fixture(store, &keys)
}

/// Imports the demo's committed Coop export, each place's activities into its action, with
/// Copil's proposed mapping of measures to indicators.
fn import_coop_fixture(store: &mut Store, keys: &Keys) -> crate::Result<()> {
    let options = CoopOptions {
        places: COOP_PLACES
            .iter()
            .map(|p| PlaceLink {
                place: p.name.to_string(),
                action_id: keys.id(Key::Action, p.action),
            })
            .collect(),
        ..CoopOptions::new(None, COOP_EXPORTED_ON)
    };
    let report = import_coop_bytes(
        store,
        Path::new(COOP_EXPORT_FILE),
        COOP_EXPORT,
        &options,
        false,
    )?;
    assert!(
        report.applied,
        "demo data: the Coop fixture is refused: {:?}",
        report.problems
    );
    Ok(())
}

/// Imports the demo's committed IFN files: the EPCI's SIREN, the communes' and the EPCI's
/// scores, each QPV's, and the « score » indicators of `IFN_FEEDS`.
fn import_ifn_fixture(store: &mut Store, keys: &Keys) -> crate::Result<()> {
    let mut contract = store.contract()?;
    contract.epci_siren = Some(EPCI_SIREN.to_string());
    let options = IfnOptions {
        feed: IFN_FEEDS
            .iter()
            .map(|name| keys.id(Key::Indicator, name))
            .collect(),
        ..IfnOptions::default()
    };
    let report = import_ifn_bytes(
        store,
        contract,
        (Path::new(IFN_CITY_FILE), IFN_CITY),
        Some((Path::new(IFN_EPCI_FILE), IFN_EPCI)),
        IFN_DATE,
        &options,
        false,
    )?;
    assert!(
        report.applied,
        "demo data: the IFN fixture is refused: {:?}",
        report.problems
    );
    Ok(())
}
