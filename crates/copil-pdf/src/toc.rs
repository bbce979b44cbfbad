//! Table of contents (« Sommaire »): numbered entries with dot leaders and
//! right-aligned page numbers. Laid out twice — once to count its pages,
//! once with the real numbers — with a reserved number column so both passes
//! produce the same pages.

use crate::blocks::heading;
use crate::layout::{Composer, LEFT, RIGHT};
use crate::style::{BODY_W, INK, MUTED, RULE};
use crate::wrap::{fit_line, wrap};

/// One entry of the table of contents.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TocEntry {
    /// 1 for sections, 2 for sub-sections.
    pub level: u8,
    /// Numbered title, e.g. « 2.1 Météo des objectifs ».
    pub title: String,
    /// 0-based page index within the body pages.
    pub body_page: usize,
}

const NUMBER_W: f32 = 34.0;

/// Lays out the table of contents; `first_body_page` is the 1-based number
/// of the first body page.
pub(crate) fn draw(c: &mut Composer, entries: &[TocEntry], first_body_page: usize) {
    let _ = heading(c, "Sommaire", 1);
    for entry in entries {
        let (size, bold, indent, line_h, gap) = if entry.level <= 1 {
            (10.5, true, 0.0, 15.0, 6.0)
        } else {
            (9.5, false, 18.0, 13.5, 1.5)
        };
        if entry.level <= 1 {
            c.advance(gap);
        }
        let text_w = BODY_W - indent - NUMBER_W - 12.0;
        let lines = wrap(c.fonts, &entry.title, bold, size, text_w);
        let last = lines.len().saturating_sub(1);
        for (i, line) in lines.iter().enumerate() {
            c.ensure(line_h);
            let top = c.y;
            c.draw_line(line, LEFT + indent, top, size, line_h, INK);
            if i == last {
                let number = (entry.body_page + first_body_page).to_string();
                let num = fit_line(c.fonts, &number, bold, size, NUMBER_W);
                c.draw_line(&num, RIGHT - num.width, top, size, line_h, INK);
                let start = LEFT + indent + line.width + 4.0;
                let end = RIGHT - NUMBER_W - 4.0;
                let dot_w = c.fonts.width(". ", false, size * 0.9);
                if end > start + dot_w && dot_w > 0.0 {
                    let count = ((end - start) / dot_w).floor() as usize;
                    let dots =
                        fit_line(c.fonts, &". ".repeat(count), false, size * 0.9, end - start);
                    let x = end - dots.width;
                    c.draw_line(&dots, x, top, size * 0.9, line_h, MUTED);
                }
            }
            c.advance(line_h);
        }
        if entry.level <= 1 {
            let y = c.y + 1.0;
            c.line(LEFT, y, RIGHT, y, 0.3, RULE);
            c.advance(2.0);
        }
    }
}
