//! Renders the report model of copil-core into PDF bytes.
//!
//! The layout layer is our own, on top of printpdf's text and shape
//! operations: `fonts` (embedded DejaVu Sans and glyph metrics), `wrap`
//! (line breaking), `layout` (positioned primitives, page composer), one
//! module per block kind (`blocks`, `tiles`, `table`, `chart`), `cover`,
//! `toc`, `document` (whole-document flow, header/footer); then the writing:
//! `emit` (printpdf operations, metadata), `subset` (only the glyphs a report
//! draws are embedded), `outline` (nested bookmarks) and `compress` (stream
//! compression on every core).
//!
//! Section titles are numbered by the renderer (« 1. Synthèse »,
//! « 1.1 … ») in headings, the table of contents and the bookmarks.

mod blocks;
mod chart;
mod compress;
mod cover;
mod document;
mod emit;
mod fonts;
mod layout;
mod outline;
mod style;
mod subset;
mod table;
mod tiles;
mod toc;
mod wrap;

#[cfg(test)]
mod layout_props;

use copil_core::report::ReportDocument;

/// Why a report could not be rendered.
#[derive(Debug, Clone, thiserror::Error)]
pub enum PdfError {
    /// The embedded font could not be parsed (a broken build).
    #[error("police intégrée invalide : {0}")]
    Font(String),
    /// The layout reached an inconsistent state (a bug).
    #[error("mise en page impossible : {0}")]
    Layout(String),
    /// The finished document could not be serialized (a bug, or no memory).
    #[error("écriture du PDF impossible : {0}")]
    Write(String),
}

/// Renders `doc` as an A4 PDF (cover, table of contents, sections, bookmarks,
/// « page n / N » footers, metadata) and returns its bytes.
pub fn render(doc: &ReportDocument) -> Result<Vec<u8>, PdfError> {
    let fonts = fonts::FontSet::get()?;
    let composed = document::compose(doc, fonts)?;
    emit::write(doc, fonts, &composed)
}

/// Number of pages `render` produces for `doc` (without writing the PDF).
pub fn page_count(doc: &ReportDocument) -> Result<usize, PdfError> {
    let fonts = fonts::FontSet::get()?;
    Ok(document::compose(doc, fonts)?.pages.len())
}
