//! The standard failure-publicity text (manual §6.2.8, “审查未通过公示”): the title and the
//! content paragraphs with the committee's unit, year, series, level, period and deadlines
//! filled in. The reviewer may still edit the draft before publishing.

use chrono::{Datelike, NaiveDate};
use diesel::prelude::*;
use shared::{
    application::{Level, Series},
    publicity::PublicityTemplate,
    Locale,
};

use crate::{
    applications::access::ReviewerScope,
    db::{
        schema::{committees, units},
        DbConnection,
    },
    error::ApiError,
};

/// What fills the placeholders.
#[derive(Debug, Clone)]
pub struct FailureFacts {
    /// The committee's organising unit (XX 单位).
    pub unit: String,
    pub year: i32,
    pub series: Option<Series>,
    /// The levels publicised (may be empty: the phrase then names none).
    pub levels: Vec<Level>,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    /// Online supplement deadline.
    pub supplement_deadline: NaiveDate,
    /// Paper materials deadline.
    pub paper_deadline: NaiveDate,
    /// Where paper materials go; the unit's name when not given.
    pub address: Option<String>,
    /// Contact phone; the unit's contact phone when not given.
    pub phone: String,
}

impl FailureFacts {
    /// The facts of a reviewer's scope: its committee's organising unit and phone.
    pub fn of_scope(
        conn: &mut DbConnection,
        scope: &ReviewerScope,
    ) -> Result<(String, String), ApiError> {
        Ok(committees::table
            .inner_join(units::table)
            .filter(committees::id.eq(scope.committee_id))
            .select((units::name, units::contact_phone))
            .first(conn)?)
    }
}

fn zh_date(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// Fills the standard title and content.
pub fn failure(f: &FailureFacts) -> PublicityTemplate {
    let series = f.series.map_or("", |s| s.label(Locale::ZhCn));
    let levels = f
        .levels
        .iter()
        .map(|l| l.label(Locale::ZhCn))
        .collect::<Vec<_>>()
        .join("、");
    let subject = format!(
        "{}{}年度{}{}专业技术职务任职资格",
        f.unit, f.year, series, levels
    );
    let deadline = zh_date(f.supplement_deadline);
    let paper_deadline = zh_date(f.paper_deadline);
    let address = f.address.clone().unwrap_or_else(|| f.unit.clone());
    let title = format!("{subject}政策性审查未通过人员公示表");
    let content = format!(
        "经专家组审核，现将{subject}政策性审查未通过人员予以公示，公示期为{start}至{end}。\n\n\
         一、请未通过人员登录本平台查看未通过原因（职称申报评审管理—》个人职称申报—》点击追踪按钮—》查看审查未通过原因），\
         在审查未通过公示的流程退回到申报个人后，申报个人可通过选择职称申报评审管理—》个人职称申报，点击“编辑”按钮后，\
         在“政策性审查未通过补充材料”栏补充材料（补充材料均须加盖单位公章）。线上补充材料截止时间至{deadline}。\n\n\
         二、对政策性审查结果有异议的，可以电话、书面报送材料等形式反映。反映情况须客观真实，以单位名义反映情况的材料需加盖单位公章，\
         以个人名义反映情况的材料应署名并提供有效联系方式。\n\n\
         需补充纸质材料的申报人，请将补充材料（加盖单位公章）装入资料袋，并在封面注明姓名、单位、联系电话、拟申报专业及任职资格，\
         补充纸质材料时间截止到{paper_deadline}，节假日除外。同时在系统内补充相同材料后重新提交，逾期不再受理。\n\n\
         纸质材料报送地址：{address}\n\
         纸质材料报送时间：上午 9:00-12:00、下午 2:00-5:00\n\
         联系电话：{phone}",
        start = zh_date(f.period_start),
        end = zh_date(f.period_end),
        phone = f.phone,
    );
    PublicityTemplate { title, content }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_placeholder_is_filled() {
        let d = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
        let t = failure(&FailureFacts {
            unit: "示范县人力资源和社会保障局".into(),
            year: 2026,
            series: Some(Series::Engineering),
            levels: vec![Level::AssociateSenior],
            period_start: d(12, 1),
            period_end: d(12, 7),
            supplement_deadline: d(12, 14),
            paper_deadline: d(12, 18),
            address: None,
            phone: "0851-1234567".into(),
        });
        assert_eq!(
            t.title,
            "示范县人力资源和社会保障局2026年度工程系列副高级专业技术职务任职资格政策性审查未通过人员公示表"
        );
        assert!(t.content.contains("公示期为2026年12月1日至2026年12月7日"));
        assert!(t.content.contains("线上补充材料截止时间至2026年12月14日"));
        assert!(t.content.contains("补充纸质材料时间截止到2026年12月18日"));
        assert!(t.content.contains("联系电话：0851-1234567"));
        assert!(!t.content.contains("XX"));
    }
}
