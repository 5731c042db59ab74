//! The OpenAPI document. Paths are collected by `utoipa-actix-web` as routes are registered
//! (see `routes::configure`), so the document cannot miss a route.

use actix_web::App;
use utoipa::OpenApi;
use utoipa_actix_web::AppExt;

/// Document-level information; paths are added by registration.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "职称评审子系统 API",
        description = "Professional-title evaluation platform. Errors are `{\"code\", \"message\"}` \
                       with a stable `code` (see the `ErrorCode` schema); messages follow \
                       `Accept-Language` (zh-CN default, en). Lists are paginated with \
                       `?page=&per_page=` and answer `{items, total, page, per_page}`.",
        license(name = "Proprietary"),
    ),
    components(schemas(shared::ErrorBody, shared::ErrorCode, shared::Locale)),
    modifiers(&BearerAuth),
    tags(
        (name = "system", description = "Health and operations / 系统"),
        (name = "auth", description = "Sign-in, sessions and passwords / 登录与会话"),
        (name = "units", description = "Organisation / 组织机构与单位"),
        (name = "accounts", description = "Accounts / 用户与账号"),
        (name = "audit", description = "Audit log / 审计日志"),
        (name = "roles", description = "Roles and security policy / 角色与安全策略"),
        (name = "applications", description = "Title applications and the workflow / 职称申报与流程"),
        (name = "calendar", description = "Working-day calendar / 工作日历"),
        (name = "publicity", description = "Publicity batches, reports and the public site / 公示与举报"),
        (name = "committees", description = "Committees, review authority filings and policy-review accounts / 评委会、评审权备案与政策性审查账号"),
        (name = "attachments", description = "Attachments / 附件"),
        (name = "sessions", description = "Review sessions, groups and the verifiable draw of experts / 评委会管理与专家抽取"),
        (name = "online", description = "During the review: attendance, blind opinions, distribution, expert reviews / 线上评审：签到、盲评意见、分发材料、专家评审"),
        (name = "votes", description = "Group vote, the committee's secret ballot, the tally, the vote sheet and tally results / 组内投票、评委会投票、统票、评审表决表与统票结果"),
        (name = "filing", description = "Review filing of a finished session / 评审工作备案"),
        (name = "notices", description = "The caller's notices and unread count / 站内通知"),
        (name = "dashboards", description = "Figures of the applications and accounts / 统计分析"),
        (name = "certificates", description = "Certificates: issue, backfill, import, query, public verification / 职称证书管理与证书核验"),
        (name = "experts", description = "Expert pool, pool updates, recommendations and the expert's profile / 专家库、专家库更新备案、专家推荐与专家个人信息"),
    )
)]
struct ApiDoc;

/// Declares the `bearer` scheme that authenticated operations reference.
struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .build(),
            ),
        );
    }
}

/// The complete document, built by registering the real routes once.
pub fn document() -> utoipa::openapi::OpenApi {
    let (_, doc) = App::new()
        .into_utoipa_app()
        .openapi(ApiDoc::openapi())
        .service(utoipa_actix_web::scope("/api").configure(crate::routes::configure))
        .split_for_parts();
    let mut doc = doc;
    doc.info.version = env!("CARGO_PKG_VERSION").to_owned();
    declare_common_answers(&mut doc);
    doc
}

/// What an operation can answer before or around its handler — the extractors' and the
/// middleware's refusals — declared on every operation it applies to (where the operation does
/// not already say more), and the bounds the server enforces on the list parameters and ids.
/// An integrator's generated client then knows every status it can meet (issue 13).
fn declare_common_answers(doc: &mut utoipa::openapi::OpenApi) {
    use shared::pagination::PageQuery;
    for (path, item) in doc.paths.paths.iter_mut() {
        // An export is the whole filtered list: it shares the list's filter type, but pages
        // are not its parameters.
        let export = path.ends_with("/export") || path.ends_with("/export.xlsx");
        let operations = [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.patch,
        ];
        for op in operations.into_iter().flatten() {
            let json_body = op
                .request_body
                .as_ref()
                .is_some_and(|b| b.content.contains_key("application/json"));
            let any_body = op.request_body.is_some();
            let secured = op
                .security
                .as_ref()
                .is_some_and(|s| s.iter().any(|r| r != &Default::default()));
            let has_params = op.parameters.as_ref().is_some_and(|p| !p.is_empty());
            let mut add = |status: &str, codes: &str| {
                op.responses
                    .responses
                    .entry(status.to_owned())
                    .or_insert_with(|| error_response(codes));
            };
            if json_body {
                add("400", "`malformed_json`: the body is not JSON");
                add(
                    "415",
                    "`unsupported_media_type`: the body is not `application/json`",
                );
                add(
                    "422",
                    "`invalid_body`: a field is missing, unknown or of the wrong type",
                );
            }
            if any_body {
                add("413", "`payload_too_large`");
            }
            if has_params {
                add(
                    "400",
                    "`bad_request`: a query parameter is malformed or out of range",
                );
            }
            if secured {
                add(
                    "401",
                    "`unauthenticated`: no valid access token, or its session ended",
                );
                add(
                    "403",
                    "`forbidden`; `password_change_required`, `mfa_enrollment_required`",
                );
            }
            add(
                "503",
                "`database_unavailable`: the database does not answer",
            );
            if export {
                if let Some(params) = op.parameters.as_mut() {
                    params.retain(|p| p.name != "page" && p.name != "per_page");
                }
            }
            for param in op.parameters.iter_mut().flatten() {
                let in_path =
                    matches!(param.parameter_in, utoipa::openapi::path::ParameterIn::Path);
                let bounds = match param.name.as_str() {
                    "page" => Some((1, Some(PageQuery::MAX_PAGE))),
                    "per_page" => Some((1, Some(PageQuery::MAX_PER_PAGE))),
                    // Ids in the path (a filter's `…_id` of 0 just matches nothing).
                    name if in_path && (name == "id" || name.ends_with("_id")) => Some((1, None)),
                    _ => None,
                };
                if let (
                    Some((min, max)),
                    Some(utoipa::openapi::RefOr::T(utoipa::openapi::schema::Schema::Object(
                        object,
                    ))),
                ) = (bounds, param.schema.as_mut())
                {
                    use utoipa::openapi::schema::{SchemaType, Type};
                    let integer = match &object.schema_type {
                        SchemaType::Type(t) => *t == Type::Integer,
                        SchemaType::Array(types) => types.contains(&Type::Integer),
                        SchemaType::AnyValue => false,
                    };
                    if integer {
                        // A query or path parameter is absent or a number, never `null`.
                        object.schema_type = SchemaType::Type(Type::Integer);
                        object.minimum = Some(utoipa::Number::UInt(min));
                        object.maximum = max.map(|m| utoipa::Number::UInt(m as usize));
                    }
                }
            }
        }
    }
}

/// A response of the error envelope.
fn error_response(description: &str) -> utoipa::openapi::RefOr<utoipa::openapi::Response> {
    use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};
    ResponseBuilder::new()
        .description(description)
        .content(
            "application/json",
            ContentBuilder::new()
                .schema(Some(Ref::from_schema_name("ErrorBody")))
                .build(),
        )
        .build()
        .into()
}
