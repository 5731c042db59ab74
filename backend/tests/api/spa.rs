//! The SPA host: one HTML per entry, chosen by the path (`shared::spa::SpaEntry`), never
//! cached; hashed assets cached for a year; precompressed `.br` / `.gz` siblings chosen by
//! `Accept-Encoding`; never the SPA for `/api` or a missing asset.

use std::path::Path;

use reqwest::header;
use shared::spa::SpaEntry;

use crate::{
    db_tests,
    helpers::{spawn_app_with, Backend, TestApp},
};

fn html_of(entry: SpaEntry) -> String {
    format!(
        "<!doctype html><html lang=\"zh-CN\"><title>职称评审子系统</title><body>{}</body></html>",
        entry.name()
    )
}

const JS: &str = "export default 1;";

/// A built SPA as scripts/build-frontend.sh writes it, with recognisable stand-ins for the
/// compressed siblings (the server only picks the file, it never decodes it).
fn fake_dist(dir: &Path) {
    std::fs::create_dir_all(dir.join("assets")).expect("assets dir");
    for entry in SpaEntry::ALL {
        let html = dir.join(format!("{}.html", entry.name()));
        std::fs::write(&html, html_of(entry)).expect("html");
        std::fs::write(dir.join(format!("{}.html.br", entry.name())), "br:html").expect("br");
        std::fs::write(dir.join(format!("{}.html.gz", entry.name())), "gz:html").expect("gz");
    }
    std::fs::write(dir.join("assets/app-0123456789ab.js"), JS).expect("js");
    std::fs::write(dir.join("assets/app-0123456789ab.js.br"), "br:js").expect("js.br");
    std::fs::write(dir.join("assets/app-0123456789ab.js.gz"), "gz:js").expect("js.gz");
    std::fs::write(
        dir.join("assets/app-0123456789ab_bg.wasm"),
        b"\0asm\x01\0\0\0",
    )
    .expect("wasm");
    std::fs::write(dir.join("assets/app-0123456789ab_bg.wasm.br"), "br:wasm").expect("br");
    std::fs::write(dir.join("assets/app-0123456789ab_bg.wasm.gz"), "gz:wasm").expect("gz");
    // Only a gzip sibling: brotli clients get gzip.
    std::fs::write(dir.join("assets/app-0123456789ab.css"), "body{}").expect("css");
    std::fs::write(dir.join("assets/app-0123456789ab.css.gz"), "gz:css").expect("css.gz");
}

async fn spa_app(backend: Backend) -> (TestApp, tempfile::TempDir) {
    let dist = tempfile::tempdir().expect("dist");
    fake_dist(dist.path());
    let app = spawn_app_with(backend, Some(dist.path().to_path_buf()), &[]).await;
    (app, dist)
}

async fn get_with(app: &TestApp, path: &str, accept_encoding: Option<&str>) -> reqwest::Response {
    let mut req = app.client.get(app.url(path));
    if let Some(value) = accept_encoding {
        req = req.header(header::ACCEPT_ENCODING, value);
    }
    req.send().await.expect("request")
}

fn header_of(res: &reqwest::Response, name: header::HeaderName) -> String {
    res.headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

async fn deep_links_get_their_entry_html_without_caching(backend: Backend) {
    let (app, _dist) = spa_app(backend).await;

    for (path, entry) in [
        ("/", SpaEntry::Portal),
        ("/about", SpaEntry::Portal),
        ("/login?next=%2Fsystem%2Fusers", SpaEntry::Portal),
        ("/applications/42/timeline", SpaEntry::Portal),
        ("/no/such/page?x=1", SpaEntry::Portal),
        ("/public/publicity/3", SpaEntry::Public),
        ("/public/certificates", SpaEntry::Public),
        (
            "/public/certificates/v/AbCdEfGhIjKlMnOpQrSt-_",
            SpaEntry::Public,
        ),
        ("/system/users", SpaEntry::Admin),
        ("/config/units", SpaEntry::Admin),
        ("/security/audit", SpaEntry::Security),
        ("/system/unit-roles", SpaEntry::Security),
        ("/title/my-applications", SpaEntry::Title),
        ("/title/unit-started", SpaEntry::Title),
        ("/publicity/nominee", SpaEntry::Publicity),
        ("/experts/pool", SpaEntry::Experts),
        ("/experts/profile", SpaEntry::Reviewer),
        ("/online/reviews/3", SpaEntry::Reviewer),
        ("/online/sessions/3/ballot", SpaEntry::Reviewer),
        ("/online/sessions/3", SpaEntry::Online),
        ("/committees/filings", SpaEntry::Manage),
        ("/accounts/personal", SpaEntry::Manage),
    ] {
        let res = get_with(&app, path, None).await;
        assert_eq!(res.status(), 200, "{path}");
        let ctype = header_of(&res, header::CONTENT_TYPE);
        assert!(ctype.starts_with("text/html"), "{path}: {ctype}");
        assert_eq!(header_of(&res, header::CACHE_CONTROL), "no-cache", "{path}");
        assert!(
            res.headers().get(header::CONTENT_ENCODING).is_none(),
            "{path}"
        );
        assert_eq!(res.text().await.expect("body"), html_of(entry), "{path}");
    }
}

async fn precompressed_files_follow_accept_encoding(backend: Backend) {
    let (app, _dist) = spa_app(backend).await;
    let cases = [
        // (path, Accept-Encoding, expected Content-Encoding, body)
        (
            "/assets/app-0123456789ab.js",
            Some("gzip, deflate, br"),
            Some("br"),
            "br:js",
        ),
        (
            "/assets/app-0123456789ab.js",
            Some("gzip"),
            Some("gzip"),
            "gz:js",
        ),
        (
            "/assets/app-0123456789ab.js",
            Some("br;q=0, gzip"),
            Some("gzip"),
            "gz:js",
        ),
        ("/assets/app-0123456789ab.js", Some("identity"), None, JS),
        ("/assets/app-0123456789ab.js", None, None, JS),
        (
            "/assets/app-0123456789ab_bg.wasm",
            Some("br"),
            Some("br"),
            "br:wasm",
        ),
        (
            "/assets/app-0123456789ab_bg.wasm",
            Some("gzip"),
            Some("gzip"),
            "gz:wasm",
        ),
        (
            "/assets/app-0123456789ab.css",
            Some("br, gzip"),
            Some("gzip"),
            "gz:css",
        ),
        ("/system/users", Some("gzip, br"), Some("br"), "br:html"),
        ("/", Some("gzip"), Some("gzip"), "gz:html"),
    ];

    for (path, accept, encoding, body) in cases {
        let res = get_with(&app, path, accept).await;
        assert_eq!(res.status(), 200, "{path} {accept:?}");
        let got = res
            .headers()
            .get(header::CONTENT_ENCODING)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        assert_eq!(got.as_deref(), encoding, "{path} {accept:?}");
        let vary = header_of(&res, header::VARY).to_ascii_lowercase();
        assert!(
            vary.contains("accept-encoding"),
            "{path} {accept:?}: vary {vary}"
        );
        let ctype = header_of(&res, header::CONTENT_TYPE);
        let want = match path.rsplit('.').next() {
            Some("js") => "text/javascript",
            Some("wasm") => "application/wasm",
            Some("css") => "text/css",
            _ => "text/html",
        };
        assert!(ctype.starts_with(want), "{path} {accept:?}: {ctype}");
        // Exactly the stored bytes: the Compress middleware did not encode them again.
        assert_eq!(res.text().await.expect("body"), body, "{path} {accept:?}");
    }
}

async fn compressed_siblings_are_not_served_by_name(backend: Backend) {
    let (app, _dist) = spa_app(backend).await;

    for path in [
        "/assets/app-0123456789ab.js.br",
        "/assets/app-0123456789ab.js.gz",
    ] {
        assert_eq!(get_with(&app, path, None).await.status(), 404, "{path}");
    }
}

async fn hashed_assets_have_their_mime_type_and_are_immutable(backend: Backend) {
    let (app, _dist) = spa_app(backend).await;
    let cases = [
        ("/assets/app-0123456789ab.js", "text/javascript"),
        ("/assets/app-0123456789ab_bg.wasm", "application/wasm"),
        ("/assets/app-0123456789ab.css", "text/css"),
    ];

    for (path, mime) in cases {
        let res = app.get(path).await;
        assert_eq!(res.status(), 200, "{path}");
        let ctype = res.headers()[header::CONTENT_TYPE]
            .to_str()
            .unwrap_or_default();
        assert!(ctype.starts_with(mime), "{path}: {ctype}");
        let cache = res.headers()[header::CACHE_CONTROL]
            .to_str()
            .unwrap_or_default();
        assert!(
            cache.contains("max-age=31536000") && cache.contains("immutable"),
            "{path}: {cache}"
        );
    }
}

async fn a_missing_asset_is_404_not_html(backend: Backend) {
    let (app, _dist) = spa_app(backend).await;

    for path in ["/assets/app-ffffffffffff.js", "/assets/nested/app.js"] {
        let res = app.get(path).await;

        assert_eq!(res.status(), 404, "{path}");
        assert!(!res.text().await.expect("body").contains("<html"), "{path}");
    }
}

async fn path_traversal_stays_inside_the_dist_folder(backend: Backend) {
    let (app, _dist) = spa_app(backend).await;

    for path in [
        "/assets/../../../etc/passwd",
        "/assets/%2e%2e/%2e%2e/etc/passwd",
        "/..%2f..%2fetc/passwd",
    ] {
        let res = app.get(path).await;
        let text = res.text().await.expect("body");
        assert!(!text.contains("root:"), "{path} escaped the dist folder");
    }
}

async fn api_paths_never_fall_back_to_the_spa(backend: Backend) {
    let (app, _dist) = spa_app(backend).await;

    let res = app.get("/api/no-such-thing").await;

    assert_eq!(res.status(), 404);
    let ctype = res.headers()[header::CONTENT_TYPE]
        .to_str()
        .unwrap_or_default()
        .to_owned();
    assert!(ctype.starts_with("application/json"), "{ctype}");
    assert!(!res.text().await.expect("body").contains("<html"));
}

async fn an_unbuilt_spa_says_so_instead_of_crashing(backend: Backend) {
    let app = spawn_app_with(backend, None, &[]).await;

    let res = app.get("/about").await;

    assert_eq!(res.status(), 503);
    assert!(res
        .text()
        .await
        .expect("body")
        .contains("make build-frontend"));
    assert_eq!(app.get("/api/health").await.status(), 200);
}

db_tests!(
    deep_links_get_their_entry_html_without_caching,
    precompressed_files_follow_accept_encoding,
    compressed_siblings_are_not_served_by_name,
    hashed_assets_have_their_mime_type_and_are_immutable,
    a_missing_asset_is_404_not_html,
    path_traversal_stays_inside_the_dist_folder,
    api_paths_never_fall_back_to_the_spa,
    an_unbuilt_spa_says_so_instead_of_crashing,
);
