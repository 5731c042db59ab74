//! `Json<T>`, the request-body extractor of every route.
//!
//! It is actix's `web::Json` (same [`extractors::json_config`](super::extractors::json_config):
//! content type, size limit, malformed JSON → the same codes) with one difference the API
//! contract needs: a number with a zero fraction (`42.0`) is accepted where an integer is
//! expected. JSON has one number type and JSON Schema counts `42.0` as an integer, so a client
//! generated from the OpenAPI document may send it (issue 13). Bodies without such numbers take
//! exactly the path `web::Json` takes: serde reads the text once, duplicate keys are refused.

use std::ops::{Deref, DerefMut};

use actix_web::{dev::Payload, web, FromRequest, HttpRequest};
use futures_util::future::LocalBoxFuture;
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;
use shared::ErrorCode;

use crate::error::ApiError;

/// A JSON request body of type `T`.
#[derive(Debug)]
pub struct Json<T>(pub T);

impl<T> Json<T> {
    /// The body.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> Deref for Json<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> DerefMut for Json<T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.0
    }
}

impl<T: DeserializeOwned + 'static> FromRequest for Json<T> {
    type Error = actix_web::Error;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let raw = web::Json::<Box<RawValue>>::from_request(req, payload);
        Box::pin(async move {
            let raw = raw.await?.into_inner();
            parse(raw.get()).map(Json).map_err(Into::into)
        })
    }
}

/// Reads `text` (already known to be well-formed JSON) as a `T`.
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T, ApiError> {
    match serde_json::from_str::<T>(text) {
        Ok(value) => Ok(value),
        Err(first)
            if first
                .to_string()
                .starts_with("invalid type: floating point") =>
        {
            let mut value: serde_json::Value =
                serde_json::from_str(text).map_err(|_| invalid_body(&first))?;
            if !integral_floats_to_integers(&mut value) {
                return Err(invalid_body(&first));
            }
            T::deserialize(value).map_err(|e| invalid_body(&e))
        }
        Err(e) => Err(invalid_body(&e)),
    }
}

/// Turns every number with a zero fraction that fits an `i64` (or a `u64`) into that integer;
/// true when it changed something.
fn integral_floats_to_integers(value: &mut serde_json::Value) -> bool {
    use serde_json::Value;
    match value {
        Value::Number(n) => {
            let Some(f) = n.as_f64().filter(|_| n.is_f64()) else {
                return false;
            };
            if f.fract() != 0.0 || !f.is_finite() {
                return false;
            }
            // 2^63 and 2^64 are exact in f64; the casts below are exact inside these bounds.
            let integer = if (-9.223_372_036_854_776e18..9.223_372_036_854_776e18).contains(&f) {
                serde_json::Number::from(f as i64)
            } else if (0.0..1.844_674_407_370_955_2e19).contains(&f) {
                serde_json::Number::from(f as u64)
            } else {
                return false;
            };
            *n = integer;
            true
        }
        Value::Array(items) => items
            .iter_mut()
            .fold(false, |changed, v| integral_floats_to_integers(v) | changed),
        Value::Object(map) => map
            .values_mut()
            .fold(false, |changed, v| integral_floats_to_integers(v) | changed),
        _ => false,
    }
}

/// The refusal of a well-formed body of the wrong shape (as `extractors::json_config` words it).
pub fn invalid_body(e: &dyn std::fmt::Display) -> ApiError {
    ApiError::with_text(
        ErrorCode::InvalidBody,
        format!("请求内容缺少字段或字段类型不正确（{e}）"),
        format!("The request body does not have the expected shape ({e})"),
    )
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Body {
        version: i64,
        count: u32,
        #[serde(default)]
        ids: Vec<i64>,
        #[serde(default)]
        score: Option<f64>,
    }

    #[test]
    fn integral_floats_are_integers_everywhere() {
        let got: Body =
            parse(r#"{"version": 879.0, "count": 3e0, "ids": [1.0, -2.0], "score": 1.0}"#)
                .expect("accepted");
        assert_eq!(
            got,
            Body {
                version: 879,
                count: 3,
                ids: vec![1, -2],
                score: Some(1.0)
            }
        );
    }

    #[test]
    fn fractions_and_out_of_range_numbers_stay_refused() {
        for text in [
            r#"{"version": 1.5, "count": 1}"#,
            r#"{"version": 1, "count": -1.0}"#,
            r#"{"version": 1e19, "count": 1}"#,
            r#"{"version": 1, "count": 1, "ids": [0.25]}"#,
        ] {
            let err = parse::<Body>(text).expect_err(text);
            assert_eq!(err.code(), ErrorCode::InvalidBody, "{text}");
        }
    }

    #[test]
    fn the_plain_path_keeps_serde_json_strictness() {
        // Duplicate keys and unknown fields are refused as `web::Json` refuses them.
        for text in [
            r#"{"version": 1, "version": 2, "count": 1}"#,
            r#"{"version": 1, "count": 1, "extra": true}"#,
        ] {
            let err = parse::<Body>(text).expect_err(text);
            assert_eq!(err.code(), ErrorCode::InvalidBody, "{text}");
        }
    }
}
