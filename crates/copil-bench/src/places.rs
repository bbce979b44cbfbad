//! Lieux de médiation at national scale: a generated LaMednum file of 20 000 lieux (2 000 for
//! the medium contract) imported into the contract, the lieux placed against 1 500 generated
//! QPV polygons (150), and the map of those drawn in the PDF.

use std::fmt::Write as _;
use std::path::Path;
use std::time::Instant;

use chrono::NaiveDate;
use copil_core::demo::synthetic::DemoSize;
use copil_core::domain::{District, DistrictOutline, Place};
use copil_core::exchange::import_places;
use copil_core::figures::{self, Pillar, DEFAULT_NEAR_METRES};
use copil_core::report::{Block, Section};
use copil_core::Store;

use crate::{err, fig, median, median_ms, BenchResult, Figure, Goal, Settings};

/// A deterministic pseudo-random sequence (xorshift), so every run measures the same file.
struct Rng(u64);

impl Rng {
    fn unit(&mut self) -> f64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// The box the generated territory covers (around Saint-Denis, WGS84).
const LAT: (f64, f64) = (48.60, 49.20);
const LON: (f64, f64) = (1.90, 2.90);

/// A LaMednum CSV of `n` lieux in the contract's communes, spread over the box.
fn lieux_csv(n: usize, communes: &[(String, String)]) -> String {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut out = String::from("id,pivot,nom,commune,code_postal,code_insee,adresse,latitude,longitude,horaires,source,date_maj,services,publics_specifiquement_adresses,dispositif_programmes_nationaux\n");
    let dispositifs = [
        "Aidants Connect",
        "Conseillers numériques|Aidants Connect",
        "France Services",
        "",
    ];
    for i in 0..n {
        let (insee, commune) = &communes[i % communes.len()];
        let lat = LAT.0 + (LAT.1 - LAT.0) * rng.unit();
        let lon = LON.0 + (LON.1 - LON.0) * rng.unit();
        let _ = writeln!(
            out,
            "gen-{i:06},00000000000000,Lieu de médiation n° {i},{commune},93200,{insee},{i} rue de la République,{lat:.6},{lon:.6},Mo-Fr 09:00-17:00,Bench,2026-09-15,Aide aux démarches administratives|Maîtrise des outils numériques du quotidien,Seniors,{}",
            dispositifs[i % dispositifs.len()]
        );
    }
    out
}

/// `n` QPVs as hexagons of about 400 m on a grid over the box, every other one with a hole.
fn qpvs(n: usize) -> (Vec<District>, Vec<DistrictOutline>) {
    let side = (n as f64).sqrt().ceil() as usize;
    let (dlat, dlon) = ((LAT.1 - LAT.0) / side as f64, (LON.1 - LON.0) / side as f64);
    let mut districts = Vec::with_capacity(n);
    let mut outlines = Vec::with_capacity(n);
    for i in 0..n {
        let (row, col) = (i / side, i % side);
        let (cy, cx) = (
            LAT.0 + (row as f64 + 0.5) * dlat,
            LON.0 + (col as f64 + 0.5) * dlon,
        );
        let ring = |r: f64| {
            let pts: Vec<(f64, f64)> = (0..=6)
                .map(|k| {
                    let a = k as f64 * std::f64::consts::TAU / 6.0;
                    (cx + r * 1.5 * a.cos(), cy + r * a.sin())
                })
                .collect();
            geo::LineString::from(pts)
        };
        let holes = if i % 2 == 0 {
            vec![ring(0.0008)]
        } else {
            vec![]
        };
        let geometry = geo::MultiPolygon(vec![geo::Polygon::new(ring(0.0036), holes)]);
        let id = i as i64 + 1;
        districts.push(District {
            id,
            code: format!(
                "QN{:03}{:02}{}",
                900 + i / 100 % 100,
                i % 100,
                (b'A' + (i / 10_000) as u8) as char
            ),
            name: format!("Quartier {i}"),
            communes: vec![],
            population: None,
            ifn: None,
        });
        outlines.push(DistrictOutline {
            district_id: id,
            display: geometry.clone(),
            geometry,
        });
    }
    (districts, outlines)
}

/// Import, placement and map of the generated lieux for one contract size.
pub fn run(size: DemoSize, file: &Path, dir: &Path, s: &Settings) -> BenchResult<Vec<Figure>> {
    let (lieux, polygons) = match size {
        DemoSize::Medium => (2_000, 150),
        DemoSize::Large => (20_000, 1_500),
    };
    let io = s.io_runs;
    let q = s.query_runs.min(5);
    let store = Store::open_read_only(file).map_err(err)?;
    let communes: Vec<(String, String)> = store
        .contract()
        .map_err(err)?
        .communes
        .into_iter()
        .map(|c| (c.insee, c.name))
        .collect();
    drop(store);
    let csv = dir.join("lieux-national.csv");
    std::fs::write(&csv, lieux_csv(lieux, &communes)).map_err(err)?;

    // Import into a fresh copy of the contract each run.
    let mut runs = Vec::new();
    let mut imported = 0;
    for i in 0..=io {
        let copy = dir.join("lieux.copil");
        let _ = std::fs::remove_file(&copy);
        let _ = std::fs::remove_dir_all(dir.join("lieux.copil.sauvegardes"));
        std::fs::copy(file, &copy).map_err(err)?;
        let mut store = Store::open(&copy).map_err(err)?;
        let t = Instant::now();
        let report = import_places(&mut store, &csv, false).map_err(err)?;
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        if !report.problems.is_empty() {
            return Err(format!("import des lieux : {}", report.problems[0]));
        }
        imported = report.created.len();
        if i > 0 {
            runs.push(ms);
        }
    }
    let import_ms = median(&mut runs);
    let store = Store::open_read_only(&dir.join("lieux.copil")).map_err(err)?;
    let places: Vec<Place> = store.places().map_err(err)?;
    let (districts, outlines) = qpvs(polygons);
    let mut placed_in_or_near = 0;
    let place_ms = median_ms(q, || {
        let o = figures::place_lieux(&places, &districts, &outlines, DEFAULT_NEAR_METRES);
        placed_in_or_near = o.lieux.iter().filter(|l| !l.districts.is_empty()).count();
        Ok(o)
    })?;

    // The map of those QPVs and lieux in the PDF: a one-section document with the map, less the
    // same document without it.
    let mut pillar = Pillar::load(&store).map_err(err)?;
    pillar.districts = districts;
    pillar.outlines = outlines;
    pillar.places = places;
    let overview = figures::places_overview(&pillar, DEFAULT_NEAR_METRES);
    let map = figures::territory_map(&pillar, &overview).ok_or("carte vide")?;
    let today = NaiveDate::from_ymd_opt(2026, 11, 28).ok_or("date")?;
    let (_, mut doc) = copil_core::report::issue::prepare(
        &store,
        &copil_core::report::ReportOptions::for_today(today),
    )
    .map_err(err)?;
    let mut section = Section::new("carte", "Carte");
    doc.sections = vec![section.clone()];
    let without = median_ms(q, || copil_pdf::render(&doc).map_err(err))?;
    section.blocks.push(Block::Map(map));
    doc.sections = vec![section];
    let with = median_ms(q, || copil_pdf::render(&doc).map_err(err))?;

    Ok(vec![
        fig(
            "places_import",
            "Lieux : import d'un fichier LaMednum généré",
            import_ms,
            None,
            &format!("médiane de {io} ; {imported} lieux créés (et leurs acteurs)"),
        ),
        fig(
            "places_place",
            "Lieux : placement dans / à 300 m des QPV (haversine)",
            place_ms,
            None,
            &format!("médiane de {q} ; {lieux} lieux contre {polygons} polygones, {placed_in_or_near} dans ou près d'un QPV"),
        ),
        fig(
            "places_total",
            "Lieux : import + placement",
            import_ms + place_ms,
            Some(Goal::AtMost(2000.0)),
            "somme des deux médianes ci-dessus",
        ),
        fig(
            "places_map_pdf",
            "Lieux : carte dessinée dans le PDF (chemins vectoriels)",
            (with - without).max(0.0),
            Some(Goal::AtMost(50.0)),
            &format!("médiane de {q} du PDF d'une section avec la carte ({polygons} QPV, {lieux} lieux) moins la même sans carte"),
        ),
    ])
}
