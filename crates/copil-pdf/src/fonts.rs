//! The embedded font family (DejaVu Sans regular + bold): parsed once, with
//! the glyph metrics the layout needs and visible replacement of missing glyphs.

use std::io::Read;
use std::sync::OnceLock;

use flate2::read::ZlibDecoder;
use printpdf::ParsedFont;

use crate::PdfError;

/// DejaVu Sans regular, shipped in `fonts/` with its licence, deflated by `build.rs`.
const REGULAR_TTF: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/DejaVuSans.ttf.zz"));
/// DejaVu Sans bold, shipped in `fonts/` with its licence, deflated by `build.rs`.
const BOLD_TTF: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/DejaVuSans-Bold.ttf.zz"));

/// Drawn instead of a character the font cannot show (WHITE SQUARE).
pub(crate) const REPLACEMENT: char = '\u{25A1}';

/// One parsed face and the metrics derived from it.
pub(crate) struct Face {
    /// The whole face as printpdf parses it (with its file, which each
    /// document embeds a subset of), for metrics and glyph lookups.
    pub parsed: ParsedFont,
    /// Font units per em, for scaling advances.
    units_per_em: f32,
    /// Advance widths of the Latin-1 range in em, the hot path of every layout.
    latin: [f32; 256],
}

/// Regular and bold faces of the single font family.
pub(crate) struct FontSet {
    /// Regular weight.
    pub regular: Face,
    /// Bold weight.
    pub bold: Face,
    /// Ascent above the baseline, in em.
    pub ascent: f32,
    /// Descent below the baseline (positive), in em.
    pub descent: f32,
}

impl Face {
    /// Inflates and parses a TrueType face and caches Latin-1 advances.
    fn parse(deflated: &[u8]) -> Result<Self, PdfError> {
        let mut bytes = Vec::with_capacity(deflated.len() * 2);
        ZlibDecoder::new(deflated)
            .read_to_end(&mut bytes)
            .map_err(|e| PdfError::Font(format!("police intégrée endommagée : {e}")))?;
        let mut warnings = Vec::new();
        let parsed = ParsedFont::from_bytes(&bytes, 0, &mut warnings)
            .ok_or_else(|| PdfError::Font("la police intégrée est illisible".into()))?;
        let units_per_em = f32::from(parsed.units_per_em.max(1));
        let mut face = Face {
            parsed,
            units_per_em,
            latin: [0.0; 256],
        };
        for code in 0..256u32 {
            face.latin[code as usize] = char::from_u32(code)
                .and_then(|c| face.lookup(c))
                .unwrap_or(0.0);
        }
        Ok(face)
    }

    /// Advance of `c` in em, or `None` when the font has no glyph for it.
    fn lookup(&self, c: char) -> Option<f32> {
        let gid = self.parsed.lookup_glyph_index(c as u32)?;
        if gid == 0 {
            return None;
        }
        let width = self.parsed.get_glyph_width(gid).unwrap_or(0);
        Some(f32::from(width) / self.units_per_em)
    }

    /// Whether the font can draw `c`.
    pub fn has(&self, c: char) -> bool {
        let code = c as u32;
        (code < 256 && self.latin[code as usize] > 0.0) || self.lookup(c).is_some()
    }

    /// Advance of `c` in em (missing glyphs count as the replacement glyph).
    pub fn advance(&self, c: char) -> f32 {
        let code = c as u32;
        if code < 256 && self.latin[code as usize] > 0.0 {
            return self.latin[code as usize];
        }
        self.lookup(c)
            .or_else(|| self.lookup(REPLACEMENT))
            .unwrap_or(0.6)
    }
}

impl FontSet {
    /// The process-wide font set, parsed on first use.
    pub fn get() -> Result<&'static FontSet, PdfError> {
        static FONTS: OnceLock<Result<FontSet, PdfError>> = OnceLock::new();
        FONTS
            .get_or_init(FontSet::load)
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Parses both faces.
    fn load() -> Result<FontSet, PdfError> {
        let regular = Face::parse(REGULAR_TTF)?;
        let bold = Face::parse(BOLD_TTF)?;
        let upm = regular.units_per_em;
        let ascent = f32::from(regular.parsed.font_metrics.ascent) / upm;
        let descent = (f32::from(regular.parsed.font_metrics.descent) / upm).abs();
        Ok(FontSet {
            regular,
            bold,
            ascent,
            descent,
        })
    }

    /// The face of a weight.
    pub fn face(&self, bold: bool) -> &Face {
        if bold {
            &self.bold
        } else {
            &self.regular
        }
    }

    /// Width in points of `text` set in `size` points.
    pub fn width(&self, text: &str, bold: bool, size: f32) -> f32 {
        let face = self.face(bold);
        text.chars().map(|c| face.advance(c)).sum::<f32>() * size
    }

    /// Makes `text` drawable on one line: tabs become spaces, line breaks
    /// and other control characters become spaces, and characters missing
    /// from the font become [`REPLACEMENT`] — never silently dropped.
    pub fn sanitize(&self, text: &str, bold: bool) -> String {
        text.chars().map(|c| self.drawable(c, bold)).collect()
    }

    /// The character drawn for `c` (see [`FontSet::sanitize`]).
    pub fn drawable(&self, c: char, bold: bool) -> char {
        let face = self.face(bold);
        if c.is_control() {
            ' '
        } else if face.has(c) {
            c
        } else if face.has(REPLACEMENT) {
            REPLACEMENT
        } else {
            '?'
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_characters_are_in_both_faces() {
        let fonts = FontSet::get().unwrap();
        for bold in [false, true] {
            let face = fonts.face(bold);
            for c in "éèêëàâîïôöùûüçÉÈÀÇŒœ«»–—€’\u{A0}\u{202F}✓✗▲●□…".chars()
            {
                assert!(face.has(c), "missing {c:?} (bold: {bold})");
            }
        }
        assert!(fonts.ascent > 0.7 && fonts.ascent < 1.2);
        assert!(fonts.descent > 0.1 && fonts.descent < 0.4);
    }

    #[test]
    fn missing_glyphs_are_replaced_visibly() {
        let fonts = FontSet::get().unwrap();
        assert_eq!(fonts.sanitize("a漢🎉b", false), "a□□b");
        assert_eq!(fonts.sanitize("a\tb\nc", false), "a b c");
        assert_eq!(fonts.sanitize("", true), "");
    }

    #[test]
    fn widths_grow_with_size_and_text() {
        let fonts = FontSet::get().unwrap();
        let w10 = fonts.width("Synthèse", false, 10.0);
        assert!(w10 > 30.0 && w10 < 60.0, "{w10}");
        assert!((fonts.width("Synthèse", false, 20.0) - 2.0 * w10).abs() < 0.01);
        assert!(fonts.width("Synthèse", true, 10.0) > w10);
        assert_eq!(fonts.width("", false, 10.0), 0.0);
    }
}
