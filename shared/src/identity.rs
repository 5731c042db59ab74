//! Organisation and account vocabulary (SPEC §1–§2), stored as text everywhere.

use serde::Serialize;

text_enum! {
    /// What kind of organisation a unit is.
    UnitKind {
        /// 人社机构 / 人社局
        Hrss = "hrss", "人社机构", "HR & social security bureau";
        /// 主管部门
        CompetentDepartment = "competent_department", "主管部门", "Competent department";
        /// 用人单位
        Employer = "employer", "用人单位", "Employer";
    }
}

text_enum! {
    /// The administrative level a unit sits at.
    UnitLevel {
        /// 省级
        Province = "province", "省级", "Province";
        /// 市州级
        City = "city", "市州级", "City";
        /// 县级
        County = "county", "县级", "County";
    }
}

text_enum! {
    /// What an account is for. Every account has exactly one kind; the three administrator
    /// duties (system, security, audit) are three kinds, so no account can hold two.
    AccountKind {
        /// The unit's own account (单位账号).
        Unit = "unit", "单位账号", "Unit account";
        /// The unit's administrator (单位管理员).
        UnitAdmin = "unit_admin", "单位管理员", "Unit administrator";
        /// Staff with business roles (经办人).
        Handler = "handler", "经办人", "Handler";
        /// A person applying for a title (申报人); the username is the ID number.
        Applicant = "applicant", "申报人", "Applicant";
        /// One-off policy-review account (政策性审查账号).
        PolicyReviewer = "policy_reviewer", "政策性审查账号", "Policy reviewer";
        /// A review expert (专家).
        Expert = "expert", "专家", "Expert";
        /// System administrator (系统管理员).
        SystemAdmin = "system_admin", "系统管理员", "System administrator";
        /// Security administrator (安全管理员).
        SecurityAdmin = "security_admin", "安全管理员", "Security administrator";
        /// Security auditor (安全审计员): reads audit logs, changes nothing.
        Auditor = "auditor", "安全审计员", "Auditor";
    }
}

impl UnitLevel {
    /// The level of the unit directly below a unit of this level in the HRSS chain.
    pub fn below(self) -> Option<UnitLevel> {
        match self {
            UnitLevel::Province => Some(UnitLevel::City),
            UnitLevel::City => Some(UnitLevel::County),
            UnitLevel::County => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_round_trip_through_serde_and_parse() {
        for &k in AccountKind::ALL {
            assert_eq!(AccountKind::parse(k.as_str()), Some(k));
            assert_eq!(
                serde_json::to_string(&k).unwrap_or_default(),
                format!("\"{k}\"")
            );
        }
        for &k in UnitKind::ALL {
            assert_eq!(UnitKind::parse(k.as_str()), Some(k));
        }
        for &l in UnitLevel::ALL {
            assert_eq!(UnitLevel::parse(l.as_str()), Some(l));
        }
        assert_eq!(AccountKind::parse("root"), None);
    }
}
