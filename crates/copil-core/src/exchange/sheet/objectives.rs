//! « Objectifs »: the objective tree, by reference (`1.2`), parents before their children.

use super::{record, text, theme_names, Out, Selection, SheetSpec};
use crate::domain::Objective;
use crate::error::Result;
use crate::exchange::cell::Cell;
use crate::exchange::headers::{Col, Kind::*};
use crate::exchange::index::Index;
use crate::exchange::row::{Outcome, Row};
use crate::figures::Pillar;
use crate::text::fold;
use crate::Store;

const CODE: Col = Col::new("code", "Référence", Text, 10.0)
    .mandatory()
    .with_aliases(&["Code"]);
const TITLE: Col = Col::new("title", "Intitulé", Text, 40.0).mandatory();
const PARENT: Col = Col::new("parent_id", "Objectif parent", Text, 12.0)
    .with_aliases(&["Parent", "Référence parente"]);
const DESCRIPTION: Col = Col::new("description", "Description", Text, 40.0);
const THEMES: Col = Col::new("theme_ids", "Thèmes", Text, 30.0);

const COLUMNS: &[Col] = &[CODE, TITLE, PARENT, DESCRIPTION, THEMES];

pub(super) const SPEC: SheetSpec = SheetSpec {
    name: "Objectifs",
    columns: COLUMNS,
    rows,
    import,
};

fn rows(p: &Pillar, _: Selection) -> Vec<Vec<Out>> {
    p.objective_tree()
        .into_iter()
        .map(|(o, _)| {
            let parent = o
                .parent_id
                .and_then(|id| p.objectives.iter().find(|x| x.id == id))
                .map(|x| x.code.as_str())
                .unwrap_or("");
            record(
                COLUMNS,
                [
                    (CODE, text(&o.code)),
                    (TITLE, text(&o.title)),
                    (PARENT, text(parent)),
                    (DESCRIPTION, text(&o.description)),
                    (THEMES, theme_names(p, &o.theme_ids)),
                ],
            )
        })
        .collect()
}

fn import(ix: &mut Index, store: &mut Store, row: &mut Row) -> Result<Option<Outcome>> {
    let code = row.req(&CODE, Cell::text);
    let title = row.req(&TITLE, Cell::text);
    let (Some(code), Some(title)) = (code, title) else {
        return Ok(None);
    };
    if ix.duplicate(row, fold(&code), "même référence") {
        return Ok(None);
    }
    let old = ix.objectives.get(&fold(&code)).cloned();
    let o = old.as_ref();
    let parent_id = match row.text(&PARENT) {
        None => o.and_then(|o| o.parent_id),
        Some(t) if t.is_empty() => None,
        Some(t) => match ix.objectives.get(&fold(&t)) {
            Some(p) => Some(p.id),
            None => {
                row.err(
                    &PARENT,
                    format!("objectif parent « {t} » inconnu (placez les parents avant leurs sous-objectifs)."),
                );
                None
            }
        },
    };
    let theme_ids = ix.theme_ids(row, &THEMES, o.map_or(&[], |o| &o.theme_ids));
    let objective = Objective {
        id: o.map_or(0, |o| o.id),
        parent_id,
        code,
        title,
        description: row.text_or(&DESCRIPTION, o.map_or("", |o| &o.description)),
        theme_ids,
    };
    row.issues(&objective.validate());
    row.save(
        o,
        objective,
        |o| store.save_objective(o),
        |o, id| {
            ix.objectives.insert(fold(&o.code), Objective { id, ..o });
        },
    )
}
