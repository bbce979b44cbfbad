//! Key-figure tiles: a grid of boxes with a big value, a label and a detail,
//! accented with the figure's tone (colour + symbol). A value too wide for its
//! tile is set smaller rather than broken (« 34 816 601,73 € » stays whole).

use copil_core::report::KeyFigure;

use crate::blocks::BLOCK_GAP;
use crate::layout::{Composer, LEFT};
use crate::style::{self, BODY_W, INK, MUTED, PRIMARY, WASH};
use crate::wrap::{fit_line, narrowest, wrap_clamped, Line};

const GAP: f32 = 10.0;
const PAD: f32 = 8.0;
const VALUE_SIZE: f32 = 17.0;
/// Smallest size a value is set in to keep its words whole.
const VALUE_MIN_SIZE: f32 = 11.0;
const LABEL_SIZE: f32 = 8.5;
const DETAIL_SIZE: f32 = 7.5;
const SYMBOL_SIZE: f32 = 10.0;

/// A tile's wrapped texts.
struct TileText {
    /// Size the value is set in.
    value_size: f32,
    value: Vec<Line>,
    label: Vec<Line>,
    detail: Vec<Line>,
}

/// Draws key figures as rows of tiles (3 per row, 2 when there are 4).
pub(crate) fn key_figures(c: &mut Composer, figures: &[KeyFigure]) {
    if figures.is_empty() {
        return;
    }
    let cols = if figures.len() == 4 {
        2
    } else {
        figures.len().min(3)
    };
    let tile_w = (BODY_W - GAP * (cols as f32 - 1.0)) / cols as f32;
    let inner_w = tile_w - 2.0 * PAD - 3.0;
    let symbol_w = SYMBOL_SIZE * 1.2;
    let value_w = inner_w - symbol_w;
    let value_size = |value: &str| {
        let widest = narrowest(c.fonts, value, true, 1.0).whole;
        if widest * VALUE_SIZE > value_w {
            (value_w / widest * 0.999).max(VALUE_MIN_SIZE)
        } else {
            VALUE_SIZE
        }
    };
    for row in figures.chunks(cols) {
        let texts: Vec<TileText> = row
            .iter()
            .map(|f| {
                let size = value_size(&f.value);
                TileText {
                    value_size: size,
                    value: wrap_clamped(c.fonts, &f.value, true, size, value_w, 2),
                    label: wrap_clamped(c.fonts, &f.label, true, LABEL_SIZE, inner_w, 3),
                    detail: f
                        .detail
                        .as_deref()
                        .map(|d| wrap_clamped(c.fonts, d, false, DETAIL_SIZE, inner_w, 3))
                        .unwrap_or_default(),
                }
            })
            .collect();
        let height = texts
            .iter()
            .map(|t| {
                PAD + t.value.len() as f32 * VALUE_SIZE * 1.2
                    + 3.0
                    + t.label.len() as f32 * LABEL_SIZE * 1.3
                    + if t.detail.is_empty() {
                        0.0
                    } else {
                        2.0 + t.detail.len() as f32 * DETAIL_SIZE * 1.3
                    }
                    + PAD
            })
            .fold(0.0, f32::max);
        c.ensure(height);
        let top = c.y;
        for (i, (figure, text)) in row.iter().zip(&texts).enumerate() {
            let x = LEFT + i as f32 * (tile_w + GAP);
            let accent = figure.tone.map(style::tone_color).unwrap_or(PRIMARY);
            c.rect(x, top, tile_w, height, WASH);
            c.rect(x, top, 3.0, height, accent);
            let tx = x + 3.0 + PAD;
            let mut y = top + PAD;
            if let Some(tone) = figure.tone {
                let symbol = fit_line(
                    c.fonts,
                    &style::tone_symbol(tone).to_string(),
                    true,
                    SYMBOL_SIZE,
                    symbol_w,
                );
                c.draw_line(
                    &symbol,
                    x + tile_w - PAD - symbol.width,
                    y,
                    SYMBOL_SIZE,
                    VALUE_SIZE * 1.2,
                    accent,
                );
            }
            for line in &text.value {
                c.draw_line(line, tx, y, text.value_size, VALUE_SIZE * 1.2, INK);
                y += VALUE_SIZE * 1.2;
            }
            y += 3.0;
            for line in &text.label {
                c.draw_line(line, tx, y, LABEL_SIZE, LABEL_SIZE * 1.3, INK);
                y += LABEL_SIZE * 1.3;
            }
            y += 2.0;
            for line in &text.detail {
                c.draw_line(line, tx, y, DETAIL_SIZE, DETAIL_SIZE * 1.3, MUTED);
                y += DETAIL_SIZE * 1.3;
            }
        }
        c.advance(height + GAP);
    }
    c.advance(BLOCK_GAP - GAP);
}
