//! The territory's map: QPV outlines and lieux de médiation, drawn as vector paths (no image,
//! no tile), with the QPV codes, a scale bar and a legend. The projection is the core's
//! ([`copil_core::figures::territory_map`]), so the app's SVG and the PDF show the same picture.

use copil_core::figures::{MapSymbol, TerritoryMap};
use copil_core::report::Tone;

use crate::blocks::BLOCK_GAP;
use crate::layout::{Composer, Item, LEFT};
use crate::style::{self, Rgb, BODY_W, INK, MUTED, PRIMARY, PRIMARY_LIGHT, RULE, WASH, WHITE};
use crate::wrap::fit_line;

/// Tallest map drawn (points): a tall territory is scaled down to it.
const MAX_H: f32 = 400.0;
const CODE_SIZE: f32 = 6.5;
const LEGEND_SIZE: f32 = 7.5;
const LEGEND_LINE: f32 = 12.0;
/// Half the size of a lieu's symbol (points).
const SYMBOL_R: f32 = 3.6;

/// Colour of a lieu's symbol (its shape tells it in black and white).
fn symbol_color(symbol: MapSymbol) -> Rgb {
    match symbol {
        MapSymbol::FranceServices => Rgb::hex(0x7B2D8E),
        MapSymbol::AidantsConnect => Rgb::hex(0xB34700),
        MapSymbol::ConseillerNumerique => Rgb::hex(0x1B6E3A),
        MapSymbol::Other => INK,
    }
}

/// The outline of a symbol centred on `(x, y)`.
fn symbol_ring(symbol: MapSymbol, x: f32, y: f32, r: f32) -> Vec<(f32, f32)> {
    match symbol {
        MapSymbol::FranceServices => vec![
            (x, y - r * 1.2),
            (x + r * 1.2, y),
            (x, y + r * 1.2),
            (x - r * 1.2, y),
        ],
        MapSymbol::AidantsConnect => vec![
            (x, y - r * 1.2),
            (x + r * 1.1, y + r * 0.8),
            (x - r * 1.1, y + r * 0.8),
        ],
        MapSymbol::ConseillerNumerique => vec![
            (x - r, y - r),
            (x + r, y - r),
            (x + r, y + r),
            (x - r, y + r),
        ],
        MapSymbol::Other => (0..12)
            .map(|i| {
                let a = i as f32 * std::f32::consts::TAU / 12.0;
                (x + r * a.cos(), y + r * a.sin())
            })
            .collect(),
    }
}

fn symbol(c: &mut Composer, symbol: MapSymbol, x: f32, y: f32) {
    c.add(Item::Polygon {
        rings: vec![symbol_ring(symbol, x, y, SYMBOL_R)],
        fill: Some(symbol_color(symbol)),
        stroke: Some(WHITE),
        width: 0.6,
    });
}

/// Draws a map block.
pub(crate) fn map(c: &mut Composer, map: &TerritoryMap) {
    let fonts = c.fonts;
    let scale = (BODY_W / map.width as f32).min(MAX_H / map.height.max(1.0) as f32);
    let (w, h) = (map.width as f32 * scale, map.height as f32 * scale);
    let x0 = LEFT + (BODY_W - w) / 2.0;
    let flagged = map.areas.iter().any(|a| a.without_place);
    let legend_rows = map.legend.len() + usize::from(flagged) + 1;
    c.ensure(h + 6.0 + legend_rows.div_ceil(2) as f32 * LEGEND_LINE + BLOCK_GAP);
    let top = c.y;
    // Kept inside the frame, whatever the model says.
    let at = |(x, y): (f64, f64)| {
        (
            (x0 + x as f32 * scale).clamp(x0 + 1.0, (x0 + w - 1.0).max(x0 + 1.0)),
            (top + y as f32 * scale).clamp(top + 1.0, (top + h - 1.0).max(top + 1.0)),
        )
    };
    c.rect(x0, top, w, h, WASH);
    for area in &map.areas {
        let fill = if area.without_place {
            style::tone_tint(Tone::Bad)
        } else {
            PRIMARY_LIGHT
        };
        c.add(Item::Polygon {
            rings: area
                .rings
                .iter()
                .map(|ring| ring.iter().map(|&p| at(p)).collect())
                .collect(),
            fill: Some(fill),
            stroke: Some(if area.without_place {
                style::tone_color(Tone::Bad)
            } else {
                PRIMARY
            }),
            width: 0.8,
        });
    }
    for area in &map.areas {
        let line = fit_line(fonts, &area.code, true, CODE_SIZE, 60.0);
        let (x, y) = at(area.label_at);
        let line_h = CODE_SIZE * 1.3;
        c.draw_line(
            &line,
            (x - line.width / 2.0).clamp(x0, (x0 + w - line.width).max(x0)),
            (y - line_h - 1.0).max(top),
            CODE_SIZE,
            line_h,
            if area.without_place {
                style::tone_color(Tone::Bad)
            } else {
                PRIMARY
            },
        );
    }
    let inset = SYMBOL_R * 1.3;
    for point in &map.points {
        let (x, y) = at(point.at);
        let x = x.clamp(x0 + inset, (x0 + w - inset).max(x0 + inset));
        let y = y.clamp(top + inset, (top + h - inset).max(top + inset));
        symbol(c, point.symbol, x, y);
    }
    // Scale bar, bottom left inside the frame.
    let bar = (map.scale_units as f32 * scale).clamp(0.0, (w - 80.0).max(0.0));
    let (bx, by) = (x0 + 8.0, top + h - 8.0);
    c.line(bx, by, bx + bar, by, 1.2, INK);
    c.line(bx, by - 3.0, bx, by, 0.8, INK);
    c.line(bx + bar, by - 3.0, bx + bar, by, 0.8, INK);
    let label = fit_line(fonts, &map.scale_label, false, CODE_SIZE, 60.0);
    c.draw_line(
        &label,
        bx + bar + 4.0,
        by - CODE_SIZE,
        CODE_SIZE,
        CODE_SIZE * 1.3,
        INK,
    );
    // The frame, inside the box (a stroke is centred on its path).
    let (l, t, r, b) = (x0 + 0.25, top + 0.25, x0 + w - 0.25, top + h - 0.25);
    c.add(Item::Polygon {
        rings: vec![vec![(l, t), (r, t), (r, b), (l, b)]],
        fill: None,
        stroke: Some(RULE),
        width: 0.5,
    });
    c.advance(h + 6.0);
    // Legend, two columns.
    let mut entries: Vec<(Option<MapSymbol>, Rgb, String)> = map
        .legend
        .iter()
        .map(|s| (Some(*s), symbol_color(*s), s.label().to_string()))
        .collect();
    entries.push((None, PRIMARY_LIGHT, "Quartier prioritaire (QPV)".into()));
    if flagged {
        entries.push((
            None,
            style::tone_tint(Tone::Bad),
            "QPV sans lieu de médiation dedans ni à proximité".into(),
        ));
    }
    let col_w = BODY_W / 2.0;
    for row in entries.chunks(2) {
        let y = c.y;
        for (i, (sym, color, text)) in row.iter().enumerate() {
            let x = LEFT + i as f32 * col_w;
            match sym {
                Some(s) => symbol(c, *s, x + 5.0, y + LEGEND_LINE / 2.0),
                None => c.rect(x, y + 2.5, 10.0, LEGEND_LINE - 5.0, *color),
            }
            let line = fit_line(fonts, text, false, LEGEND_SIZE, col_w - 18.0);
            c.draw_line(&line, x + 14.0, y, LEGEND_SIZE, LEGEND_LINE, MUTED);
        }
        c.advance(LEGEND_LINE);
    }
    c.advance(BLOCK_GAP);
}
