//! Writes a composed document with printpdf: embeds the font family, turns
//! primitives into PDF operations (flipping to bottom-left coordinates), adds
//! bookmarks and document metadata.

use copil_core::report::ReportDocument;
use printpdf::{
    Color, Date, DateTime, Line, LinePoint, Mm, Offset, Op, PaintMode, PdfDocument, PdfFontHandle,
    PdfPage, PdfSaveOptions, Point, Pt, Rect, TextItem, Time,
};

use chrono::Datelike;

use crate::document::Composed;
use crate::fonts::FontSet;
use crate::layout::Item;
use crate::style::{Rgb, PAGE_H, PAGE_W};

/// Serializes the composed pages to PDF bytes.
pub(crate) fn write(doc: &ReportDocument, fonts: &FontSet, composed: &Composed) -> Vec<u8> {
    let mut pdf = PdfDocument::new(&doc.meta.title);
    let regular = pdf.add_font(&fonts.regular.parsed);
    let bold = pdf.add_font(&fonts.bold.parsed);

    let info = &mut pdf.metadata.info;
    info.author = doc.meta.author.clone();
    info.subject = doc.meta.subject.clone();
    info.creator = "Copil".into();
    info.producer = "Copil (printpdf)".into();
    info.keywords = vec![
        "contrat de ville".into(),
        "inclusion numérique".into(),
        "COPIL".into(),
    ];
    let date = DateTime::new_in_offset(
        Date {
            year: doc.meta.date.year(),
            month: doc.meta.date.month() as u8,
            day: doc.meta.date.day() as u8,
        },
        Time {
            hour: 12,
            minute: 0,
            second: 0,
            millisecond: 0,
        },
        Offset {
            hours: 0,
            minutes: 0,
            seconds: 0,
            milliseconds: 0,
        },
    );
    info.creation_date = date;
    info.modification_date = date;
    info.metadata_date = date;

    let width = Mm::from(Pt(PAGE_W));
    let height = Mm::from(Pt(PAGE_H));
    let pages = composed
        .pages
        .iter()
        .map(|page| {
            let mut ops = Vec::with_capacity(page.items.len() * 4);
            for placed in &page.items {
                match &placed.item {
                    Item::Text {
                        x,
                        y,
                        size,
                        bold: is_bold,
                        color,
                        text,
                        ..
                    } => {
                        let font = if *is_bold {
                            bold.clone()
                        } else {
                            regular.clone()
                        };
                        ops.push(Op::StartTextSection);
                        ops.push(Op::SetFont {
                            font: PdfFontHandle::External(font),
                            size: Pt(*size),
                        });
                        ops.push(Op::SetFillColor {
                            col: color_of(*color),
                        });
                        ops.push(Op::SetTextCursor {
                            pos: Point {
                                x: Pt(*x),
                                y: Pt(PAGE_H - y),
                            },
                        });
                        ops.push(Op::ShowText {
                            items: vec![TextItem::Text(text.clone())],
                        });
                        ops.push(Op::EndTextSection);
                    }
                    Item::Rect { x, y, w, h, fill } => {
                        ops.push(Op::SetFillColor {
                            col: color_of(*fill),
                        });
                        ops.push(Op::DrawRectangle {
                            rectangle: Rect {
                                x: Pt(*x),
                                y: Pt(PAGE_H - y - h),
                                width: Pt(*w),
                                height: Pt(*h),
                                mode: Some(PaintMode::Fill),
                                winding_order: None,
                            },
                        });
                    }
                    Item::Line {
                        x1,
                        y1,
                        x2,
                        y2,
                        width,
                        color,
                    } => {
                        ops.push(Op::SetOutlineColor {
                            col: color_of(*color),
                        });
                        ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                        ops.push(Op::DrawLine {
                            line: Line {
                                points: vec![
                                    LinePoint {
                                        p: Point {
                                            x: Pt(*x1),
                                            y: Pt(PAGE_H - y1),
                                        },
                                        bezier: false,
                                    },
                                    LinePoint {
                                        p: Point {
                                            x: Pt(*x2),
                                            y: Pt(PAGE_H - y2),
                                        },
                                        bezier: false,
                                    },
                                ],
                                is_closed: false,
                            },
                        });
                    }
                }
            }
            PdfPage::new(width, height, ops)
        })
        .collect();
    pdf.with_pages(pages);
    for (title, page) in &composed.outline {
        pdf.add_bookmark(title, *page);
    }
    let options = PdfSaveOptions {
        subset_fonts: false,
        ..Default::default()
    };
    pdf.save(&options, &mut Vec::new())
}

/// Converts a palette colour.
fn color_of(c: Rgb) -> Color {
    Color::Rgb(printpdf::Rgb {
        r: c.0,
        g: c.1,
        b: c.2,
        icc_profile: None,
    })
}
