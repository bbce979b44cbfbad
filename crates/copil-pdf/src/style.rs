//! Page geometry, type sizes and the calm colour palette of the report.

use copil_core::report::{Severity, Tone};

/// An RGB colour, components in 0..=1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rgb(pub f32, pub f32, pub f32);

impl Rgb {
    /// From 0xRRGGBB.
    pub const fn hex(v: u32) -> Rgb {
        Rgb(
            ((v >> 16) & 0xFF) as f32 / 255.0,
            ((v >> 8) & 0xFF) as f32 / 255.0,
            (v & 0xFF) as f32 / 255.0,
        )
    }
}

/// A4 width in points.
pub(crate) const PAGE_W: f32 = 595.276;
/// A4 height in points.
pub(crate) const PAGE_H: f32 = 841.89;
/// Left and right margins (20 mm).
pub(crate) const MARGIN_X: f32 = 56.7;
/// Top of the body area (below the running header).
pub(crate) const BODY_TOP: f32 = 62.0;
/// Bottom of the body area; the footer zone starts below.
pub(crate) const BODY_BOTTOM: f32 = PAGE_H - 62.0;
/// Top of the footer zone.
pub(crate) const FOOTER_TOP: f32 = PAGE_H - 46.0;
/// Bottom of the header zone.
pub(crate) const HEADER_BOTTOM: f32 = 46.0;
/// Width of the body area.
pub(crate) const BODY_W: f32 = PAGE_W - 2.0 * MARGIN_X;

/// Body text size.
pub(crate) const TEXT_SIZE: f32 = 9.5;
/// Line height factor for running text.
pub(crate) const LEADING: f32 = 1.4;

/// Main text colour (near black, blue-tinted).
pub(crate) const INK: Rgb = Rgb::hex(0x1F2933);
/// Secondary text (captions, details, header/footer).
pub(crate) const MUTED: Rgb = Rgb::hex(0x5F6B7A);
/// Brand colour: headings, table headers, actual bars.
pub(crate) const PRIMARY: Rgb = Rgb::hex(0x1F4E79);
/// Light brand tint: target bars, tiles.
pub(crate) const PRIMARY_LIGHT: Rgb = Rgb::hex(0xB8CCE0);
/// Very light background: tiles, zebra rows.
pub(crate) const WASH: Rgb = Rgb::hex(0xF2F5F9);
/// Rules and grid lines.
pub(crate) const RULE: Rgb = Rgb::hex(0xC9D2DC);
/// White.
pub(crate) const WHITE: Rgb = Rgb::hex(0xFFFFFF);

/// Strong colour of a tone (text, bars).
pub(crate) fn tone_color(tone: Tone) -> Rgb {
    match tone {
        Tone::Good => Rgb::hex(0x2E7D32),
        Tone::Warning => Rgb::hex(0x9A5B00),
        Tone::Bad => Rgb::hex(0xB3261E),
        Tone::Neutral => Rgb::hex(0x5F6B7A),
    }
}

/// Light background tint of a tone (cells).
pub(crate) fn tone_tint(tone: Tone) -> Rgb {
    match tone {
        Tone::Good => Rgb::hex(0xE6F2E7),
        Tone::Warning => Rgb::hex(0xFCF0DC),
        Tone::Bad => Rgb::hex(0xFBE4E2),
        Tone::Neutral => Rgb::hex(0xEEF0F3),
    }
}

/// Symbol drawn with a tone so that it reads without colour.
pub(crate) fn tone_symbol(tone: Tone) -> char {
    match tone {
        Tone::Good => '✓',
        Tone::Warning => '▲',
        Tone::Bad => '✗',
        Tone::Neutral => '●',
    }
}

/// The tone and the French word shown for an alert severity.
pub(crate) fn severity_style(severity: Severity) -> (Tone, &'static str) {
    match severity {
        Severity::Info => (Tone::Neutral, "Info"),
        Severity::Warning => (Tone::Warning, "Attention"),
        Severity::Critical => (Tone::Bad, "Critique"),
    }
}
