//! The layout layer: pages of positioned primitives (text, rectangles,
//! lines) in top-left coordinates, and the composer that flows content down
//! the body area and breaks pages. Every primitive has a checkable bounding
//! box and a zone, so tests can prove nothing leaves the page or the body.

use crate::fonts::FontSet;
use crate::style::{Rgb, BODY_BOTTOM, BODY_TOP, BODY_W, MARGIN_X};
use crate::wrap::Line;

/// Which area of the page a primitive belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Zone {
    /// The flowing content area between header and footer.
    Body,
    /// Running header (above the body).
    Header,
    /// Footer (below the body).
    Footer,
}

/// A drawing primitive, coordinates in points from the top-left corner.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Item {
    /// One line of text of one weight; `y` is the baseline.
    Text {
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        color: Rgb,
        text: String,
        width: f32,
    },
    /// A filled rectangle.
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Rgb,
    },
    /// A straight stroked line.
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
        color: Rgb,
    },
    /// A closed path of one or more rings (holes by the even-odd rule), filled and/or stroked.
    Polygon {
        rings: Vec<Vec<(f32, f32)>>,
        fill: Option<Rgb>,
        stroke: Option<Rgb>,
        width: f32,
    },
}

impl Item {
    /// Moves the primitive down by `dy` points.
    pub fn shift(&mut self, dy: f32) {
        match self {
            Item::Text { y, .. } | Item::Rect { y, .. } => *y += dy,
            Item::Line { y1, y2, .. } => {
                *y1 += dy;
                *y2 += dy;
            }
            Item::Polygon { rings, .. } => {
                for point in rings.iter_mut().flatten() {
                    point.1 += dy;
                }
            }
        }
    }
}

/// An axis-aligned box `(left, top, right, bottom)` in points.
#[cfg(test)]
pub(crate) type BBox = (f32, f32, f32, f32);

#[cfg(test)]
impl Item {
    /// The box the primitive may paint into.
    pub fn bbox(&self, fonts: &FontSet) -> BBox {
        match self {
            Item::Text {
                x, y, size, width, ..
            } => (
                *x,
                y - fonts.ascent * size,
                x + width,
                y + fonts.descent * size,
            ),
            Item::Rect { x, y, w, h, .. } => (*x, *y, x + w, y + h),
            Item::Line {
                x1,
                y1,
                x2,
                y2,
                width,
                ..
            } => {
                // Butt caps: a horizontal line only widens vertically, and vice versa.
                let half = width / 2.0;
                let hx = if y1 == y2 { 0.0 } else { half };
                let hy = if x1 == x2 { 0.0 } else { half };
                (
                    x1.min(*x2) - hx,
                    y1.min(*y2) - hy,
                    x1.max(*x2) + hx,
                    y1.max(*y2) + hy,
                )
            }
            Item::Polygon {
                rings,
                stroke,
                width,
                ..
            } => {
                let half = if stroke.is_some() { width / 2.0 } else { 0.0 };
                rings.iter().flatten().fold(
                    (f32::MAX, f32::MAX, f32::MIN, f32::MIN),
                    |(l, t, r, b), &(x, y)| {
                        (
                            l.min(x - half),
                            t.min(y - half),
                            r.max(x + half),
                            b.max(y + half),
                        )
                    },
                )
            }
        }
    }
}

/// A primitive and its zone.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Placed {
    /// Area it belongs to.
    pub zone: Zone,
    /// What is drawn.
    pub item: Item,
}

/// One laid-out page.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Page {
    /// Primitives in painting order.
    pub items: Vec<Placed>,
}

/// Headings drawn since the last content on the current page; they move to
/// the next page with the content that follows them, so that no heading is
/// left alone at the foot of a page.
#[derive(Debug, Clone)]
pub(crate) struct Pending {
    /// Cursor before the first pending heading.
    pub start_y: f32,
    /// Index of its first primitive on the current page.
    pub first_item: usize,
    /// Ids (indexes into `heading_pages`) of the pending headings.
    pub ids: Vec<usize>,
}

/// Flows content down the body area, opening pages as needed.
pub(crate) struct Composer<'f> {
    /// Font metrics for measuring.
    pub fonts: &'f FontSet,
    /// Pages laid out so far (at least one).
    pub pages: Vec<Page>,
    /// Cursor: top of the free space on the current page.
    pub y: f32,
    /// Page index of every heading, by heading id (table of contents, bookmarks).
    pub heading_pages: Vec<usize>,
    /// Headings not yet followed by content.
    pub pending: Option<Pending>,
}

impl<'f> Composer<'f> {
    /// A composer with one empty page.
    pub fn new(fonts: &'f FontSet) -> Self {
        Composer {
            fonts,
            pages: vec![Page::default()],
            y: BODY_TOP,
            heading_pages: Vec::new(),
            pending: None,
        }
    }

    /// Number of primitives on the current page.
    pub fn item_count(&self) -> usize {
        self.pages.last().map_or(0, |p| p.items.len())
    }

    /// Opens a new page and moves the cursor to its top.
    pub fn new_page(&mut self) {
        self.pending = None;
        self.pages.push(Page::default());
        self.y = BODY_TOP;
    }

    /// Index (0-based) of the current page.
    pub fn page_index(&self) -> usize {
        self.pages.len() - 1
    }

    /// Whether nothing has been placed on the current page yet.
    pub fn at_page_top(&self) -> bool {
        self.y <= BODY_TOP + 0.01
    }

    /// Free height left on the current page.
    pub fn space_left(&self) -> f32 {
        BODY_BOTTOM - self.y
    }

    /// Makes sure `height` points are free (capped at a full page), opening a
    /// page if not. Returns whether a page was opened.
    pub fn ensure(&mut self, height: f32) -> bool {
        let height = height.min(BODY_BOTTOM - BODY_TOP);
        if height > self.space_left() + 0.001 && !self.at_page_top() {
            let pending = self.pending.take();
            let old_y = self.y;
            let moved = pending.filter(|p| {
                let movable = p.first_item > 0 || p.start_y > BODY_TOP + 0.01;
                movable && (old_y - p.start_y) + height <= BODY_BOTTOM - BODY_TOP
            });
            let items = moved.as_ref().map(|p| {
                let page = self.pages.last_mut().expect("at least one page");
                let first = p.first_item.min(page.items.len());
                page.items.split_off(first)
            });
            self.new_page();
            if let (Some(p), Some(items)) = (moved, items) {
                let dy = BODY_TOP - p.start_y;
                let index = self.page_index();
                let page = self.pages.last_mut().expect("at least one page");
                for mut placed in items {
                    placed.item.shift(dy);
                    page.items.push(placed);
                }
                self.y = old_y + dy;
                for id in &p.ids {
                    self.heading_pages[*id] = index;
                }
                self.pending = Some(Pending {
                    start_y: BODY_TOP,
                    first_item: 0,
                    ids: p.ids,
                });
            }
            true
        } else {
            false
        }
    }

    /// Moves the cursor down, never past the body bottom.
    pub fn advance(&mut self, dy: f32) {
        self.y = (self.y + dy).min(BODY_BOTTOM);
    }

    /// Adds a body primitive to the current page (content: headings above
    /// it are no longer pending).
    pub fn add(&mut self, item: Item) {
        self.pending = None;
        self.pages
            .last_mut()
            .expect("at least one page")
            .items
            .push(Placed {
                zone: Zone::Body,
                item,
            });
    }

    /// Adds a filled rectangle.
    pub fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, fill: Rgb) {
        if w > 0.0 && h > 0.0 {
            self.add(Item::Rect { x, y, w, h, fill });
        }
    }

    /// Adds a line.
    pub fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, width: f32, color: Rgb) {
        self.add(Item::Line {
            x1,
            y1,
            x2,
            y2,
            width,
            color,
        });
    }

    /// Baseline of a text line of `size` points centred in a line box of
    /// `line_h` points starting at `top`.
    pub fn baseline(&self, top: f32, size: f32, line_h: f32) -> f32 {
        top + line_h / 2.0 + (self.fonts.ascent - self.fonts.descent) / 2.0 * size
    }

    /// Draws a wrapped line with its runs, left edge at `x`, in a line box at `top`.
    pub fn draw_line(&mut self, line: &Line, x: f32, top: f32, size: f32, line_h: f32, color: Rgb) {
        let baseline = self.baseline(top, size, line_h);
        let mut cx = x;
        for run in &line.runs {
            if !run.text.is_empty() {
                self.add(Item::Text {
                    x: cx,
                    y: baseline,
                    size,
                    bold: run.bold,
                    color,
                    text: run.text.clone(),
                    width: run.width,
                });
            }
            cx += run.width;
        }
    }

    /// Flows wrapped lines at `x`, breaking pages between lines.
    pub fn flow_lines(&mut self, lines: &[Line], x: f32, size: f32, line_h: f32, color: Rgb) {
        for line in lines {
            self.ensure(line_h);
            let top = self.y;
            self.draw_line(line, x, top, size, line_h, color);
            self.advance(line_h);
        }
    }
}

/// Left edge of the body.
pub(crate) const LEFT: f32 = MARGIN_X;
/// Right edge of the body.
pub(crate) const RIGHT: f32 = MARGIN_X + BODY_W;
