//! Tables: weighted columns, wrapped cells, zebra rows, tone cells (tint +
//! symbol), header row repeated on every page, rows split when taller than
//! the room left. A column is widened (taking width from the others) to its
//! widest word, or failing that to its widest hyphenated piece; only when even
//! those cannot fit does the text get smaller, and at the smallest size words
//! are cut, so nothing ever overflows a cell.

use copil_core::report::{Align, Cell, Table};

use crate::blocks::BLOCK_GAP;
use crate::layout::{Composer, LEFT};
use crate::style::{self, BODY_W, INK, MUTED, PRIMARY, RULE, WASH, WHITE};
use crate::wrap::{narrowest, narrowest_hyphenated, wrap, wrap_clamped, Line};

const BASE_SIZE: f32 = 8.5;
const PAD_Y: f32 = 3.5;
const LINE_FACTOR: f32 = 1.3;
const HEADER_MAX_LINES: usize = 3;
/// Smallest text size a table shrinks to before its words are cut.
const MIN_SIZE: f32 = 6.0;
/// Widest horizontal padding of a cell.
const PAD_MAX: f32 = 4.0;
/// Horizontal padding of a narrow cell, as a share of its width.
const PAD_SHARE: f32 = 0.12;
/// Room left beyond a measured word, against rounding.
const SLACK: f32 = 0.05;

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

/// The drawn text and the weight of every cell, row by row, one per column.
fn cell_texts(table: &Table) -> Vec<Vec<(String, bool)>> {
    let empty = Cell::new("");
    table
        .rows
        .iter()
        .map(|row| {
            (0..table.columns.len())
                .map(|i| {
                    let cell = row.get(i).unwrap_or(&empty);
                    (cell_text(cell), cell.bold)
                })
                .collect()
        })
        .collect()
}

/// Draws a table, breaking it across pages.
pub(crate) fn table(c: &mut Composer, table: &Table) {
    let ncols = table.columns.len();
    if ncols == 0 {
        return;
    }
    let empty = Cell::new("");
    let texts = cell_texts(table);
    let grid = measure(c, table, &texts);
    let line_h = grid.line_h();
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
    let rows: Vec<Vec<Vec<Line>>> = texts
        .iter()
        .map(|row| {
            row.iter()
                .enumerate()
                .map(|(i, (text, bold))| wrap(c.fonts, text, *bold, grid.size, grid.inner(i)))
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

/// Column positions, paddings and the text size. `texts` holds the drawn text
/// and weight of every cell, row by row.
fn measure(c: &Composer, table: &Table, texts: &[Vec<(String, bool)>]) -> Grid {
    let n = table.columns.len();
    let fonts = c.fonts;
    // Widths are measured at size 1 (in em) and scale with the text size.
    let mut whole = vec![0.0f32; n];
    let mut parts = vec![0.0f32; n];
    let mut glyph = vec![0.0f32; n];
    let columns = table.columns.iter().map(|col| (col.title.as_str(), true));
    let cells = texts
        .iter()
        .flat_map(|row| row.iter().map(|(t, b)| (t.as_str(), *b)));
    for (k, (text, bold)) in columns.chain(cells).enumerate() {
        let i = k % n;
        let m = narrowest(fonts, text, bold, 1.0);
        whole[i] = whole[i].max(m.whole);
        parts[i] = parts[i].max(m.parts);
        glyph[i] = glyph[i].max(m.glyph);
    }
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
    let shares: Vec<f32> = weights.iter().map(|w| w / sum * BODY_W).collect();

    let need = |em: &[f32], size: f32| -> Vec<f32> {
        em.iter().map(|w| outer_width(w * size + SLACK)).collect()
    };
    let total = |widths: &[f32]| widths.iter().sum::<f32>();
    let mut size = BASE_SIZE;
    let whole_w = need(&whole, size);
    let parts_w = need(&parts, size);
    let target = if total(&whole_w) <= BODY_W {
        whole_w
    } else if total(&parts_w) <= BODY_W {
        upgrade(parts_w, &[&whole_w])
    } else {
        // Some words must be hyphenated: the widest pieces once they are.
        let hyphenated: Vec<f32> = (0..n)
            .map(|i| {
                let title = &table.columns[i].title;
                let widest = narrowest_hyphenated(fonts, title, true, 1.0, 0.0);
                texts.iter().fold(widest, |widest, row| {
                    narrowest_hyphenated(fonts, &row[i].0, row[i].1, 1.0, widest)
                })
            })
            .collect();
        let hyphenated_w = need(&hyphenated, size);
        if total(&hyphenated_w) <= BODY_W {
            upgrade(hyphenated_w, &[&parts_w, &whole_w])
        } else {
            // Smaller text, down to MIN_SIZE, until the hyphenated pieces fit;
            // below it, words are cut between characters.
            let (mut lo, mut hi) = (MIN_SIZE, BASE_SIZE);
            if total(&need(&hyphenated, lo)) <= BODY_W {
                for _ in 0..20 {
                    let mid = (lo + hi) / 2.0;
                    if total(&need(&hyphenated, mid)) <= BODY_W {
                        lo = mid;
                    } else {
                        hi = mid;
                    }
                }
            }
            size = lo;
            let smallest = need(&hyphenated, size);
            let scale = (BODY_W / total(&smallest)).min(1.0);
            smallest.iter().map(|w| w * scale).collect()
        }
    };
    let widths = widen(&shares, &target);
    let mut xs = Vec::with_capacity(n);
    let mut x = LEFT;
    for w in &widths {
        xs.push(x);
        x += w;
    }
    let pads: Vec<f32> = widths.iter().map(|w| pad_of(*w)).collect();
    // Every glyph fits its column, whatever the widths came to.
    for i in 0..n {
        let inner = widths[i] - 2.0 * pads[i];
        if glyph[i] > 0.0 && inner > 0.0 {
            size = size.min(inner / glyph[i] * 0.999);
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

/// Raises columns from the `base` widths that fit the table to wider `levels`
/// (compound parts, whole words), cheapest first while the table width allows:
/// as few columns as possible have their words broken.
fn upgrade(mut base: Vec<f32>, levels: &[&Vec<f32>]) -> Vec<f32> {
    let mut budget = BODY_W - base.iter().sum::<f32>();
    let mut options: Vec<(f32, usize, f32)> = levels
        .iter()
        .flat_map(|level| level.iter().enumerate().map(|(i, w)| (w - base[i], i, *w)))
        .filter(|(cost, ..)| *cost > 0.0)
        .collect();
    options.sort_by(|a, b| a.0.total_cmp(&b.0));
    for (_, i, width) in options {
        let extra = width - base[i];
        if extra > 0.0 && extra <= budget {
            base[i] = width;
            budget -= extra;
        }
    }
    base
}

/// Horizontal padding of a column of `width` points.
fn pad_of(width: f32) -> f32 {
    (width * PAD_SHARE).min(PAD_MAX)
}

/// The column width whose room between its paddings is `inner` points.
fn outer_width(inner: f32) -> f32 {
    let padded = inner + 2.0 * PAD_MAX;
    if padded * PAD_SHARE >= PAD_MAX {
        padded
    } else {
        inner / (1.0 - 2.0 * PAD_SHARE)
    }
}

/// Widens the columns narrower than their `target` to it, taking the width
/// from the others in proportion to what they have beyond their own target.
fn widen(shares: &[f32], target: &[f32]) -> Vec<f32> {
    let gap = |(s, t): (&f32, &f32)| (t - s).max(0.0);
    let deficit: f32 = shares.iter().zip(target).map(gap).sum();
    let surplus: f32 = target.iter().zip(shares).map(gap).sum();
    if deficit <= 0.0 {
        return shares.to_vec();
    }
    if surplus <= 0.0 {
        return target.to_vec();
    }
    let k = (deficit / surplus).min(1.0);
    shares
        .iter()
        .zip(target)
        .map(|(s, t)| if s < t { *t } else { s - (s - t) * k })
        .collect()
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

#[cfg(test)]
mod tests {
    use copil_core::report::{Column, Tone};

    use super::*;
    use crate::fonts::FontSet;
    use crate::layout::Item;

    fn fonts() -> &'static FontSet {
        FontSet::get().unwrap()
    }

    /// The texts drawn by a table, in drawing order.
    fn drawn(t: &Table) -> Vec<String> {
        let mut c = Composer::new(fonts());
        table(&mut c, t);
        c.pages
            .iter()
            .flat_map(|p| &p.items)
            .filter_map(|placed| match &placed.item {
                Item::Text { text, .. } => Some(text.clone()),
                _ => None,
            })
            .collect()
    }

    /// The indicator table of the report, as `copil_core::report` builds it.
    fn indicators() -> Table {
        let row = |name: &str, unit: &str, gap: &str| {
            vec![
                Cell::new(name),
                Cell::new(unit),
                Cell::new("2\u{202F}641,50\u{A0}€ (2023)"),
                Cell::new("9\u{202F}615,10\u{A0}€"),
                Cell::new("9\u{202F}226,50\u{A0}€").bold(),
                Cell::new(gap),
                Cell::new("En bonne voie").tone(Tone::Neutral),
                Cell::new("Observatoire local"),
            ]
        };
        Table {
            caption: None,
            columns: vec![
                Column::new("Indicateur", 3.6, Align::Left),
                Column::new("Unité", 2.0, Align::Left),
                Column::new("Référence", 2.0, Align::Right),
                Column::new("Cible", 1.5, Align::Right),
                Column::new("Réalisé", 1.6, Align::Right),
                Column::new("Écart", 1.5, Align::Right),
                Column::new("Statut", 1.8, Align::Left),
                Column::new("Source", 2.2, Align::Left),
            ],
            rows: vec![
                row(
                    "I132 – formation des aidants (accompagnements)",
                    "accompagnements (cumul)",
                    "+115",
                ),
                row(
                    "Part des habitants en QPV",
                    "% (dernière valeur)",
                    "-11,7\u{A0}pts",
                ),
            ],
        }
    }

    #[test]
    fn the_matrix_header_keeps_femmes_hommes_whole() {
        let mut columns = vec![Column::new("Objectif", 3.2, Align::Left)];
        for theme in [
            "Sécurité et tranquillité",
            "Cadre de vie et renouvellement urbain",
            "Lutte contre les discriminations",
            "Égalité femmes-hommes",
        ] {
            columns.push(Column::new(theme, 2.0, Align::Center));
        }
        let row = |name: &str| {
            let mut row = vec![Cell::new(name)];
            row.extend(
                (0..4).map(|_| Cell::new("✓ A 1 · I 2\n67\u{202F}000\u{A0}€").tone(Tone::Good)),
            );
            row
        };
        let t = Table {
            caption: None,
            columns,
            rows: vec![row(
                "1.2 Accompagner les habitants des QPV vers l'autonomie numérique",
            )],
        };
        let texts = drawn(&t);
        assert!(texts.contains(&"femmes-hommes".to_string()), "{texts:?}");
        assert!(texts.contains(&"renouvellement".to_string()), "{texts:?}");
        assert!(texts.contains(&"discriminations".to_string()), "{texts:?}");
    }

    #[test]
    fn columns_widen_to_their_widest_unbreakable_piece() {
        let f = fonts();
        let t = indicators();
        let c = Composer::new(f);
        let grid = measure(&c, &t, &cell_texts(&t));
        assert_eq!(grid.size, BASE_SIZE, "no need for smaller text");
        let total: f32 = grid.widths.iter().sum();
        assert!((total - BODY_W).abs() < 0.01, "{total}");
        // The gap with its unit, the amounts with their euro sign, the bold figure: whole.
        for (col, text, bold) in [
            (5, "-11,7\u{A0}pts", false),
            (3, "9\u{202F}615,10\u{A0}€", false),
            (4, "9\u{202F}226,50\u{A0}€", true),
            (2, "Référence", true),
            (7, "Observatoire", false),
        ] {
            let w = f.width(text, bold, grid.size);
            assert!(w <= grid.inner(col), "{text}: {w} > {}", grid.inner(col));
        }
        let texts = drawn(&t);
        assert!(texts.iter().any(|t| t == "-11,7\u{A0}pts"), "{texts:?}");
        assert!(
            texts.iter().any(|t| t == "9\u{202F}615,10\u{A0}€"),
            "{texts:?}"
        );
        // « accompagnements » whole, or broken at a French hyphenation point.
        assert!(
            texts.iter().any(|t| t.starts_with("accompagnements"))
                || texts.iter().any(|t| t == "accompa-" || t == "accompagne-"),
            "{texts:?}"
        );
        assert!(!texts.iter().any(|t| t.starts_with("ements")), "{texts:?}");
    }

    #[test]
    fn a_crowded_table_hyphenates_before_it_shrinks_and_shrinks_before_it_cuts() {
        let f = fonts();
        let c = Composer::new(f);
        let crowded = |word: &str, n: usize| Table {
            caption: None,
            columns: (0..n)
                .map(|_| Column::new("Intitulé", 1.0, Align::Left))
                .collect(),
            rows: vec![(0..n).map(|_| Cell::new(word)).collect()],
        };
        // Six columns of a long French word: hyphenated at the base size.
        let t = crowded("anticonstitutionnellement", 6);
        let grid = measure(&c, &t, &cell_texts(&t));
        assert_eq!(grid.size, BASE_SIZE);
        let texts = drawn(&t);
        let mut words = vec![String::new()];
        for piece in texts.iter().filter(|t| *t != "Intitulé") {
            let word = words.last_mut().unwrap();
            match piece.strip_suffix('-') {
                Some(stem) => word.push_str(stem),
                None => {
                    word.push_str(piece);
                    words.push(String::new());
                }
            }
        }
        words.pop();
        assert_eq!(words, vec!["anticonstitutionnellement"; 6], "{texts:?}");
        // As many columns as the width allows keep the word whole.
        let whole = texts
            .iter()
            .filter(|t| *t == "anticonstitutionnellement")
            .count();
        assert!((1..6).contains(&whole), "{texts:?}");
        // Twelve columns of codes (no hyphenation point): smaller text first.
        let t = crowded("4290128", 12);
        let grid = measure(&c, &t, &cell_texts(&t));
        assert!(
            grid.size < BASE_SIZE && grid.size >= MIN_SIZE,
            "{}",
            grid.size
        );
        for i in 0..12 {
            assert!(f.width("4290128", false, grid.size) <= grid.inner(i));
        }
        // Past the smallest size, words are cut, and still stay in their cells.
        let t = crowded(&"4290128".repeat(3), 12);
        let grid = measure(&c, &t, &cell_texts(&t));
        assert!(grid.size <= MIN_SIZE, "{}", grid.size);
        let total: f32 = grid.widths.iter().sum();
        assert!(total <= BODY_W + 0.01, "{total}");
    }
}
