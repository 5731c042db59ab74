//! The public site's requests: the browser's `fetch`, answers parsed by `JSON.parse` and taken
//! apart by a [`Reader`] (no serde: [`super::read`] says why), errors mapped as the rest of the
//! SPA maps them ([`crate::api::error_from_body`]); bodies written by [`crate::api::to_json`].

use serde::Serialize;
use shared::Locale;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::{js_sys, JsFuture};
use web_sys::{Headers, RequestInit, Response};

use super::read::{self, Reader};
use crate::api::{error_from_body, to_json, ApiError};

/// Starts a request; the promise of its response.
pub fn start(
    method: &str,
    path: &str,
    body: Option<&str>,
    locale: Locale,
) -> Result<wasm_bindgen_futures::js_sys::Promise, JsValue> {
    let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
    let headers = Headers::new()?;
    headers.set("Accept", "application/json")?;
    headers.set("Accept-Language", locale.tag())?;
    let init = RequestInit::new();
    init.set_method(method);
    if let Some(body) = body {
        headers.set("Content-Type", "application/json")?;
        init.set_body(&JsValue::from_str(body));
    }
    init.set_headers(&headers);
    Ok(window.fetch_with_str_and_init(path, &init))
}

fn network(e: JsValue) -> Refusal {
    ApiError::Network(e.as_string().unwrap_or_default()).into()
}

/// A request refused: the error, and for a 429 the seconds its `Retry-After` asks to wait.
pub struct Refusal {
    pub error: ApiError,
    pub wait: Option<u32>,
}

impl From<ApiError> for Refusal {
    fn from(error: ApiError) -> Self {
        Refusal { error, wait: None }
    }
}

/// The answer, parsed (one copy of the request code, whatever the answer's type).
async fn answer(
    method: &str,
    path: &str,
    body: Option<&str>,
    locale: Locale,
) -> Result<JsValue, Refusal> {
    let response: Response = JsFuture::from(start(method, path, body, locale).map_err(network)?)
        .await
        .map_err(network)?
        .unchecked_into();
    let status = response.status();
    let text = JsFuture::from(response.text().map_err(network)?)
        .await
        .map_err(network)?
        .as_string()
        .unwrap_or_default();
    let value = js_sys::JSON::parse(&text).unwrap_or(JsValue::UNDEFINED);
    if !(200..300).contains(&status) {
        let wait = response
            .headers()
            .get("Retry-After")
            .ok()
            .flatten()
            .and_then(|secs| secs.trim().parse().ok());
        return Err(Refusal {
            error: error_from_body(status, read::error(&value), locale),
            wait,
        });
    }
    Ok(value)
}

fn decode<T>(value: Result<JsValue, Refusal>, reader: Reader<T>) -> Result<T, Refusal> {
    reader(&value?).ok_or_else(|| ApiError::Decode("unexpected answer".to_owned()).into())
}

/// `GET path`, taken apart by `reader`.
pub async fn get<T>(path: &str, locale: Locale, reader: Reader<T>) -> Result<T, Refusal> {
    decode(answer("GET", path, None, locale).await, reader)
}

/// `POST path` with a JSON body, the answer taken apart by `reader`; a refusal keeps its
/// `Retry-After`.
pub async fn post<B: Serialize, T>(
    path: &str,
    body: &B,
    locale: Locale,
    reader: Reader<T>,
) -> Result<T, Refusal> {
    let body = to_json(body).map_err(ApiError::Decode)?;
    decode(answer("POST", path, Some(&body), locale).await, reader)
}
