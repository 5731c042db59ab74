use actix_web::{get, web, HttpRequest, HttpResponse};
use shared::certificates::Certificate;

use super::list::CertificateQuery;
use crate::{
    auth::AuthUser,
    certificates::{self, Signer},
    db::Db,
    error::ApiError,
    http::export::{self, china_time, Cell, Column, Sheet},
};

const COLUMNS: &[Column<Certificate>] = &[
    Column {
        zh: "证书编号",
        en: "Number",
        width: 22.0,
        cell: |c, _| Cell::from(c.number.as_str()),
    },
    Column {
        zh: "姓名",
        en: "Holder",
        width: 12.0,
        cell: |c, _| Cell::from(c.holder_name.as_str()),
    },
    Column {
        zh: "身份证号",
        en: "ID number",
        width: 22.0,
        cell: |c, _| Cell::from(c.id_number.as_str()),
    },
    Column {
        zh: "性别",
        en: "Gender",
        width: 6.0,
        cell: |c, l| Cell::from(c.gender.label(l)),
    },
    Column {
        zh: "工作单位",
        en: "Employer",
        width: 28.0,
        cell: |c, _| Cell::from(c.employer.as_str()),
    },
    Column {
        zh: "系列",
        en: "Series",
        width: 16.0,
        cell: |c, l| Cell::from(c.series.label(l)),
    },
    Column {
        zh: "专业",
        en: "Specialty",
        width: 16.0,
        cell: |c, _| Cell::from(c.specialty.as_str()),
    },
    Column {
        zh: "级别",
        en: "Level",
        width: 10.0,
        cell: |c, l| Cell::from(c.level.label(l)),
    },
    Column {
        zh: "任职资格名称",
        en: "Qualification",
        width: 18.0,
        cell: |c, _| Cell::from(c.qualification.as_str()),
    },
    Column {
        zh: "评委会",
        en: "Committee",
        width: 30.0,
        cell: |c, _| Cell::from(c.committee.as_str()),
    },
    Column {
        zh: "批准日期",
        en: "Approved on",
        width: 12.0,
        cell: |c, _| Cell::from(c.approval_date.as_str()),
    },
    Column {
        zh: "批准文号",
        en: "Approval document",
        width: 20.0,
        cell: |c, _| Cell::from(c.approval_document.as_str()),
    },
    Column {
        zh: "发证机关",
        en: "Issuing body",
        width: 28.0,
        cell: |c, _| Cell::from(c.issuing_body.as_str()),
    },
    Column {
        zh: "来源",
        en: "Source",
        width: 10.0,
        cell: |c, l| Cell::from(c.source.label(l)),
    },
    Column {
        zh: "状态",
        en: "Status",
        width: 8.0,
        cell: |c, l| Cell::from(c.status.label(l)),
    },
    Column {
        zh: "撤销日期",
        en: "Revoked on",
        width: 12.0,
        cell: |c, _| Cell::from(c.revoked_on.clone()),
    },
    Column {
        zh: "录入时间",
        en: "Recorded at",
        width: 20.0,
        cell: |c, _| Cell::from(china_time(&c.created_at)),
    },
];

/// The certificates under the same filters and jurisdiction as `GET /api/v1/certificates`, as
/// an XLSX workbook (at most 50,000 rows; ID numbers masked).
#[utoipa::path(
    tag = "certificates",
    params(CertificateQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "XLSX workbook", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (status = 400, description = "`bad_request`: a filter is malformed or out of range", body = shared::ErrorBody),
        (status = 401, description = "`unauthenticated`", body = shared::ErrorBody),
        (status = 403, description = "`forbidden`: needs a `title.certificates.*` module", body = shared::ErrorBody),
        (status = 422, description = "`export_too_large`: more than 50,000 rows match", body = shared::ErrorBody),
    )
)]
#[get("/v1/certificates/export")]
pub async fn export_certificates(
    req: HttpRequest,
    user: AuthUser,
    query: web::Query<CertificateQuery>,
    db: web::Data<Db>,
    signer: web::Data<Signer>,
) -> Result<HttpResponse, ApiError> {
    certificates::require_reader(&user)?;
    let filter = query.into_inner().filter();
    let sheet = Sheet {
        zh: "职称证书",
        en: "certificates",
        columns: COLUMNS,
    };
    export::xlsx(&req, &db, sheet, move |conn, page| {
        certificates::list_page(conn, &user, &signer, &filter, page)
    })
    .await
}
