//! Typed client for the backend's JSON API, one module per resource.
//!
//! Every request carries `Accept-Language` with the UI locale, so that error messages come back
//! in the language the user reads. Non-2xx answers become [`ApiError::Api`] with the stable
//! [`ErrorCode`] from the `{code, message}` envelope.
//!
//! Calls that need a session take the [`Api`] handle first (`api::sessions::get(&api, id)`;
//! a screen gets it from [`use_api`](crate::hooks::use_api)): it holds the [`SessionStore`]
//! and the locale, adds the bearer token and, on 401 `unauthenticated`, renews it once and
//! retries. Calls without a session (sign-in, the public site) take only the locale.

pub mod accounts;
pub mod affiliation;
pub mod applications;
pub mod attachment_categories;
pub mod audit;
pub mod auth;
pub mod bulk;
pub mod client_errors;
pub mod health;
pub mod query;
pub mod roles;
pub mod unit_started;
pub mod units;
// publicity, committees, public site
pub mod calendar;
pub mod committees;
pub mod experts;
pub mod publicity;
// h/review
pub mod review;
pub mod sessions;
// issue 10: during the review
pub mod online_review;
pub mod review_filing;
// issue 11: votes and results
pub mod votes;
// issue 12: certificates
pub mod certificates;
// issue 12: 统计分析
pub mod dashboards;
// issue 12: notices (站内通知)
pub mod notices;

use gloo_net::http::{Request, RequestBuilder};
use serde::de::DeserializeOwned;
use serde::Serialize;
use shared::telemetry::ClientErrorKind;
use shared::{ErrorBody, ErrorCode, Locale};

use crate::i18n::{t, Key};
use crate::state::session::SessionStore;

/// Why an API call failed.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// The request never got an answer (offline, DNS, CORS, aborted).
    Network(String),
    /// The server answered with an error status.
    Api {
        /// HTTP status.
        status: u16,
        /// Stable code: branch on this, never on the message.
        code: ErrorCode,
        /// Human message in the request's language.
        message: String,
        /// The request field at fault (the envelope's `field`), shown at that field.
        field: Option<String>,
    },
    /// A 2xx answer whose body is not what the SPA expects.
    Decode(String),
}

impl ApiError {
    /// What to show the user, in `locale`.
    pub fn message(&self, locale: Locale) -> String {
        match self {
            ApiError::Network(_) => t(locale, Key::ErrorNetwork).to_owned(),
            ApiError::Api { message, .. } => message.clone(),
            ApiError::Decode(_) => t(locale, Key::ErrorDecode).to_owned(),
        }
    }

    /// The stable code to show next to the message.
    pub fn code(&self) -> &'static str {
        match self {
            ApiError::Network(_) => "network",
            ApiError::Api { code, .. } => code.as_str(),
            ApiError::Decode(_) => "decode",
        }
    }

    /// The request field the server named as at fault, if any.
    pub fn field(&self) -> Option<&str> {
        match self {
            ApiError::Api { field, .. } => field.as_deref(),
            ApiError::Network(_) | ApiError::Decode(_) => None,
        }
    }

    /// Whether the server answered with this code.
    pub fn is(&self, wanted: ErrorCode) -> bool {
        matches!(self, ApiError::Api { code, .. } if *code == wanted)
    }
}

/// The error for a call that needs a session when there is none.
pub fn unauthenticated(locale: Locale) -> ApiError {
    ApiError::Api {
        status: 401,
        code: ErrorCode::Unauthenticated,
        message: ErrorCode::Unauthenticated.message(locale).to_owned(),
        field: None,
    }
}

/// The HTTP methods the client uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Method {
    Get,
    Post,
    Patch,
    Put,
    Delete,
}

impl Method {
    fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Patch => "PATCH",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }
}

/// A request body.
#[derive(Clone)]
enum Body {
    /// JSON text.
    Json(String),
    /// A file the user chose, sent as it is (the browser streams it).
    File {
        blob: web_sys::Blob,
        content_type: &'static str,
    },
}

/// An answer: status and body bytes.
struct Answer {
    status: u16,
    body: Vec<u8>,
}

impl Answer {
    fn text(&self) -> std::borrow::Cow<'_, str> {
        String::from_utf8_lossy(&self.body)
    }
}

/// `GET path` and decode a JSON body.
pub async fn get_json<T: DeserializeOwned>(path: &str, locale: Locale) -> Result<T, ApiError> {
    let answer = exchange(Method::Get, path, None, None, locale).await?;
    decode(Method::Get, path, answer, locale)
}

/// `POST path` with a JSON body, no session, and decode a JSON answer.
pub async fn post_json<B: Serialize, T: DeserializeOwned>(
    path: &str,
    body: &B,
    locale: Locale,
) -> Result<T, ApiError> {
    let body = encode(body)?;
    let answer = exchange(Method::Post, path, Some(Body::Json(body)), None, locale).await?;
    decode(Method::Post, path, answer, locale)
}

/// The API as a signed-in screen calls it: the session's tokens and the UI locale, so that a
/// call says only what it asks (`api::sessions::get(&api, id)`). Screens get it from
/// [`use_api`](crate::hooks::use_api); the locale is part of the handle, so a language switch
/// gives a new (unequal) handle and a load that depends on it runs again.
#[derive(Clone, PartialEq)]
pub struct Api {
    session: SessionStore,
    locale: Locale,
}

impl Api {
    /// The handle of `session`, asking for answers in `locale`.
    pub fn new(session: SessionStore, locale: Locale) -> Self {
        Api { session, locale }
    }

    /// `GET path` and decode a JSON answer.
    pub async fn get<T: DeserializeOwned>(&self, path: &str) -> Result<T, ApiError> {
        let answer = self.send(Method::Get, path, &|| Ok(None)).await?;
        decode(Method::Get, path, answer, self.locale)
    }

    /// `GET path` for a timer rather than the user (the top bar's unread count): not recorded
    /// as activity, and a refused token is not renewed (the answer is simply the error), so
    /// that polling never keeps an idle session alive.
    pub async fn get_in_background<T: DeserializeOwned>(&self, path: &str) -> Result<T, ApiError> {
        let token = self
            .session
            .access_token()
            .ok_or_else(|| unauthenticated(self.locale))?;
        let answer = exchange(Method::Get, path, None, Some(&token), self.locale).await?;
        decode(Method::Get, path, answer, self.locale)
    }

    /// `POST path` with a JSON body.
    pub async fn post<B: Serialize, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<T, ApiError> {
        self.json(Method::Post, path, body).await
    }

    /// `POST path` without a body (an action on a resource).
    pub async fn post_action<T: DeserializeOwned>(&self, path: &str) -> Result<T, ApiError> {
        let answer = self.send(Method::Post, path, &|| Ok(None)).await?;
        decode(Method::Post, path, answer, self.locale)
    }

    /// `PATCH path` with a JSON body.
    pub async fn patch<B: Serialize, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<T, ApiError> {
        self.json(Method::Patch, path, body).await
    }

    /// `PUT path` with a JSON body.
    pub async fn put<B: Serialize, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<T, ApiError> {
        self.json(Method::Put, path, body).await
    }

    /// A request with a JSON body, decoding a JSON answer.
    async fn json<B: Serialize, T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: &B,
    ) -> Result<T, ApiError> {
        let json = encode(body)?;
        let answer = self
            .send(method, path, &|| Ok(Some(Body::Json(json.clone()))))
            .await?;
        decode(method, path, answer, self.locale)
    }

    /// `DELETE path`; any 2xx answer (204) is success.
    pub async fn delete(&self, path: &str) -> Result<(), ApiError> {
        self.send(Method::Delete, path, &|| Ok(None))
            .await
            .map(drop)
    }

    /// `POST path` with a file as the body (its bytes, as `content_type`); decodes a JSON
    /// answer.
    pub async fn upload<T: DeserializeOwned>(
        &self,
        path: &str,
        file: &web_sys::Blob,
        content_type: &'static str,
    ) -> Result<T, ApiError> {
        let body = || {
            Ok(Some(Body::File {
                blob: file.clone(),
                content_type,
            }))
        };
        let answer = self.send(Method::Post, path, &body).await?;
        decode(Method::Post, path, answer, self.locale)
    }

    /// `GET path`, answering the body's bytes (a file download).
    pub async fn download(&self, path: &str) -> Result<Vec<u8>, ApiError> {
        let answer = self.send(Method::Get, path, &|| Ok(None)).await?;
        Ok(answer.body)
    }

    /// `GET path` of a list endpoint, its rows as one page whatever the endpoint's shape. The
    /// shape is mended on the parsed JSON before the one decode, so that a row type is decoded
    /// by one copy of its deserializer, not by one each for a page, an array and a wrapper.
    pub async fn get_rows<T: DeserializeOwned>(
        &self,
        path: &str,
        shape: RowsShape,
    ) -> Result<shared::Page<T>, ApiError> {
        let answer = self.send(Method::Get, path, &|| Ok(None)).await?;
        let status = answer.status;
        rows_json::page_of(&answer.body, shape)
            .and_then(rows_json::decode)
            .map_err(|e| undecodable(Method::Get, path, status, &e, self.locale))
    }

    /// Sends a request with `Authorization: Bearer`. On 401 `unauthenticated` the token is
    /// renewed once and the request retried; if renewing fails the session has ended (the store
    /// says so, and the route guard sends the user to the login page). `body` is asked again
    /// for the retry because it may depend on the session (logout sends the current refresh
    /// token).
    async fn send(
        &self,
        method: Method,
        path: &str,
        body: &dyn Fn() -> Result<Option<Body>, ApiError>,
    ) -> Result<Answer, ApiError> {
        let (session, locale) = (&self.session, self.locale);
        session.mark_active();
        let used = session
            .access_token()
            .ok_or_else(|| unauthenticated(locale))?;
        let answer = exchange(method, path, body()?, Some(&used), locale).await?;
        if !is_unauthenticated(&answer, locale) {
            return checked(session, answer, locale);
        }
        let token = match retry_plan(&used, session.access_token().as_deref()) {
            RetryPlan::WithCurrent(token) => token,
            RetryPlan::Refresh => {
                session.refresh().await?;
                session
                    .access_token()
                    .ok_or_else(|| unauthenticated(locale))?
            }
        };
        let answer = exchange(method, path, body()?, Some(&token), locale).await?;
        if is_unauthenticated(&answer, locale) {
            // A token the server has just issued is refused: the session is gone.
            session.end(Some(crate::state::session::Notice::Expired));
        }
        checked(session, answer, locale)
    }
}

/// What to do after a 401 `unauthenticated` for a request sent with `used`.
#[derive(Debug, PartialEq, Eq)]
enum RetryPlan {
    /// Another call renewed the token meanwhile: retry with the current one.
    WithCurrent(String),
    /// Renew the token (once for everybody), then retry.
    Refresh,
}

fn retry_plan(used: &str, current: Option<&str>) -> RetryPlan {
    match current {
        Some(current) if current != used => RetryPlan::WithCurrent(current.to_owned()),
        Some(_) | None => RetryPlan::Refresh,
    }
}

fn is_unauthenticated(answer: &Answer, locale: Locale) -> bool {
    answer.status == 401
        && error_from_answer(answer.status, &answer.text(), locale).is(ErrorCode::Unauthenticated)
}

/// Passes a 2xx answer on; turns anything else into an error, noticing a required password
/// change on the way.
fn checked(session: &SessionStore, answer: Answer, locale: Locale) -> Result<Answer, ApiError> {
    if (200..300).contains(&answer.status) {
        return Ok(answer);
    }
    let error = error_from_answer(answer.status, &answer.text(), locale);
    if error.is(ErrorCode::PasswordChangeRequired) {
        session.require_password_change();
    } else if error.is(ErrorCode::MfaEnrollmentRequired) {
        session.require_mfa_enrollment();
    }
    Err(error)
}

fn encode<B: Serialize>(body: &B) -> Result<String, ApiError> {
    serde_json::to_string(body).map_err(|e| ApiError::Decode(e.to_string()))
}

fn request(method: Method, path: &str, locale: Locale, token: Option<&str>) -> RequestBuilder {
    let builder = match method {
        Method::Get => Request::get(path),
        Method::Post => Request::post(path),
        Method::Patch => Request::patch(path),
        Method::Put => Request::put(path),
        Method::Delete => Request::delete(path),
    }
    .header("Accept", "application/json")
    .header("Accept-Language", locale.tag());
    match token {
        Some(token) => builder.header("Authorization", &format!("Bearer {token}")),
        None => builder,
    }
}

/// One round trip; any status is an answer, only a failed fetch is an error.
async fn exchange(
    method: Method,
    path: &str,
    body: Option<Body>,
    token: Option<&str>,
    locale: Locale,
) -> Result<Answer, ApiError> {
    let network = |e: gloo_net::Error| ApiError::Network(e.to_string());
    let builder = request(method, path, locale, token);
    let response = match body {
        Some(Body::Json(json)) => {
            builder
                .header("Content-Type", "application/json")
                .body(json)
                .map_err(network)?
                .send()
                .await
        }
        Some(Body::File { blob, content_type }) => {
            builder
                .header("Content-Type", content_type)
                .body(blob)
                .map_err(network)?
                .send()
                .await
        }
        None => builder.send().await,
    }
    .map_err(network)?;
    let status = response.status();
    let body = response.binary().await.map_err(network)?;
    Ok(Answer { status, body })
}

/// Decodes a JSON answer; a non-2xx answer becomes its error.
fn decode<T: DeserializeOwned>(
    method: Method,
    path: &str,
    answer: Answer,
    locale: Locale,
) -> Result<T, ApiError> {
    if !(200..300).contains(&answer.status) {
        return Err(error_from_answer(answer.status, &answer.text(), locale));
    }
    let status = answer.status;
    from_json(&answer.body).map_err(|e| undecodable(method, path, status, &e, locale))
}

/// An answer that is not what its type says: reported to the server, shown as a decode error.
fn undecodable(method: Method, path: &str, status: u16, error: &str, locale: Locale) -> ApiError {
    let detail = format!("{} {path} ({status}): {error}", method.as_str());
    client_errors::report_now(ClientErrorKind::Api, &detail, locale);
    ApiError::Decode(detail)
}

/// How a list endpoint answers its rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowsShape {
    /// A [`Page`](shared::Page): `{items, total, page, per_page}`.
    Paged,
    /// Every row as a JSON array (short lists: roles).
    Unpaged,
    /// Every row in `items` or `days` of an object that says more (the calendar's year).
    Wrapped,
}

/// The rows of a list answer as a page, in the browser on its own `JSON.parse` value.
#[cfg(target_arch = "wasm32")]
mod rows_json {
    use js_sys::{Array, Object, Reflect};
    use serde::de::DeserializeOwned;
    use wasm_bindgen::JsValue;

    use super::RowsShape;

    pub fn page_of(text: &[u8], shape: RowsShape) -> Result<JsValue, String> {
        let text = std::str::from_utf8(text).map_err(|e| e.to_string())?;
        let value = js_sys::JSON::parse(text)
            .map_err(|e| e.as_string().unwrap_or_else(|| "invalid JSON".to_owned()))?;
        let items = match shape {
            RowsShape::Paged => return Ok(value),
            RowsShape::Unpaged => value,
            RowsShape::Wrapped => {
                let items = get(&value, "items")?;
                if items.is_undefined() {
                    get(&value, "days")?
                } else {
                    items
                }
            }
        };
        if !Array::is_array(&items) {
            return Err("the rows are not an array".to_owned());
        }
        let count = Array::from(&items).length();
        let page = Object::new();
        for (key, value) in [
            ("items", items),
            ("total", JsValue::from(count)),
            ("page", JsValue::from(1)),
            ("per_page", JsValue::from(count)),
        ] {
            Reflect::set(&page, &JsValue::from_str(key), &value)
                .map_err(|_| "cannot build the page".to_owned())?;
        }
        Ok(page.into())
    }

    fn get(value: &JsValue, key: &str) -> Result<JsValue, String> {
        Reflect::get(value, &JsValue::from_str(key)).map_err(|_| format!("no {key}"))
    }

    pub fn decode<T: DeserializeOwned>(value: JsValue) -> Result<T, String> {
        serde_wasm_bindgen::from_value(value).map_err(|e| e.to_string())
    }
}

/// The rows of a list answer as a page, natively (the unit tests) with serde_json.
#[cfg(not(target_arch = "wasm32"))]
mod rows_json {
    use serde::de::DeserializeOwned;
    use serde_json::{json, Value};

    use super::RowsShape;

    pub fn page_of(text: &[u8], shape: RowsShape) -> Result<Value, String> {
        let mut value: Value = serde_json::from_slice(text).map_err(|e| e.to_string())?;
        let items = match shape {
            RowsShape::Paged => return Ok(value),
            RowsShape::Unpaged => value,
            RowsShape::Wrapped => match value.get_mut("items") {
                Some(items) => items.take(),
                None => value.get_mut("days").map(Value::take).unwrap_or_default(),
            },
        };
        let count = items.as_array().ok_or("the rows are not an array")?.len();
        Ok(json!({ "items": items, "total": count, "page": 1, "per_page": count }))
    }

    pub fn decode<T: DeserializeOwned>(value: Value) -> Result<T, String> {
        serde_json::from_value(value).map_err(|e| e.to_string())
    }
}

/// JSON text as `T`. In the browser its own `JSON.parse` reads the text and serde-wasm-bindgen
/// the parsed value, so that no entry carries serde_json's decoder (one copy per answer type;
/// docs/PERFORMANCE.md); natively (the unit tests) serde_json.
pub fn from_json<T: DeserializeOwned>(text: &[u8]) -> Result<T, String> {
    #[cfg(target_arch = "wasm32")]
    {
        let text = std::str::from_utf8(text).map_err(|e| e.to_string())?;
        let value = js_sys::JSON::parse(text)
            .map_err(|e| e.as_string().unwrap_or_else(|| "invalid JSON".to_owned()))?;
        serde_wasm_bindgen::from_value(value).map_err(|e| e.to_string())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        serde_json::from_slice(text).map_err(|e| e.to_string())
    }
}

/// `body` as JSON text. In the browser serde-wasm-bindgen builds the value and its own
/// `JSON.stringify` writes it, so that an entry needs no serde_json (the public site);
/// natively (the unit tests) serde_json.
pub fn to_json<B: Serialize>(body: &B) -> Result<String, String> {
    #[cfg(target_arch = "wasm32")]
    {
        let value = serde_wasm_bindgen::to_value(body).map_err(|e| e.to_string())?;
        js_sys::JSON::stringify(&value)
            .map(String::from)
            .map_err(|_| "cannot write JSON".to_owned())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        serde_json::to_string(body).map_err(|e| e.to_string())
    }
}

/// Turns a non-2xx answer into [`ApiError::Api`]: the envelope when the body is one, otherwise
/// the generic code for the status with its localized message (e.g. a proxy's HTML 502 page).
pub fn error_from_answer(status: u16, body: &str, locale: Locale) -> ApiError {
    error_from_body(status, from_json::<ErrorBody>(body.as_bytes()).ok(), locale)
}

/// [`error_from_answer`] for an envelope already read (`None`: the body was none).
pub fn error_from_body(status: u16, body: Option<ErrorBody>, locale: Locale) -> ApiError {
    match body {
        Some(ErrorBody {
            code,
            message,
            field,
        }) => ApiError::Api {
            status,
            code,
            message,
            field,
        },
        None => {
            let code = ErrorCode::for_status(status);
            ApiError::Api {
                status,
                code,
                message: code.message(locale).to_owned(),
                field: None,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shape_of_a_list_answer_becomes_one_page() {
        let decode = |text: &str, shape| {
            rows_json::page_of(text.as_bytes(), shape).and_then(rows_json::decode)
        };
        let paged: shared::Page<u32> = decode(
            r#"{"items":[7,8],"total":12,"page":2,"per_page":2}"#,
            RowsShape::Paged,
        )
        .expect("paged");
        assert_eq!((paged.items, paged.total, paged.page), (vec![7, 8], 12, 2));
        let unpaged: shared::Page<u32> = decode("[1,2,3]", RowsShape::Unpaged).expect("array");
        assert_eq!(
            (unpaged.items, unpaged.total, unpaged.page, unpaged.per_page),
            (vec![1, 2, 3], 3, 1, 3)
        );
        let days: shared::Page<u32> =
            decode(r#"{"year":2026,"days":[5]}"#, RowsShape::Wrapped).expect("days");
        assert_eq!((days.items, days.total), (vec![5], 1));
        let items: shared::Page<u32> =
            decode(r#"{"items":[4,6],"note":"x"}"#, RowsShape::Wrapped).expect("items");
        assert_eq!(items.items, vec![4, 6]);
        assert!(decode(r#"{"year":2026}"#, RowsShape::Wrapped).is_err());
        assert!(decode("{}", RowsShape::Unpaged).is_err());
    }

    #[test]
    fn an_envelope_names_its_field_when_it_has_one() {
        let body = r#"{"code":"validation_failed","message":"请输入 11 位手机号","field":"phone"}"#;
        let error = error_from_answer(422, body, Locale::ZhCn);
        assert_eq!(error.field(), Some("phone"));
        assert_eq!(error.message(Locale::ZhCn), "请输入 11 位手机号");
        assert_eq!(ApiError::Network(String::new()).field(), None);
    }

    #[test]
    fn an_envelope_keeps_its_code_and_message() {
        let body = r#"{"code":"database_unavailable","message":"数据库暂时不可用"}"#;
        assert_eq!(
            error_from_answer(503, body, Locale::En),
            ApiError::Api {
                status: 503,
                code: ErrorCode::DatabaseUnavailable,
                message: "数据库暂时不可用".to_owned(),
                field: None,
            }
        );
    }

    #[test]
    fn a_401_is_retried_with_a_token_renewed_meanwhile_or_after_a_refresh() {
        assert_eq!(
            retry_plan("old", Some("new")),
            RetryPlan::WithCurrent("new".to_owned())
        );
        assert_eq!(retry_plan("old", Some("old")), RetryPlan::Refresh);
        assert_eq!(retry_plan("old", None), RetryPlan::Refresh);
    }

    #[test]
    fn anything_else_falls_back_to_the_status_in_the_ui_language() {
        let error = error_from_answer(502, "<html>Bad Gateway</html>", Locale::ZhCn);
        assert_eq!(error.code(), "internal");
        assert_eq!(
            error.message(Locale::ZhCn),
            ErrorCode::Internal.message(Locale::ZhCn)
        );
        let error = error_from_answer(404, "", Locale::En);
        assert_eq!(error.code(), "not_found");
        assert_eq!(
            error.message(Locale::En),
            ErrorCode::NotFound.message(Locale::En)
        );
    }
}
