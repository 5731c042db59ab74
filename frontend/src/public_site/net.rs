//! The public site's requests: the browser's `fetch`, answers read by `JSON.parse` and
//! serde-wasm-bindgen ([`crate::api::from_json`]), errors as the rest of the SPA reads them
//! ([`crate::api::error_from_answer`]).

use serde::de::DeserializeOwned;
use serde::Serialize;
use shared::Locale;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Headers, RequestInit, Response};

use crate::api::{error_from_answer, from_json, to_json, ApiError};

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

fn network(e: JsValue) -> ApiError {
    ApiError::Network(e.as_string().unwrap_or_default())
}

async fn send<T: DeserializeOwned>(
    method: &str,
    path: &str,
    body: Option<&str>,
    locale: Locale,
) -> Result<T, ApiError> {
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
    if !(200..300).contains(&status) {
        return Err(error_from_answer(status, &text, locale));
    }
    from_json(text.as_bytes()).map_err(ApiError::Decode)
}

/// `GET path`, decoded.
pub async fn get<T: DeserializeOwned>(path: &str, locale: Locale) -> Result<T, ApiError> {
    send("GET", path, None, locale).await
}

/// `POST path` with a JSON body, decoded.
pub async fn post<B: Serialize, T: DeserializeOwned>(
    path: &str,
    body: &B,
    locale: Locale,
) -> Result<T, ApiError> {
    let body = to_json(body).map_err(ApiError::Decode)?;
    send("POST", path, Some(&body), locale).await
}
