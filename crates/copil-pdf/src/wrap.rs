//! Greedy line breaking from real glyph advances, for single-style text and
//! for runs of regular/bold text. Breaks at spaces, honours `\n`, and splits
//! words longer than the line; a line is never wider than the limit unless a
//! single character is.

use crate::fonts::FontSet;

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
}

impl Line {
    /// Plain text of the line (tests, truncation).
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
    // Flatten into styled characters; `\n` is kept as a hard break marker.
    let mut chars: Vec<(char, bool, f32)> = Vec::new();
    for (text, bold) in runs {
        let face = fonts.face(*bold);
        for c in text.chars() {
            if c == '\n' {
                chars.push(('\n', *bold, 0.0));
                continue;
            }
            let c = if c == '\r' { continue } else { c };
            for d in fonts.sanitize(c.encode_utf8(&mut [0; 4]), *bold).chars() {
                chars.push((d, *bold, face.advance(d) * size));
            }
        }
    }

    let mut lines = Vec::new();
    let mut start = 0usize;
    let mut width = 0.0f32;
    let mut last_space: Option<usize> = None;
    let mut i = 0usize;
    while i < chars.len() {
        let (c, _, w) = chars[i];
        if c == '\n' {
            lines.push(make_line(&chars[start..i]));
            i += 1;
            start = i;
            width = 0.0;
            last_space = None;
            continue;
        }
        if c == ' ' {
            last_space = Some(i);
            width += w;
            i += 1;
            continue;
        }
        if width + w > max_width && i > start {
            let content_before = chars[start..i].iter().any(|(c, ..)| *c != ' ');
            match last_space {
                Some(sp) if content_before && chars[start..sp].iter().any(|(c, ..)| *c != ' ') => {
                    lines.push(make_line(&chars[start..sp]));
                    start = sp + 1;
                }
                _ => {
                    lines.push(make_line(&chars[start..i]));
                    start = i;
                }
            }
            while start < chars.len() && chars[start].0 == ' ' {
                start += 1;
            }
            last_space = None;
            width = chars[start..i.max(start)].iter().map(|(_, _, w)| *w).sum();
            if start > i {
                i = start;
            }
            continue;
        }
        width += w;
        i += 1;
    }
    lines.push(make_line(&chars[start..]));
    lines
}

/// Builds a line from styled characters, dropping trailing spaces and merging runs.
fn make_line(chars: &[(char, bool, f32)]) -> Line {
    let end = chars
        .iter()
        .rposition(|(c, ..)| *c != ' ')
        .map_or(0, |p| p + 1);
    let mut line = Line::default();
    for &(c, bold, w) in &chars[..end] {
        match line.runs.last_mut() {
            Some(run) if run.bold == bold => {
                run.text.push(c);
                run.width += w;
            }
            _ => line.runs.push(Run {
                text: c.to_string(),
                bold,
                width: w,
            }),
        }
        line.width += w;
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
            *last = ellipsize(fonts, &last.text(), bold, size, max_width);
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
}
