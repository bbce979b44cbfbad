//! An empty « Sollicité » is « non renseigné », not 0: through import, the file, the export,
//! the totals and the report, and it never raises « Le montant attribué dépasse le montant
//! sollicité ».

use chrono::NaiveDate;
use copil_core::domain::{Financeur, FundingScheme};
use copil_core::exchange::{self, import_file};
use copil_core::figures::{self, Amounts, Pillar, Scope};
use copil_core::format::{euros_from_cents, requested_amount, NOT_FILLED_IN};
use copil_core::report::{build::build_report, Block, ReportOptions, Section};

fn scope() -> Scope {
    Scope::today(NaiveDate::from_ymd_opt(2026, 11, 28).unwrap())
}

/// Every cell text of every table of a section and its subsections.
fn cells(section: &Section, out: &mut Vec<String>) {
    for block in &section.blocks {
        if let Block::Table(t) = block {
            out.extend(t.rows.iter().flatten().map(|c| c.text.clone()));
        }
    }
    for sub in &section.subsections {
        cells(sub, out);
    }
}

#[test]
fn an_empty_requested_cell_is_not_filled_in_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = copil_core::demo::create_demo(&dir.path().join("demo.copil")).unwrap();
    let title = Pillar::load(&store).unwrap().actions[0].title.clone();
    let before = figures::funding_by_financeur_year(&Pillar::load(&store).unwrap(), &scope());
    // A financeur the demo does not have yet, so that its row holds the new line only.
    let financeur = *Financeur::ALL
        .iter()
        .find(|f| !before.rows.iter().any(|r| r.financeur == **f))
        .expect("a financeur without lines");
    let label = financeur.label();

    // A line with « Sollicité » left empty and an amount granted.
    let csv = dir.path().join("financements.csv");
    std::fs::write(
        &csv,
        format!(
            "Action;Financeur;Année;Sollicité (€);Attribué (€);Versé (€)\n{title};{label};2025;;5 000;0\n"
        ),
    )
    .unwrap();
    let report = import_file(&mut store, &csv, false).unwrap();
    assert!(report.is_ok(), "{:?}", report.to_lines());
    assert!(
        !report
            .to_lines()
            .iter()
            .any(|l| l.contains("dépasse le montant sollicité")),
        "{:?}",
        report.to_lines()
    );
    assert!(report.warnings.is_empty(), "{:?}", report.to_lines());
    let line = store
        .fundings()
        .unwrap()
        .into_iter()
        .find(|f| f.financeur == financeur && f.year == 2025)
        .expect("the imported line");
    assert_eq!(line.requested_cents, None, "stored as not filled in");
    assert_eq!(line.granted_cents, 500_000);
    assert_eq!(line.scheme, FundingScheme::CallForProjects);

    // Re-importing the same sheet changes nothing (empty stays empty).
    let again = import_file(&mut store, &csv, true).unwrap();
    assert!(again.all_unchanged(), "{:?}", again.sheets);

    // Totals: the filled-in amounts are summed, the empty one is counted apart, not as 0.
    let p = Pillar::load(&store).unwrap();
    let t = figures::funding_by_financeur_year(&p, &scope());
    assert_eq!(t.total.requested_cents, before.total.requested_cents);
    assert_eq!(t.total.requested_missing, 1);
    assert_eq!(
        t.total.requested_text(),
        format!(
            "{} (+ 1 non renseigné)",
            euros_from_cents(before.total.requested_cents)
        )
    );
    let row = t.rows.iter().find(|r| r.financeur == financeur).unwrap();
    assert_eq!(row.total.requested_text(), NOT_FILLED_IN);

    // The report prints the same texts.
    let doc = build_report(&p, &ReportOptions::for_today(scope().today), None);
    let mut texts = Vec::new();
    for s in &doc.sections {
        cells(s, &mut texts);
    }
    assert!(
        texts.iter().any(|t| t == NOT_FILLED_IN),
        "the new financeur's row says « non renseigné »"
    );
    assert!(texts.contains(&t.total.requested_text()), "grand total");

    // The export writes an empty cell back, not 0.
    let out = dir.path().join("export");
    exchange::export_csv(&store, &out).unwrap();
    let fundings = std::fs::read_to_string(out.join("Financements.csv")).unwrap();
    let row = fundings
        .lines()
        .find(|l| l.contains(label) && l.contains("2025"))
        .expect("the new line");
    assert!(row.contains(";;5000"), "{row}");
}

#[test]
fn requested_amounts_say_what_is_not_filled_in() {
    assert_eq!(requested_amount(1_250_000, 0), "12\u{202f}500\u{a0}€");
    assert_eq!(requested_amount(0, 0), "0\u{a0}€");
    assert_eq!(requested_amount(0, 3), "non renseigné");
    assert_eq!(
        requested_amount(1_250_000, 2),
        "12\u{202f}500\u{a0}€ (+ 2 non renseignés)"
    );
    assert_eq!(Amounts::default().requested_text(), "0\u{a0}€");
}
