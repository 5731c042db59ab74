//! The request extractors as the server configures them (`http::extractors`): JSON bodies,
//! query strings and path segments.

use actix_web::{test::TestRequest, web, FromRequest};
use serde::de::DeserializeOwned;
use shared::ErrorCode;

use crate::{error::ApiError, http::extractors};

/// The content types a body may arrive with; only the first three are JSON.
pub const CONTENT_TYPES: &[&str] = &[
    "application/json",
    "application/json; charset=utf-8",
    "application/problem+json",
    "text/plain",
    "multipart/form-data; boundary=x",
];

/// The body limit of a target run (small, so that oversized bodies occur).
pub const LIMIT: usize = 96;

/// The code of an extractor's refusal, which must be an [`ApiError`] with a 4xx status.
fn code_of(err: &actix_web::Error) -> ErrorCode {
    let api = err.as_error::<ApiError>();
    assert!(api.is_some(), "not an ApiError: {err}");
    let status = err.as_response_error().status_code();
    assert!(status.is_client_error(), "{status} for {err}");
    api.map_or(ErrorCode::Internal, ApiError::code)
}

fn run<F: std::future::Future>(future: F) -> F::Output {
    actix_web::rt::System::new().block_on(future)
}

/// The server's `http::Json<T>` under `json_config(LIMIT)`: accepted when the content type is
/// JSON, the body within the limit and serde accepts it (or, where serde refuses a number with a
/// zero fraction, the body holds a floating-point number); refused with a 4xx with the one code
/// that names the problem (too large, wrong type, malformed, wrong shape), never when serde
/// accepts the body.
fn body<T: DeserializeOwned + 'static>(content_type: &str, data: &[u8]) {
    let (req, mut payload) = TestRequest::post()
        .insert_header((actix_web::http::header::CONTENT_TYPE, content_type))
        .app_data(extractors::json_config(LIMIT))
        .set_payload(data.to_vec())
        .to_http_parts();
    let got = run(crate::http::Json::<T>::from_request(&req, &mut payload));
    let json = !content_type.starts_with("text/") && !content_type.starts_with("multipart/");
    let want = serde_json::from_slice::<T>(data);
    match got {
        Ok(_) => {
            assert!(json && data.len() <= LIMIT);
            assert!(
                want.is_ok() || holds_a_float(data),
                "accepted what serde refuses"
            );
        }
        Err(err) => {
            let code = code_of(&err);
            let expected = if data.len() > LIMIT {
                ErrorCode::PayloadTooLarge
            } else if !json {
                ErrorCode::UnsupportedMediaType
            } else {
                if want.is_ok() {
                    panic!("refused with {code:?} what serde accepts");
                }
                // The whole body's syntax is judged first (a body that is not JSON is
                // malformed even where a type would have refused an earlier field), then
                // its shape.
                match serde_json::from_slice::<Box<serde_json::value::RawValue>>(data) {
                    Err(e) if e.is_syntax() || e.is_eof() => ErrorCode::MalformedJson,
                    _ => ErrorCode::InvalidBody,
                }
            };
            // Which of size and type is checked first is actix's business.
            let either = data.len() > LIMIT && !json && code == ErrorCode::UnsupportedMediaType;
            assert!(
                code == expected || either,
                "{code:?}, expected {expected:?}"
            );
        }
    }
}

/// True when `data` is JSON holding a number written with a fraction or an exponent.
fn holds_a_float(data: &[u8]) -> bool {
    fn any_float(v: &serde_json::Value) -> bool {
        match v {
            serde_json::Value::Number(n) => n.is_f64(),
            serde_json::Value::Array(items) => items.iter().any(any_float),
            serde_json::Value::Object(map) => map.values().any(any_float),
            _ => false,
        }
    }
    serde_json::from_slice::<serde_json::Value>(data).is_ok_and(|v| any_float(&v))
}

/// The first byte picks a request type, the second a content type; the rest is the body.
pub fn json_body(data: &[u8]) {
    let (t, rest) = super::pick(data, 6);
    let (c, body_bytes) = super::pick(rest, CONTENT_TYPES.len());
    let ct = CONTENT_TYPES[c];
    match t {
        0 => body::<shared::auth::LoginRequest>(ct, body_bytes),
        1 => body::<shared::publicity::FileReportRequest>(ct, body_bytes),
        2 => body::<shared::publicity::UpdatePublicityItem>(ct, body_bytes),
        3 => body::<shared::application::ActionRequest>(ct, body_bytes),
        4 => body::<crate::org::bulk::parse::JsonBody>(ct, body_bytes),
        _ => body::<serde_json::Value>(ct, body_bytes),
    }
}

/// `web::Query<PageQuery>` under `query_config()` on any query string (characters a URI cannot
/// hold percent-encoded; `%`, `&`, `=` and `+` left as they are): accepted or a 400
/// `bad_request`.
pub fn query(data: &[u8]) {
    let mut qs = String::new();
    for b in data {
        if b.is_ascii_alphanumeric() || b"&=%+-_.~".contains(b) {
            qs.push(char::from(*b));
        } else {
            qs.push_str(&format!("%{b:02X}"));
        }
    }
    let req = TestRequest::get()
        .uri(&format!("/?{qs}"))
        .app_data(extractors::query_config())
        .to_http_request();
    if let Err(err) = run(web::Query::<shared::pagination::PageQuery>::extract(&req)) {
        assert_eq!(code_of(&err), ErrorCode::BadRequest);
    }
}

/// `web::Path<i64>` under `path_config()` on any segment: the number the segment spells once
/// its percent-escapes are decoded (`%391` is `91`, as RFC 3986 makes `%39` and `9` the same),
/// or a 404.
pub fn path(data: &[u8]) {
    let segment = String::from_utf8_lossy(data);
    let req = TestRequest::get()
        .param("id", segment.to_string())
        .app_data(extractors::path_config())
        .to_http_request();
    let spelled = percent_decoded(&segment).parse::<i64>().ok();
    match run(web::Path::<i64>::extract(&req)) {
        Ok(id) => assert_eq!(spelled, Some(id.into_inner()), "{segment:?}"),
        Err(err) => {
            assert_eq!(code_of(&err), ErrorCode::NotFound);
            assert!(spelled.is_none(), "{segment:?} refused");
        }
    }
}

/// Every `%XX` with two hex digits decoded to its byte, the rest kept, read as UTF-8 (lossy).
fn percent_decoded(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .filter(|_| bytes[i] == b'%')
            .and_then(|h| std::str::from_utf8(h).ok())
            .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()))
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match hex {
            Some(b) => {
                out.push(b);
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::fuzz::corpus;

    /// JSON-ish text: the characters and tokens bodies are made of.
    fn jsonish() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop_oneof![
                Just("{".to_owned()),
                Just("}".to_owned()),
                Just("[".to_owned()),
                Just("]".to_owned()),
                Just(",".to_owned()),
                Just(":".to_owned()),
                Just("\"username\"".to_owned()),
                Just("\"password\"".to_owned()),
                Just("\"rows\"".to_owned()),
                Just("\"version\"".to_owned()),
                Just("null".to_owned()),
                Just("1e999".to_owned()),
                Just("-0".to_owned()),
                "\"[a-z\\\\\"\u{0}-\u{1f}中]{0,4}\"",
                "[0-9.eE+-]{1,5}",
            ],
            0..16,
        )
        .prop_map(|tokens| tokens.concat())
    }

    proptest! {
        #![proptest_config(corpus::config())]

        #[test]
        fn json_body_on_any_bytes(data in prop::collection::vec(any::<u8>(), 0..128)) {
            json_body(&data);
        }

        #[test]
        fn json_body_on_json_like_text(t in 0_u8..6, c in 0_u8..5, text in jsonish()) {
            json_body(&[[t, c].as_slice(), text.as_bytes()].concat());
        }

        #[test]
        fn query_on_any_text(qs in "[a-z_=&%0-9+-]{0,24}|\\PC{0,16}") {
            query(qs.as_bytes());
        }

        #[test]
        fn path_on_any_text(segment in "[0-9+-]{0,21}|\\PC{0,8}") {
            path(segment.as_bytes());
        }
    }

    /// Found by `cargo fuzz run path` (corpus file `regression-percent-escaped-digit`): the
    /// extractor decodes percent-escapes before parsing, so `%391` is the id 91; the target's
    /// invariant had compared with the raw segment. The server was right (RFC 3986 §2.3: `%39`
    /// and `9` are the same URI), the target was not.
    #[test]
    fn regression_a_percent_escaped_digit_is_the_digit() {
        path(b"%391");
        assert_eq!(percent_decoded("%391%zz%4"), "91%zz%4");
        let req = TestRequest::get()
            .param("id", "%391")
            .app_data(extractors::path_config())
            .to_http_request();
        let id = run(web::Path::<i64>::extract(&req)).map(web::Path::into_inner);
        assert_eq!(id.ok(), Some(91));
    }
}
