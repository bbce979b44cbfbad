//! The PDF outline (bookmarks) as a tree: sections with their sub-sections
//! nested, in document order. printpdf's own bookmarks are a flat list
//! sorted by (page, title), where « 4.10 » came before « 4.2 ».

use lopdf::{Dictionary, Document, Object, ObjectId, StringFormat};

use crate::style::PAGE_H;

/// One bookmark.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct OutlineEntry {
    /// 1 for sections (and the table of contents), 2 for sub-sections.
    pub level: u8,
    /// Numbered title, as in the table of contents.
    pub title: String,
    /// 1-based page number.
    pub page: usize,
}

/// Sections with more sub-sections than this start folded in the viewer.
const OPEN_UP_TO: usize = 12;

/// Writes `entries` as the document's outline and asks viewers to show it.
/// Entries pointing past the last page are skipped (a layout bug, not worth a failed report).
pub(crate) fn write(doc: &mut Document, entries: &[OutlineEntry]) {
    let pages = doc.get_pages();
    let Some(catalog_id) = doc.trailer.get(b"Root").and_then(Object::as_reference).ok() else {
        return;
    };
    // Sections, each with its sub-sections, in document order.
    let mut tree: Vec<(&OutlineEntry, Vec<&OutlineEntry>)> = Vec::new();
    for entry in entries
        .iter()
        .filter(|e| pages.contains_key(&(e.page as u32)))
    {
        match tree.last_mut() {
            Some((_, children)) if entry.level > 1 => children.push(entry),
            _ => tree.push((entry, Vec::new())),
        }
    }
    if tree.is_empty() {
        return;
    }
    let root = doc.new_object_id();
    let ids: Vec<(ObjectId, Vec<ObjectId>)> = tree
        .iter()
        .map(|(_, children)| {
            (
                doc.new_object_id(),
                children.iter().map(|_| doc.new_object_id()).collect(),
            )
        })
        .collect();
    let top_ids: Vec<ObjectId> = ids.iter().map(|(id, _)| *id).collect();
    let mut visible = top_ids.len();
    for (i, ((entry, children), (id, child_ids))) in tree.iter().zip(&ids).enumerate() {
        let mut item = item(entry, root, &top_ids, i, &pages);
        if !children.is_empty() {
            let open = children.len() <= OPEN_UP_TO;
            if open {
                visible += children.len();
            }
            let count = children.len() as i64;
            item.set("First", Object::Reference(child_ids[0]));
            item.set("Last", Object::Reference(child_ids[child_ids.len() - 1]));
            item.set("Count", if open { count } else { -count });
            for (j, child) in children.iter().enumerate() {
                let child_item = self::item(child, *id, child_ids, j, &pages);
                doc.objects
                    .insert(child_ids[j], Object::Dictionary(child_item));
            }
        }
        doc.objects.insert(*id, Object::Dictionary(item));
    }
    let mut outlines = Dictionary::new();
    outlines.set("Type", Object::Name(b"Outlines".to_vec()));
    outlines.set("First", Object::Reference(top_ids[0]));
    outlines.set("Last", Object::Reference(top_ids[top_ids.len() - 1]));
    outlines.set("Count", visible as i64);
    doc.objects.insert(root, Object::Dictionary(outlines));
    if let Ok(catalog) = doc.get_dictionary_mut(catalog_id) {
        catalog.set("Outlines", Object::Reference(root));
        catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
    }
}

/// The dictionary of the `index`-th item among `siblings`, under `parent`.
fn item(
    entry: &OutlineEntry,
    parent: ObjectId,
    siblings: &[ObjectId],
    index: usize,
    pages: &std::collections::BTreeMap<u32, ObjectId>,
) -> Dictionary {
    let mut item = Dictionary::new();
    item.set("Title", text_string(&entry.title));
    item.set("Parent", Object::Reference(parent));
    if index > 0 {
        item.set("Prev", Object::Reference(siblings[index - 1]));
    }
    if let Some(next) = siblings.get(index + 1) {
        item.set("Next", Object::Reference(*next));
    }
    let page = pages[&(entry.page as u32)];
    // Top of the page, zoom unchanged.
    item.set(
        "Dest",
        Object::Array(vec![
            Object::Reference(page),
            Object::Name(b"XYZ".to_vec()),
            Object::Integer(0),
            Object::Real(PAGE_H),
            Object::Null,
        ]),
    );
    item
}

/// A PDF text string in UTF-16BE with its byte-order mark, as titles with accents need.
fn text_string(text: &str) -> Object {
    let mut bytes = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}
