//! French formatting (temporary minimal version; replaced by the full module from the report branch).

/// `12 500 €` from cents.
pub fn euros_from_cents(cents: i64) -> String {
    let euros = cents / 100;
    let digits = euros.abs().to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push('\u{202f}');
        }
        grouped.push(c);
    }
    format!("{}{grouped}\u{a0}€", if cents < 0 { "-" } else { "" })
}
