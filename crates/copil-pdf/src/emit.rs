//! Writes a composed document with printpdf: embeds a subset of the font family, turns
//! primitives into PDF operations (flipping to bottom-left coordinates), adds
//! the outline and document metadata.

use copil_core::report::ReportDocument;
use printpdf::{
    Color, Date, DateTime, FontId, Line, LinePoint, Mm, Offset, Op, PaintMode, PdfDocument,
    PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rect, TextItem, Time,
};

use std::collections::BTreeSet;

use chrono::Datelike;

use crate::compress::compress_streams;
use crate::document::Composed;
use crate::fonts::FontSet;
use crate::layout::Item;
use crate::outline;
use crate::style::{Rgb, PAGE_H, PAGE_W};
use crate::subset::subset;
use crate::PdfError;

/// Serializes the composed pages to PDF bytes.
pub(crate) fn write(
    doc: &ReportDocument,
    fonts: &FontSet,
    composed: &Composed,
) -> Result<Vec<u8>, PdfError> {
    let mut pdf = PdfDocument::new(&doc.meta.title);
    let (regular_chars, bold_chars) = used_chars(composed);
    let regular = pdf.add_font(&subset(&fonts.regular, &regular_chars)?);
    let bold = pdf.add_font(&subset(&fonts.bold, &bold_chars)?);

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
            let mut ops = PageOps::new(page.items.len() * 4, &regular, &bold);
            for placed in &page.items {
                ops.push(&placed.item);
            }
            PdfPage::new(width, height, ops.finish())
        })
        .collect();
    pdf.with_pages(pages);
    // The fonts are subset above and the streams compressed below, faster
    // than printpdf's own `optimize`.
    let options = PdfSaveOptions {
        optimize: false,
        subset_fonts: false,
        // The polygons' operators are written by `PageOps::polygon` (an `Op::Unknown`, which
        // the secure mode drops); every operation is Copil's own, none comes from a file read.
        secure: false,
        ..Default::default()
    };
    let mut lopdf_doc = pdf.to_lopdf_document(&options, &mut Vec::new());
    outline::write(&mut lopdf_doc, &composed.outline);
    name_subset_fonts(
        &mut lopdf_doc,
        &[
            (&regular, "COPILR+DejaVuSans"),
            (&bold, "COPILB+DejaVuSans-Bold"),
        ],
    );
    compress_streams(&mut lopdf_doc)?;
    let mut bytes = Vec::new();
    lopdf_doc
        .save_to(&mut bytes)
        .map_err(|e| PdfError::Write(e.to_string()))?;
    Ok(bytes)
}

/// Names the embedded fonts the way the PDF standard names a subset (a
/// six-letter tag, `+`, the family), so viewers show « DejaVuSans » in the
/// document's properties rather than printpdf's internal identifier.
fn name_subset_fonts(doc: &mut lopdf::Document, names: &[(&FontId, &str)]) {
    for object in doc.objects.values_mut() {
        let Ok(dict) = object.as_dict_mut() else {
            continue;
        };
        for key in [&b"BaseFont"[..], b"FontName"] {
            let Ok(lopdf::Object::Name(current)) = dict.get(key) else {
                continue;
            };
            if let Some((_, name)) = names.iter().find(|(id, _)| id.0.as_bytes() == current) {
                dict.set(key, lopdf::Object::Name(name.as_bytes().to_vec()));
            }
        }
    }
}

/// The characters drawn in regular and in bold weight.
fn used_chars(composed: &Composed) -> (BTreeSet<char>, BTreeSet<char>) {
    let mut regular = BTreeSet::new();
    let mut bold = BTreeSet::new();
    for page in &composed.pages {
        for placed in &page.items {
            if let Item::Text {
                bold: is_bold,
                text,
                ..
            } = &placed.item
            {
                let set = if *is_bold { &mut bold } else { &mut regular };
                set.extend(text.chars());
            }
        }
    }
    (regular, bold)
}

/// The operations of one page, leaving out font and colour changes that
/// would restate the current graphics state (it persists across text
/// sections within a content stream): fewer operations to translate,
/// serialize and compress.
struct PageOps<'a> {
    /// Operations so far.
    ops: Vec<Op>,
    /// Font handles of the document.
    regular: &'a FontId,
    bold: &'a FontId,
    /// Current font (bold?, size), fill and stroke colours, line width.
    font: Option<(bool, f32)>,
    fill: Option<Rgb>,
    stroke: Option<Rgb>,
    line_width: Option<f32>,
    /// Path and colour operators of consecutive polygons, written as content-stream text
    /// and handed to printpdf as one operation (a map has thousands of polygons).
    raw: String,
}

impl<'a> PageOps<'a> {
    /// An empty page in the PDF's initial graphics state.
    fn new(capacity: usize, regular: &'a FontId, bold: &'a FontId) -> Self {
        PageOps {
            ops: Vec::with_capacity(capacity),
            regular,
            bold,
            font: None,
            fill: None,
            stroke: None,
            line_width: None,
            raw: String::new(),
        }
    }

    /// The operations of the page, the pending polygons included.
    fn finish(mut self) -> Vec<Op> {
        self.flush_raw();
        self.ops
    }

    /// Hands the pending polygons' operators to printpdf as one operation, before any other.
    fn flush_raw(&mut self) {
        if !self.raw.is_empty() {
            self.ops.push(Op::Unknown {
                key: std::mem::take(&mut self.raw),
                value: Vec::new(),
            });
        }
    }

    /// Appends one operator and its numeric operands to the pending text, as lopdf writes
    /// them (operands then operator, one operation per line).
    fn raw_op(&mut self, operands: &[f32], operator: &str) {
        use std::fmt::Write as _;
        if !self.raw.is_empty() {
            self.raw.push('\n');
        }
        for v in operands {
            let _ = write!(self.raw, "{v} ");
        }
        self.raw.push_str(operator);
    }

    /// Appends a path operator and its point, each coordinate at a hundredth of a point (far
    /// finer than any screen or printer shows), written without the float formatter.
    fn raw_point(&mut self, x: f32, y: f32, operator: &str) {
        if !self.raw.is_empty() {
            self.raw.push('\n');
        }
        push_hundredths(&mut self.raw, x);
        self.raw.push(' ');
        push_hundredths(&mut self.raw, y);
        self.raw.push(' ');
        self.raw.push_str(operator);
    }

    /// Appends the operations drawing `item`.
    fn push(&mut self, item: &Item) {
        if !matches!(item, Item::Polygon { .. }) {
            self.flush_raw();
        }
        match item {
            Item::Text {
                x,
                y,
                size,
                bold,
                color,
                text,
                ..
            } => {
                self.ops.push(Op::StartTextSection);
                if self.font != Some((*bold, *size)) {
                    self.font = Some((*bold, *size));
                    let font = if *bold { self.bold } else { self.regular };
                    self.ops.push(Op::SetFont {
                        font: PdfFontHandle::External(font.clone()),
                        size: Pt(*size),
                    });
                }
                self.set_fill(*color);
                self.ops.push(Op::SetTextCursor {
                    pos: Point {
                        x: Pt(*x),
                        y: Pt(PAGE_H - y),
                    },
                });
                self.ops.push(Op::ShowText {
                    items: vec![TextItem::Text(text.clone())],
                });
                self.ops.push(Op::EndTextSection);
            }
            Item::Rect { x, y, w, h, fill } => {
                self.set_fill(*fill);
                self.ops.push(Op::DrawRectangle {
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
                if self.stroke != Some(*color) {
                    self.stroke = Some(*color);
                    self.ops.push(Op::SetOutlineColor {
                        col: color_of(*color),
                    });
                }
                if self.line_width != Some(*width) {
                    self.line_width = Some(*width);
                    self.ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                }
                let point = |x: f32, y: f32| LinePoint {
                    p: Point {
                        x: Pt(x),
                        y: Pt(PAGE_H - y),
                    },
                    bezier: false,
                };
                self.ops.push(Op::DrawLine {
                    line: Line {
                        points: vec![point(*x1, *y1), point(*x2, *y2)],
                        is_closed: false,
                    },
                });
            }
            Item::Polygon {
                rings,
                fill,
                stroke,
                width,
            } => self.polygon(rings, *fill, *stroke, *width),
        }
    }

    /// A polygon as content-stream operators, what printpdf writes for a `DrawPolygon`
    /// (even-odd rule, the path closed once after its rings) and for the colour and width
    /// changes before it, without building one printpdf and one lopdf operation per point.
    fn polygon(
        &mut self,
        rings: &[Vec<(f32, f32)>],
        fill: Option<Rgb>,
        stroke: Option<Rgb>,
        width: f32,
    ) {
        if let Some(fill) = fill {
            if self.fill != Some(fill) {
                self.fill = Some(fill);
                self.raw_op(&[fill.0, fill.1, fill.2], "rg");
            }
        }
        if let Some(stroke) = stroke {
            if self.stroke != Some(stroke) {
                self.stroke = Some(stroke);
                self.raw_op(&[stroke.0, stroke.1, stroke.2], "RG");
            }
            if self.line_width != Some(width) {
                self.line_width = Some(width);
                self.raw_op(&[width], "w");
            }
        }
        if rings.is_empty() {
            return;
        }
        for ring in rings {
            for (i, &(x, y)) in ring.iter().enumerate() {
                self.raw_point(x, PAGE_H - y, if i == 0 { "m" } else { "l" });
            }
        }
        self.raw_op(&[], "h");
        self.raw_op(
            &[],
            match (fill, stroke) {
                (Some(_), Some(_)) => "b*",
                (Some(_), None) => "f*",
                (None, _) => "S",
            },
        );
    }

    /// Sets the fill colour unless it is already current.
    fn set_fill(&mut self, color: Rgb) {
        if self.fill != Some(color) {
            self.fill = Some(color);
            self.ops.push(Op::SetFillColor {
                col: color_of(color),
            });
        }
    }
}

/// Writes `v` rounded to the hundredth, without trailing zeros: `12.5`, `-3`, `0.07`.
fn push_hundredths(out: &mut String, v: f32) {
    use std::fmt::Write as _;
    let hundredths = (f64::from(v) * 100.0).round() as i64;
    if hundredths < 0 {
        out.push('-');
    }
    let h = hundredths.unsigned_abs();
    let _ = write!(out, "{}", h / 100);
    let (tenths, rest) = ((h % 100) / 10, h % 10);
    if tenths != 0 || rest != 0 {
        out.push('.');
        out.push(char::from(b'0' + tenths as u8));
        if rest != 0 {
            out.push(char::from(b'0' + rest as u8));
        }
    }
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

#[cfg(test)]
mod tests {
    use super::push_hundredths;

    #[test]
    fn coordinates_are_written_to_the_hundredth() {
        let text = |v: f32| {
            let mut s = String::new();
            push_hundredths(&mut s, v);
            s
        };
        assert_eq!(text(12.5), "12.5");
        assert_eq!(text(-3.0), "-3");
        assert_eq!(text(0.07), "0.07");
        assert_eq!(text(841.889_95), "841.89");
        assert_eq!(text(-0.001), "0");
        assert_eq!(text(99.999), "100");
    }
}
