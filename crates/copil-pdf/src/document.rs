//! Whole-document composition: cover, table of contents (two passes), body
//! sections, then running header and footer « … — page n / N » on every page.

use copil_core::format;
use copil_core::report::{Block, DocumentKind, ReportDocument, Section};

use crate::fonts::FontSet;
use crate::layout::{Composer, Item, Page, Placed, Zone, LEFT, RIGHT};
use crate::outline::OutlineEntry;
use crate::style::{BODY_W, FOOTER_TOP, HEADER_BOTTOM, MUTED, RULE};
use crate::toc::{self, TocEntry};
use crate::wrap::fit_line;
use crate::{bars, blocks, chart, cover, map, table, tiles, PdfError};

/// A laid-out document, ready to be written as PDF.
#[derive(Debug, Clone)]
pub(crate) struct Composed {
    /// All pages, in order.
    pub pages: Vec<Page>,
    /// Bookmarks, in reading order.
    pub outline: Vec<OutlineEntry>,
}

/// Lays out the whole document, as its kind asks.
pub(crate) fn compose(doc: &ReportDocument, fonts: &FontSet) -> Result<Composed, PdfError> {
    match doc.kind {
        DocumentKind::Report => compose_report(doc, fonts),
        DocumentKind::DecisionRecord => Ok(compose_record(doc, fonts)),
    }
}

/// A relevé de décisions: the header block, then every section one after the other (no cover,
/// no table of contents); bookmarks for the header and each section.
fn compose_record(doc: &ReportDocument, fonts: &FontSet) -> Composed {
    let mut body = Composer::new(fonts);
    cover::header(&mut body, &doc.cover);
    let mut entries = Vec::new();
    for (i, section) in doc.sections.iter().enumerate() {
        record_section(&mut body, section, &format!("{}.", i + 1), 1, &mut entries);
    }
    let mut outline = vec![OutlineEntry {
        level: 1,
        title: doc.cover.title.clone(),
        page: 1,
    }];
    outline.extend(entries.iter().map(|e| OutlineEntry {
        level: e.level,
        title: e.title.clone(),
        page: body.heading_pages[e.body_page] + 1,
    }));
    let mut pages = body.pages;
    decorate(doc, fonts, &mut pages, 1);
    Composed { pages, outline }
}

/// Lays out a section of a relevé: its heading in the sub-section size (the relevé is short),
/// its blocks, its sub-sections.
fn record_section(
    c: &mut Composer,
    section: &Section,
    number: &str,
    level: u8,
    entries: &mut Vec<TocEntry>,
) {
    let title = format!("{number} {}", section.title.trim());
    let id = blocks::heading(c, &title, 2);
    entries.push(TocEntry {
        level: level.min(2),
        title,
        body_page: id,
    });
    for block in &section.blocks {
        draw_block(c, block);
    }
    for (j, sub) in section.subsections.iter().enumerate() {
        let prefix = number.trim_end_matches('.');
        record_section(c, sub, &format!("{prefix}.{}", j + 1), 2, entries);
    }
}

/// A COPIL report: cover, table of contents (two passes), each section on a new page.
fn compose_report(doc: &ReportDocument, fonts: &FontSet) -> Result<Composed, PdfError> {
    let mut front = Composer::new(fonts);
    cover::draw(&mut front, &doc.cover);
    let cover_pages = front.pages.len();

    let mut body = Composer::new(fonts);
    let mut entries = Vec::new();
    for (i, section) in doc.sections.iter().enumerate() {
        if i > 0 {
            body.new_page();
        }
        section_body(&mut body, section, &format!("{}.", i + 1), 1, &mut entries);
    }
    // Headings may have moved with their content: resolve ids to pages.
    for entry in &mut entries {
        entry.body_page = body.heading_pages[entry.body_page];
    }

    // Pass 1 counts the table-of-contents pages, pass 2 writes real numbers.
    let mut probe = Composer::new(fonts);
    toc::draw(&mut probe, &entries, 1);
    let toc_pages = probe.pages.len();
    let first_body_page = cover_pages + toc_pages + 1;
    let mut toc_c = Composer::new(fonts);
    toc::draw(&mut toc_c, &entries, first_body_page);
    if toc_c.pages.len() != toc_pages {
        return Err(PdfError::Layout(
            "le sommaire a changé de longueur entre deux passes".into(),
        ));
    }

    let mut outline = vec![OutlineEntry {
        level: 1,
        title: "Sommaire".to_string(),
        page: cover_pages + 1,
    }];
    outline.extend(entries.iter().map(|e| OutlineEntry {
        level: e.level,
        title: e.title.clone(),
        page: e.body_page + first_body_page,
    }));

    let mut pages = front.pages;
    pages.extend(toc_c.pages);
    pages.extend(body.pages);
    decorate(doc, fonts, &mut pages, cover_pages);
    Ok(Composed { pages, outline })
}

/// Lays out a section, its blocks and its sub-sections (numbered `number`).
fn section_body(
    c: &mut Composer,
    section: &Section,
    number: &str,
    level: u8,
    entries: &mut Vec<TocEntry>,
) {
    let title = format!("{number} {}", section.title.trim());
    let page = blocks::heading(c, &title, level);
    entries.push(TocEntry {
        level: level.min(2),
        title: title.clone(),
        body_page: page,
    });
    for block in &section.blocks {
        draw_block(c, block);
    }
    for (j, sub) in section.subsections.iter().enumerate() {
        let prefix = number.trim_end_matches('.');
        section_body(
            c,
            sub,
            &format!("{prefix}.{}", j + 1),
            (level + 1).min(2),
            entries,
        );
    }
}

/// Dispatches a block to its drawer.
fn draw_block(c: &mut Composer, block: &Block) {
    match block {
        Block::Paragraph(spans) => blocks::paragraph(c, spans),
        Block::KeyFigures(figures) => tiles::key_figures(c, figures),
        Block::Table(t) => table::table(c, t),
        Block::Chart(ch) => chart::chart(c, ch),
        Block::Alerts(alerts) => blocks::alerts(c, alerts),
        Block::Bullets(items) => blocks::bullets(c, items),
        Block::Bars(b) => bars::bars(c, b),
        Block::Map(map) => map::map(c, map),
    }
}

/// Adds the running header (not on the cover) and the footer to every page.
fn decorate(doc: &ReportDocument, fonts: &FontSet, pages: &mut [Page], cover_pages: usize) {
    let total = pages.len();
    let size = 7.5;
    let right_text = doc
        .meta
        .meeting_label
        .clone()
        .unwrap_or_else(|| format::date_long(doc.meta.date));
    for (i, page) in pages.iter_mut().enumerate() {
        let mut add = |zone: Zone, item: Item| page.items.push(Placed { zone, item });
        if i >= cover_pages {
            let right = fit_line(fonts, &right_text, false, size, BODY_W * 0.45);
            let left = fit_line(
                fonts,
                &doc.meta.title,
                false,
                size,
                BODY_W - right.width - 16.0,
            );
            let baseline = HEADER_BOTTOM - 12.0;
            for (line, x) in [(&left, LEFT), (&right, RIGHT - right.width)] {
                for run in &line.runs {
                    add(
                        Zone::Header,
                        text(x, baseline, size, run.bold, &run.text, run.width),
                    );
                }
            }
            add(
                Zone::Header,
                Item::Line {
                    x1: LEFT,
                    y1: HEADER_BOTTOM - 6.0,
                    x2: RIGHT,
                    y2: HEADER_BOTTOM - 6.0,
                    width: 0.4,
                    color: RULE,
                },
            );
        }
        let suffix = format!(" — page {} / {}", i + 1, total);
        let suffix_w = fonts.width(&suffix, false, size);
        let head = fit_line(
            fonts,
            &doc.meta.footer_text,
            false,
            size,
            (BODY_W - suffix_w).max(0.0),
        );
        let footer = format!("{}{suffix}", head.text());
        let width = head.width + suffix_w;
        add(
            Zone::Footer,
            Item::Line {
                x1: LEFT,
                y1: FOOTER_TOP + 6.0,
                x2: RIGHT,
                y2: FOOTER_TOP + 6.0,
                width: 0.4,
                color: RULE,
            },
        );
        add(
            Zone::Footer,
            text(
                LEFT + (BODY_W - width).max(0.0) / 2.0,
                FOOTER_TOP + 20.0,
                size,
                false,
                &footer,
                width,
            ),
        );
    }
}

/// A muted text primitive.
fn text(x: f32, y: f32, size: f32, bold: bool, text: &str, width: f32) -> Item {
    Item::Text {
        x,
        y,
        size,
        bold,
        color: MUTED,
        text: text.to_string(),
        width,
    }
}
