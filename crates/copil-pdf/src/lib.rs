//! Renders the report model of copil-core into PDF bytes.
//!
//! The layout layer is our own, on top of printpdf's text and shape
//! operations: `style` (page geometry, type sizes, colours), `fonts`
//! (embedded DejaVu Sans and glyph metrics), `wrap`
//! (line breaking), `layout` (positioned primitives, page composer), one
//! module per block kind (`blocks`, `tiles`, `table`, `chart`), `cover`,
//! `toc`, `document` (whole-document flow, header/footer); then the writing:
//! `emit` (printpdf operations, metadata), `subset` (only the glyphs a report
//! draws are embedded), `outline` (nested bookmarks) and `compress` (stream
//! compression on every core).
//!
//! Section titles are numbered by the renderer (« 1. Synthèse »,
//! « 1.1 … ») in headings, the table of contents and the bookmarks.

mod bars;
mod blocks;
mod chart;
mod compress;
mod cover;
mod document;
mod emit;
mod fonts;
mod layout;
mod map;
mod outline;
mod style;
mod subset;
mod table;
mod tiles;
mod toc;
mod wrap;

#[cfg(test)]
mod layout_props;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use copil_core::report::ReportDocument;
use copil_core::CoreError;

/// Why a report could not be rendered or written.
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
    /// The PDF file could not be written to disk (nothing was left half-written).
    #[error("le fichier « {} » n'a pas pu être écrit : {source}", path.display())]
    Io {
        /// The PDF file asked for.
        path: PathBuf,
        /// What the system said (shared, so that the error stays cheap to clone).
        #[source]
        source: Arc<std::io::Error>,
    },
}

/// A rendered report: the PDF bytes and the number of pages the layout produced.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// The PDF file's content.
    pub bytes: Vec<u8>,
    /// Number of pages (cover and table of contents included).
    pub pages: usize,
}

/// Renders `doc` as an A4 PDF (cover, table of contents, sections, bookmarks,
/// « page n / N » footers, metadata).
pub fn render(doc: &ReportDocument) -> Result<Rendered, PdfError> {
    let fonts = fonts::FontSet::get()?;
    let composed = document::compose(doc, fonts)?;
    let bytes = emit::write(doc, fonts, &composed)?;
    Ok(Rendered {
        bytes,
        pages: composed.pages.len(),
    })
}

/// Renders `doc` and writes it to `path` through a temporary file beside it, so that a failure
/// never leaves half a PDF (nor replaces an older one). The one way both the app and the CLI
/// write a report.
pub fn write_report(doc: &ReportDocument, path: &Path) -> Result<Rendered, PdfError> {
    let rendered = render(doc)?;
    let io = |source: std::io::Error| PdfError::Io {
        path: path.to_path_buf(),
        source: Arc::new(source),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    let written = std::fs::File::create(&tmp)
        .and_then(|mut f| {
            f.write_all(&rendered.bytes)?;
            f.sync_all()
        })
        .and_then(|()| std::fs::rename(&tmp, path));
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(io(e));
    }
    Ok(rendered)
}

/// A report that could not be produced is a core error like any other for both edges:
/// an I/O failure stays one, anything else is a rendering failure (never disguised as I/O).
impl From<PdfError> for CoreError {
    fn from(e: PdfError) -> Self {
        match e {
            PdfError::Io { path, source } => CoreError::Io {
                path,
                source: Arc::try_unwrap(source).unwrap_or_else(|shared| {
                    std::io::Error::new(shared.kind(), shared.to_string())
                }),
            },
            other @ (PdfError::Font(_) | PdfError::Layout(_) | PdfError::Write(_)) => {
                CoreError::Render(other.to_string())
            }
        }
    }
}
