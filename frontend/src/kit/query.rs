//! A list's state in the URL query: its filters, sort and page. The URL's keys are the list
//! endpoint's own query parameters, so the same string asks the API for the rows, names the
//! export, and survives reload, back/forward and a pasted link.

use std::collections::BTreeMap;

use crate::api::query::encode;

/// The filters, sort and page of a list, as `key → value` (blank values are never kept).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ListQuery {
    pairs: BTreeMap<String, String>,
}

/// The parameter that holds the page (absent: page 1).
pub const PAGE: &str = "page";
/// The parameter that holds the sort (`name`, or `-updated` for descending).
pub const SORT: &str = "sort";

/// The screen's view (its tab, `kit::tabs`): kept by 重置, never sent to the API.
pub const VIEW: &str = "view";

impl ListQuery {
    /// Reads a query string (with or without its `?`); `+` and `%XX` are decoded.
    pub fn parse(query: &str) -> Self {
        let pairs = query
            .trim_start_matches('?')
            .split('&')
            .filter_map(|pair| {
                let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
                let (key, value) = (decode(key), decode(value));
                (!key.is_empty() && !value.trim().is_empty()).then_some((key, value))
            })
            .collect();
        ListQuery { pairs }
    }

    /// The query string without `?` (keys in order, values encoded); empty when nothing is set.
    pub fn to_query(&self) -> String {
        self.pairs
            .iter()
            .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
            .collect::<Vec<_>>()
            .join("&")
    }

    /// A parameter's value.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.pairs.get(key).map(String::as_str)
    }

    /// Sets a parameter (trimmed); a blank value removes it.
    #[must_use]
    pub fn set(mut self, key: &str, value: &str) -> Self {
        match value.trim() {
            "" => self.pairs.remove(key),
            value => self.pairs.insert(key.to_owned(), value.to_owned()),
        };
        self
    }

    /// The 1-based page.
    pub fn page(&self) -> u32 {
        self.get(PAGE)
            .and_then(|p| p.parse().ok())
            .filter(|p| *p >= 1)
            .unwrap_or(1)
    }

    /// The same query on another page (page 1 is not written).
    #[must_use]
    pub fn with_page(self, page: u32) -> Self {
        let page = if page <= 1 {
            String::new()
        } else {
            page.to_string()
        };
        self.set(PAGE, &page)
    }

    /// The sort, as the API names it (`-updated`).
    pub fn sort(&self) -> Option<&str> {
        self.get(SORT)
    }

    /// Another sort, back on page 1.
    #[must_use]
    pub fn with_sort(self, sort: Option<&str>) -> Self {
        self.set(SORT, sort.unwrap_or_default()).with_page(1)
    }

    /// Only the sort and the screen's view (its tab, `kit::tabs`) kept (the filter bar's 重置).
    #[must_use]
    pub fn reset(&self) -> Self {
        ListQuery::default()
            .set(SORT, self.sort().unwrap_or_default())
            .set(VIEW, self.get(VIEW).unwrap_or_default())
    }

    /// Every parameter, in key order.
    pub fn pairs(&self) -> impl Iterator<Item = (&str, &str)> {
        self.pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// `base?…` for the API: the screen's fixed parameters (a queue's stage), its defaults
    /// where the URL says nothing, then the URL's own.
    pub fn api_path(
        &self,
        base: &str,
        fixed: &[(&str, String)],
        defaults: &[(&str, &str)],
    ) -> String {
        // The view is the screen's tab, not a filter: the API never sees it.
        let mut all = self.clone().set(VIEW, "");
        for (key, value) in defaults {
            if all.get(key).is_none() {
                all = all.set(key, value);
            }
        }
        for (key, value) in fixed {
            all = all.set(key, value);
        }
        match all.to_query() {
            q if q.is_empty() => base.to_owned(),
            q => format!("{base}?{q}"),
        }
    }
}

/// The next sort when a column's header is clicked: a column offers its sorts in order
/// (`["name"]`, or `["id", "-id"]`); the click moves to the next, and after the last back to the
/// server's default (`None`).
pub fn next_sort(current: Option<&str>, column: &[&'static str]) -> Option<&'static str> {
    match current.and_then(|c| column.iter().position(|s| *s == c)) {
        Some(i) => column.get(i + 1).copied(),
        None => column.first().copied(),
    }
}

/// Decodes `+` (space) and `%XX` (UTF-8 bytes); a broken escape is kept as it is.
pub fn decode(value: &str) -> String {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = value
                    .get(i + 1..i + 3)
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                if let Some(byte) = hex {
                    out.push(byte);
                    i += 2;
                } else {
                    out.push(b'%');
                }
            }
            byte => out.push(byte),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_view_survives_reset_and_stays_out_of_the_api() {
        let q = ListQuery::parse("view=units&q=%E5%8E%BF&page=2&sort=name");
        assert_eq!(q.reset().to_query(), "sort=name&view=units");
        assert_eq!(
            q.api_path("/api/v1/units", &[], &[]),
            "/api/v1/units?page=2&q=%E5%8E%BF&sort=name"
        );
    }

    #[test]
    fn a_query_survives_the_url_and_back() {
        let q = ListQuery::default()
            .set("q", " 张 三&+ ")
            .set("stage", "unit_verification")
            .set("blank", "  ")
            .with_page(3);
        let text = q.to_query();
        assert_eq!(
            text,
            "page=3&q=%E5%BC%A0%20%E4%B8%89%26%2B&stage=unit_verification"
        );
        assert_eq!(ListQuery::parse(&format!("?{text}")), q);
        assert_eq!(q.get("q"), Some("张 三&+"));
        assert_eq!(q.page(), 3);
        // What a browser or a person may write: `+` for a space, an empty value, no value.
        let pasted = ListQuery::parse("q=%E5%BC%A0+%E4%B8%89&year=&todo&page=x");
        assert_eq!(pasted.get("q"), Some("张 三"));
        assert_eq!(pasted.get("year"), None);
        assert_eq!(pasted.get("todo"), None);
        assert_eq!(pasted.page(), 1);
        assert_eq!(decode("100%"), "100%");
    }

    #[test]
    fn page_one_and_a_new_sort_are_not_written_and_reset_keeps_the_sort() {
        let q = ListQuery::parse("q=a&page=2");
        assert_eq!(q.clone().with_page(1).to_query(), "q=a");
        let sorted = q.with_sort(Some("-updated"));
        assert_eq!(sorted.to_query(), "q=a&sort=-updated");
        assert_eq!(sorted.reset().to_query(), "sort=-updated");
        assert_eq!(sorted.with_sort(None).to_query(), "q=a");
    }

    #[test]
    fn the_api_gets_fixed_then_url_then_default_values() {
        let q = ListQuery::parse("todo=false&q=x");
        let fixed = [("stage", "unit_verification".to_owned())];
        assert_eq!(
            q.api_path(
                "/api/v1/applications",
                &fixed,
                &[("todo", "true"), ("per_page", "20")]
            ),
            "/api/v1/applications?per_page=20&q=x&stage=unit_verification&todo=false"
        );
        // The URL cannot widen a fixed parameter.
        let sneaky = ListQuery::parse("stage=passed");
        assert_eq!(
            sneaky.api_path("/x", &fixed, &[]),
            "/x?stage=unit_verification"
        );
        assert_eq!(ListQuery::default().api_path("/x", &[], &[]), "/x");
    }

    #[test]
    fn a_header_click_walks_the_column_sorts_then_back_to_default() {
        let both: &[&'static str] = &["id", "-id"];
        assert_eq!(next_sort(None, both), Some("id"));
        assert_eq!(next_sort(Some("id"), both), Some("-id"));
        assert_eq!(next_sort(Some("-id"), both), None);
        assert_eq!(next_sort(Some("name"), both), Some("id"));
        assert_eq!(next_sort(Some("name"), &["name"]), None);
        assert_eq!(next_sort(None, &[]), None);
    }
}
