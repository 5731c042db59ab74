//! Demo certificates (issue 12): historic ones of the county employer, so that the
//! certificate screens, the holder's 我的证书 and the public verification have something to
//! show before any filing is approved — 张晓明's 2019 中级 certificate (valid) and a revoked one.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use shared::{
    application::{Gender, Level, Series},
    certificates::{CertificateSource, CertificateStatus},
    ids::IdNumber,
};

use crate::{
    certificates::issue::new_token,
    db::{
        schema::{certificates, units},
        DbConnection,
    },
    error::ApiError,
};

/// The demo's certificate numbers: `(number, holder, 17 digits of the ID number, revoked)`.
pub const CERTIFICATES: &[(&str, &str, &str, bool)] = &[
    ("DEMO-2019-0001", "张晓明", "52012119900101123", false),
    ("DEMO-2018-0042", "刘海燕", "52012119880512246", true),
];

/// Seeds the demo certificates (called once, into an empty database).
pub fn seed(conn: &mut DbConnection, now: NaiveDateTime) -> Result<(), ApiError> {
    let (employer, path, name): (i64, String, String) = units::table
        .filter(units::name.eq("示范县第一中学"))
        .select((units::id, units::path, units::name))
        .first(conn)?;
    for &(number, holder, body, revoked) in CERTIFICATES {
        let check = IdNumber::check_char(body).map(char::from).unwrap_or('0');
        let id_number = format!("{body}{check}");
        let male = IdNumber::parse(&id_number).is_ok_and(|i| i.is_male());
        diesel::insert_into(certificates::table)
            .values((
                certificates::number.eq(number),
                certificates::holder_name.eq(holder),
                certificates::id_number.eq(crate::pii::Pii::new(&id_number)),
                certificates::id_number_hash.eq(crate::pii::hash(&id_number)),
                certificates::gender.eq(if male { Gender::Male } else { Gender::Female }),
                certificates::employer_id.eq(Some(employer)),
                certificates::employer_path.eq(&path),
                certificates::employer_name.eq(&name),
                certificates::series.eq(Series::Engineering),
                certificates::specialty.eq("电气工程"),
                certificates::level.eq(Level::Intermediate),
                certificates::qualification.eq("工程师"),
                certificates::committee_name.eq("示范省工程系列中级职称评审委员会"),
                certificates::approval_date
                    .eq(NaiveDate::from_ymd_opt(2019, 12, 20).unwrap_or_default()),
                certificates::approval_document.eq("示人社职〔2019〕12号"),
                certificates::issuing_body.eq("示范省人力资源和社会保障厅"),
                certificates::year.eq(2019),
                certificates::source.eq(CertificateSource::Backfill),
                certificates::status.eq(if revoked {
                    CertificateStatus::Revoked
                } else {
                    CertificateStatus::Valid
                }),
                certificates::revoked_at.eq(revoked.then_some(now)),
                certificates::revoked_reason.eq(revoked.then_some("演示：证书系伪造")),
                certificates::token.eq(new_token()),
                certificates::created_at.eq(now),
                certificates::version.eq(1_i64),
            ))
            .execute(conn)?;
    }
    Ok(())
}
