//! Tables: weighted columns, wrapped cells, zebra rows, tone cells (tint +
//! symbol), header row repeated on every page, rows split when taller than
//! the room left. Text size shrinks only when a column is narrower than its
//! widest glyph, so nothing ever overflows a cell.

use copil_core::report::{Align, Cell, Table};

use crate::blocks::BLOCK_GAP;
use crate::layout::{Composer, LEFT};
use crate::style::{self, BODY_W, INK, MUTED, PRIMARY, RULE, WASH, WHITE};
use crate::wrap::{wrap, wrap_clamped, Line};

const BASE_SIZE: f32 = 8.5;
const PAD_Y: f32 = 3.5;
const LINE_FACTOR: f32 = 1.3;
const HEADER_MAX_LINES: usize = 3;

/// Measured geometry shared by all rows of a table.
struct Grid {
    /// Left edge of each column.
    xs: Vec<f32>,
    /// Width of each column.
    widths: Vec<f32>,
    /// Horizontal padding of each column.
    pads: Vec<f32>,
    /// Alignment of each column.
    aligns: Vec<Align>,
    /// Text size.
    size: f32,
}

impl Grid {
    fn line_h(&self) -> f32 {
        self.size * LINE_FACTOR
    }

    fn inner(&self, col: usize) -> f32 {
        (self.widths[col] - 2.0 * self.pads[col]).max(0.0)
    }

    /// Left edge of a line in a column, by alignment.
    fn line_x(&self, col: usize, line: &Line) -> f32 {
        let x = self.xs[col] + self.pads[col];
        let slack = (self.inner(col) - line.width).max(0.0);
        match self.aligns[col] {
            Align::Left => x,
            Align::Center => x + slack / 2.0,
            Align::Right => x + slack,
        }
    }
}

/// Text drawn in a cell: a tone adds its symbol in front.
fn cell_text(cell: &Cell) -> String {
    match cell.tone {
        Some(tone) if cell.text.trim().is_empty() => style::tone_symbol(tone).to_string(),
        Some(tone) => format!("{}\u{A0}{}", style::tone_symbol(tone), cell.text),
        None => cell.text.clone(),
    }
}

/// Draws a table, breaking it across pages.
pub(crate) fn table(c: &mut Composer, table: &Table) {
    let ncols = table.columns.len();
    if ncols == 0 {
        return;
    }
    let grid = measure(c, table);
    let line_h = grid.line_h();
    let empty = Cell::new("");
    let header: Vec<Vec<Line>> = table
        .columns
        .iter()
        .enumerate()
        .map(|(i, col)| {
            wrap_clamped(
                c.fonts,
                &col.title,
                true,
                grid.size,
                grid.inner(i),
                HEADER_MAX_LINES,
            )
        })
        .collect();
    let header_h = max_lines(&header) as f32 * line_h + 2.0 * PAD_Y;
    let rows: Vec<Vec<Vec<Line>>> = table
        .rows
        .iter()
        .map(|row| {
            (0..ncols)
                .map(|i| {
                    let cell = row.get(i).unwrap_or(&empty);
                    wrap(
                        c.fonts,
                        &cell_text(cell),
                        cell.bold,
                        grid.size,
                        grid.inner(i),
                    )
                })
                .collect()
        })
        .collect();

    // Caption, kept with the header and the first row.
    let caption = table.caption.as_deref().filter(|s| !s.trim().is_empty());
    let caption_lines = caption
        .map(|t| wrap(c.fonts, t, true, 9.0, BODY_W))
        .unwrap_or_default();
    // Short tables are kept on one page; long ones at least keep their start together.
    let whole_h = caption_lines.len() as f32 * 12.5
        + 3.0
        + header_h
        + rows
            .iter()
            .map(|r| max_lines(r) as f32 * line_h + 2.0 * PAD_Y)
            .sum::<f32>();
    if whole_h <= (crate::style::BODY_BOTTOM - crate::style::BODY_TOP) * 0.4 {
        c.ensure(whole_h);
    }
    let first_row_h = rows
        .first()
        .map_or(line_h, |r| max_lines(r) as f32 * line_h)
        + 2.0 * PAD_Y;
    c.ensure(caption_lines.len() as f32 * 12.5 + 3.0 + header_h + first_row_h);
    if !caption_lines.is_empty() {
        c.flow_lines(&caption_lines, LEFT, 9.0, 12.5, INK);
        c.advance(3.0);
    }
    draw_header(c, &grid, &header, header_h);

    if rows.is_empty() {
        c.ensure(line_h + 2.0 * PAD_Y);
        let top = c.y;
        let line = wrap_clamped(c.fonts, "Aucune donnée.", false, grid.size, BODY_W - 8.0, 1);
        c.draw_line(&line[0], LEFT + 4.0, top + PAD_Y, grid.size, line_h, MUTED);
        c.advance(line_h + 2.0 * PAD_Y);
    }

    for (r, row) in rows.iter().enumerate() {
        let cells: Vec<&Cell> = (0..ncols)
            .map(|i| table.rows[r].get(i).unwrap_or(&empty))
            .collect();
        let total = max_lines(row).max(1);
        let mut done = 0usize;
        let mut fresh = false;
        while done < total {
            let remaining = total - done;
            let fit = ((c.space_left() - 2.0 * PAD_Y) / line_h + 1e-3)
                .floor()
                .max(0.0) as usize;
            let whole_fits_fresh_page = remaining as f32 * line_h + 2.0 * PAD_Y + header_h
                <= crate::style::BODY_BOTTOM - crate::style::BODY_TOP;
            let take = if fit >= remaining {
                remaining
            } else if !fresh && ((done == 0 && whole_fits_fresh_page) || fit == 0) {
                c.new_page();
                draw_header(c, &grid, &header, header_h);
                fresh = true;
                continue;
            } else {
                fit.max(1)
            };
            fresh = false;
            draw_row_chunk(c, &grid, row, &cells, r, done, take);
            done += take;
            if done < total {
                c.new_page();
                draw_header(c, &grid, &header, header_h);
                fresh = true;
            }
        }
    }
    c.advance(BLOCK_GAP + 2.0);
}

/// Column positions, paddings and the text size.
fn measure(c: &Composer, table: &Table) -> Grid {
    let weights: Vec<f32> = table
        .columns
        .iter()
        .map(|col| {
            if col.width_weight.is_finite() && col.width_weight > 0.0 {
                col.width_weight
            } else {
                1.0
            }
        })
        .collect();
    let sum: f32 = weights.iter().sum();
    let widths: Vec<f32> = weights.iter().map(|w| w / sum * BODY_W).collect();
    let mut xs = Vec::with_capacity(widths.len());
    let mut x = LEFT;
    for w in &widths {
        xs.push(x);
        x += w;
    }
    let pads: Vec<f32> = widths.iter().map(|w| (w * 0.12).min(4.0)).collect();
    // Widest glyph (in em) of each column, bold to be safe.
    let mut size = BASE_SIZE;
    for (i, col) in table.columns.iter().enumerate() {
        let texts = std::iter::once(col.title.clone())
            .chain(table.rows.iter().filter_map(|r| r.get(i)).map(cell_text));
        let widest = texts
            .flat_map(|t| c.fonts.sanitize(&t, true).chars().collect::<Vec<_>>())
            .map(|ch| c.fonts.bold.advance(ch).max(c.fonts.regular.advance(ch)))
            .fold(0.0f32, f32::max);
        let inner = widths[i] - 2.0 * pads[i];
        if widest > 0.0 && inner > 0.0 {
            size = size.min(inner / widest * 0.999);
        }
    }
    Grid {
        xs,
        widths,
        pads,
        aligns: table.columns.iter().map(|c| c.align).collect(),
        size: size.max(0.1),
    }
}

fn max_lines(cells: &[Vec<Line>]) -> usize {
    cells.iter().map(Vec::len).max().unwrap_or(1).max(1)
}

/// Draws the header row at the cursor.
fn draw_header(c: &mut Composer, grid: &Grid, header: &[Vec<Line>], height: f32) {
    c.ensure(height);
    let top = c.y;
    c.rect(LEFT, top, BODY_W, height, PRIMARY);
    for (i, lines) in header.iter().enumerate() {
        for (k, line) in lines.iter().enumerate() {
            let x = grid.line_x(i, line);
            c.draw_line(
                line,
                x,
                top + PAD_Y + k as f32 * grid.line_h(),
                grid.size,
                grid.line_h(),
                WHITE,
            );
        }
    }
    c.advance(height);
}

/// Draws lines `from..from + count` of a row at the cursor.
fn draw_row_chunk(
    c: &mut Composer,
    grid: &Grid,
    row: &[Vec<Line>],
    cells: &[&Cell],
    index: usize,
    from: usize,
    count: usize,
) {
    let line_h = grid.line_h();
    let height = count as f32 * line_h + 2.0 * PAD_Y;
    let top = c.y;
    if index % 2 == 1 {
        c.rect(LEFT, top, BODY_W, height, WASH);
    }
    for (i, lines) in row.iter().enumerate() {
        let tone = cells[i].tone;
        if let Some(tone) = tone {
            c.rect(
                grid.xs[i] + 0.5,
                top + 0.5,
                grid.widths[i] - 1.0,
                height - 1.0,
                style::tone_tint(tone),
            );
        }
        let color = tone.map(style::tone_color).unwrap_or(INK);
        for (k, line) in lines.iter().skip(from).take(count).enumerate() {
            let x = grid.line_x(i, line);
            c.draw_line(
                line,
                x,
                top + PAD_Y + k as f32 * line_h,
                grid.size,
                line_h,
                color,
            );
        }
    }
    c.advance(height);
    let y = c.y;
    c.line(LEFT, y - 0.25, LEFT + BODY_W, y - 0.25, 0.5, RULE);
}
