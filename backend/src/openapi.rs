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
    // The document is the server's own data: it always converts (the snapshot test pins the
    // refined form); should it ever not, the unrefined document is still a true one.
    refine(&doc).unwrap_or_else(|e| {
        tracing::error!(error = %e, "refining the OpenAPI document failed");
        doc
    })
}

/// Refinements made on the document's JSON, where they are one rule each instead of an edit
/// of every schema:
/// - a string whose `format` names a rule of `shared` gets that rule's pattern, which its tests
///   prove accepts exactly what the rule accepts: `text` and `optional-text` (`http::text`),
///   `phone`, `contact-phone`, `contact-email`, `username`, `certificate-number`,
///   `category-code`; `id-number` and `credit-code` get their shape only (`shared::ids`: a
///   check character is not a pattern's to state);
/// - a request type that flattens another (`allOf` of objects) becomes one object, closed
///   (`additionalProperties: false`) as serde's `deny_unknown_fields` makes it;
/// - an operation with a path parameter declares 404 (a segment that does not parse names
///   nothing, `extractors::path_config`);
/// - operation ids are unique ([`unique_operation_ids`]) and answers that name an object link
///   to the operations on it ([`add_links`]).
fn refine(doc: &utoipa::openapi::OpenApi) -> serde_json::Result<utoipa::openapi::OpenApi> {
    use serde_json::Value;
    let mut json = serde_json::to_value(doc)?;
    fn formats(v: &mut Value, patterns: &[(&str, String)]) {
        match v {
            Value::Object(map) => {
                let format = map.get("format").and_then(Value::as_str);
                if let Some((_, pattern)) = patterns.iter().find(|(f, _)| Some(*f) == format) {
                    map.insert("pattern".to_owned(), Value::from(pattern.as_str()));
                }
                map.values_mut().for_each(|v| formats(v, patterns));
            }
            Value::Array(items) => items.iter_mut().for_each(|v| formats(v, patterns)),
            _ => {}
        }
    }
    formats(
        &mut json,
        &[
            ("text", shared::rules::text_pattern()),
            ("phone", shared::rules::phone_pattern()),
            ("certificate-number", shared::certificates::number_pattern()),
            ("optional-text", shared::rules::optional_text_pattern()),
            ("username", shared::rules::username_pattern()),
            (
                "category-code",
                shared::attachments::category_code_pattern(),
            ),
            ("contact-phone", shared::rules::contact_phone_pattern()),
            ("contact-email", shared::rules::email_pattern()),
            ("id-number", shared::ids::id_number_shape_pattern()),
            ("credit-code", shared::ids::credit_code_shape_pattern()),
        ],
    );
    if let Some(schemas) = json
        .pointer("/components/schemas")
        .and_then(Value::as_object)
        .cloned()
    {
        for (name, schema) in &schemas {
            let Some(parts) = schema.get("allOf").and_then(Value::as_array) else {
                continue;
            };
            let mut properties = serde_json::Map::new();
            let mut required = Vec::new();
            for part in parts {
                let part = match part.get("$ref").and_then(Value::as_str) {
                    Some(r) => &schemas[r.trim_start_matches("#/components/schemas/")],
                    None => part,
                };
                if let Some(p) = part.get("properties").and_then(Value::as_object) {
                    properties.extend(p.clone());
                }
                if let Some(r) = part.get("required").and_then(Value::as_array) {
                    required.extend(r.iter().cloned());
                }
            }
            let mut merged = serde_json::json!({
                "type": "object",
                "properties": properties,
                "required": required,
                "additionalProperties": false,
            });
            if let Some(description) = schema.get("description") {
                merged["description"] = description.clone();
            }
            json["components"]["schemas"][name] = merged;
        }
    }
    if let Some(paths) = json.get_mut("paths").and_then(Value::as_object_mut) {
        for item in paths.values_mut() {
            let Some(item) = item.as_object_mut() else {
                continue;
            };
            for op in item.values_mut() {
                let in_path = op
                    .get("parameters")
                    .and_then(Value::as_array)
                    .is_some_and(|ps| ps.iter().any(|p| p["in"] == "path"));
                if in_path && op["responses"].get("404").is_none() {
                    op["responses"]["404"] = serde_json::json!({
                        "description": "`not_found`: nothing has this id, or it is not the caller's to see",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
                    });
                }
            }
        }
    }
    unique_operation_ids(&mut json);
    add_links(&mut json);
    let mut doc: utoipa::openapi::OpenApi = serde_json::from_value(json)?;
    spell_link_targets(&mut doc);
    Ok(doc)
}

/// The operations of a path that this API uses (GET, PUT, POST, DELETE, PATCH; a HEAD is its
/// GET's).
fn operations_mut(
    item: &mut utoipa::openapi::path::PathItem,
) -> impl Iterator<Item = &mut utoipa::openapi::path::Operation> {
    [
        &mut item.get,
        &mut item.put,
        &mut item.post,
        &mut item.delete,
        &mut item.patch,
    ]
    .into_iter()
    .flatten()
}

/// utoipa 5.5 writes a link's target as `operation_id` (its field's name) where OpenAPI says
/// `operationId`: [`add_links`] leaves the target in `x-operation-id`, which survives the
/// conversion, and this moves it to the key OpenAPI reads.
fn spell_link_targets(doc: &mut utoipa::openapi::OpenApi) {
    use utoipa::openapi::RefOr;
    for item in doc.paths.paths.values_mut() {
        for op in operations_mut(item) {
            for response in op.responses.responses.values_mut() {
                let RefOr::T(response) = response else {
                    continue;
                };
                for link in response.links.values_mut() {
                    let RefOr::T(link) = link else {
                        continue;
                    };
                    if let Some(extensions) = link.extensions.as_mut() {
                        if let Some(target) = extensions.remove("x-operation-id") {
                            extensions.insert("operationId".to_owned(), target);
                        }
                    }
                }
            }
        }
    }
}

/// An operation id names one operation: a `HEAD` served by its `GET`'s handler (utoipa gives
/// both the handler's name) is `<id>_head`.
fn unique_operation_ids(json: &mut serde_json::Value) {
    for item in json
        .get_mut("paths")
        .and_then(serde_json::Value::as_object_mut)
        .into_iter()
        .flat_map(|paths| paths.values_mut())
    {
        let Some(get_id) = item
            .pointer("/get/operationId")
            .and_then(serde_json::Value::as_str)
            .map(str::to_owned)
        else {
            continue;
        };
        if let Some(head) = item
            .get_mut("head")
            .filter(|head| head["operationId"] == get_id.as_str())
        {
            head["operationId"] = format!("{get_id}_head").into();
        }
    }
}

/// OpenAPI links, so that a client (and the contract run's stateful phase) can follow an
/// object from an answer that names it to the operations on it. A collection `/X` whose objects
/// live at `/X/{id}` has resource schemas: the objects that the operations on `/X/{id}`, `GET /X`
/// (a page's items), `POST /X` and any `POST …/<last segment of X>` answer. An answer's object is
/// the schema itself when it has an integer `id`, a page's first item, or the one property of a
/// detail that is such an object (`{"session": {…}, "groups": […]}`). Every successful answer
/// whose object is a resource schema of `/X` links to every operation on `/X/{id}` and on the
/// paths under it that have no other path parameter.
fn add_links(json: &mut serde_json::Value) {
    use serde_json::{json, Value};
    use std::collections::{BTreeMap, BTreeSet};
    const METHODS: [&str; 5] = ["get", "post", "put", "patch", "delete"];
    let schema_name = |v: &Value| {
        v.as_str()
            .map(|r| r.trim_start_matches("#/components/schemas/").to_owned())
    };
    // The first successful answer with a JSON schema: its status and the schema's name.
    let answer = |op: &Value| -> Option<(String, String)> {
        op.get("responses")?
            .as_object()?
            .iter()
            .filter(|(status, _)| status.starts_with('2'))
            .find_map(|(status, r)| {
                let name = schema_name(r.pointer("/content/application~1json/schema/$ref")?)?;
                Some((status.clone(), name))
            })
    };
    let schemas = json
        .pointer("/components/schemas")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let has_id = |name: &str| {
        schemas
            .get(name)
            .and_then(|s| s.pointer("/properties/id/type"))
            .is_some_and(|t| t == "integer")
    };
    // A page's items are written inline (utoipa's generic `Page<T>`): the component they equal.
    let component_equal_to = |inline: &Value| {
        schemas
            .iter()
            .find(|(_, schema)| *schema == inline)
            .map(|(name, _)| name.clone())
    };
    // An answer's object and the JSON pointer of its id.
    let object = |name: &str| -> Option<(String, String)> {
        if has_id(name) {
            return Some((name.to_owned(), "/id".to_owned()));
        }
        let properties = schemas.get(name)?.get("properties")?.as_object()?;
        if let Some(item) = properties
            .get("items")
            .and_then(|items| items.get("items"))
            .and_then(|item| match item.get("$ref") {
                Some(reference) => schema_name(reference),
                None => component_equal_to(item),
            })
            .filter(|item| has_id(item))
        {
            return Some((item, "/items/0/id".to_owned()));
        }
        let mut objects = properties.iter().filter_map(|(property, schema)| {
            let name = schema.get("$ref").and_then(schema_name)?;
            has_id(&name).then(|| (name, format!("/{property}/id")))
        });
        match (objects.next(), objects.next()) {
            (Some(one), None) => Some(one),
            _ => None,
        }
    };
    let Some(paths) = json.get("paths").and_then(Value::as_object).cloned() else {
        return;
    };
    let operations = |path: &str| {
        let item = paths.get(path);
        METHODS
            .iter()
            .filter_map(move |m| item.and_then(|i| i.get(*m)).map(|op| (*m, op)))
    };
    // Collection → (its resource schemas, the operation ids on its objects).
    let mut resources: BTreeMap<&str, (BTreeSet<String>, BTreeSet<String>)> = BTreeMap::new();
    for path in paths.keys() {
        let Some(collection) = path.strip_suffix("/{id}").filter(|c| !c.contains('{')) else {
            continue;
        };
        let last = collection.rsplit('/').next().unwrap_or(collection);
        let prefix = format!("{collection}/{{id}}");
        let mut kinds = BTreeSet::new();
        let mut targets = BTreeSet::new();
        for (other, _) in &paths {
            let Some(rest) = other.strip_prefix(&prefix) else {
                continue;
            };
            if !(rest.is_empty() || (rest.starts_with('/') && !rest.contains('{'))) {
                continue;
            }
            for (_, op) in operations(other) {
                if let Some(id) = op.get("operationId").and_then(Value::as_str) {
                    targets.insert(id.to_owned());
                }
                if rest.is_empty() {
                    kinds.extend(answer(op).and_then(|(_, a)| object(&a)).map(|(o, _)| o));
                }
            }
        }
        for (other, _) in &paths {
            let creates_here = other.as_str() == collection
                || (other.ends_with(&format!("/{last}")) && other.contains('{'));
            if !creates_here {
                continue;
            }
            for (method, op) in operations(other) {
                if method == "post" || (method == "get" && other.as_str() == collection) {
                    kinds.extend(answer(op).and_then(|(_, a)| object(&a)).map(|(o, _)| o));
                }
            }
        }
        resources.insert(collection, (kinds, targets));
    }
    let mut links_of: Vec<(String, &'static str, String, serde_json::Map<String, Value>)> =
        Vec::new();
    for (path, _) in &paths {
        for (method, op) in operations(path) {
            let Some((status, name)) = answer(op) else {
                continue;
            };
            let Some((object_name, pointer)) = object(&name) else {
                continue;
            };
            let own = op.get("operationId").and_then(Value::as_str);
            let mut links = serde_json::Map::new();
            for (kinds, targets) in resources.values() {
                if !kinds.contains(&object_name) {
                    continue;
                }
                for target in targets.iter().filter(|t| Some(t.as_str()) != own) {
                    links.insert(
                        target.clone(),
                        json!({
                            "x-operation-id": target,
                            "parameters": {"path.id": format!("$response.body#{pointer}")},
                        }),
                    );
                }
            }
            if !links.is_empty() {
                links_of.push((path.clone(), method, status, links));
            }
        }
    }
    for (path, method, status, links) in links_of {
        if let Some(response) = json.pointer_mut(&format!(
            "/paths/{}/{method}/responses/{status}",
            path.replace('~', "~0").replace('/', "~1")
        )) {
            response["links"] = Value::Object(links);
        }
    }
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
        for op in operations_mut(item) {
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
                // A query or path parameter is absent or a value, never `null` (an `Option`
                // field would otherwise document `null`, which a client can only send as an
                // empty string).
                if let Some(schema) = param.schema.as_mut() {
                    not_null(schema);
                }
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

/// Drops `null` from a parameter's schema: `["string", "null"]` becomes `"string"`, and
/// `oneOf: [null, X]` becomes `X`.
fn not_null(schema: &mut utoipa::openapi::RefOr<utoipa::openapi::schema::Schema>) {
    use utoipa::openapi::{
        schema::{Schema, SchemaType, Type},
        RefOr,
    };
    let replacement = match schema {
        RefOr::T(Schema::Object(object)) => {
            if let SchemaType::Array(types) = &object.schema_type {
                let rest: Vec<Type> = types
                    .iter()
                    .filter(|t| **t != Type::Null)
                    .cloned()
                    .collect();
                object.schema_type = match rest.as_slice() {
                    [one] => SchemaType::Type(one.clone()),
                    _ => SchemaType::Array(rest),
                };
            }
            None
        }
        RefOr::T(Schema::OneOf(one_of)) => {
            let rest: Vec<_> = one_of
                .items
                .iter()
                .filter(|item| {
                    !matches!(item, RefOr::T(Schema::Object(o))
                        if o.schema_type == SchemaType::Type(Type::Null))
                })
                .cloned()
                .collect();
            match rest.len() {
                1 => rest.into_iter().next(),
                _ => None,
            }
        }
        _ => None,
    };
    if let Some(one) = replacement {
        *schema = one;
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
