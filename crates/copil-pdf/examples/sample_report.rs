//! Writes `target/sample-report.pdf` from a realistic hand-built report and
//! prints the render time and page count.

#[path = "../tests/support/sample.rs"]
mod sample;

fn main() {
    let doc = sample::sample_document();
    let start = std::time::Instant::now();
    let copil_pdf::Rendered { bytes, pages } = copil_pdf::render(&doc).expect("render");
    let elapsed = start.elapsed();
    let out =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/sample-report.pdf");
    std::fs::write(&out, &bytes).expect("write");
    println!(
        "{} — {} pages, {} octets, rendu en {:.0} ms",
        out.display(),
        pages,
        bytes.len(),
        elapsed.as_secs_f64() * 1000.0
    );
}
