//! Renders the sample report and reads it back with poppler's `pdftotext` /
//! `pdfinfo`: section titles, French figures, « page n / N » footers
//! consistent with the page count, outline entries, metadata, hostile text.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use copil_core::report::{Block, Section, Span};

fn write_pdf(name: &str, bytes: &[u8]) -> PathBuf {
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn run(cmd: &str, args: &[&str]) -> String {
    let out = Command::new(cmd)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{cmd} is required (poppler-utils): {e}"));
    assert!(
        out.status.success(),
        "{cmd} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Text of the PDF (or of one page), no-break spaces normalised to spaces.
fn text_of(path: &Path, page: Option<usize>) -> String {
    let p = path.to_str().unwrap();
    let text = match page {
        Some(n) => run(
            "pdftotext",
            &["-f", &n.to_string(), "-l", &n.to_string(), p, "-"],
        ),
        None => run("pdftotext", &[p, "-"]),
    };
    copil_core::format::normalize_spaces(&text)
}

fn page_count(path: &Path) -> usize {
    run("pdfinfo", &[path.to_str().unwrap()])
        .lines()
        .find_map(|l| l.strip_prefix("Pages:").map(|n| n.trim().parse().unwrap()))
        .expect("page count")
}

/// The outline as poppler reads it (`pdftohtml -xml`): depth (1 = top), title, page.
fn outline(path: &Path) -> Vec<(usize, String, usize)> {
    let xml = run(
        "pdftohtml",
        &[
            "-xml",
            "-i",
            "-stdout",
            "-f",
            "1",
            "-l",
            "1",
            path.to_str().unwrap(),
        ],
    );
    let start = xml.find("<outline>").expect("the PDF has an outline");
    let mut depth = 0;
    let mut items = Vec::new();
    let mut rest = &xml[start..];
    while let Some(open) = rest.find('<') {
        rest = &rest[open..];
        if let Some(after) = rest.strip_prefix("<outline>") {
            depth += 1;
            rest = after;
        } else if let Some(after) = rest.strip_prefix("</outline>") {
            depth -= 1;
            rest = after;
            if depth == 0 {
                break;
            }
        } else if let Some(after) = rest.strip_prefix("<item page=\"") {
            let page_end = after.find('"').unwrap();
            let page = after[..page_end].parse().unwrap();
            let title_start = after.find('>').unwrap() + 1;
            let title_end = after.find("</item>").unwrap();
            let title = after[title_start..title_end]
                .replace("&apos;", "'")
                .replace("&quot;", "\"")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&");
            items.push((depth, title, page));
            rest = &after[title_end..];
        } else {
            rest = &rest[1..];
        }
    }
    items
}

/// The section number at the start of a title (« 4.10 Titre » → [4, 10]).
fn number_of(title: &str) -> Vec<u32> {
    title
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_end_matches('.')
        .split('.')
        .map_while(|n| n.parse().ok())
        .collect()
}

#[test]
fn sample_report_reads_back() {
    let doc = support::sample::sample_document();
    let rendered = copil_pdf::render(&doc).unwrap();
    let path = write_pdf("sample-readback.pdf", &rendered.bytes);
    let text = text_of(&path, None);
    for needle in [
        "Sommaire",
        "1. Synthèse",
        "Objectifs et transversalité",
        "Indicateurs",
        "Actions",
        "Financements",
        "Instances et décisions",
        "Prochaines étapes",
        "Annexes",
        "57,1 %",
        "75 %",
        "12 500 €",
        "12 500,50 €",
        "28 novembre 2026",
        "« Quartiers 2030 »",
        "Val d'Érable",
        "État – BOP 147",
        "A60",
    ] {
        assert!(text.contains(needle), "missing {needle:?}");
    }

    let pages = page_count(&path);
    assert_eq!(pages, rendered.pages, "the renderer knows its page count");
    assert!(pages >= 8, "{pages} pages");
    for n in 1..=pages {
        let page_text = text_of(&path, Some(n));
        assert!(
            page_text.contains(&format!("page {n} / {pages}")),
            "footer of page {n}"
        );
        assert!(page_text.contains("Contrat de ville « Quartiers 2030 » du Val d'Érable — page"));
    }
    // The 60-row table breaks across pages and repeats its header row.
    let header_pages = (1..=pages)
        .filter(|n| text_of(&path, Some(*n)).contains("N°"))
        .count();
    assert!(
        header_pages >= 2,
        "action table header on {header_pages} pages"
    );

    // Bookmarks: sections at the top, their sub-sections nested under them,
    // in document order (« 4.10 » after « 4.9 »), each on its page.
    let items = outline(&path);
    let find = |t: &str| {
        items
            .iter()
            .find(|(_, title, _)| title == t)
            .unwrap_or_else(|| panic!("outline lacks {t:?}: {items:?}"))
    };
    assert_eq!(find("Sommaire").0, 1);
    assert_eq!(find("1. Synthèse").0, 1);
    assert_eq!(find("1.1 Météo des objectifs").0, 2);
    assert_eq!(find("3. Indicateurs").0, 1);
    assert_eq!(find("8.2 Sources").0, 2);
    let numbers: Vec<Vec<u32>> = items
        .iter()
        .map(|(_, t, _)| number_of(t))
        .filter(|n| !n.is_empty())
        .collect();
    assert!(
        numbers.windows(2).all(|w| w[0] < w[1]),
        "outline out of order: {items:?}"
    );
    for (depth, title, page) in &items {
        assert_eq!(*depth, number_of(title).len().max(1), "{title}");
        assert!(*page >= 1 && *page <= pages, "{title} → page {page}");
    }

    // The table of contents points at the right pages.
    let toc = run(
        "pdftotext",
        &["-layout", "-f", "2", "-l", "2", path.to_str().unwrap(), "-"],
    );
    let line = toc
        .lines()
        .find(|l| l.trim_start().starts_with("4. Actions"))
        .expect("TOC line for Actions");
    let target: usize = line.split_whitespace().last().unwrap().parse().unwrap();
    assert!(
        text_of(&path, Some(target)).contains("4. Actions"),
        "TOC says Actions on page {target}"
    );

    let info = run("pdfinfo", &[path.to_str().unwrap()]);
    assert!(
        info.contains("Title:           Rapport de suivi — Inclusion numérique"),
        "{info}"
    );
    assert!(info.contains("Author:          Communauté d'agglomération du Val d'Érable"));
    assert!(info.contains("Subject:         Pilier inclusion numérique"));
    assert!(info.contains("CreationDate:    Sat Nov 28"));
    assert!(info.contains("(A4)"));
}

#[test]
fn hostile_text_renders_and_missing_glyphs_show() {
    let mut doc = support::sample::sample_document();
    let mut s = Section::new("hostile", "<script>alert('x')</script>");
    s.blocks.push(Block::Paragraph(vec![
        Span::plain(""),
        Span::plain("Texte arabe مرحبا, hébreu שלום, caractère absent 漢 et fête 🎉. "),
        Span::bold("x".repeat(3000)),
    ]));
    s.blocks
        .push(Block::Bullets(vec![String::new(), "\u{0}\u{200F}".into()]));
    doc.sections.push(s);
    doc.sections.push(Section::new("vide", ""));
    let bytes = copil_pdf::render(&doc).unwrap().bytes;
    let path = write_pdf("hostile.pdf", &bytes);
    let text = text_of(&path, None);
    assert!(text.contains("<script>alert('x')</script>"));
    assert!(
        text.contains("absent □ et fête □"),
        "missing glyphs must be visible"
    );
}

#[test]
fn a_report_is_written_whole_or_not_at_all() {
    let doc = support::sample::sample_document();
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("write-report");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("rapport COPIL.pdf");
    std::fs::write(&path, b"ancien rapport").unwrap();
    let rendered = copil_pdf::write_report(&doc, &path).unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), rendered.bytes);
    assert_eq!(page_count(&path), rendered.pages);
    let names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["rapport COPIL.pdf"], "no temporary file left");

    // A folder that does not exist: an I/O error naming the file; nothing written.
    let missing = dir.join("absent").join("rapport.pdf");
    let err = copil_pdf::write_report(&doc, &missing).unwrap_err();
    assert!(matches!(err, copil_pdf::PdfError::Io { .. }), "{err:?}");
    assert!(err.to_string().contains("rapport.pdf"), "{err}");
    let core: copil_core::CoreError = err.into();
    assert_eq!(core.code(), copil_core::ErrorCode::Io);
    assert!(!dir.join("absent").exists());

    // A rendering failure is its own kind of error, not an I/O one.
    let core: copil_core::CoreError = copil_pdf::PdfError::Layout("test".into()).into();
    assert_eq!(core.code(), copil_core::ErrorCode::Pdf);
    assert!(
        core.to_string()
            .starts_with("Le PDF n'a pas pu être produit"),
        "{core}"
    );
}

/// The demo's « Lieux de médiation et quartiers » section, read back: the QPV codes of the map,
/// the per-QPV counts of the table, and the QPV with no lieu named.
#[test]
fn the_places_section_reads_back_with_its_qpv_codes_and_counts() {
    use copil_core::report::{issue, ReportOptions};

    let dir = tempfile::tempdir().unwrap();
    let store = copil_core::demo::create_demo(&dir.path().join("demo.copil")).unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
    let (_, doc) = issue::prepare(&store, &ReportOptions::for_today(today)).unwrap();
    let rendered = copil_pdf::render(&doc).unwrap();
    let path = write_pdf("places.pdf", &rendered.bytes);
    let text = text_of(&path, None);
    let start = text
        .find("5. Lieux de médiation et quartiers\n")
        .expect("the section heading");
    let section = &text[start..];
    let section = &section[..section.find("6. ").unwrap_or(section.len())];
    assert!(
        section.contains("12 lieux de médiation numérique"),
        "{section}"
    );
    assert!(section.contains("haversine"), "the method is said");
    for code in ["QN06201M", "QN06202A", "QN06203C", "QN06204D", "QN06205F"] {
        assert!(
            section.matches(code).count() >= 2,
            "{code} on the map and in the table"
        );
    }
    assert!(
        section.contains("2 km") || section.contains("1 km"),
        "a scale bar"
    );
    // pdftotext (raw order) gives each row's cells in sequence.
    let flat = section
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace("✗ ", "✗");
    assert!(flat.contains("QN06202A Cités 4 et 9 1 1"), "{flat}");
    assert!(flat.contains("QN06205F Cité Bellevue ✗0 0 —"), "{flat}");
    assert!(
        flat.contains("QN06205F Cité Bellevue : aucun lieu de médiation numérique"),
        "{flat}"
    );
}
