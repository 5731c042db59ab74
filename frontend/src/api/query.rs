//! Query strings for the list endpoints: only the filters that are set, percent-encoded.

use std::fmt::Display;

/// A path with its query string, built one parameter at a time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    url: String,
    first: bool,
}

impl Query {
    /// Starts at `path` (no `?` in it).
    pub fn new(path: &str) -> Self {
        Query {
            url: path.to_owned(),
            first: true,
        }
    }

    /// Adds `key=value`.
    fn push(mut self, key: &str, value: &str) -> Self {
        self.url.push(if self.first { '?' } else { '&' });
        self.first = false;
        self.url.push_str(key);
        self.url.push('=');
        self.url.push_str(&encode(value));
        self
    }

    /// Adds a text filter, trimmed, unless it is blank.
    pub fn text(self, key: &str, value: &str) -> Self {
        match value.trim() {
            "" => self,
            value => self.push(key, value),
        }
    }

    /// Adds a filter when it is set.
    pub fn opt<T: Display>(self, key: &str, value: Option<T>) -> Self {
        match value {
            Some(value) => self.push(key, &value.to_string()),
            None => self,
        }
    }

    /// Adds a parameter that is always sent.
    pub fn with<T: Display>(self, key: &str, value: T) -> Self {
        self.push(key, &value.to_string())
    }

    /// The path and query.
    pub fn build(self) -> String {
        self.url
    }
}

/// Percent-encodes everything but the unreserved characters of RFC 3986 (so `+`, `&`, `=`,
/// `%` and every non-ASCII character are escaped, as UTF-8 bytes).
pub fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(char::from(byte));
            }
            _ => {
                const HEX: &[u8; 16] = b"0123456789ABCDEF";
                out.push('%');
                out.push(char::from(HEX[usize::from(byte >> 4)]));
                out.push(char::from(HEX[usize::from(byte & 0x0f)]));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_set_filters_are_sent_and_everything_is_escaped() {
        let url = Query::new("/api/v1/units")
            .text("q", "  示范 县 ")
            .text("blank", "   ")
            .opt("kind", Some("employer"))
            .opt::<bool>("enabled", None)
            .with("page", 2)
            .build();
        assert_eq!(
            url,
            "/api/v1/units?q=%E7%A4%BA%E8%8C%83%20%E5%8E%BF&kind=employer&page=2"
        );
        assert_eq!(Query::new("/x").build(), "/x");
        assert_eq!(encode("a+b&c=d%"), "a%2Bb%26c%3Dd%25");
        assert_eq!(
            encode("2026-01-02T00:00:00+08:00"),
            "2026-01-02T00%3A00%3A00%2B08%3A00"
        );
    }
}
