//! The SPA host: hashed assets cached for a year, `index.html` for every deep link, never for
//! `/api` or a missing asset.

use std::path::Path;

use reqwest::header;

use crate::{
    db_tests,
    helpers::{spawn_app_with, Backend, TestApp},
};

const INDEX: &str = "<!doctype html><html lang=\"zh-CN\"><title>职称评审子系统</title></html>";

fn fake_dist(dir: &Path) {
    std::fs::create_dir_all(dir.join("assets")).expect("assets dir");
    std::fs::write(dir.join("index.html"), INDEX).expect("index");
    std::fs::write(dir.join("assets/app-0123456789ab.js"), "export default 1;").expect("js");
    std::fs::write(
        dir.join("assets/app-0123456789ab_bg.wasm"),
        b"\0asm\x01\0\0\0",
    )
    .expect("wasm");
    std::fs::write(dir.join("assets/app-0123456789ab.css"), "body{}").expect("css");
}

async fn spa_app(backend: Backend) -> (TestApp, tempfile::TempDir) {
    let dist = tempfile::tempdir().expect("dist");
    fake_dist(dist.path());
    let app = spawn_app_with(backend, Some(dist.path().to_path_buf()), &[]).await;
    (app, dist)
}

async fn deep_links_get_index_html_without_caching(backend: Backend) {
    let (app, _dist) = spa_app(backend).await;

    for path in [
        "/",
        "/about",
        "/applications/42/timeline",
        "/no/such/page?x=1",
    ] {
        let res = app.get(path).await;
        assert_eq!(res.status(), 200, "{path}");
        let ctype = res.headers()[header::CONTENT_TYPE]
            .to_str()
            .unwrap_or_default();
        assert!(ctype.starts_with("text/html"), "{path}: {ctype}");
        assert_eq!(res.headers()[header::CACHE_CONTROL], "no-cache", "{path}");
        assert_eq!(res.text().await.expect("body"), INDEX, "{path}");
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

async fn a_missing_asset_is_404_not_index_html(backend: Backend) {
    let (app, _dist) = spa_app(backend).await;

    let res = app.get("/assets/app-ffffffffffff.js").await;

    assert_eq!(res.status(), 404);
    assert_ne!(res.text().await.expect("body"), INDEX);
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
    assert_ne!(res.text().await.expect("body"), INDEX);
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
    deep_links_get_index_html_without_caching,
    hashed_assets_have_their_mime_type_and_are_immutable,
    a_missing_asset_is_404_not_index_html,
    path_traversal_stays_inside_the_dist_folder,
    api_paths_never_fall_back_to_the_spa,
    an_unbuilt_spa_says_so_instead_of_crashing,
);
