//! Bar charts of target vs actual per period: value axis with graduations,
//! grid, zero line, period labels, legend; light bars for targets, dark bars
//! for actual values (distinguishable in black and white).

use copil_core::format;
use copil_core::report::Chart;

use crate::blocks::BLOCK_GAP;
use crate::layout::{Composer, LEFT, RIGHT};
use crate::style::{BODY_W, INK, MUTED, PRIMARY, PRIMARY_LIGHT, RULE};
use crate::wrap::{fit_line, wrap_clamped};

const PLOT_H: f32 = 110.0;
const HEADROOM: f32 = 10.0;
const AXIS_SIZE: f32 = 7.0;
const LABEL_SIZE: f32 = 7.5;
const LEGEND_SIZE: f32 = 7.5;

/// Graduations of the value axis.
struct Axis {
    lo: f32,
    hi: f32,
    ticks: Vec<f64>,
    decimals: usize,
}

/// Rounded graduations covering `min..=max` (which include 0).
fn nice_axis(min: f64, max: f64) -> Axis {
    let (min, max) = if max - min <= f64::EPSILON {
        (min, min + 1.0)
    } else {
        (min, max)
    };
    let raw = (max - min) / 4.0;
    let mag = 10f64.powf(raw.log10().floor());
    let norm = raw / mag;
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= norm * mag * 0.999)
        .unwrap_or(10.0 * mag);
    let lo = (min / step).floor() * step;
    let hi = (max / step).ceil() * step;
    let count = (((hi - lo) / step).round() as usize).clamp(1, 20);
    let ticks = (0..=count).map(|i| lo + step * i as f64).collect();
    let decimals = if step >= 1.0 {
        0
    } else {
        (-step.log10()).ceil().clamp(0.0, 4.0) as usize + 1
    };
    Axis {
        lo: lo as f32,
        hi: (lo + step * count as f64) as f32,
        ticks,
        decimals,
    }
}

/// Draws a chart block.
pub(crate) fn chart(c: &mut Composer, chart: &Chart) {
    let fonts = c.fonts;
    let title = wrap_clamped(fonts, &chart.title, true, 9.5, BODY_W, 2);
    let values: Vec<f64> = chart
        .points
        .iter()
        .flat_map(|p| [p.target, p.actual])
        .flatten()
        .filter(|v| v.is_finite() && v.abs() < 1e15)
        .collect();
    let title_h = title.len() as f32 * 13.0;
    if values.is_empty() {
        c.ensure(title_h + 14.0);
        c.flow_lines(&title, LEFT, 9.5, 13.0, INK);
        let line = fit_line(
            fonts,
            "Aucune donnée chiffrée pour ce graphique.",
            false,
            8.5,
            BODY_W,
        );
        c.flow_lines(&[line], LEFT, 8.5, 12.0, MUTED);
        c.advance(BLOCK_GAP);
        return;
    }
    let n = chart.points.len().max(1);
    let min = values.iter().copied().fold(0.0, f64::min);
    let max = values.iter().copied().fold(0.0, f64::max);
    let axis = nice_axis(min, max);
    let tick_labels: Vec<String> = axis
        .ticks
        .iter()
        .map(|t| format::number(*t, axis.decimals))
        .collect();
    let axis_w = tick_labels
        .iter()
        .map(|t| fonts.width(t, false, AXIS_SIZE))
        .fold(0.0, f32::max)
        .min(BODY_W * 0.3)
        + 6.0;
    let plot_x = LEFT + axis_w;
    let plot_w = RIGHT - plot_x;
    let group_w = plot_w / n as f32;
    // Period labels: shrink only if a glyph is wider than the group.
    let widest = chart
        .points
        .iter()
        .flat_map(|p| fonts.sanitize(&p.label, false).chars().collect::<Vec<_>>())
        .map(|ch| fonts.regular.advance(ch))
        .fold(0.0f32, f32::max);
    let label_size = if widest > 0.0 {
        LABEL_SIZE.min((group_w - 2.0) / widest * 0.999).max(0.1)
    } else {
        LABEL_SIZE
    };
    let labels: Vec<_> = chart
        .points
        .iter()
        .map(|p| {
            wrap_clamped(
                fonts,
                &p.label,
                false,
                label_size,
                (group_w - 2.0).max(0.0),
                2,
            )
        })
        .collect();
    let label_lines = labels.iter().map(Vec::len).max().unwrap_or(1) as f32;
    let total = title_h + 14.0 + HEADROOM + PLOT_H + 4.0 + label_lines * label_size * 1.3;
    c.ensure(total);

    c.flow_lines(&title, LEFT, 9.5, 13.0, INK);
    legend(c, &chart.unit);
    c.advance(HEADROOM);
    let plot_top = c.y;
    let scale = PLOT_H / (axis.hi - axis.lo);
    let y_of = |v: f64| plot_top + (axis.hi - v as f32) * scale;

    for (tick, text) in axis.ticks.iter().zip(&tick_labels) {
        let y = y_of(*tick);
        let color = if *tick == 0.0 { MUTED } else { RULE };
        c.line(
            plot_x,
            y,
            RIGHT,
            y,
            if *tick == 0.0 { 0.8 } else { 0.4 },
            color,
        );
        let line = fit_line(fonts, text, false, AXIS_SIZE, axis_w - 6.0);
        let baseline_top = y - AXIS_SIZE * 0.6;
        c.draw_line(
            &line,
            plot_x - 4.0 - line.width,
            baseline_top,
            AXIS_SIZE,
            AXIS_SIZE * 1.2,
            MUTED,
        );
    }
    let zero = y_of(0.0);
    let bar_w = (group_w * 0.32).min(22.0);
    for (i, point) in chart.points.iter().enumerate() {
        let center = plot_x + group_w * (i as f32 + 0.5);
        let bars = [
            (point.target, center - bar_w - 1.0, PRIMARY_LIGHT),
            (point.actual, center + 1.0, PRIMARY),
        ];
        for (value, x, color) in bars {
            let Some(v) = value.filter(|v| v.is_finite() && v.abs() < 1e15) else {
                continue;
            };
            let y = y_of(v);
            c.rect(x, y.min(zero), bar_w, (y - zero).abs(), color);
        }
        if let Some(v) = point.actual.filter(|v| v.is_finite() && v.abs() < 1e15) {
            let text = format::number(v, axis.decimals.max(1));
            let w = fonts.width(&text, false, 6.5);
            if w <= group_w - 2.0 {
                let line = fit_line(fonts, &text, false, 6.5, group_w - 2.0);
                let top = y_of(v).min(zero) - 9.0;
                let x = (center + 1.0 + bar_w / 2.0 - w / 2.0).clamp(
                    plot_x + group_w * i as f32 + 1.0,
                    plot_x + group_w * (i as f32 + 1.0) - 1.0 - w,
                );
                c.draw_line(&line, x, top, 6.5, 8.0, INK);
            }
        }
        let mut top = plot_top + PLOT_H + 4.0;
        for line in &labels[i] {
            c.draw_line(
                line,
                center - line.width / 2.0,
                top,
                label_size,
                label_size * 1.3,
                INK,
            );
            top += label_size * 1.3;
        }
    }
    c.advance(PLOT_H + 4.0 + label_lines * label_size * 1.3);
    c.advance(BLOCK_GAP + 4.0);
}

/// Legend line: target and actual swatches, then the unit.
fn legend(c: &mut Composer, unit: &str) {
    let top = c.y + 2.0;
    let mut x = LEFT;
    for (color, text) in [(PRIMARY_LIGHT, "Cible"), (PRIMARY, "Réalisé")] {
        c.rect(x, top + 2.0, 8.0, 8.0, color);
        let line = fit_line(c.fonts, text, false, LEGEND_SIZE, 60.0);
        c.draw_line(&line, x + 11.0, top, LEGEND_SIZE, 12.0, INK);
        x += 11.0 + line.width + 12.0;
    }
    if !unit.trim().is_empty() {
        let line = fit_line(
            c.fonts,
            &format!("Unité\u{A0}: {unit}"),
            false,
            LEGEND_SIZE,
            RIGHT - x,
        );
        c.draw_line(&line, x, top, LEGEND_SIZE, 12.0, MUTED);
    }
    c.advance(14.0);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_is_rounded_and_covers_values() {
        let a = nice_axis(0.0, 1234.0);
        assert_eq!(a.lo, 0.0);
        assert!(a.hi >= 1234.0 && a.hi <= 1600.0, "{}", a.hi);
        assert!(a.ticks.len() >= 3 && a.ticks.len() <= 8);
        let b = nice_axis(-30.0, 80.0);
        assert!(b.lo <= -30.0 && b.hi >= 80.0);
        assert!(b.ticks.contains(&0.0));
        let c = nice_axis(0.0, 0.0);
        assert!(c.hi > c.lo);
        let d = nice_axis(0.0, 0.8);
        assert!(d.decimals >= 1);
    }
}
