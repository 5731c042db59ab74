//! Serves the built SPA: `/assets/*` are content-hashed and cached for a year; every other
//! non-API path answers `index.html` (never cached) so that deep links work.

use std::path::{Path, PathBuf};

use actix_files::{Files, NamedFile};
use actix_web::{
    dev::{fn_service, HttpServiceFactory, ServiceRequest, ServiceResponse},
    http::header::{self, CacheControl, CacheDirective},
    middleware::DefaultHeaders,
    web, HttpResponse,
};

/// The services for the SPA; register them after every other service.
pub fn services(static_dir: &Path) -> impl HttpServiceFactory {
    let assets = static_dir.join("assets");
    let index = static_dir.join("index.html");
    if !index.is_file() {
        tracing::warn!(
            spa.dir = %static_dir.display(),
            "the SPA is not built (no index.html): run `make build-frontend`"
        );
    }
    let immutable = DefaultHeaders::new().add(CacheControl(vec![
        CacheDirective::Public,
        CacheDirective::MaxAge(31_536_000),
        CacheDirective::Extension("immutable".to_owned(), None),
    ]));
    let revalidate = DefaultHeaders::new().add(CacheControl(vec![CacheDirective::NoCache]));
    (
        web::scope("/assets")
            .wrap(immutable)
            .service(Files::new("", assets).use_last_modified(false)),
        web::scope("").wrap(revalidate).service(
            Files::new("/", static_dir)
                .index_file("index.html")
                .default_handler(fn_service(move |req: ServiceRequest| {
                    serve_index(req, index.clone())
                })),
        ),
    )
}

async fn serve_index(
    req: ServiceRequest,
    index: PathBuf,
) -> Result<ServiceResponse, actix_web::Error> {
    let (req, _) = req.into_parts();
    let res = match NamedFile::open_async(&index).await {
        Ok(file) => file.use_last_modified(false).into_response(&req),
        Err(_) => HttpResponse::ServiceUnavailable()
            .insert_header((header::CONTENT_TYPE, "text/plain; charset=utf-8"))
            .body("前端尚未构建，请运行 make build-frontend / The SPA is not built: run `make build-frontend`."),
    };
    Ok(ServiceResponse::new(req, res))
}
