//! What `/api` answers for a path it has no handler for: 405 with `Allow` when the path exists
//! with other methods, 404 otherwise. The table is the OpenAPI document itself, so a route that
//! is not documented does not exist.

use std::sync::Arc;

use actix_web::{http::header, web, HttpRequest, HttpResponse};
use shared::ErrorCode;
use utoipa::openapi::OpenApi;

use crate::error::ApiError;

/// Path templates and their methods, from the OpenAPI document.
#[derive(Debug, Clone, Default)]
pub struct RouteTable {
    routes: Vec<(Vec<Segment>, Vec<&'static str>)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Segment {
    Literal(String),
    Param,
}

impl RouteTable {
    /// Reads every documented path and method.
    pub fn from_openapi(doc: &OpenApi) -> Self {
        let routes = doc
            .paths
            .paths
            .iter()
            .map(|(path, item)| {
                let methods = [
                    ("GET", item.get.is_some()),
                    ("HEAD", item.head.is_some()),
                    ("POST", item.post.is_some()),
                    ("PUT", item.put.is_some()),
                    ("PATCH", item.patch.is_some()),
                    ("DELETE", item.delete.is_some()),
                ]
                .into_iter()
                .filter_map(|(name, present)| present.then_some(name))
                .collect();
                (parse_template(path), methods)
            })
            .collect();
        RouteTable { routes }
    }

    /// The methods allowed on `path`, or `None` when no documented route matches it.
    ///
    /// Where several templates match, the path is the most specific one's, as the router
    /// resolves it: `/applications/export` is the export route, not `/applications/{id}`, so
    /// its `Allow` lists the export's methods only.
    pub fn allowed(&self, path: &str) -> Option<Vec<&'static str>> {
        let segments: Vec<&str> = split(path).collect();
        let matching: Vec<&(Vec<Segment>, Vec<&'static str>)> = self
            .routes
            .iter()
            .filter(|(template, _)| matches(template, &segments))
            .collect();
        let best = matching
            .iter()
            .map(|(template, _)| specificity(template))
            .max()?;
        let mut allowed: Vec<&'static str> = matching
            .iter()
            .filter(|(template, _)| specificity(template) == best)
            .flat_map(|(_, methods)| methods.iter().copied())
            .collect();
        if allowed.is_empty() {
            return None;
        }
        allowed.sort_unstable();
        allowed.dedup();
        Some(allowed)
    }
}

fn split(path: &str) -> impl Iterator<Item = &str> {
    path.split('/').filter(|s| !s.is_empty())
}

fn parse_template(path: &str) -> Vec<Segment> {
    split(path)
        .map(|s| {
            if s.starts_with('{') && s.ends_with('}') {
                Segment::Param
            } else {
                Segment::Literal(s.to_owned())
            }
        })
        .collect()
}

/// Literal segments, first ones weighing most: `/a/b/{x}` beats `/a/{x}/c`, which beats `/a/{x}/{y}`.
fn specificity(template: &[Segment]) -> Vec<bool> {
    template
        .iter()
        .map(|s| matches!(s, Segment::Literal(_)))
        .collect()
}

fn matches(template: &[Segment], segments: &[&str]) -> bool {
    template.len() == segments.len()
        && template.iter().zip(segments).all(|(t, s)| match t {
            Segment::Param => true,
            Segment::Literal(l) => l == s,
        })
}

/// The `/api` scope's default service.
pub async fn api_fallback(
    req: HttpRequest,
    table: web::Data<Arc<RouteTable>>,
) -> Result<HttpResponse, ApiError> {
    match table.allowed(req.path()) {
        // The method is the path's, but no route took it: a parameter that is not an id
        // (`/applications/abc`), which names nothing.
        Some(methods) if methods.contains(&req.method().as_str()) => {
            Err(ApiError::new(ErrorCode::NotFound))
        }
        Some(methods) => {
            let allow = methods.join(", ");
            tracing::debug!(http.allow = %allow, "method not allowed");
            Ok(HttpResponse::MethodNotAllowed()
                .insert_header((header::ALLOW, allow))
                .finish())
        }
        None => Err(ApiError::new(ErrorCode::NotFound)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> RouteTable {
        RouteTable {
            routes: vec![
                (parse_template("/api/health"), vec!["GET"]),
                (parse_template("/api/v1/items/{id}"), vec!["GET", "DELETE"]),
                (parse_template("/api/v1/items/{id}/actions"), vec!["POST"]),
                (parse_template("/api/v1/items/export"), vec!["GET"]),
                (parse_template("/api/v1/items/for-someone"), vec!["POST"]),
            ],
        }
    }

    #[test]
    fn templates_match_by_segment() {
        let t = table();
        assert_eq!(t.allowed("/api/health"), Some(vec!["GET"]));
        assert_eq!(t.allowed("/api/health/"), Some(vec!["GET"]));
        assert_eq!(t.allowed("/api/v1/items/42"), Some(vec!["DELETE", "GET"]));
        assert_eq!(t.allowed("/api/v1/items/42/actions"), Some(vec!["POST"]));
        assert_eq!(t.allowed("/api/v1/items"), None);
        assert_eq!(t.allowed("/api/nope"), None);
        assert_eq!(t.allowed("/api/v1/items/42/actions/x"), None);
    }

    #[test]
    fn a_literal_route_hides_the_parameter_route_beside_it() {
        let t = table();
        assert_eq!(t.allowed("/api/v1/items/export"), Some(vec!["GET"]));
        assert_eq!(t.allowed("/api/v1/items/for-someone"), Some(vec!["POST"]));
        assert_eq!(t.allowed("/api/v1/items/7"), Some(vec!["DELETE", "GET"]));
    }
}
