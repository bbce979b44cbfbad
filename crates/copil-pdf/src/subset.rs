//! Per-report font subsets: only the glyphs a report draws are embedded, so
//! the PDF stays small and compressing it stays cheap (the whole DejaVu
//! family is about 1.4 MB, a report uses a few hundred glyphs of it).

use std::collections::BTreeSet;

use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::subset::{CmapTarget, SubsetProfile};
use allsorts::tag;
use printpdf::ParsedFont;

use crate::fonts::Face;
use crate::PdfError;

/// Tables kept in a subset: what a PDF viewer needs to draw TrueType glyphs,
/// plus `OS/2`, whose weight class printpdf writes into the font descriptor.
const TABLES: &[u32] = &[
    tag::CMAP,
    tag::HEAD,
    tag::CVT,
    tag::FPGM,
    tag::HHEA,
    tag::HMTX,
    tag::MAXP,
    tag::NAME,
    tag::OS_2,
    tag::POST,
    tag::PREP,
];

/// A font holding only the glyphs of `chars` (and `.notdef`), with a Unicode
/// cmap so that printpdf maps text to the new glyph ids itself.
pub(crate) fn subset(face: &Face, chars: &BTreeSet<char>) -> Result<ParsedFont, PdfError> {
    let failed = |what: &dyn std::fmt::Display| PdfError::Font(format!("sous-ensemble : {what}"));
    let font = ReadScope::new(&face.parsed.original_bytes)
        .read::<FontData<'_>>()
        .map_err(|e| failed(&e))?;
    let provider = font.table_provider(0).map_err(|e| failed(&e))?;
    let glyphs: BTreeSet<u16> = chars
        .iter()
        .filter_map(|&c| face.parsed.lookup_glyph_index(c as u32))
        .filter(|&gid| gid != 0)
        .collect();
    let ids: Vec<u16> = std::iter::once(0).chain(glyphs).collect();
    let bytes = allsorts::subset::subset(
        &provider,
        &ids,
        &SubsetProfile::Custom(TABLES.to_vec()),
        CmapTarget::Unicode,
    )
    .map_err(|e| failed(&e))?;
    let mut warnings = Vec::new();
    ParsedFont::from_bytes(&bytes, 0, &mut warnings)
        .ok_or_else(|| failed(&"le sous-ensemble de la police est illisible"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::FontSet;

    #[test]
    fn a_subset_keeps_the_widths_of_its_characters_and_nothing_else() {
        let fonts = FontSet::get().unwrap();
        let chars: BTreeSet<char> = "Synthèse 57,1 % — 12 500 €".chars().collect();
        let small = subset(&fonts.regular, &chars).unwrap();
        assert!(small.original_bytes.len() < fonts.regular.parsed.original_bytes.len() / 20);
        for &c in &chars {
            let full = fonts.regular.parsed.lookup_glyph_index(c as u32).unwrap();
            let sub = small.lookup_glyph_index(c as u32).unwrap();
            assert_ne!(sub, 0, "{c:?} lost");
            assert_eq!(
                small.get_glyph_width(sub),
                fonts.regular.parsed.get_glyph_width(full),
                "{c:?}"
            );
        }
        assert_eq!(small.lookup_glyph_index('Z' as u32).unwrap_or(0), 0);
    }
}
