//! Layout invariants, checked on the placed primitives: random text lengths,
//! table sizes and chart values never draw outside the page, outside the
//! body area, or into the header/footer zones; table text stays in its cell.

use chrono::NaiveDate;
use copil_core::report::*;
use proptest::prelude::*;

use crate::document::compose;
use crate::fonts::FontSet;
use crate::layout::{Item, Zone, LEFT, RIGHT};
use crate::style::{BODY_BOTTOM, BODY_TOP, FOOTER_TOP, HEADER_BOTTOM, PAGE_H, PAGE_W};

const EPS: f32 = 0.01;

/// Asserts every primitive of a composed document stays in its zone.
fn check_layout(doc: &ReportDocument) -> Result<usize, TestCaseError> {
    let fonts = FontSet::get().unwrap();
    let composed = compose(doc, fonts).unwrap();
    check_zones(doc, &composed, fonts)?;
    Ok(composed.pages.len())
}

/// Asserts every primitive of `composed` (the layout of `doc`) stays in its zone.
fn check_zones(
    doc: &ReportDocument,
    composed: &crate::document::Composed,
    fonts: &FontSet,
) -> Result<(), TestCaseError> {
    for (p, page) in composed.pages.iter().enumerate() {
        for placed in &page.items {
            let (l, t, r, b) = placed.item.bbox(fonts);
            prop_assert!(
                l.is_finite() && t.is_finite() && r.is_finite() && b.is_finite(),
                "page {p}: {:?}",
                placed.item
            );
            prop_assert!(
                l >= 0.0 && r <= PAGE_W && t >= 0.0 && b <= PAGE_H,
                "off page {p}: {:?}",
                placed.item
            );
            prop_assert!(
                l >= LEFT - EPS && r <= RIGHT + EPS,
                "outside margins p{p}: {:?}",
                placed.item
            );
            let (top, bottom) = match placed.zone {
                Zone::Body => (BODY_TOP, BODY_BOTTOM),
                Zone::Header => (0.0, HEADER_BOTTOM),
                Zone::Footer => (FOOTER_TOP, PAGE_H),
            };
            prop_assert!(
                t >= top - EPS && b <= bottom + EPS,
                "{:?} zone overflow p{p}: {:?} ({t}..{b})",
                placed.zone,
                placed.item
            );
        }
    }
    prop_assert!(composed.outline.len() > doc.sections.len());
    Ok(())
}

/// Asserts no two texts of a page overlap (touching is fine).
fn check_no_overlap(composed: &crate::document::Composed, fonts: &FontSet) -> Result<(), String> {
    for (p, page) in composed.pages.iter().enumerate() {
        let texts: Vec<(&Item, crate::layout::BBox)> = page
            .items
            .iter()
            .filter(|placed| matches!(placed.item, Item::Text { .. }))
            .map(|placed| (&placed.item, placed.item.bbox(fonts)))
            .collect();
        for (i, (a, (l1, t1, r1, b1))) in texts.iter().enumerate() {
            for (b, (l2, t2, r2, b2)) in &texts[i + 1..] {
                let overlap_x = r1.min(*r2) - l1.max(*l2);
                let overlap_y = b1.min(*b2) - t1.max(*t2);
                if overlap_x > EPS && overlap_y > EPS {
                    return Err(format!("page {}: {a:?} overlaps {b:?}", p + 1));
                }
            }
        }
    }
    Ok(())
}

fn doc_with(sections: Vec<Section>, footer: String) -> ReportDocument {
    ReportDocument {
        kind: DocumentKind::Report,
        meta: ReportMeta {
            title: footer.clone(),
            subject: String::new(),
            author: String::new(),
            contract_name: String::new(),
            territory: String::new(),
            meeting_label: Some(footer.clone()),
            date: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            footer_text: footer.clone(),
        },
        cover: Cover {
            kicker: footer.clone(),
            title: footer.clone(),
            subtitle: Some(footer.clone()),
            details: vec![CoverDetail {
                label: footer.clone(),
                value: footer.clone(),
            }],
            note: Some(footer),
        },
        sections,
    }
}

/// Hostile and ordinary text: words, long words, accents, NBSP, emoji, RTL, markup, newlines.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Zéèàç«»€–0-9 \u{A0}\u{202F},.]{0,120}",
        "[a-z]{0,400}",
        "[ a-zé\n]{0,60}",
        "(😀|مرحبا|<script>|שלום| |x|\u{200F}|\u{0}){0,30}",
        Just(String::new()),
    ]
}

fn cell() -> impl Strategy<Value = Cell> {
    (
        text(),
        any::<bool>(),
        prop::option::of(prop_oneof![
            Just(Tone::Good),
            Just(Tone::Warning),
            Just(Tone::Bad),
            Just(Tone::Neutral)
        ]),
    )
        .prop_map(|(text, bold, tone)| Cell { text, bold, tone })
}

fn table() -> impl Strategy<Value = Table> {
    (1usize..12, 0usize..45).prop_flat_map(|(cols, rows)| {
        (
            prop::option::of(text()),
            prop::collection::vec((text(), -1.0f32..8.0, 0u8..3), cols),
            prop::collection::vec(prop::collection::vec(cell(), 0..cols + 2), rows),
        )
            .prop_map(|(caption, columns, rows)| Table {
                caption,
                columns: columns
                    .into_iter()
                    .map(|(title, w, a)| Column {
                        title,
                        width_weight: w,
                        align: [Align::Left, Align::Center, Align::Right][a as usize],
                    })
                    .collect(),
                rows,
            })
    })
}

fn value() -> impl Strategy<Value = Option<f64>> {
    prop::option::of(prop_oneof![
        -1e6f64..1e6,
        0.0f64..1.0,
        Just(f64::NAN),
        Just(1e300)
    ])
}

fn chart() -> impl Strategy<Value = Chart> {
    (
        text(),
        text(),
        prop::collection::vec((text(), value(), value()), 0..40),
    )
        .prop_map(|(title, unit, points)| Chart {
            title,
            unit,
            points: points
                .into_iter()
                .map(|(label, target, actual)| ChartPoint {
                    label,
                    target,
                    actual,
                })
                .collect(),
        })
}

fn bars() -> impl Strategy<Value = Bars> {
    (
        prop::option::of(text()),
        value(),
        value(),
        prop::collection::vec((text(), value(), text(), any::<bool>()), 0..20),
    )
        .prop_map(|(caption, min, max, rows)| Bars {
            caption,
            min: min.unwrap_or(0.0),
            max: max.unwrap_or(10.0),
            decimals: 0,
            rows: rows
                .into_iter()
                .map(|(label, value, text, bold)| Bar {
                    label,
                    value,
                    text,
                    bold,
                    tone: bold.then_some(Tone::Bad),
                })
                .collect(),
        })
}

fn block() -> impl Strategy<Value = Block> {
    prop_oneof![
        prop::collection::vec(
            (text(), any::<bool>()).prop_map(|(text, bold)| Span { text, bold }),
            0..6
        )
        .prop_map(Block::Paragraph),
        prop::collection::vec(
            (text(), text(), prop::option::of(text())).prop_map(|(label, value, detail)| {
                KeyFigure {
                    label,
                    value,
                    detail,
                    tone: Some(Tone::Good),
                }
            }),
            0..8
        )
        .prop_map(Block::KeyFigures),
        table().prop_map(Block::Table),
        chart().prop_map(Block::Chart),
        prop::collection::vec(
            text().prop_map(|text| AlertLine {
                severity: Severity::Critical,
                text
            }),
            0..5
        )
        .prop_map(Block::Alerts),
        prop::collection::vec(text(), 0..8).prop_map(Block::Bullets),
        bars().prop_map(Block::Bars),
        territory_map().prop_map(Block::Map),
    ]
}

/// A map with random outlines and lieux anywhere in (or at the edge of) its box.
fn territory_map() -> impl Strategy<Value = copil_core::figures::TerritoryMap> {
    use copil_core::figures::{MapArea, MapPoint, MapSymbol, TerritoryMap};
    let unit = || 0.0f64..=1.0;
    (
        1.0f64..3000.0,
        prop::collection::vec(
            (
                text(),
                any::<bool>(),
                prop::collection::vec((unit(), unit()), 3..8),
                (unit(), unit()),
            ),
            0..6,
        ),
        prop::collection::vec((unit(), unit(), 0usize..4, text()), 0..30),
        0.0f64..400.0,
        text(),
    )
        .prop_map(|(height, areas, points, scale_units, scale_label)| {
            let width = 1000.0;
            let symbols = [
                MapSymbol::FranceServices,
                MapSymbol::AidantsConnect,
                MapSymbol::ConseillerNumerique,
                MapSymbol::Other,
            ];
            TerritoryMap {
                width,
                height,
                areas: areas
                    .into_iter()
                    .enumerate()
                    .map(|(i, (code, without_place, ring, (lx, ly)))| MapArea {
                        district_id: i as i64,
                        code,
                        name: String::new(),
                        rings: vec![ring
                            .into_iter()
                            .map(|(x, y)| (x * width, y * height))
                            .collect()],
                        label_at: (lx * width, ly * height),
                        without_place,
                    })
                    .collect(),
                points: points
                    .into_iter()
                    .enumerate()
                    .map(|(i, (x, y, s, name))| MapPoint {
                        place_id: i as i64,
                        name,
                        at: (x * width, y * height),
                        symbol: symbols[s],
                    })
                    .collect(),
                legend: symbols.to_vec(),
                scale_units,
                scale_label,
            }
        })
}

fn section() -> impl Strategy<Value = Section> {
    (
        text(),
        prop::collection::vec(block(), 0..4),
        prop::collection::vec((text(), prop::collection::vec(block(), 0..3)), 0..3),
    )
        .prop_map(|(title, blocks, subs)| Section {
            id: "s".into(),
            title,
            blocks,
            subsections: subs
                .into_iter()
                .map(|(title, blocks)| Section {
                    id: "t".into(),
                    title,
                    blocks,
                    subsections: Vec::new(),
                })
                .collect(),
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    #[test]
    fn random_documents_stay_inside_their_zones(sections in prop::collection::vec(section(), 0..4), footer in text()) {
        check_layout(&doc_with(sections, footer))?;
    }

    #[test]
    fn random_releves_stay_inside_their_zones(sections in prop::collection::vec(section(), 0..4), footer in text()) {
        let doc = ReportDocument { kind: DocumentKind::DecisionRecord, ..doc_with(sections, footer) };
        check_layout(&doc)?;
    }

    #[test]
    fn random_tables_stay_inside_the_body(t in table()) {
        let mut s = Section::new("t", "Tableau");
        s.blocks.push(Block::Table(t));
        check_layout(&doc_with(vec![s], "Pied".into()))?;
    }
}

#[test]
fn table_text_stays_in_its_cell() {
    let fonts = FontSet::get().unwrap();
    let weights = [0.3f32, 5.0, 1.0, 0.2, 2.0];
    let long = "Anticonstitutionnellement".repeat(3);
    let table = Table {
        caption: None,
        columns: weights
            .iter()
            .map(|w| Column::new("Intitulé très long", *w, Align::Right))
            .collect(),
        rows: (0..30)
            .map(|i| {
                weights
                    .iter()
                    .map(|_| Cell::new(format!("{long} {i} 12\u{202F}500\u{A0}€")).tone(Tone::Bad))
                    .collect()
            })
            .collect(),
    };
    let mut s = Section::new("t", "Tableau");
    s.blocks.push(Block::Table(table));
    let composed = compose(&doc_with(vec![s], "Pied".into()), fonts).unwrap();
    let tint = crate::style::tone_tint(Tone::Bad);
    let mut checked = 0;
    for page in &composed.pages[2..] {
        // Every cell is tinted: the tints are the columns (0.5 pt inside their edges).
        let mut edges: Vec<(f32, f32)> = page
            .items
            .iter()
            .filter_map(|placed| match placed.item {
                Item::Rect { x, w, fill, .. } if fill == tint => Some((x - 0.5, x + w + 0.5)),
                _ => None,
            })
            .collect();
        edges.sort_by(|a, b| a.0.total_cmp(&b.0));
        edges.dedup_by(|a, b| (a.0 - b.0).abs() < EPS && (a.1 - b.1).abs() < EPS);
        assert_eq!(edges.len(), weights.len(), "one column per weight");
        assert!((edges[0].0 - LEFT).abs() < EPS && (edges[4].1 - RIGHT).abs() < 0.1);
        assert!(edges.windows(2).all(|e| (e[0].1 - e[1].0).abs() < EPS));
        for placed in &page.items {
            if let (Zone::Body, Item::Text { x, width, size, .. }) = (placed.zone, &placed.item) {
                if *size > 9.0 {
                    continue; // the section heading
                }
                let inside = edges
                    .iter()
                    .any(|e| *x >= e.0 - EPS && x + width <= e.1 + EPS);
                assert!(inside, "text crosses a column edge: {:?}", placed.item);
                checked += 1;
            }
        }
    }
    assert!(checked > 100);
    assert!(
        composed.pages.len() > 3,
        "a 30-row table of long words breaks across pages"
    );
}

/// The reports of the demo contract and of the large synthetic one, as
/// `copil report` builds them: nothing outside its zone, no text over another.
#[test]
fn demo_and_large_reports_stay_inside_their_zones_and_never_overlap() {
    use copil_core::demo::synthetic::{create_large_demo, DemoSize};
    use copil_core::report::{issue, ReportOptions};

    let fonts = FontSet::get().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
    let demo = copil_core::demo::create_demo(&dir.path().join("demo.copil")).unwrap();
    let large = create_large_demo(&dir.path().join("large.copil"), DemoSize::Large).unwrap();
    for (name, store) in [("demo", demo), ("large", large)] {
        let (_, doc) = issue::prepare(&store, &ReportOptions::for_today(today)).unwrap();
        let composed = compose(&doc, fonts).unwrap();
        check_zones(&doc, &composed, fonts).unwrap_or_else(|e| panic!("{name}: {e}"));
        check_no_overlap(&composed, fonts).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(
            composed.pages.len() > 20,
            "{name}: {} pages",
            composed.pages.len()
        );
    }
}

#[test]
fn demo_releves_stay_inside_their_zones_never_overlap_and_fit_in_three_pages() {
    use copil_core::report::{issue, DocumentKind};

    let fonts = FontSet::get().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let demo = copil_core::demo::create_demo(&dir.path().join("demo.copil")).unwrap();
    let closed: Vec<_> = demo
        .sittings()
        .unwrap()
        .into_iter()
        .filter(|s| s.ended_at.is_some())
        .collect();
    assert_eq!(closed.len(), 2);
    for sitting in closed {
        let (_, doc) = issue::prepare_releve(&demo, sitting.meeting_id).unwrap();
        assert_eq!(doc.kind, DocumentKind::DecisionRecord);
        let composed = compose(&doc, fonts).unwrap();
        let name = &doc.meta.title;
        check_zones(&doc, &composed, fonts).unwrap_or_else(|e| panic!("{name}: {e}"));
        check_no_overlap(&composed, fonts).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(
            (1..=3).contains(&composed.pages.len()),
            "{name}: {} pages",
            composed.pages.len()
        );
        // A bookmark for the header and one per section, each on a page of the document.
        assert_eq!(composed.outline.len(), doc.sections.len() + 1);
        assert!(composed
            .outline
            .iter()
            .all(|e| (1..=composed.pages.len()).contains(&e.page)));
    }
}
