//! Cover page: kicker, title, subtitle, label/value details and a closing note; the same content
//! as a header block at the top of a relevé de décisions' first page.

use copil_core::report::Cover;

use crate::layout::{Composer, LEFT, RIGHT};
use crate::style::{BODY_BOTTOM, BODY_TOP, BODY_W, INK, MUTED, PRIMARY, PRIMARY_LIGHT};
use crate::wrap::{wrap, wrap_clamped};

/// Lays out the cover (normally one page; very long texts flow on).
pub(crate) fn draw(c: &mut Composer, cover: &Cover) {
    c.rect(LEFT, BODY_TOP, BODY_W, 6.0, PRIMARY);
    c.advance(110.0);
    let kicker = wrap_clamped(c.fonts, &cover.kicker, true, 11.0, BODY_W, 2);
    c.flow_lines(&kicker, LEFT, 11.0, 15.0, PRIMARY);
    c.advance(10.0);
    let title = wrap(c.fonts, &cover.title, true, 26.0, BODY_W);
    c.flow_lines(&title, LEFT, 26.0, 33.0, INK);
    c.advance(12.0);
    c.ensure(4.0);
    let y = c.y;
    c.rect(LEFT, y, 64.0, 4.0, PRIMARY_LIGHT);
    c.advance(16.0);
    if let Some(subtitle) = cover.subtitle.as_deref() {
        let lines = wrap(c.fonts, subtitle, false, 14.0, BODY_W);
        c.flow_lines(&lines, LEFT, 14.0, 19.0, MUTED);
    }
    c.advance(48.0);
    for detail in &cover.details {
        let label = wrap(c.fonts, &detail.label.to_uppercase(), true, 7.5, BODY_W);
        let value = wrap(c.fonts, &detail.value, false, 12.0, BODY_W);
        c.ensure(10.0 + 16.0);
        c.flow_lines(&label, LEFT, 7.5, 10.0, MUTED);
        c.flow_lines(&value, LEFT, 12.0, 16.0, INK);
        c.advance(12.0);
    }
    if let Some(note) = cover.note.as_deref().filter(|n| !n.trim().is_empty()) {
        let lines = wrap(c.fonts, note, false, 8.5, BODY_W);
        let height = lines.len() as f32 * 12.0;
        // At the foot of the page when it fits there, else right after.
        let foot = BODY_BOTTOM - height - 6.0;
        if foot > c.y + 20.0 {
            c.y = foot;
        } else {
            c.advance(20.0);
        }
        c.ensure(18.0);
        let y = c.y + 0.5;
        c.line(LEFT, y, RIGHT, y, 0.5, PRIMARY_LIGHT);
        c.advance(6.0);
        c.flow_lines(&lines, LEFT, 8.5, 12.0, MUTED);
    }
}

/// Width of the label column of the header block.
const LABEL_W: f32 = 118.0;

/// Lays out the cover's content as a compact header block at the top of the current page (the
/// relevé de décisions: its first page holds the header and the beginning of the content).
pub(crate) fn header(c: &mut Composer, cover: &Cover) {
    c.rect(LEFT, c.y, BODY_W, 4.0, PRIMARY);
    c.advance(14.0);
    let kicker = wrap_clamped(c.fonts, &cover.kicker, true, 9.0, BODY_W, 2);
    c.flow_lines(&kicker, LEFT, 9.0, 12.0, PRIMARY);
    c.advance(4.0);
    let title = wrap(c.fonts, &cover.title, true, 18.0, BODY_W);
    c.flow_lines(&title, LEFT, 18.0, 23.0, INK);
    if let Some(subtitle) = cover.subtitle.as_deref() {
        let lines = wrap(c.fonts, subtitle, false, 11.0, BODY_W);
        c.flow_lines(&lines, LEFT, 11.0, 15.0, MUTED);
    }
    c.advance(8.0);
    let line_h = 14.0;
    for detail in &cover.details {
        let label = wrap(
            c.fonts,
            &detail.label.to_uppercase(),
            true,
            7.5,
            LABEL_W - 8.0,
        );
        let value = wrap(c.fonts, &detail.value, false, 10.0, BODY_W - LABEL_W);
        for i in 0..label.len().max(value.len()) {
            c.ensure(line_h);
            let top = c.y;
            if let Some(line) = label.get(i) {
                c.draw_line(line, LEFT, top, 7.5, line_h, MUTED);
            }
            if let Some(line) = value.get(i) {
                c.draw_line(line, LEFT + LABEL_W, top, 10.0, line_h, INK);
            }
            c.advance(line_h);
        }
        c.advance(2.0);
    }
    if let Some(note) = cover.note.as_deref().filter(|n| !n.trim().is_empty()) {
        c.advance(4.0);
        let lines = wrap(c.fonts, note, false, 8.0, BODY_W);
        c.flow_lines(&lines, LEFT, 8.0, 11.0, MUTED);
    }
    c.advance(6.0);
    c.ensure(2.0);
    let y = c.y;
    c.line(LEFT, y, RIGHT, y, 0.8, PRIMARY_LIGHT);
    c.advance(14.0);
}
