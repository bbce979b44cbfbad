//! Reads a report back with `pdftotext -bbox` and checks every line break
//! inside a block of text (a paragraph, a table cell, a label): a word goes on
//! to the next line only after a hyphen of its own or at a French hyphenation
//! point marked by an added hyphen; no-break spaces hold; a number never ends
//! a line whose next line starts with its unit.
//!
//! The words the report should contain come from its model (the same
//! `copil_core::report` model `copil report` renders), so a fragment can be
//! told from a word.

use std::collections::HashSet;
use std::path::Path;
use std::process::Command;

use serde_json::Value;

/// A word as poppler reads it, with its box (points, from the top-left corner).
#[derive(Debug, Clone)]
struct Word {
    text: String,
    x0: f32,
    y0: f32,
    x1: f32,
    y1: f32,
}

impl Word {
    fn height(&self) -> f32 {
        self.y1 - self.y0
    }
}

/// Words of one visual line that belong together (a line of one cell or one paragraph).
#[derive(Debug)]
struct Segment {
    words: Vec<Word>,
    x0: f32,
    x1: f32,
    y0: f32,
    height: f32,
}

/// What the read-back found.
#[derive(Debug, Default)]
pub struct Findings {
    /// Line breaks inside a block of text that were checked.
    pub breaks: usize,
    /// Of which at a French hyphenation point (hyphen added).
    pub hyphenated: usize,
    /// Of which after the hyphen of a compound word.
    pub compounds: usize,
    /// Every break that a French typesetter would not make, described.
    pub problems: Vec<String>,
}

/// The words of the report model and the pairs its no-break spaces hold together.
pub struct Vocabulary {
    words: HashSet<String>,
    glued: HashSet<(String, String)>,
    units: Vec<String>,
}

impl Vocabulary {
    /// Collects every text of the report model (`serde_json` form), split as
    /// poppler splits words (at every space, no-break ones included). `units`
    /// are the words a number may not be separated from.
    pub fn of_model(model: &Value, units: &[&str]) -> Vocabulary {
        let mut texts = Vec::new();
        collect_texts(model, &mut texts);
        let mut words = HashSet::new();
        let mut glued = HashSet::new();
        let mut spaced = HashSet::new();
        for text in &texts {
            for w in text.split(char::is_whitespace).filter(|w| !w.is_empty()) {
                words.insert(w.to_string());
                words.insert(w.to_uppercase());
            }
            // Pairs of words and the space between them.
            let mut last: Option<(&str, char)> = None;
            let mut rest = text.as_str();
            while let Some(start) = rest.find(|c: char| !c.is_whitespace()) {
                rest = &rest[start..];
                let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
                let word = &rest[..end];
                if let Some((prev, space)) = last {
                    let pair = (prev.to_string(), word.to_string());
                    if space == ' ' || space == '\n' {
                        spaced.insert(pair);
                    } else {
                        glued.insert(pair);
                    }
                }
                rest = &rest[end..];
                last = rest.chars().next().map(|space| (word, space));
            }
        }
        // Drawn by the renderer: tone symbols, bullets, the missing-glyph box.
        for symbol in ["✓", "▲", "✗", "●", "•", "□"] {
            words.insert(symbol.to_string());
        }
        let glued = glued.difference(&spaced).cloned().collect();
        Vocabulary {
            words,
            glued,
            units: units.iter().map(|u| u.to_string()).collect(),
        }
    }

    /// A complete word of the report (or a number, punctuation, a cut label).
    fn is_whole(&self, w: &str) -> bool {
        self.words.contains(w) || !w.chars().any(char::is_alphabetic) || w.ends_with('…')
    }

    /// Words of the model that contain `fragment`.
    fn containing<'a>(&'a self, fragment: &'a str) -> impl Iterator<Item = &'a String> + 'a {
        self.words.iter().filter(move |w| w.contains(fragment))
    }
}

/// Every string of the model; the spans of a paragraph are also joined into one text.
fn collect_texts(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(items) => {
            let spans: Option<Vec<&str>> = items
                .iter()
                .map(|i| match i {
                    Value::Object(o) if o.len() == 2 && o.contains_key("bold") => {
                        o.get("text").and_then(Value::as_str)
                    }
                    _ => None,
                })
                .collect();
            if let Some(spans) = spans.filter(|s| s.len() > 1) {
                out.push(spans.concat());
            }
            for i in items {
                collect_texts(i, out);
            }
        }
        Value::Object(o) => {
            for v in o.values() {
                collect_texts(v, out);
            }
        }
        _ => {}
    }
}

/// Reads `pdf` back and checks its line breaks against `vocabulary`.
pub fn check(pdf: &Path, vocabulary: &Vocabulary) -> Findings {
    let out = Command::new("pdftotext")
        .arg("-bbox")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed by scripts/setup");
    assert!(out.status.success(), "pdftotext -bbox failed");
    let html = String::from_utf8_lossy(&out.stdout);
    let mut findings = Findings::default();
    for (page, text) in html.split("<page ").skip(1).enumerate() {
        check_page(page + 1, &segments(words(text)), vocabulary, &mut findings);
    }
    findings
}

/// The words of one page of `pdftotext -bbox` output.
fn words(page: &str) -> Vec<Word> {
    let attr = |tag: &str, name: &str| -> f32 {
        let key = format!("{name}=\"");
        let start = tag.find(&key).expect("word box") + key.len();
        let end = start + tag[start..].find('"').expect("end of attribute");
        tag[start..end].parse().expect("a number")
    };
    let mut out = Vec::new();
    for chunk in page.split("<word ").skip(1) {
        let close = chunk.find('>').expect("end of word tag");
        let tag = &chunk[..close];
        let end = chunk.find("</word>").expect("end of word");
        let text = chunk[close + 1..end]
            .replace("&apos;", "'")
            .replace("&quot;", "\"")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&");
        out.push(Word {
            text,
            x0: attr(tag, "xMin"),
            y0: attr(tag, "yMin"),
            x1: attr(tag, "xMax"),
            y1: attr(tag, "yMax"),
        });
    }
    out
}

/// Groups the words of a page into visual lines, and lines into segments
/// where the gap between two words is wider than a space (table columns).
fn segments(mut words: Vec<Word>) -> Vec<Segment> {
    words.sort_by(|a, b| a.y0.total_cmp(&b.y0).then(a.x0.total_cmp(&b.x0)));
    let mut lines: Vec<Vec<Word>> = Vec::new();
    for w in words {
        let line = lines
            .iter_mut()
            .rev()
            .take(8)
            .find(|l| (l[0].y0 - w.y0).abs() < 0.5 && (l[0].height() - w.height()).abs() < 0.3);
        match line {
            Some(l) => l.push(w),
            None => lines.push(vec![w]),
        }
    }
    let mut out = Vec::new();
    for mut line in lines {
        line.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        let height = line[0].height();
        let mut current: Vec<Word> = Vec::new();
        for w in line {
            if current.last().is_some_and(|p| w.x0 - p.x1 > 0.5 * height) {
                out.push(segment(std::mem::take(&mut current)));
            }
            current.push(w);
        }
        out.push(segment(current));
    }
    out
}

/// A segment of words, with its box.
fn segment(words: Vec<Word>) -> Segment {
    Segment {
        x0: words.iter().map(|w| w.x0).fold(f32::MAX, f32::min),
        x1: words.iter().map(|w| w.x1).fold(f32::MIN, f32::max),
        y0: words[0].y0,
        height: words[0].height(),
        words,
    }
}

/// Whether `w` spells a number (`12`, `-11,7`, `(2023`).
fn is_number(w: &str) -> bool {
    let body = w.trim_start_matches(['(', '+', '-', '−']);
    body.ends_with(|c: char| c.is_ascii_digit())
        && body
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
}

/// Whether a hyphen may be added after byte `at` of `word`: `at` is a French
/// hyphenation point of the run of letters around it.
fn is_hyphenation_point(word: &str, at: usize) -> bool {
    let start = word[..at]
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic())
        .last()
        .map_or(at, |(i, _)| i);
    let end = word[at..]
        .char_indices()
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(word.len(), |(i, _)| at + i);
    let run = &word[start..end];
    let mut offset = 0;
    hypher::hyphenate_bounded(run, hypher::Lang::French, 2, 3).any(|syllable| {
        offset += syllable.len();
        start + offset == at && offset < run.len()
    })
}

/// Checks every break from a segment to the next line of its block, top to bottom.
fn check_page(page: usize, segs: &[Segment], vocabulary: &Vocabulary, findings: &mut Findings) {
    // The word a segment's first word continues (joined so far), by segment.
    let mut carried: Vec<Option<String>> = vec![None; segs.len()];
    let mut order: Vec<usize> = (0..segs.len()).collect();
    order.sort_by(|&a, &b| segs[a].y0.total_cmp(&segs[b].y0));
    for &i in &order {
        let s = &segs[i];
        // The next line of the same block: just below, same size, overlapping.
        let next = order
            .iter()
            .copied()
            .filter(|&j| {
                let t = &segs[j];
                let dy = t.y0 - s.y0;
                dy > 0.5 * s.height
                    && dy <= 1.3 * s.height
                    && (t.height - s.height).abs() < 0.3
                    && t.x0 < s.x1
                    && s.x0 < t.x1
            })
            .min_by(|&a, &b| segs[a].y0.total_cmp(&segs[b].y0));
        let Some(j) = next else { continue };
        let last = &s.words[s.words.len() - 1].text;
        let a = match (&carried[i], s.words.len()) {
            (Some(carry), 1) => carry.clone(),
            _ => last.clone(),
        };
        let b = &segs[j].words[0].text;
        findings.breaks += 1;
        let at = format!("page {page} : « {a} » / « {b} »");
        if a.len() > 1 && a.ends_with('-') {
            // `b` may end with a hyphen of its own: the next break checks it.
            let b_core = b.strip_suffix('-').filter(|c| !c.is_empty()).unwrap_or(b);
            let stem = &a[..a.len() - 1];
            let compound = format!("{a}{b_core}");
            let joined = format!("{stem}{b_core}");
            let at_point = |w: &String| {
                w.match_indices(joined.as_str())
                    .any(|(k, _)| is_hyphenation_point(w, k + stem.len()))
            };
            if vocabulary.containing(&compound).next().is_some() {
                findings.compounds += 1;
                carried[j] = Some(format!("{a}{b}"));
            } else if vocabulary.containing(&joined).any(at_point) {
                findings.hyphenated += 1;
                carried[j] = Some(format!("{stem}{b}"));
            } else {
                findings
                    .problems
                    .push(format!("{at} : coupure hors point de césure français"));
            }
            continue;
        }
        let joined = format!("{a}{b}");
        if vocabulary.glued.contains(&(a.clone(), b.clone())) {
            findings
                .problems
                .push(format!("{at} : espace insécable coupée"));
        } else if is_number(&a) && vocabulary.units.iter().any(|u| u == b) {
            findings
                .problems
                .push(format!("{at} : nombre séparé de son unité"));
        } else if vocabulary.words.contains(&joined)
            && !(vocabulary.words.contains(&a) && vocabulary.words.contains(b))
        {
            findings
                .problems
                .push(format!("{at} : mot coupé sans trait d'union"));
        } else if !vocabulary.is_whole(&a) {
            findings
                .problems
                .push(format!("{at} : fin de ligne qui n'est pas un mot"));
        } else if !vocabulary.is_whole(b) && !b.ends_with('-') {
            findings
                .problems
                .push(format!("{at} : début de ligne qui n'est pas un mot"));
        }
    }
}
