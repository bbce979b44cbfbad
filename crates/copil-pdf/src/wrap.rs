//! Line breaking from real glyph advances, for single-style text and for runs
//! of regular/bold text, the way a French typesetter breaks lines:
//! - at spaces; a word that does not fit the rest of a line starts the next;
//! - a compound wider than a whole line, after one of its hyphens (« femmes- » /
//!   « hommes »);
//! - never at a no-break space (U+00A0, U+202F), nor between a number and the
//!   word or unit sign that follows it (« 12 personnes », « 57,1 % »);
//! - a word wider than a whole line is hyphenated at a French hyphenation point
//!   (the TeX patterns that `hypher` embeds in the binary), with a visible hyphen;
//! - only when no such break fits: at a no-break space, then between two characters.
//!
//! `\n` is a hard break. A line is never wider than the limit unless a single
//! character is. [`narrowest`] and [`narrowest_hyphenated`] tell a table how
//! narrow a column may be before words have to be hyphenated or cut.

use hypher::Lang;

use crate::fonts::FontSet;

/// Fewest letters left before a hyphenation point (French usage).
const LEFT_MIN: usize = 2;
/// Fewest letters carried over after a hyphenation point (French usage).
const RIGHT_MIN: usize = 3;
/// Longest run of letters hyphenated: a longer one is no word (noise, an identifier).
const MAX_WORD_LETTERS: usize = 40;
/// The hyphen drawn at a hyphenation point.
const HYPHEN: char = '-';

/// A run of text of one weight inside a wrapped line.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Run {
    /// Drawable text (sanitized).
    pub text: String,
    /// Bold weight.
    pub bold: bool,
    /// Width in points at the wrap size.
    pub width: f32,
}

/// One wrapped line.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Line {
    /// Runs from left to right.
    pub runs: Vec<Run>,
    /// Total width in points.
    pub width: f32,
    /// Whether the line ends with a hyphen added at a hyphenation point (the
    /// word goes on at the start of the next line).
    pub hyphenated: bool,
}

impl Line {
    /// Plain text of the line (tests, truncation), added hyphen included.
    pub fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }
}

/// Wraps single-weight `text` at `size` points into lines of at most `max_width` points.
pub(crate) fn wrap(
    fonts: &FontSet,
    text: &str,
    bold: bool,
    size: f32,
    max_width: f32,
) -> Vec<Line> {
    wrap_runs(fonts, &[(text, bold)], size, max_width)
}

/// Wraps runs of `(text, bold)` into lines of at most `max_width` points.
/// Always returns at least one (possibly empty) line.
pub(crate) fn wrap_runs(
    fonts: &FontSet,
    runs: &[(&str, bool)],
    size: f32,
    max_width: f32,
) -> Vec<Line> {
    let g = glyphs(fonts, runs, size);
    let mut cum = Vec::with_capacity(g.len() + 1);
    let mut total = 0.0f32;
    cum.push(total);
    for x in &g {
        total += x.w;
        cum.push(total);
    }
    let mut breaker = Breaker {
        g: &g,
        cum,
        max: max_width,
        hyphen: [
            fonts.regular.advance(HYPHEN) * size,
            fonts.bold.advance(HYPHEN) * size,
        ],
        lines: Vec::new(),
        breaks: Vec::new(),
    };
    for (from, to) in paragraphs(&g) {
        breaker.paragraph(from, to);
    }
    breaker.lines
}

/// How narrow a column may be for a text before its words must be broken.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Narrowest {
    /// Widest word, compounds whole (« femmes-hommes », « 57,1 % »), in points.
    pub whole: f32,
    /// Widest piece once compounds are broken after their hyphens, in points.
    pub parts: f32,
    /// Widest single glyph, in points: below it nothing fits at all.
    pub glyph: f32,
}

/// The widest word, compound part and glyph of `text` set in `size` points.
pub(crate) fn narrowest(fonts: &FontSet, text: &str, bold: bool, size: f32) -> Narrowest {
    let g = glyphs(fonts, &[(text, bold)], size);
    let mut out = Narrowest::default();
    let mut breaks = Vec::new();
    for (from, to) in paragraphs(&g) {
        for (s, e) in Words::new(&g, from, to) {
            let width = sum(&g[s..e]);
            out.whole = out.whole.max(width);
            if width <= out.parts {
                continue;
            }
            word_breaks(&g, s, e, false, &mut breaks);
            let mut piece = s;
            for b in breaks.iter().filter(|b| b.kind == BreakKind::Hyphen) {
                out.parts = out.parts.max(sum(&g[piece..b.at]));
                piece = b.next;
            }
            out.parts = out.parts.max(sum(&g[piece..e]));
        }
    }
    out.glyph = g.iter().map(|x| x.w).fold(0.0, f32::max);
    out
}

/// The widest piece of `text` set in `size` points when words may also be
/// hyphenated (the added hyphen included). Words no wider than `at_least`
/// points cannot raise the answer and are not hyphenated.
pub(crate) fn narrowest_hyphenated(
    fonts: &FontSet,
    text: &str,
    bold: bool,
    size: f32,
    at_least: f32,
) -> f32 {
    let g = glyphs(fonts, &[(text, bold)], size);
    let hyphen = [
        fonts.regular.advance(HYPHEN) * size,
        fonts.bold.advance(HYPHEN) * size,
    ];
    let mut widest = at_least;
    let mut breaks = Vec::new();
    for (from, to) in paragraphs(&g) {
        for (s, e) in Words::new(&g, from, to) {
            if sum(&g[s..e]) <= widest {
                continue;
            }
            word_breaks(&g, s, e, true, &mut breaks);
            let mut piece = s;
            for b in breaks.iter().filter(|b| b.kind != BreakKind::Space) {
                let mut w = sum(&g[piece..b.at]);
                if b.kind == BreakKind::Hyphenation {
                    w += hyphen[usize::from(g[b.at - 1].bold)];
                }
                widest = widest.max(w);
                piece = b.next;
            }
            widest = widest.max(sum(&g[piece..e]));
        }
    }
    widest
}

/// One drawable character, its weight and its advance at the wrap size.
#[derive(Debug, Clone, Copy)]
struct Glyph {
    c: char,
    bold: bool,
    w: f32,
}

/// Flattens runs into drawable glyphs; `\n` is kept (as a hard break), `\r` dropped.
fn glyphs(fonts: &FontSet, runs: &[(&str, bool)], size: f32) -> Vec<Glyph> {
    let mut out = Vec::with_capacity(runs.iter().map(|(t, _)| t.len()).sum());
    for &(text, bold) in runs {
        let face = fonts.face(bold);
        for c in text.chars() {
            match c {
                '\n' => out.push(Glyph { c, bold, w: 0.0 }),
                '\r' => {}
                _ => {
                    let c = fonts.drawable(c, bold);
                    out.push(Glyph {
                        c,
                        bold,
                        w: face.advance(c) * size,
                    });
                }
            }
        }
    }
    out
}

fn sum(g: &[Glyph]) -> f32 {
    g.iter().map(|x| x.w).sum()
}

/// Ranges of glyphs between hard breaks.
fn paragraphs(g: &[Glyph]) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut from = 0;
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        let to = g[from..]
            .iter()
            .position(|x| x.c == '\n')
            .map_or(g.len(), |p| from + p);
        let range = (from, to);
        done = to == g.len();
        from = to + 1;
        Some(range)
    })
}

/// A space that joins what it separates.
fn is_no_break_space(c: char) -> bool {
    matches!(c, '\u{A0}' | '\u{202F}' | '\u{2007}')
}

/// Whether glyphs spell a number (`12`, `-11,7`, `12 500`, `(2023`), after
/// which a unit or a counted word must stay on the same line.
fn is_number(chunk: &[Glyph]) -> bool {
    let mut digits = false;
    let mut ends_with_digit = false;
    let body = chunk.iter().skip_while(|x| {
        matches!(
            x.c,
            '(' | '[' | '«' | '"' | '“' | '\'' | '’' | '+' | '-' | '−' | '±'
        )
    });
    for x in body {
        if x.c.is_ascii_digit() {
            digits = true;
            ends_with_digit = true;
        } else if matches!(x.c, ',' | '.') || is_no_break_space(x.c) {
            ends_with_digit = false;
        } else {
            return false;
        }
    }
    digits && ends_with_digit
}

/// Whether a word starting with `c` is what a number before it counts or measures.
fn starts_unit(c: char) -> bool {
    c.is_alphabetic() || matches!(c, '%' | '€' | '‰' | '°' | '$' | '£')
}

/// Words of a paragraph: ranges of glyphs that no breakable space divides. A
/// no-break space stays inside a word, and so does an ordinary space between
/// a number and the word or unit after it.
struct Words<'a> {
    g: &'a [Glyph],
    i: usize,
    end: usize,
}

impl<'a> Words<'a> {
    fn new(g: &'a [Glyph], from: usize, to: usize) -> Self {
        Words {
            g,
            i: from,
            end: to,
        }
    }
}

impl Iterator for Words<'_> {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        let g = self.g;
        while self.i < self.end && g[self.i].c == ' ' {
            self.i += 1;
        }
        if self.i >= self.end {
            return None;
        }
        let start = self.i;
        let mut chunk = start;
        loop {
            while self.i < self.end && g[self.i].c != ' ' {
                self.i += 1;
            }
            let mut next = self.i;
            while next < self.end && g[next].c == ' ' {
                next += 1;
            }
            if next < self.end && is_number(&g[chunk..self.i]) && starts_unit(g[next].c) {
                chunk = next;
                self.i = next;
            } else {
                return Some((start, self.i));
            }
        }
    }
}

/// How a word may be broken, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BreakKind {
    /// After the hyphen of a compound; nothing is added.
    Hyphen,
    /// At a French hyphenation point; a hyphen is added.
    Hyphenation,
    /// At a no-break space (last resort before cutting between two characters).
    Space,
}

/// A place where a word may be broken.
#[derive(Debug, Clone, Copy)]
struct Break {
    /// The line ends before this glyph.
    at: usize,
    /// The next line starts at this glyph.
    next: usize,
    kind: BreakKind,
}

/// The places where word `s..e` may be broken, in order; hyphenation points
/// only when `hyphenate` (they cost a pattern lookup).
fn word_breaks(g: &[Glyph], s: usize, e: usize, hyphenate: bool, out: &mut Vec<Break>) {
    out.clear();
    let mut k = s;
    while k < e {
        let c = g[k].c;
        if c == ' ' || is_no_break_space(c) {
            let start = k;
            while k < e && (g[k].c == ' ' || is_no_break_space(g[k].c)) {
                k += 1;
            }
            if start > s && k < e {
                out.push(Break {
                    at: start,
                    next: k,
                    kind: BreakKind::Space,
                });
            }
        } else if c.is_alphabetic() {
            let start = k;
            while k < e && g[k].c.is_alphabetic() {
                k += 1;
            }
            if hyphenate {
                hyphenation_points(g, (s, e), start, k, out);
            }
            if k + 1 < e && matches!(g[k].c, '-' | '\u{2010}') && g[k + 1].c.is_alphabetic() {
                out.push(Break {
                    at: k + 1,
                    next: k + 1,
                    kind: BreakKind::Hyphen,
                });
                k += 1;
            }
        } else {
            k += 1;
        }
    }
}

/// Hyphenation points of the run of letters `a..b` of word `s..e`. Runs too
/// short, too long, with capitals after the first letter (acronyms) or glued
/// to digits, `@`, `/`, `_` or an inner dot (codes, addresses) are left whole.
fn hyphenation_points(
    g: &[Glyph],
    (s, e): (usize, usize),
    a: usize,
    b: usize,
    out: &mut Vec<Break>,
) {
    let letters = b - a;
    if !(LEFT_MIN + RIGHT_MIN..=MAX_WORD_LETTERS).contains(&letters)
        || g[a + 1..b].iter().any(|x| x.c.is_uppercase())
    {
        return;
    }
    let code_like = |c: char| c.is_ascii_digit() || matches!(c, '@' | '/' | '_' | '.');
    let before = (a > s).then(|| g[a - 1].c);
    let after = (b < e).then(|| g[b].c);
    let inner_dot_after = after == Some('.') && b + 1 < e && g[b + 1].c.is_alphanumeric();
    if before.is_some_and(code_like)
        || after.is_some_and(|c| c != '.' && code_like(c))
        || inner_dot_after
    {
        return;
    }
    let word: String = g[a..b].iter().map(|x| x.c).collect();
    let mut at = a;
    for syllable in hypher::hyphenate_bounded(&word, Lang::French, LEFT_MIN, RIGHT_MIN) {
        at += syllable.chars().count();
        if at < b {
            out.push(Break {
                at,
                next: at,
                kind: BreakKind::Hyphenation,
            });
        }
    }
}

/// Widths summed in another order differ in the last bits: a piece measured as fitting by
/// [`narrowest_hyphenated`] must fit here too (the layout checks allow the same margin).
const FIT_TOLERANCE: f32 = 1e-3;

/// Greedy line breaking of a glyph sequence.
struct Breaker<'a> {
    g: &'a [Glyph],
    /// `cum[i]`: width of glyphs `0..i`.
    cum: Vec<f32>,
    max: f32,
    /// Width of the added hyphen, regular and bold.
    hyphen: [f32; 2],
    lines: Vec<Line>,
    /// Breaks of the word being placed.
    breaks: Vec<Break>,
}

impl Breaker<'_> {
    fn width(&self, a: usize, b: usize) -> f32 {
        self.cum[b] - self.cum[a]
    }

    /// Breaks glyphs `from..to` (no hard break inside) into lines.
    fn paragraph(&mut self, from: usize, to: usize) {
        let first = self.lines.len();
        // Content of the line being filled.
        let mut line: Option<(usize, usize)> = None;
        for (mut s, e) in Words::new(self.g, from, to) {
            let too_wide = self.width(s, e) > self.max + FIT_TOLERANCE;
            if too_wide {
                word_breaks(self.g, s, e, true, &mut self.breaks);
            }
            if let Some((start, end)) = line.take() {
                if self.width(start, e) <= self.max + FIT_TOLERANCE {
                    line = Some((start, e));
                    continue;
                }
                // A word that fits a line of its own starts the next one; one
                // that must be broken anyway begins on this one if it can.
                let fill = too_wide
                    .then(|| self.best_break(start, s))
                    .flatten()
                    .filter(|b| b.kind != BreakKind::Space);
                match fill {
                    Some(b) => {
                        self.push(start, b.at, b.kind == BreakKind::Hyphenation);
                        s = b.next;
                    }
                    None => self.push(start, end, false),
                }
            }
            while e - s > 1 && self.width(s, e) > self.max + FIT_TOLERANCE {
                match self.best_break(s, s) {
                    Some(b) => {
                        self.push(s, b.at, b.kind == BreakKind::Hyphenation);
                        s = b.next;
                    }
                    None => {
                        // Between the last two characters that fit (at least one).
                        let mut k = s + 1;
                        while k < e && self.width(s, k + 1) <= self.max + FIT_TOLERANCE {
                            k += 1;
                        }
                        self.push(s, k, false);
                        s = k;
                    }
                }
            }
            line = Some((s, e));
        }
        match line {
            Some((start, end)) => self.push(start, end, false),
            None if self.lines.len() == first => self.lines.push(Line::default()),
            None => {}
        }
    }

    /// The best break after glyph `after` of the word being placed, for a line
    /// starting at glyph `start`: the last hyphen of the compound that fits
    /// (French usage prefers it), else the last hyphenation point that fits
    /// (with its hyphen), else the last no-break space that fits.
    fn best_break(&self, start: usize, after: usize) -> Option<Break> {
        let (mut hyphen, mut point, mut space) = (None, None, None);
        for b in self.breaks.iter().filter(|b| b.at > after) {
            let w = self.width(start, b.at);
            if w > self.max + FIT_TOLERANCE {
                break;
            }
            match b.kind {
                BreakKind::Hyphen => hyphen = Some(*b),
                BreakKind::Hyphenation => {
                    if w + self.hyphen[usize::from(self.g[b.at - 1].bold)]
                        <= self.max + FIT_TOLERANCE
                    {
                        point = Some(*b);
                    }
                }
                BreakKind::Space => space = Some(*b),
            }
        }
        hyphen.or(point).or(space)
    }

    /// Adds glyphs `a..b` as a line, with a hyphen after them when `hyphenated`.
    fn push(&mut self, a: usize, b: usize, hyphenated: bool) {
        let mut line = make_line(&self.g[a..b]);
        if hyphenated {
            let bold = self.g[b - 1].bold;
            let w = self.hyphen[usize::from(bold)];
            match line.runs.last_mut() {
                Some(run) if run.bold == bold => {
                    run.text.push(HYPHEN);
                    run.width += w;
                }
                _ => line.runs.push(Run {
                    text: HYPHEN.to_string(),
                    bold,
                    width: w,
                }),
            }
            line.width += w;
            line.hyphenated = true;
        }
        self.lines.push(line);
    }
}

/// Builds a line from glyphs, dropping trailing spaces and merging runs.
fn make_line(glyphs: &[Glyph]) -> Line {
    let end = glyphs.iter().rposition(|x| x.c != ' ').map_or(0, |p| p + 1);
    let mut line = Line::default();
    for x in &glyphs[..end] {
        match line.runs.last_mut() {
            Some(run) if run.bold == x.bold => {
                run.text.push(x.c);
                run.width += x.w;
            }
            _ => line.runs.push(Run {
                text: x.c.to_string(),
                bold: x.bold,
                width: x.w,
            }),
        }
        line.width += x.w;
    }
    line
}

/// Wraps then keeps at most `max_lines` lines, ending the last kept one with
/// « … » when text was cut (labels in fixed-size boxes).
pub(crate) fn wrap_clamped(
    fonts: &FontSet,
    text: &str,
    bold: bool,
    size: f32,
    max_width: f32,
    max_lines: usize,
) -> Vec<Line> {
    let mut lines = wrap(fonts, text, bold, size, max_width);
    if lines.len() > max_lines.max(1) {
        lines.truncate(max_lines.max(1));
        if let Some(last) = lines.last_mut() {
            let mut text = last.text();
            if last.hyphenated {
                text.pop();
            }
            *last = ellipsize(fonts, &text, bold, size, max_width);
        }
    }
    lines
}

/// One line of `text` cut to `max_width` with a trailing « … » (headers, footers).
pub(crate) fn ellipsize(
    fonts: &FontSet,
    text: &str,
    bold: bool,
    size: f32,
    max_width: f32,
) -> Line {
    let face = fonts.face(bold);
    let clean = fonts.sanitize(text, bold);
    let ell = face.advance('…') * size;
    let mut out = String::new();
    let mut width = 0.0;
    for c in clean.trim_end().chars() {
        let w = face.advance(c) * size;
        if width + w + ell > max_width {
            break;
        }
        out.push(c);
        width += w;
    }
    let out = out.trim_end().to_string();
    let width = fonts.width(&out, bold, size);
    let (text, width) = if width + ell <= max_width {
        (format!("{out}…"), width + ell)
    } else {
        (out, width)
    };
    Line {
        runs: vec![Run { text, bold, width }],
        width,
        hyphenated: false,
    }
}

/// One line of `text` if it fits in `max_width`, else an ellipsized one.
pub(crate) fn fit_line(fonts: &FontSet, text: &str, bold: bool, size: f32, max_width: f32) -> Line {
    let clean = fonts.sanitize(text, bold);
    let width = fonts.width(&clean, bold, size);
    if width <= max_width {
        Line {
            runs: vec![Run {
                text: clean,
                bold,
                width,
            }],
            width,
            hyphenated: false,
        }
    } else {
        ellipsize(fonts, &clean, bold, size, max_width)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fonts() -> &'static FontSet {
        FontSet::get().unwrap()
    }

    fn texts(lines: &[Line]) -> Vec<String> {
        lines.iter().map(Line::text).collect()
    }

    /// Whether byte `at` of `text` is a French hyphenation point of the run of
    /// letters around it (the patterns' own answer, with the minimum lengths).
    fn is_hyphenation_point(text: &str, at: usize) -> bool {
        let start = text[..at]
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_alphabetic())
            .last()
            .map_or(at, |(i, _)| i);
        let end = text[at..]
            .char_indices()
            .find(|(_, c)| !c.is_alphabetic())
            .map_or(text.len(), |(i, _)| at + i);
        let mut offset = start;
        hypher::hyphenate_bounded(&text[start..end], Lang::French, LEFT_MIN, RIGHT_MIN).any(|s| {
            offset += s.len();
            offset == at && offset < end
        })
    }

    /// Checks that `lines` set `text` (words separated by single spaces) the
    /// way a French typesetter would: nothing lost or added but hyphens at
    /// hyphenation points, every line within `max`, and every break at a space
    /// (not the one after a number followed by its unit), after the hyphen of a
    /// compound, or at a hyphenation point.
    fn check_breaks(text: &str, lines: &[Line], max: f32) -> Result<(), String> {
        let mut at = 0;
        for (i, line) in lines.iter().enumerate() {
            if line.width > max + 1e-3 {
                return Err(format!(
                    "line {i} {:?} is {} wide (max {max})",
                    line.text(),
                    line.width
                ));
            }
            let drawn = line.text();
            let own = if line.hyphenated {
                drawn
                    .strip_suffix(HYPHEN)
                    .ok_or("hyphenated line without its hyphen")?
            } else {
                drawn.as_str()
            };
            if !text[at..].starts_with(own) {
                return Err(format!(
                    "line {i} {own:?} is not the text at {at}: {:?}",
                    &text[at..]
                ));
            }
            at += own.len();
            if i + 1 == lines.len() {
                break;
            }
            let before = &text[..at];
            let after = &text[at..];
            let context = || format!("{:?} / {:?}", before, after);
            if line.hyphenated {
                if !is_hyphenation_point(text, at) {
                    return Err(format!(
                        "hyphen added off a hyphenation point: {}",
                        context()
                    ));
                }
            } else if let Some(rest) = after.strip_prefix(' ') {
                let chunk = before.rsplit(' ').next().unwrap_or("");
                let glyphs: Vec<Glyph> = chunk
                    .chars()
                    .map(|c| Glyph {
                        c,
                        bold: false,
                        w: 0.0,
                    })
                    .collect();
                if is_number(&glyphs) && rest.starts_with(starts_unit) {
                    return Err(format!("number separated from its unit: {}", context()));
                }
                at += 1;
            } else {
                let compound = before.ends_with('-')
                    && before[..before.len() - 1].ends_with(char::is_alphabetic)
                    && after.starts_with(char::is_alphabetic);
                if !compound {
                    return Err(format!("word cut: {}", context()));
                }
            }
        }
        if at != text.len() {
            return Err(format!("text lost after {at}: {:?}", &text[at..]));
        }
        Ok(())
    }

    #[test]
    fn compound_words_break_only_after_their_hyphen() {
        let f = fonts();
        let text = "Égalité femmes-hommes";
        let compound = f.width("femmes-hommes", true, 8.5);
        let first = f.width("femmes-", true, 8.5);
        // Room for the compound: it goes whole to the next line.
        let lines = wrap(f, text, true, 8.5, compound + 0.5);
        assert_eq!(texts(&lines), ["Égalité", "femmes-hommes"]);
        // Too little room: after its hyphen, never inside « hommes ».
        let lines = wrap(f, text, true, 8.5, first + 0.5);
        assert_eq!(texts(&lines), ["Égalité", "femmes-", "hommes"]);
        // From the widest piece that must stay whole (« femmes- » has no
        // hyphenation point) up: never a word cut.
        let narrowest = narrowest_hyphenated(f, text, true, 8.5, 0.0);
        assert!((narrowest - first).abs() < 1e-3, "{narrowest} vs {first}");
        for tenth in (narrowest * 10.0).ceil() as i32..1200 {
            let max = tenth as f32 / 10.0;
            check_breaks(text, &wrap(f, text, true, 8.5, max), max).unwrap();
        }
    }

    #[test]
    fn long_words_are_hyphenated_at_french_hyphenation_points() {
        let f = fonts();
        let text = "accompagnements (cumul)";
        let word = f.width("accompagnements", false, 8.5);
        assert_eq!(
            texts(&wrap(f, text, false, 8.5, word + 0.5)),
            ["accompagnements", "(cumul)"]
        );
        // Narrower than the word: « accompa- / gnements », not « accompagn / ements ».
        let lines = wrap(f, text, false, 8.5, word - 1.0);
        assert_eq!(texts(&lines), ["accompagne-", "ments (cumul)"]);
        assert!(lines[0].hyphenated && !lines[1].hyphenated);
        let max = f
            .width("accompa-", false, 8.5)
            .max(f.width("gnements", false, 8.5));
        let lines = wrap(f, text, false, 8.5, max + 0.5);
        assert_eq!(texts(&lines), ["accompa-", "gnements", "(cumul)"]);
        let narrowest = narrowest_hyphenated(f, text, false, 8.5, 0.0);
        for tenth in (narrowest * 10.0).ceil() as i32..1200 {
            let max = tenth as f32 / 10.0;
            check_breaks(text, &wrap(f, text, false, 8.5, max), max).unwrap();
        }
        // A word that must be broken anyway starts on the line before if it can.
        let lines = wrap(f, "Total accompagnements", false, 8.5, word - 1.0);
        assert_eq!(texts(&lines), ["Total accompa-", "gnements"]);
        // Acronyms, codes and noise are not hyphenated.
        for word in [
            "QPVCERFADGFIP",
            "QN06205F",
            "agent@mairie.fr",
            &"x".repeat(60),
        ] {
            let lines = wrap(f, word, false, 8.5, f.width(word, false, 8.5) / 2.0);
            assert!(
                lines.iter().all(|l| !l.hyphenated),
                "{word}: {:?}",
                texts(&lines)
            );
        }
    }

    #[test]
    fn numbers_stay_with_their_unit() {
        let f = fonts();
        // The gap of an indicator: one unbreakable piece while it fits a line.
        let gap = "-11,7\u{A0}pts";
        let width = f.width(gap, false, 8.5);
        assert_eq!(texts(&wrap(f, gap, false, 8.5, width + 0.1)), [gap]);
        // An ordinary space after a number holds too (« 150 personnes »).
        let text = "soit 150 personnes et 12\u{202F}500\u{A0}€ pour 3 séances";
        let narrowest = narrowest_hyphenated(f, text, false, 8.5, 0.0);
        for tenth in (narrowest * 10.0).ceil() as i32..1500 {
            let max = tenth as f32 / 10.0;
            let lines = wrap(f, text, false, 8.5, max);
            check_breaks(text, &lines, max).unwrap();
            let all = texts(&lines);
            assert!(all.iter().any(|l| l.contains("150 per")), "{all:?}");
            assert!(
                all.iter().any(|l| l.contains("12\u{202F}500\u{A0}€")),
                "{all:?}"
            );
            assert!(all.iter().any(|l| l.contains("3 séances")), "{all:?}");
        }
        // Only when the line is narrower than the figure: at its no-break space.
        let lines = wrap(f, gap, false, 8.5, f.width("-11,7", false, 8.5) + 0.1);
        assert_eq!(texts(&lines), ["-11,7", "pts"]);
    }

    #[test]
    fn breaks_at_spaces_within_width() {
        let f = fonts();
        let text =
            "Les conseillers numériques accompagnent les habitants des quartiers prioritaires.";
        let lines = wrap(f, text, false, 10.0, 120.0);
        assert!(lines.len() > 2);
        for l in &lines {
            assert!(l.width <= 120.0 + 1e-3, "{l:?}");
            assert!(!l.text().starts_with(' ') && !l.text().ends_with(' '));
        }
        assert_eq!(texts(&lines).join(" "), text);
    }

    #[test]
    fn long_words_are_split_and_nothing_is_lost() {
        let f = fonts();
        let word = "Anticonstitutionnellement".repeat(8);
        let lines = wrap(f, &word, true, 10.0, 80.0);
        assert!(lines.len() > 5);
        assert!(lines.iter().all(|l| l.width <= 80.0 + 1e-3));
        assert_eq!(texts(&lines).concat(), word);
    }

    #[test]
    fn hard_breaks_and_empty_text() {
        let f = fonts();
        assert_eq!(texts(&wrap(f, "a\nb", false, 10.0, 100.0)), vec!["a", "b"]);
        assert_eq!(texts(&wrap(f, "", false, 10.0, 100.0)), vec![""]);
        assert_eq!(texts(&wrap(f, "   ", false, 10.0, 100.0)), vec![""]);
        assert_eq!(wrap(f, "abc", false, 10.0, 0.0).len(), 3);
    }

    #[test]
    fn no_break_spaces_keep_figures_together() {
        let f = fonts();
        let text = "taux 57,1\u{A0}% et 12\u{202F}500\u{A0}€";
        let lines = wrap(f, text, false, 10.0, 60.0);
        let joined = texts(&lines);
        assert!(
            joined.iter().any(|l| l.contains("57,1\u{A0}%")),
            "{joined:?}"
        );
        assert!(
            joined.iter().any(|l| l.contains("12\u{202F}500\u{A0}€")),
            "{joined:?}"
        );
    }

    #[test]
    fn runs_keep_their_weight() {
        let f = fonts();
        let lines = wrap_runs(
            f,
            &[("Objectif ", false), ("atteint", true), (".", false)],
            10.0,
            500.0,
        );
        assert_eq!(lines.len(), 1);
        let weights: Vec<bool> = lines[0].runs.iter().map(|r| r.bold).collect();
        assert_eq!(weights, vec![false, true, false]);
    }

    #[test]
    fn hostile_text_does_not_panic() {
        let f = fonts();
        for text in [
            "<script>alert(1)</script>",
            "مرحبا بالعالم",
            "👩‍👩‍👧 🎉",
            "\u{200F}\u{0}\u{7}",
            "e\u{301}",
        ] {
            let lines = wrap(f, text, false, 10.0, 50.0);
            assert!(!lines.is_empty());
        }
        assert!(texts(&wrap(f, "🎉", false, 10.0, 50.0))[0].contains('□'));
    }

    #[test]
    fn ellipsis_fits() {
        let f = fonts();
        let line = ellipsize(f, &"Financement ".repeat(20), false, 9.0, 100.0);
        assert!(line.width <= 100.0);
        assert!(line.text().ends_with('…'));
        let clamped = wrap_clamped(f, &"mot ".repeat(100), false, 9.0, 100.0, 2);
        assert_eq!(clamped.len(), 2);
        assert!(clamped[1].text().ends_with('…'));
    }

    /// Words of the report: plain, accented, compounds, elisions, codes,
    /// numbers with their unit (no-break or ordinary space).
    const WORDS: &[&str] = &[
        "accompagnements",
        "Égalité",
        "femmes-hommes",
        "numérique",
        "transversalité",
        "développement",
        "renouvellement",
        "discriminations",
        "l'inclusion",
        "d'indicateurs",
        "non-maîtrise",
        "professionnels",
        "médiation",
        "(dernière",
        "valeur)",
        "structures",
        "territorial",
        "QPV",
        "CERFA",
        "Lens-Liévin",
        "Saint-Ouen-sur-Seine",
        "cybersécurité",
        "reconditionné",
        "Observatoire",
        "Anticonstitutionnellement",
        "et",
        "de",
        "la",
        "à",
        "57,1\u{A0}%",
        "-11,7\u{A0}pts",
        "+1,5\u{A0}pt",
        "12\u{202F}500\u{A0}€",
        "150 personnes",
        "3 séances",
        "2026",
        "(2023)",
        "QN06205F",
        "✓\u{A0}Atteint",
        "«\u{A0}Atteint\u{A0}»",
    ];

    #[test]
    fn a_number_stays_with_a_compound_that_exactly_fills_the_line() {
        // Found by the property below: the piece « 2026 femmes- » measured as fitting, but the
        // breaker summed its width in another order and cut « 2026 » from its word.
        let text =
            "femmes-hommes accompagnements accompagnements accompagnements 2026 femmes-hommes";
        let (size, max) = (8.832_318_f32, 64.258_57_f32);
        let max = max.max(narrowest_hyphenated(fonts(), text, false, size, 0.0));
        let lines = wrap(fonts(), text, false, size, max);
        check_breaks(text, &lines, max).unwrap();
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 300, ..Default::default() })]

        #[test]
        fn french_text_breaks_only_where_a_typesetter_would(
            picks in proptest::collection::vec(0..WORDS.len(), 1..25),
            max in 60.0f32..300.0,
            size in 7.0f32..9.0,
            bold in proptest::bool::ANY,
        ) {
            let text = picks.iter().map(|&i| WORDS[i]).collect::<Vec<_>>().join(" ");
            // Never narrower than the widest piece that must stay whole.
            let max = max.max(narrowest_hyphenated(fonts(), &text, bold, size, 0.0));
            let lines = wrap(fonts(), &text, bold, size, max);
            if let Err(e) = check_breaks(&text, &lines, max) {
                return Err(proptest::test_runner::TestCaseError::fail(format!("{e}\n{text:?} in {max} at {size}: {:?}", texts(&lines))));
            }
        }
    }
}
