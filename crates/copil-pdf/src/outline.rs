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

/// A top-level bookmark, its object id and its sub-sections with theirs.
struct Node<'a> {
    entry: &'a OutlineEntry,
    id: ObjectId,
    children: Vec<(&'a OutlineEntry, ObjectId)>,
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
    // Sections, each with its sub-sections, in document order, with their object ids.
    let mut sections: Vec<Node> = Vec::new();
    for entry in entries
        .iter()
        .filter(|e| pages.contains_key(&(e.page as u32)))
    {
        let id = doc.new_object_id();
        match sections.last_mut() {
            Some(section) if entry.level > 1 => section.children.push((entry, id)),
            _ => sections.push(Node {
                entry,
                id,
                children: Vec::new(),
            }),
        }
    }
    if sections.is_empty() {
        return;
    }
    let root = doc.new_object_id();
    let top_ids: Vec<ObjectId> = sections.iter().map(|s| s.id).collect();
    let mut visible = top_ids.len();
    for (i, section) in sections.iter().enumerate() {
        let mut item = item(section.entry, root, &top_ids, i, &pages);
        if !section.children.is_empty() {
            let child_ids: Vec<ObjectId> = section.children.iter().map(|(_, id)| *id).collect();
            let open = child_ids.len() <= OPEN_UP_TO;
            if open {
                visible += child_ids.len();
            }
            let count = child_ids.len() as i64;
            item.set("First", Object::Reference(child_ids[0]));
            item.set("Last", Object::Reference(child_ids[child_ids.len() - 1]));
            item.set("Count", if open { count } else { -count });
            for (j, (child, id)) in section.children.iter().enumerate() {
                let child_item = self::item(child, section.id, &child_ids, j, &pages);
                doc.objects.insert(*id, Object::Dictionary(child_item));
            }
        }
        doc.objects.insert(section.id, Object::Dictionary(item));
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
