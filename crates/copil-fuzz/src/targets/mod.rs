//! One module per parser of a user's file; each exports `TARGET`.

pub mod coop_export;
pub mod csv;
pub mod ifn;
pub mod places_csv;
pub mod places_json;
pub mod qpv_geo;
pub mod qpv_list;
pub mod services;
pub mod workbook_ods;
pub mod workbook_xlsx;

use copil_core::exchange::{map_headers, Cell, PlaceRecord, SheetKind, Workbook};

/// What the import does to every cell once a workbook is read, without a contract file:
/// recognise each sheet by its headers, then parse every cell as each kind of column would.
pub(crate) fn parse_like_the_import(workbook: &Workbook) {
    for sheet in &workbook.sheets {
        let Some(header) = sheet.rows.first() else {
            continue;
        };
        if let Some(kind) = SheetKind::detect(&sheet.name, header) {
            let mapping = map_headers(header, kind.columns());
            assert_eq!(mapping.index.len(), kind.columns().len());
        }
        for cell in sheet.rows.iter().flatten() {
            parse_cell(cell);
        }
    }
}

fn parse_cell(cell: &Cell) {
    let _ = cell.as_text();
    let _ = cell.text();
    let _ = cell.number();
    let _ = cell.integer();
    let _ = cell.year();
    let _ = cell.cents();
    let _ = cell.date();
    let _ = cell.boolean();
}

/// What every lieu read from a directory's file must hold, whatever the bytes: the fields the
/// import requires, coordinates in France when given, and each source id once.
pub(crate) fn check_places(records: &[PlaceRecord]) {
    let mut seen = std::collections::HashSet::new();
    for r in records {
        let p = &r.place;
        assert!(!p.source_id.is_empty() && !p.name.is_empty(), "{r:?}");
        assert!(seen.insert(p.source_id.as_str()), "id twice: {r:?}");
        if let Some(siret) = &r.siret {
            assert_eq!(siret.len(), 14, "{r:?}");
        }
        if let (Some(lat), Some(lon)) = (p.latitude, p.longitude) {
            assert!(copil_core::domain::in_france(lat, lon), "{r:?}");
        }
    }
}
