//! Report model: what the COPIL report says, independent of how it is drawn.
//!
//! Every string is final, already-formatted French text (built with
//! [`crate::format`]); renderers never format figures themselves, except the
//! axis graduations of a [`Chart`], whose raw values they receive.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The whole report: metadata, cover page and ordered sections.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ReportDocument {
    /// COPIL report (cover, table of contents, one page per section) or relevé de décisions
    /// (a header block, sections one after the other).
    #[serde(default)]
    pub kind: DocumentKind,
    /// Document metadata, running header and footer.
    pub meta: ReportMeta,
    /// Content of the cover page.
    pub cover: Cover,
    /// Top-level sections in reading order (the table of contents is derived).
    pub sections: Vec<Section>,
}

/// What a document is, which decides its layout.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum DocumentKind {
    /// The COPIL follow-up report: cover page, table of contents, each section on a new page.
    #[default]
    Report,
    /// The relevé de décisions of a séance: the cover's content as a header block on the first
    /// page, no table of contents, sections one after the other (one to three pages).
    DecisionRecord,
}

/// Document-level information (PDF metadata, header, footer).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ReportMeta {
    /// Document title (PDF metadata and running header).
    pub title: String,
    /// Document subject (PDF metadata).
    pub subject: String,
    /// Author, usually the EPCI or commune (PDF metadata).
    pub author: String,
    /// Name of the contrat de ville.
    pub contract_name: String,
    /// Territory covered (EPCI, communes).
    pub territory: String,
    /// Meeting the report is prepared for, e.g. « COPIL du 28 novembre 2026 ».
    pub meeting_label: Option<String>,
    /// Date of the report (PDF creation date).
    pub date: NaiveDate,
    /// Text shown in every page footer before « — page n / N ».
    pub footer_text: String,
}

/// Cover page content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Cover {
    /// Small line above the title, e.g. « Contrat de ville 2024-2030 ».
    pub kicker: String,
    /// Main title, e.g. « Rapport de suivi — Inclusion numérique ».
    pub title: String,
    /// Subtitle, e.g. the contract name.
    pub subtitle: Option<String>,
    /// Label/value lines (territoire, instance, date…).
    pub details: Vec<CoverDetail>,
    /// Closing note at the bottom of the cover (who prepared it, sources).
    pub note: Option<String>,
}

/// One label/value line of the cover page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CoverDetail {
    /// Label, e.g. « Territoire ».
    pub label: String,
    /// Value, e.g. « Communauté d'agglomération … ».
    pub value: String,
}

/// A section (level 1) or sub-section (level 2) with its content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Section {
    /// Stable identifier (anchors, UI preview), e.g. `synthese`.
    pub id: String,
    /// Heading shown in the report, table of contents and bookmarks.
    pub title: String,
    /// Content shown before the sub-sections.
    pub blocks: Vec<Block>,
    /// Sub-sections; renderers ignore deeper levels' own sub-sections.
    pub subsections: Vec<Section>,
}

/// One piece of section content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", content = "value", rename_all = "camelCase")]
#[ts(export)]
pub enum Block {
    /// Running text with bold emphasis.
    Paragraph(Vec<Span>),
    /// Key-figure tiles (big value, label, detail).
    KeyFigures(Vec<KeyFigure>),
    /// Data table.
    Table(Table),
    /// Bar chart of target vs actual per period.
    Chart(Chart),
    /// Points d'alerte, with severity.
    Alerts(Vec<AlertLine>),
    /// Bulleted list.
    Bullets(Vec<String>),
    /// Horizontal bars on a fixed scale (the IFN from 1 to 10, shares from 0 to 100 %).
    Bars(Bars),
    /// The territory's map: QPV outlines and lieux, drawn as vector paths.
    Map(crate::figures::TerritoryMap),
}

/// A run of text inside a paragraph.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Span {
    /// The text.
    pub text: String,
    /// Whether it is set in bold.
    pub bold: bool,
}

/// A key-figure tile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct KeyFigure {
    /// What is counted, e.g. « Personnes accompagnées ».
    pub label: String,
    /// Formatted value, e.g. « 1 234 ».
    pub value: String,
    /// Context, e.g. « cible 2026 : 1 500 (82,3 %) ».
    pub detail: Option<String>,
    /// Optional status of the figure.
    pub tone: Option<Tone>,
}

/// A table with weighted column widths.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Table {
    /// Caption shown above the table.
    pub caption: Option<String>,
    /// Column definitions (header row).
    pub columns: Vec<Column>,
    /// Rows of cells; a row shorter than the columns is padded with empty cells.
    pub rows: Vec<Vec<Cell>>,
}

/// A table column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Column {
    /// Header text.
    pub title: String,
    /// Relative width (columns share the table width in proportion).
    pub width_weight: f32,
    /// Horizontal alignment of the column's cells (numbers: right).
    pub align: Align,
}

/// Horizontal alignment of a table column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum Align {
    /// Text columns.
    Left,
    /// Short labels, statuses.
    Center,
    /// Numbers and amounts.
    Right,
}

/// A table cell.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Cell {
    /// Formatted text.
    pub text: String,
    /// Whether it is set in bold (totals).
    pub bold: bool,
    /// Optional status, drawn as colour and symbol.
    pub tone: Option<Tone>,
}

/// Status colour of a figure, cell or météo; always drawn with a symbol too
/// so that it reads in black and white.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum Tone {
    /// On track (green).
    Good,
    /// Needs attention (amber).
    Warning,
    /// Off track (red).
    Bad,
    /// No judgement (grey).
    Neutral,
}

/// A bar chart: target vs actual per period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Chart {
    /// Chart title, e.g. the indicator name.
    pub title: String,
    /// Unit shown on the value axis, e.g. « personnes ».
    pub unit: String,
    /// One point per period, in order.
    pub points: Vec<ChartPoint>,
}

/// Values of one period of a chart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ChartPoint {
    /// Period label, usually the year.
    pub label: String,
    /// Target for the period, if any.
    pub target: Option<f64>,
    /// Actual value for the period, if any.
    pub actual: Option<f64>,
}

/// Horizontal bars, one per row, on one scale shared by the rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Bars {
    /// Caption shown above the bars.
    pub caption: Option<String>,
    /// Value at the start of the scale (where a bar starts).
    pub min: f64,
    /// Value at its end.
    pub max: f64,
    /// Decimals of the scale's end labels.
    pub decimals: usize,
    /// The rows, in order.
    pub rows: Vec<Bar>,
}

/// One row of [`Bars`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Bar {
    /// What the row is (a commune, a category).
    pub label: String,
    /// Its value on the scale; None draws no bar.
    pub value: Option<f64>,
    /// The value as printed beside the bar (`6,7`, `58,2 % (1 234)`).
    pub text: String,
    /// Set in bold (the EPCI beside its communes).
    pub bold: bool,
    /// Status colour of the bar (with its symbol), if any.
    pub tone: Option<Tone>,
}

/// One point d'alerte.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AlertLine {
    /// How serious it is.
    pub severity: Severity,
    /// What is wrong, in French.
    pub text: String,
}

/// Severity of an alert.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum Severity {
    /// For information.
    Info,
    /// Needs attention.
    Warning,
    /// Must be dealt with.
    Critical,
}

impl Span {
    /// Regular text run.
    pub fn plain(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            bold: false,
        }
    }

    /// Bold text run.
    pub fn bold(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            bold: true,
        }
    }
}

impl Cell {
    /// Regular cell.
    pub fn new(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            bold: false,
            tone: None,
        }
    }

    /// Same cell in bold.
    pub fn bold(mut self) -> Self {
        self.bold = true;
        self
    }

    /// Same cell with a status tone.
    pub fn tone(mut self, tone: Tone) -> Self {
        self.tone = Some(tone);
        self
    }
}

impl Column {
    /// Column with a title, a relative width and an alignment.
    pub fn new(title: impl Into<String>, width_weight: f32, align: Align) -> Self {
        Self {
            title: title.into(),
            width_weight,
            align,
        }
    }
}

impl Section {
    /// Empty section with an id and a title.
    pub fn new(id: impl Into<String>, title: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            title: title.into(),
            blocks: Vec::new(),
            subsections: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_serialize_with_kind_tag() {
        let block = Block::Bullets(vec!["Un".into()]);
        let json = serde_json::to_string(&block).unwrap();
        assert_eq!(json, r#"{"kind":"bullets","value":["Un"]}"#);
        let back: Block = serde_json::from_str(&json).unwrap();
        assert_eq!(back, block);
    }

    #[test]
    fn cell_builders() {
        let c = Cell::new("57,1 %").bold().tone(Tone::Good);
        assert!(c.bold);
        assert_eq!(c.tone, Some(Tone::Good));
    }
}
