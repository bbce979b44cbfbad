//! Running content: headings, paragraphs, bullet lists and alert lines.

use copil_core::report::{AlertLine, Span};

use crate::layout::{Composer, Pending, LEFT};
use crate::style::{self, BODY_W, INK, LEADING, PRIMARY, PRIMARY_LIGHT, TEXT_SIZE};
use crate::wrap::{fit_line, wrap, wrap_runs};

/// Vertical space after a block.
pub(crate) const BLOCK_GAP: f32 = 8.0;

/// Draws a level-1 (section) or level-2 (sub-section) heading, kept with
/// the beginning of what follows. Returns the heading id (see
/// `Composer::heading_pages`).
pub(crate) fn heading(c: &mut Composer, text: &str, level: u8) -> usize {
    let (size, gap_before, gap_after) = if level <= 1 {
        (16.0, 0.0, 10.0)
    } else {
        (12.0, 8.0, 5.0)
    };
    let line_h = size * 1.3;
    let lines = wrap(c.fonts, text, true, size, BODY_W);
    if !c.at_page_top() {
        c.advance(gap_before);
    }
    // Room for the heading and ~4 lines of what follows (earlier pending headings move along).
    c.ensure(lines.len() as f32 * line_h + gap_after + 60.0);
    let mut pending = c.pending.take().unwrap_or(Pending {
        start_y: c.y,
        first_item: c.item_count(),
        ids: Vec::new(),
    });
    let first_page = c.page_index();
    c.flow_lines(&lines, LEFT, size, line_h, PRIMARY);
    if level <= 1 {
        c.advance(3.0);
        let y = c.y;
        c.line(LEFT, y, LEFT + BODY_W, y, 1.2, PRIMARY_LIGHT);
    }
    c.advance(gap_after);
    let id = c.heading_pages.len();
    c.heading_pages.push(first_page);
    if c.page_index() == first_page {
        pending.ids.push(id);
        c.pending = Some(pending);
    }
    id
}

/// Draws a paragraph of regular and bold spans.
pub(crate) fn paragraph(c: &mut Composer, spans: &[Span]) {
    let runs: Vec<(&str, bool)> = spans.iter().map(|s| (s.text.as_str(), s.bold)).collect();
    let lines = wrap_runs(c.fonts, &runs, TEXT_SIZE, BODY_W);
    c.flow_lines(&lines, LEFT, TEXT_SIZE, TEXT_SIZE * LEADING, INK);
    c.advance(BLOCK_GAP);
}

/// Draws a bulleted list.
pub(crate) fn bullets(c: &mut Composer, items: &[String]) {
    let indent = 14.0;
    let line_h = TEXT_SIZE * LEADING;
    for item in items {
        let lines = wrap(c.fonts, item, false, TEXT_SIZE, BODY_W - indent);
        c.ensure(line_h);
        let top = c.y;
        let bullet = fit_line(c.fonts, "•", true, TEXT_SIZE, indent);
        c.draw_line(&bullet, LEFT + 3.0, top, TEXT_SIZE, line_h, PRIMARY);
        c.flow_lines(&lines, LEFT + indent, TEXT_SIZE, line_h, INK);
        c.advance(2.0);
    }
    c.advance(BLOCK_GAP - 2.0);
}

/// Draws points d'alerte: a coloured tag with symbol and word, then the text.
pub(crate) fn alerts(c: &mut Composer, alerts: &[AlertLine]) {
    let tag_size = 7.5;
    let pad = 4.0;
    let tag_w = ["Info", "Attention", "Critique"]
        .iter()
        .map(|w| c.fonts.width(&format!("▲ {w}"), true, tag_size))
        .fold(0.0, f32::max)
        + 2.0 * pad;
    let text_x = LEFT + tag_w + 8.0;
    let line_h = TEXT_SIZE * LEADING;
    for alert in alerts {
        let (tone, word) = style::severity_style(alert.severity);
        let lines = wrap(
            c.fonts,
            &alert.text,
            false,
            TEXT_SIZE,
            LEFT + BODY_W - text_x,
        );
        c.ensure(line_h);
        let top = c.y;
        c.rect(LEFT, top + 1.5, tag_w, line_h - 3.0, style::tone_tint(tone));
        let tag = fit_line(
            c.fonts,
            &format!("{} {word}", style::tone_symbol(tone)),
            true,
            tag_size,
            tag_w - 2.0 * pad,
        );
        c.draw_line(
            &tag,
            LEFT + pad,
            top,
            tag_size,
            line_h,
            style::tone_color(tone),
        );
        c.flow_lines(&lines, text_x, TEXT_SIZE, line_h, INK);
        c.advance(3.0);
    }
    c.advance(BLOCK_GAP - 3.0);
}
