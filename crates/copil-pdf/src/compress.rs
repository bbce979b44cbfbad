//! Stream compression of the finished PDF. printpdf compresses every stream
//! at the slowest deflate level on one thread; a report's content streams
//! compress almost as well at the default level, spread over all cores.

use std::io::Write;

use flate2::write::ZlibEncoder;
use flate2::Compression;
use lopdf::{Document, Object, Stream};

use crate::PdfError;

/// Deflate level: zlib's default, the usual balance of size and speed.
const LEVEL: u32 = 6;

/// Streams longer than this (a map page's thousands of paths, megabytes of operators) are
/// deflated at [`FAST_LEVEL`]: on them level 6 takes about six times longer for a sixth less size.
const LARGE_STREAM: usize = 256 * 1024;

/// Deflate level of the streams longer than [`LARGE_STREAM`].
const FAST_LEVEL: u32 = 1;

/// Compresses every stream of `doc` that allows it and is not filtered yet,
/// keeping the plain content where deflate would not make it smaller.
pub(crate) fn compress_streams(doc: &mut Document) -> Result<(), PdfError> {
    let streams: Vec<&mut Stream> = doc
        .objects
        .values_mut()
        .filter_map(|object| match object {
            Object::Stream(stream)
                if stream.allows_compression && stream.dict.get(b"Filter").is_err() =>
            {
                Some(stream)
            }
            _ => None,
        })
        .collect();
    let workers = std::thread::available_parallelism().map_or(1, usize::from);
    if workers < 2 || streams.len() < 2 {
        return streams.into_iter().try_for_each(deflate);
    }
    // Deal the streams round-robin: consecutive pages go to different workers.
    let mut shares: Vec<Vec<&mut Stream>> = (0..workers).map(|_| Vec::new()).collect();
    for (i, stream) in streams.into_iter().enumerate() {
        shares[i % workers].push(stream);
    }
    std::thread::scope(|scope| {
        let handles: Vec<_> = shares
            .into_iter()
            .map(|share| scope.spawn(move || share.into_iter().try_for_each(deflate)))
            .collect();
        handles.into_iter().try_for_each(|handle| {
            handle
                .join()
                .map_err(|_| PdfError::Write("la compression a échoué".into()))?
        })
    })
}

/// Compresses one stream in place.
fn deflate(stream: &mut Stream) -> Result<(), PdfError> {
    let mut encoder = ZlibEncoder::new(
        Vec::with_capacity(stream.content.len() / 4),
        Compression::new(if stream.content.len() > LARGE_STREAM {
            FAST_LEVEL
        } else {
            LEVEL
        }),
    );
    encoder
        .write_all(&stream.content)
        .map_err(|e| PdfError::Write(e.to_string()))?;
    let compressed = encoder
        .finish()
        .map_err(|e| PdfError::Write(e.to_string()))?;
    if compressed.len() < stream.content.len() {
        stream.dict.set("Filter", "FlateDecode");
        stream.set_content(compressed);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::Dictionary;

    #[test]
    fn streams_are_deflated_and_read_back_identical() {
        let mut doc = Document::with_version("1.7");
        let text = b"BT /F1 10 Tf (Synthese) Tj ET\n".repeat(200);
        let id = doc.add_object(Stream::new(Dictionary::new(), text.clone()));
        let tiny = doc.add_object(Stream::new(Dictionary::new(), b"q".to_vec()));
        compress_streams(&mut doc).unwrap();
        let stream = doc.get_object(id).unwrap().as_stream().unwrap();
        assert!(stream.content.len() < text.len() / 10);
        assert_eq!(stream.decompressed_content().unwrap(), text);
        let tiny = doc.get_object(tiny).unwrap().as_stream().unwrap();
        assert_eq!(
            tiny.content, b"q",
            "a stream deflate cannot shrink stays plain"
        );
        assert!(tiny.dict.get(b"Filter").is_err());
    }
}
