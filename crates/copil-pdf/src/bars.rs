//! Horizontal bars on a fixed scale: a label column, a light track from the scale's start to
//! its end, the bar up to the value, and the value printed in its own column at the right; the
//! scale's two ends are labelled under the last row.

use copil_core::format;
use copil_core::report::Bars;

use crate::blocks::BLOCK_GAP;
use crate::layout::{Composer, LEFT, RIGHT};
use crate::style::{self, BODY_W, INK, MUTED, PRIMARY, WASH};
use crate::wrap::{fit_line, wrap_clamped};

const SIZE: f32 = 8.5;
const LINE_H: f32 = 11.5;
const BAR_H: f32 = 7.0;
const SCALE_SIZE: f32 = 7.0;

/// Draws a bars block.
pub(crate) fn bars(c: &mut Composer, bars: &Bars) {
    let fonts = c.fonts;
    if let Some(caption) = bars.caption.as_deref().filter(|t| !t.trim().is_empty()) {
        let lines = wrap_clamped(fonts, caption, true, 9.5, BODY_W, 2);
        c.ensure(lines.len() as f32 * 13.0 + LINE_H + 4.0);
        c.flow_lines(&lines, LEFT, 9.5, 13.0, INK);
        c.advance(2.0);
    }
    let (lo, hi) = if bars.max.is_finite() && bars.min.is_finite() && bars.max > bars.min {
        (bars.min, bars.max)
    } else {
        (0.0, 1.0)
    };
    let label_w = BODY_W * 0.36;
    let text_w = (bars
        .rows
        .iter()
        .map(|r| fonts.width(&r.text, r.bold, SIZE))
        .fold(0.0, f32::max)
        + 6.0)
        .clamp(24.0, BODY_W * 0.22);
    let track_x = LEFT + label_w + 6.0;
    let track_w = (RIGHT - text_w - 6.0 - track_x).max(10.0);
    let x_of = |v: f64| {
        let share = ((v.clamp(lo, hi) - lo) / (hi - lo)) as f32;
        track_x + share * track_w
    };
    let n = bars.rows.len();
    for (i, row) in bars.rows.iter().enumerate() {
        let lines = wrap_clamped(fonts, &row.label, row.bold, SIZE, label_w, 2);
        let h = lines.len().max(1) as f32 * LINE_H;
        let last = i + 1 == n;
        c.ensure(h + if last { SCALE_SIZE * 1.6 } else { 0.0 });
        let top = c.y;
        let mut y = top;
        for line in &lines {
            c.draw_line(line, LEFT, y, SIZE, LINE_H, INK);
            y += LINE_H;
        }
        let bar_top = top + (LINE_H - BAR_H) / 2.0;
        c.rect(track_x, bar_top, track_w, BAR_H, WASH);
        if let Some(v) = row.value.filter(|v| v.is_finite()) {
            let color = row.tone.map(style::tone_color).unwrap_or(PRIMARY);
            c.rect(track_x, bar_top, x_of(v) - track_x, BAR_H, color);
        }
        let text = fit_line(fonts, &row.text, row.bold, SIZE, text_w);
        c.draw_line(&text, RIGHT - text.width, top, SIZE, LINE_H, INK);
        c.advance(h);
    }
    if n > 0 {
        let start = fit_line(
            fonts,
            &format::number(lo, bars.decimals),
            false,
            SCALE_SIZE,
            track_w / 2.0,
        );
        let end = fit_line(
            fonts,
            &format::number(hi, bars.decimals),
            false,
            SCALE_SIZE,
            track_w / 2.0,
        );
        let top = c.y;
        c.draw_line(&start, track_x, top, SCALE_SIZE, SCALE_SIZE * 1.4, MUTED);
        c.draw_line(
            &end,
            track_x + track_w - end.width,
            top,
            SCALE_SIZE,
            SCALE_SIZE * 1.4,
            MUTED,
        );
        c.advance(SCALE_SIZE * 1.4);
    }
    c.advance(BLOCK_GAP);
}
