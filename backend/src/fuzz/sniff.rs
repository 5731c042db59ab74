//! The upload content sniffer (`attachments::sniff`).

use crate::attachments::sniff::{content_type, extension, SNIFF_LEN};

/// The extensions a target picks from (the accepted ones, near misses and none).
pub const NAMES: &[&str] = &[
    "a.pdf",
    "a.PDF",
    "a.jpg",
    "a.jpeg",
    "a.png",
    "a.docx",
    "a.xlsx",
    "a.pptx",
    "a.doc",
    "a.xls",
    "a.ppt",
    "a.zip",
    "a.exe",
    "a.svg",
    ".pdf",
    "pdf",
    "a.",
    "a.tar.gz",
    "材料.Pdf",
    "",
];

/// Every MIME type the sniffer may answer, with the extensions that go with it.
const ACCEPTED: &[(&str, &[&str])] = &[
    ("application/pdf", &["pdf"]),
    ("image/png", &["png", "jpg", "jpeg"]),
    ("image/jpeg", &["png", "jpg", "jpeg"]),
    (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        &["docx"],
    ),
    (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        &["xlsx"],
    ),
    (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        &["pptx"],
    ),
    ("application/msword", &["doc"]),
    ("application/vnd.ms-excel", &["xls"]),
    ("application/vnd.ms-powerpoint", &["ppt"]),
];

/// The first byte picks a file name from [`NAMES`], the rest is the content. The answer is a
/// pure function of the first [`SNIFF_LEN`] bytes (what `attachments::receive` hands it, however
/// the body arrives in chunks), is one of the accepted types, and the extension agrees with it.
pub fn sniff(data: &[u8]) {
    let (i, content) = super::pick(data, NAMES.len());
    let name = NAMES[i];
    sniff_named(content, name);
}

/// [`sniff`] with the file name given (also any name a client may send).
pub fn sniff_named(content: &[u8], name: &str) {
    let ext = extension(name);
    assert_eq!(ext, ext.to_ascii_lowercase());
    let answer = content_type(content, name);
    let head = &content[..content.len().min(SNIFF_LEN)];
    assert_eq!(
        content_type(head, name),
        answer,
        "{name}: the answer depends on bytes after the first {SNIFF_LEN}"
    );
    let mut longer = head.to_vec();
    longer.extend_from_slice(b"\0\xFFtrailing bytes");
    if head.len() == SNIFF_LEN {
        assert_eq!(content_type(&longer, name), answer);
    }
    if let Some(mime) = answer {
        let allowed = ACCEPTED
            .iter()
            .find(|(m, _)| *m == mime)
            .map(|(_, exts)| *exts);
        assert!(
            allowed.is_some_and(|exts| exts.contains(&ext.as_str())),
            "{name}: {mime} for extension {ext:?}"
        );
        assert!(!head.is_empty());
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::fuzz::corpus;

    /// The magic numbers the sniffer knows, to start a mutated content with.
    const MAGIC: &[&[u8]] = &[
        b"%PDF-",
        &[0xFF, 0xD8, 0xFF],
        &[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A],
        b"PK\x03\x04",
        &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1],
    ];

    proptest! {
        #![proptest_config(corpus::config())]

        #[test]
        fn sniff_on_any_bytes(data in prop::collection::vec(any::<u8>(), 0..32)) {
            sniff(&data);
        }

        #[test]
        fn sniff_on_a_magic_number_cut_or_changed(
            magic in prop::sample::select(MAGIC.to_vec()),
            cut in 0_usize..10,
            flip in prop::option::of((0_usize..8, any::<u8>())),
            rest in prop::collection::vec(any::<u8>(), 0..12),
            name in prop::sample::select(NAMES.to_vec()),
        ) {
            let mut content = magic[..cut.min(magic.len())].to_vec();
            content.extend_from_slice(&rest);
            if let Some((at, byte)) = flip {
                if let Some(b) = content.get_mut(at) {
                    *b = byte;
                }
            }
            sniff_named(&content, name);
        }

        #[test]
        fn sniff_with_any_file_name(content in prop::collection::vec(any::<u8>(), 0..12), name in "\\PC{0,12}") {
            sniff_named(&content, &name);
        }
    }
}
