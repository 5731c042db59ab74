//! The type of an upload, decided by its first bytes (magic numbers) — never by the client's
//! `Content-Type`. The extension only tells apart the Office formats that share a container
//! (ZIP for OOXML, OLE2 for the legacy ones), and must agree with the content otherwise.

/// How many leading bytes [`content_type`] looks at.
pub const SNIFF_LEN: usize = 8;

const PDF: &[u8] = b"%PDF-";
const JPEG: &[u8] = &[0xFF, 0xD8, 0xFF];
const PNG: &[u8] = &[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
const ZIP: &[u8] = b"PK\x03\x04";
const OLE2: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// The lowercase extension of `file_name` (empty when there is none).
pub fn extension(file_name: &str) -> String {
    match file_name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => ext.to_ascii_lowercase(),
        _ => String::new(),
    }
}

/// The MIME type of an accepted file whose content starts with `head` (at least
/// [`SNIFF_LEN`] bytes unless the file is shorter), or `None` when it is not one of PDF, JPEG,
/// PNG or an Office document, or when its extension contradicts its content.
pub fn content_type(head: &[u8], file_name: &str) -> Option<&'static str> {
    let ext = extension(file_name);
    let ext = ext.as_str();
    if head.starts_with(PDF) {
        return (ext == "pdf").then_some("application/pdf");
    }
    // A photo saved with the other image extension is common and harmless: the stored type
    // comes from the content either way.
    let image = matches!(ext, "jpg" | "jpeg" | "png");
    if head.starts_with(PNG) {
        return image.then_some("image/png");
    }
    if head.starts_with(JPEG) {
        return image.then_some("image/jpeg");
    }
    if head.starts_with(ZIP) {
        return match ext {
            "docx" => {
                Some("application/vnd.openxmlformats-officedocument.wordprocessingml.document")
            }
            "xlsx" => Some("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            "pptx" => {
                Some("application/vnd.openxmlformats-officedocument.presentationml.presentation")
            }
            _ => None,
        };
    }
    if head.starts_with(OLE2) {
        return match ext {
            "doc" => Some("application/msword"),
            "xls" => Some("application/vnd.ms-excel"),
            "ppt" => Some("application/vnd.ms-powerpoint"),
            _ => None,
        };
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepted_types_are_recognised_by_content() {
        let cases: &[(&[u8], &str, &str)] = &[
            (b"%PDF-1.7\n%\xE2\xE3", "申报表.pdf", "application/pdf"),
            (b"%PDF-1.4", "SCAN.PDF", "application/pdf"),
            (
                &[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, b'J', b'F'],
                "photo.jpg",
                "image/jpeg",
            ),
            (&[0xFF, 0xD8, 0xFF, 0xE1], "photo.JPEG", "image/jpeg"),
            (PNG, "cert.png", "image/png"),
            (PNG, "cert.jpg", "image/png"),
            (
                b"PK\x03\x04\x14\x00\x06\x00",
                "论文.docx",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ),
            (
                b"PK\x03\x04\x14\x00\x06\x00",
                "a.XLSX",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ),
            (
                b"PK\x03\x04\x14\x00\x06\x00",
                "a.pptx",
                "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            ),
            (OLE2, "old.doc", "application/msword"),
            (OLE2, "old.xls", "application/vnd.ms-excel"),
            (OLE2, "old.ppt", "application/vnd.ms-powerpoint"),
        ];
        for (head, name, mime) in cases {
            assert_eq!(content_type(head, name), Some(*mime), "{name}");
        }
    }

    #[test]
    fn anything_else_is_refused() {
        let cases: &[(&[u8], &str)] = &[
            (b"MZ\x90\x00\x03\x00\x00\x00", "setup.exe"),
            (b"MZ\x90\x00\x03\x00\x00\x00", "setup.pdf"),
            (b"hello, world", "notes.txt"),
            (b"hello, world", "notes.pdf"),
            (b"<html><script>", "page.png"),
            (b"PK\x03\x04\x14\x00", "archive.zip"),
            (b"PK\x03\x04\x14\x00", "x.jar"),
            (OLE2, "x.msi"),
            (b"%PDF-1.7", "x.exe"),
            (PNG, "x.svg"),
            (b"%PD", "short.pdf"),
            (b"", "empty.pdf"),
            (b"%PDF-1.7", ".pdf"),
        ];
        for (head, name) in cases {
            assert_eq!(content_type(head, name), None, "{name}");
        }
    }
}
