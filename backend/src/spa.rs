//! Serves the built SPA. It has one bundle per entry ([`SpaEntry`]): every non-API path gets the
//! HTML of the entry that serves it (`<entry>.html`, never cached), so deep links work and each
//! audience loads only its own code. `/assets/*` are content-hashed and cached for a year.
//!
//! The build writes a `.br` (brotli) and a `.gz` (gzip -9) next to every asset and HTML file;
//! the client's `Accept-Encoding` picks one (brotli before gzip before the plain file), sent
//! with `Content-Encoding`, `Vary: Accept-Encoding` and the original file's type. The
//! `Compress` middleware leaves a response that has a `Content-Encoding` alone.

use std::path::{Path, PathBuf};

use actix_files::NamedFile;
use actix_web::{
    http::header::{self, CacheControl, CacheDirective, ContentEncoding, HeaderValue},
    http::Method,
    web, HttpRequest, HttpResponse,
};
use shared::spa::SpaEntry;

/// Where the built SPA lives.
#[derive(Debug, Clone)]
struct SpaDir(PathBuf);

/// The services for the SPA; register them after every other service.
pub fn services(static_dir: &Path) -> actix_web::Scope {
    for entry in SpaEntry::ALL {
        if !entry_html(static_dir, entry).is_file() {
            tracing::warn!(
                spa.dir = %static_dir.display(),
                spa.entry = entry.name(),
                "the SPA is not built (no {}.html): run `make build-frontend`",
                entry.name()
            );
        }
    }
    web::scope("")
        .app_data(web::Data::new(SpaDir(static_dir.to_path_buf())))
        .service(web::resource("/assets/{name}").to(asset))
        .service(web::scope("/assets").default_service(web::to(HttpResponse::NotFound)))
        .default_service(web::to(entry_page))
}

fn entry_html(static_dir: &Path, entry: SpaEntry) -> PathBuf {
    static_dir.join(format!("{}.html", entry.name()))
}

/// A content-hashed file of `assets/`.
async fn asset(req: HttpRequest, name: web::Path<String>, dir: web::Data<SpaDir>) -> HttpResponse {
    if !matches!(*req.method(), Method::GET | Method::HEAD) {
        return HttpResponse::MethodNotAllowed().finish();
    }
    let name = name.into_inner();
    if !is_asset_name(&name) {
        return HttpResponse::NotFound().finish();
    }
    let path = dir.0.join("assets").join(&name);
    let cache = CacheControl(vec![
        CacheDirective::Public,
        CacheDirective::MaxAge(31_536_000),
        CacheDirective::Extension("immutable".to_owned(), None),
    ]);
    match serve_precompressed(&req, &path, cache).await {
        Some(res) => res,
        None => HttpResponse::NotFound().finish(),
    }
}

/// Every other path: the HTML of its entry.
async fn entry_page(req: HttpRequest, dir: web::Data<SpaDir>) -> HttpResponse {
    if !matches!(*req.method(), Method::GET | Method::HEAD) {
        return HttpResponse::MethodNotAllowed().finish();
    }
    let entry = SpaEntry::for_path(req.path());
    let cache = CacheControl(vec![CacheDirective::NoCache]);
    match serve_precompressed(&req, &entry_html(&dir.0, entry), cache).await {
        Some(res) => res,
        None => HttpResponse::ServiceUnavailable()
            .insert_header((header::CONTENT_TYPE, "text/plain; charset=utf-8"))
            .body("前端尚未构建，请运行 make build-frontend / The SPA is not built: run `make build-frontend`."),
    }
}

/// A file name the build writes into `assets/`: `name-hash.ext`, nothing that could leave the
/// folder, and not one of the precompressed siblings (those are chosen by the server).
fn is_asset_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && !name.contains("..")
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
        && !name.ends_with(".gz")
        && !name.ends_with(".br")
}

/// `path`, or its `.br` / `.gz` sibling when the client accepts it; `None` if `path` is missing.
async fn serve_precompressed(
    req: &HttpRequest,
    path: &Path,
    cache: CacheControl,
) -> Option<HttpResponse> {
    if !path.is_file() {
        return None;
    }
    let mime = actix_files::file_extension_to_mime(
        path.extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default(),
    );
    let accept = req
        .headers()
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok());
    let mut chosen = None;
    for (coding, suffix) in [
        (ContentEncoding::Brotli, "br"),
        (ContentEncoding::Gzip, "gz"),
    ] {
        let sibling = PathBuf::from(format!("{}.{suffix}", path.display()));
        if accepts(accept, coding.as_str()) && sibling.is_file() {
            chosen = Some((coding, sibling));
            break;
        }
    }
    let file = match &chosen {
        Some((coding, sibling)) => NamedFile::open_async(sibling)
            .await
            .ok()?
            .set_content_encoding(*coding),
        None => NamedFile::open_async(path).await.ok()?,
    };
    let mut res = file
        .set_content_type(mime)
        .prefer_utf8(true)
        .disable_content_disposition()
        .use_last_modified(false)
        .into_response(req);
    res.headers_mut()
        .insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    res.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_str(&cache.to_string()).ok()?,
    );
    Some(res)
}

/// Whether an `Accept-Encoding` value accepts `coding` (RFC 9110 §12.5.3): listed with a
/// non-zero weight, or not listed and `*` has a non-zero weight. No header: only identity.
fn accepts(header: Option<&str>, coding: &str) -> bool {
    let Some(header) = header else {
        return false;
    };
    let mut wildcard = None;
    for item in header.split(',') {
        let mut parts = item.split(';');
        let name = parts.next().unwrap_or_default().trim();
        let weight = parts
            .find_map(|p| {
                let (key, value) = p.split_once('=')?;
                key.trim()
                    .eq_ignore_ascii_case("q")
                    .then(|| value.trim().parse::<f32>().ok())?
            })
            .unwrap_or(1.0);
        if name.eq_ignore_ascii_case(coding) {
            return weight > 0.0;
        }
        if name == "*" {
            wildcard = Some(weight > 0.0);
        }
    }
    wildcard.unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_encoding_weights_and_wildcards() {
        assert!(accepts(Some("gzip, deflate, br"), "br"));
        assert!(accepts(Some("gzip, deflate, br"), "gzip"));
        assert!(accepts(Some("GZIP"), "gzip"));
        assert!(!accepts(Some("gzip"), "br"));
        assert!(!accepts(Some("br;q=0, gzip"), "br"));
        assert!(accepts(Some("br;q=0.1"), "br"));
        assert!(accepts(Some("*"), "br"));
        assert!(!accepts(Some("*;q=0"), "gzip"));
        assert!(!accepts(Some("gzip;q=0, *"), "gzip"));
        assert!(!accepts(Some("identity"), "gzip"));
        assert!(!accepts(None, "gzip"));
        assert!(!accepts(Some(""), "br"));
    }

    #[test]
    fn only_plain_asset_names_are_served() {
        assert!(is_asset_name("portal-0123456789ab_bg.wasm"));
        assert!(is_asset_name("app-0123456789ab.css"));
        for bad in [
            "", "..", ".hidden", "a..b", "a/b", "a\\b", "x.js.gz", "x.js.br", "%2e%2e",
        ] {
            assert!(!is_asset_name(bad), "{bad}");
        }
    }
}
