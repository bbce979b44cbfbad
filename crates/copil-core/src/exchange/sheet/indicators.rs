//! « Indicateurs »: indicators by name, with their reference value and yearly targets.

use super::{objective_codes, opt_date, opt_num, record, text, yes_no, Out, Selection, SheetSpec};
use crate::domain::{Direction, Indicator, IndicatorKind, Target, Unit};
use crate::error::Result;
use crate::exchange::cell::{coded, Cell};
use crate::exchange::headers::{Col, Kind::*};
use crate::exchange::index::Index;
use crate::exchange::list::TARGETS;
use crate::exchange::parse::parse_number_text;
use crate::exchange::row::{Outcome, Row};
use crate::figures::Pillar;
use crate::format::plain_number;
use crate::text::fold;
use crate::Store;

const NAME: Col = Col::new("name", "Indicateur", Text, 36.0)
    .mandatory()
    .with_aliases(&["Nom"]);
const UNIT: Col = Col::new("unit", "Unité", Text, 14.0).mandatory();
const DIRECTION: Col = Col::new("direction", "Sens", Text, 14.0);
const KIND: Col = Col::new("kind", "Type d'indicateur", Text, 12.0).with_aliases(&["Type"]);
const BASELINE_VALUE: Col = Col::new("baseline_value", "Valeur de référence", Number, 12.0);
const BASELINE_DATE: Col = Col::new("baseline_date", "Date de référence", Date, 12.0);
const SOURCE: Col = Col::new("source", "Source", Text, 20.0);
const BY_DISTRICT: Col = Col::new("by_district", "Par QPV", Text, 8.0);
const TARGETS_COL: Col =
    Col::new("targets", "Cibles", Text, 24.0).with_aliases(&["Cibles (année=valeur)"]);
const OBJECTIVES: Col =
    Col::new("objective_ids", "Objectifs", Text, 14.0).with_aliases(&["Références des objectifs"]);

const COLUMNS: &[Col] = &[
    NAME,
    UNIT,
    DIRECTION,
    KIND,
    BASELINE_VALUE,
    BASELINE_DATE,
    SOURCE,
    BY_DISTRICT,
    TARGETS_COL,
    OBJECTIVES,
];

pub(super) const SPEC: SheetSpec = SheetSpec {
    name: "Indicateurs",
    columns: COLUMNS,
    rows,
    import,
};

fn rows(p: &Pillar, _: Selection) -> Vec<Vec<Out>> {
    p.indicators
        .iter()
        .map(|i| {
            let targets = TARGETS.join(
                i.targets
                    .iter()
                    .map(|t| format!("{}={}", t.year, plain_number(t.value))),
            );
            record(
                COLUMNS,
                [
                    (NAME, text(&i.name)),
                    (UNIT, text(i.unit.label())),
                    (DIRECTION, text(i.direction.label())),
                    (KIND, text(i.kind.label())),
                    (BASELINE_VALUE, opt_num(i.baseline_value)),
                    (BASELINE_DATE, opt_date(i.baseline_date)),
                    (SOURCE, text(&i.source)),
                    (BY_DISTRICT, yes_no(i.by_district)),
                    (TARGETS_COL, text(&targets)),
                    (OBJECTIVES, objective_codes(p, &i.objective_ids)),
                ],
            )
        })
        .collect()
}

fn import(ix: &mut Index, store: &mut Store, row: &mut Row) -> Result<Option<Outcome>> {
    let name = row.req(&NAME, Cell::text);
    let unit = row.req(&UNIT, coded(Unit::parse_loose, Unit::ALL, Unit::label));
    let (Some(name), Some(unit)) = (name, unit) else {
        return Ok(None);
    };
    if ix.duplicate(row, fold(&name), "même indicateur") {
        return Ok(None);
    }
    let old = ix.indicators.get(&fold(&name)).cloned();
    let o = old.as_ref();
    let direction = row
        .opt(
            &DIRECTION,
            o.map(|i| i.direction),
            coded(Direction::parse_loose, Direction::ALL, Direction::label),
        )
        .unwrap_or(Direction::HigherIsBetter);
    let kind = row
        .opt(
            &KIND,
            o.map(|i| i.kind),
            coded(
                IndicatorKind::parse_loose,
                IndicatorKind::ALL,
                IndicatorKind::label,
            ),
        )
        .unwrap_or(IndicatorKind::Cumulative);
    let baseline_value = row.opt(
        &BASELINE_VALUE,
        o.and_then(|i| i.baseline_value),
        Cell::number,
    );
    let baseline_date = row.opt(&BASELINE_DATE, o.and_then(|i| i.baseline_date), Cell::date);
    let by_district = row
        .opt(&BY_DISTRICT, o.map(|i| i.by_district), Cell::boolean)
        .unwrap_or(false);
    let targets = match row.text(&TARGETS_COL) {
        None => o.map(|i| i.targets.clone()).unwrap_or_default(),
        Some(t) => {
            let mut out = Vec::new();
            for part in TARGETS.split(&t) {
                match target(&part) {
                    Some(target) => out.push(target),
                    None => row.err(&TARGETS_COL, format!("cible « {part} » illisible : écrivez année=valeur, séparées par des points-virgules.")),
                }
            }
            out.sort_by_key(|t| t.year);
            out
        }
    };
    let objective_ids = ix.objective_ids(row, &OBJECTIVES, o.map_or(&[], |i| &i.objective_ids));
    let indicator = Indicator {
        id: o.map_or(0, |i| i.id),
        name,
        unit,
        direction,
        kind,
        baseline_value,
        baseline_date,
        source: row.text_or(&SOURCE, o.map_or("", |i| &i.source)),
        by_district,
        targets,
        objective_ids,
    };
    row.issues(&indicator.validate(ix.period));
    row.save(
        o,
        indicator,
        |i| store.save_indicator(i),
        |i, id| {
            ix.indicators.insert(fold(&i.name), Indicator { id, ..i });
        },
    )
}

/// One target as written in the cell: `2026=40` (or `2026:40`).
fn target(part: &str) -> Option<Target> {
    let (year, value) = part.split_once(['=', ':'])?;
    Some(Target {
        year: year.trim().parse().ok()?,
        value: parse_number_text(value)?,
    })
}
