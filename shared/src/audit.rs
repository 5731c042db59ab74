//! What the audit log's codes mean to people: one table of action labels, target kinds and
//! the field names that appear in a row's before/after data, in Chinese and English. The
//! backend's export and the SPA's audit page both read it; a backend test proves that every
//! action the backend writes is here.

use crate::Locale;

/// Every audit action the backend writes: `(code, 中文, English)`.
pub const ACTIONS: &[(&str, &str, &str)] = &[
    ("auth.login", "登录", "Sign-in"),
    ("auth.logout", "退出登录", "Log out"),
    ("auth.password_change", "修改密码", "Password change"),
    (
        "auth.mfa_enroll",
        "开始绑定身份验证器",
        "Authenticator enrollment started",
    ),
    (
        "auth.mfa_confirm",
        "启用双因素认证",
        "Two-factor authentication on",
    ),
    (
        "account.mfa_reset",
        "重置双因素认证",
        "Two-factor authentication reset",
    ),
    (
        "auth.refresh_reuse",
        "刷新令牌重复使用（疑似盗用）",
        "Refresh token reused (possible theft)",
    ),
    ("account.create", "创建账号", "Account created"),
    ("account.update", "修改账号", "Account changed"),
    ("account.reset_password", "重置密码", "Reset password"),
    ("account.bulk_import", "批量导入账号", "Accounts imported"),
    ("unit.create", "创建单位", "Unit created"),
    ("unit.update", "修改单位", "Unit changed"),
    (
        "unit.assign_unit_role",
        "分配单位角色",
        "Unit role assigned",
    ),
    (
        "unit.affiliation_request",
        "申请更改主管部门",
        "Affiliation change requested",
    ),
    (
        "unit.affiliation_approve",
        "同意更改主管部门",
        "Affiliation change approved",
    ),
    (
        "unit.affiliation_reject",
        "驳回更改主管部门",
        "Affiliation change rejected",
    ),
    ("unit_role.create", "新增单位角色", "Unit role created"),
    ("unit_role.update", "修改单位角色", "Unit role updated"),
    (
        "unit_role.delegation",
        "设置单位角色下放",
        "Unit role delegation set",
    ),
    (
        "business_role.create",
        "新增业务角色",
        "Business role created",
    ),
    (
        "business_role.update",
        "修改业务角色",
        "Business role updated",
    ),
    (
        "business_role.delete",
        "删除业务角色",
        "Business role deleted",
    ),
    (
        "security_policy.update",
        "修改安全策略",
        "Security policy updated",
    ),
    ("application.create", "新建申报", "Application created"),
    (
        "application.create_for_applicant",
        "单位代为发起申报",
        "Application started by the unit",
    ),
    ("application.update", "修改申报", "Application updated"),
    ("application.action", "申报办理", "Application action"),
    ("attachment.upload", "上传附件", "Attachment uploaded"),
    ("attachment.delete", "删除附件", "Attachment deleted"),
    ("calendar.put", "设置节假日/调休", "Calendar day set"),
    ("calendar.delete", "删除节假日/调休", "Calendar day removed"),
    ("publicity.create", "新建公示", "Publicity drafted"),
    ("publicity.update", "修改公示", "Publicity updated"),
    ("publicity.publish", "发布公示", "Publicity published"),
    ("publicity.complete", "完成公示", "Publicity completed"),
    ("publicity.report", "公示举报", "Publicity report filed"),
    ("publicity.resolve", "处理举报", "Publicity report resolved"),
    (
        "committee.authority_apply",
        "申请评审权备案",
        "Review authority filed",
    ),
    (
        "committee.authority_approve",
        "评审权备案审核通过",
        "Review authority approved",
    ),
    (
        "committee.authority_reject",
        "评审权备案审核不通过",
        "Review authority rejected",
    ),
    (
        "policy_reviewer.create",
        "新增政策性审查账号",
        "Policy reviewers created",
    ),
    (
        "policy_reviewer.update",
        "修改政策性审查账号",
        "Policy reviewer updated",
    ),
    (
        "policy_reviewer.enable",
        "启用政策性审查账号",
        "Policy reviewer enabled",
    ),
    (
        "policy_reviewer.disable",
        "停用政策性审查账号",
        "Policy reviewer disabled",
    ),
    (
        "publicity.item_unit_update",
        "公示期修改单位信息",
        "Unit information in a publicity edited",
    ),
    (
        "attachment_category.create",
        "新增附件类别",
        "Attachment category created",
    ),
    (
        "attachment_category.update",
        "修改附件类别",
        "Attachment category updated",
    ),
    (
        "workflow_policy.update",
        "修改流程规则",
        "Workflow rules updated",
    ),
    (
        "audit.checkpoint",
        "生成审计检查点",
        "Audit checkpoint signed",
    ),
    ("session.create", "组建评委会", "Review session created"),
    ("session.update", "修改评委会设置", "Review session updated"),
    ("session.start", "评委会开始评审", "Review session started"),
    (
        "session.group_create",
        "新建评审小组",
        "Review group created",
    ),
    (
        "session.group_update",
        "修改评审小组",
        "Review group renamed",
    ),
    (
        "session.group_delete",
        "删除评审小组",
        "Review group deleted",
    ),
    (
        "session.group_assign",
        "分配申报材料到小组",
        "Applications assigned to a group",
    ),
    (
        "session.group_unassign",
        "从小组移出申报材料",
        "Applications removed from a group",
    ),
    (
        "session.group_needs",
        "设置小组专业专家人数",
        "Group expert counts set",
    ),
    ("session.draw", "抽取专家", "Experts drawn"),
    ("session.redraw", "重新抽取专家", "Experts re-drawn"),
    (
        "session.draw_alternates",
        "抽取候补专家",
        "Alternates drawn",
    ),
    (
        "session.expert_position",
        "设置专家职务",
        "Expert position set",
    ),
    (
        "session.expert_decline",
        "专家谢绝并由候补递补",
        "Expert declined, alternate used",
    ),
    (
        "session_rules.update",
        "修改评委会组建规则",
        "Session rules updated",
    ),
    ("vote_rules.update", "修改表决规则", "Vote rules updated"),
    ("filing.create", "保存评审工作备案", "Review filing saved"),
    ("filing.update", "修改评审工作备案", "Review filing changed"),
    (
        "filing.file_upload",
        "上传备案材料",
        "Review filing file uploaded",
    ),
    (
        "filing.file_delete",
        "删除备案材料",
        "Review filing file deleted",
    ),
    (
        "filing.submit",
        "申报评审工作备案",
        "Review filing submitted",
    ),
    (
        "filing.approve",
        "评审工作备案审核通过",
        "Review filing approved",
    ),
    ("certificate.issue", "发放证书", "Certificate issued"),
    ("certificate.backfill", "证书补录", "Certificate backfilled"),
    ("certificate.import", "导入证书", "Certificates imported"),
    ("certificate.revoke", "撤销证书", "Certificate revoked"),
    (
        "certificate.numbering",
        "修改证书编号规则",
        "Certificate numbering changed",
    ),
    (
        "filing.reject",
        "评审工作备案审核不通过",
        "Review filing rejected",
    ),
    ("online.sign_in", "专家签到", "Expert signed in"),
    ("online.sign_out", "专家签退", "Expert signed out"),
    (
        "online.blind_opinion_upload",
        "上传盲评意见",
        "Blind opinion uploaded",
    ),
    (
        "online.blind_opinion_delete",
        "删除盲评意见",
        "Blind opinion deleted",
    ),
    ("online.distribute", "分发材料", "Dossiers distributed"),
    ("online.enter_review", "进入评审", "Review entered"),
    ("online.defense_held", "答辩结束", "Defense marked held"),
    ("online.review_save", "暂存评审意见", "Review draft saved"),
    ("online.review_complete", "完成材料审查", "Review completed"),
    ("vote.group_open", "进入组内投票", "Group vote opened"),
    ("vote.group_cast", "组内投票", "Group vote cast"),
    ("vote.group_close", "组内统票", "Group vote closed"),
    (
        "vote.session_group_voting",
        "评委会进入小组投票阶段",
        "Session moved to group voting",
    ),
    (
        "vote.committee_open",
        "进入评委会投票",
        "Committee vote opened",
    ),
    (
        "vote.committee_cast",
        "评委会投票（不记录投票内容）",
        "Committee vote cast (the choice is not recorded)",
    ),
    ("vote.tally", "统票", "Session tallied"),
    ("expert.pre_entry", "专家预入库", "Expert pre-entered"),
    ("expert.update", "修改专家信息", "Expert edited"),
    ("expert.invite", "邀请专家", "Expert invited"),
    (
        "expert.status_change",
        "专家库状态变更",
        "Pool status changed",
    ),
    (
        "expert.integrity_record",
        "登记专家违规",
        "Integrity record made",
    ),
    (
        "expert.profile_update",
        "填写专家个人信息",
        "Expert profile saved",
    ),
    (
        "expert.bulk_pre_entry",
        "批量专家预入库",
        "Experts pre-entered in bulk",
    ),
    ("pool_update.apply", "专家库更新申请", "Pool update filed"),
    (
        "pool_update.approve",
        "专家库更新审核通过",
        "Pool update approved",
    ),
    (
        "pool_update.reject",
        "专家库更新审核不通过",
        "Pool update rejected",
    ),
    (
        "expert_recommendation.create",
        "专家推荐申请",
        "Expert recommended",
    ),
    (
        "expert_recommendation.accept",
        "受理专家推荐",
        "Recommendation accepted",
    ),
    (
        "expert_recommendation.decline",
        "不予受理专家推荐",
        "Recommendation declined",
    ),
    (
        "expert_recommendation.file_upload",
        "上传专家推荐证明材料",
        "Recommendation proof file uploaded",
    ),
    (
        "expert_recommendation.file_delete",
        "删除专家推荐证明材料",
        "Recommendation proof file deleted",
    ),
];

/// Kinds of audit target: `(target_type, 中文, English)`.
pub const TARGETS: &[(&str, &str, &str)] = &[
    ("account", "用户", "Account"),
    ("unit", "单位", "Unit"),
    ("application", "申报", "Application"),
    ("attachment", "附件", "Attachment"),
    ("business_role", "业务角色", "Business role"),
    ("unit_role", "单位角色", "Unit role"),
    ("calendar_day", "日历", "Calendar day"),
    ("publicity_batch", "公示", "Publicity batch"),
    ("publicity_report", "公示举报", "Publicity report"),
    (
        "review_authority_filing",
        "评审权备案",
        "Review authority filing",
    ),
    (
        "affiliation_request",
        "主管部门更改申请",
        "Affiliation request",
    ),
    ("setting", "系统设置", "Setting"),
    ("attachment_category", "附件类别", "Attachment category"),
    ("audit_checkpoint", "审计检查点", "Audit checkpoint"),
    ("review_session", "评委会", "Review session"),
    ("review_group", "评审小组", "Review group"),
    ("session_expert", "评审专家", "Session expert"),
    ("blind_opinion", "盲评意见", "Blind opinion"),
    ("expert_review", "专家评审意见", "Expert review"),
    ("expert", "专家", "Expert"),
    ("pool_member", "专家库成员", "Pool member"),
    ("pool_update", "专家库更新备案", "Pool update"),
    ("expert_recommendation", "专家推荐", "Expert recommendation"),
    (
        "expert_recommendation_file",
        "专家推荐证明材料",
        "Recommendation proof file",
    ),
    ("review_filing_file", "备案材料", "Review filing file"),
    ("committee", "评委会", "Committee"),
    ("certificate", "证书", "Certificate"),
];

/// Field names seen in before/after data: `(key, 中文, English)`.
pub const FIELDS: &[(&str, &str, &str)] = &[
    ("username", "用户名", "Username"),
    ("display_name", "姓名", "Name"),
    ("name", "名称", "Name"),
    ("kind", "类型", "Kind"),
    ("level", "级别", "Level"),
    ("phone", "手机号", "Phone"),
    ("id_number", "身份证号", "ID number"),
    ("enabled", "启用", "Enabled"),
    ("locked", "锁定", "Locked"),
    ("unlocked", "已解锁", "Unlocked"),
    ("must_change_password", "须修改密码", "Must change password"),
    ("role_ids", "业务角色", "Business roles"),
    ("unit_id", "单位", "Unit"),
    ("parent_id", "上级单位", "Parent unit"),
    ("credit_code", "统一社会信用代码", "Credit code"),
    ("region", "所在地区", "Region"),
    ("contact_name", "联系人", "Contact"),
    ("contact_phone", "联系电话", "Contact phone"),
    ("unit_role_id", "单位角色", "Unit role"),
    ("modules", "菜单权限", "Modules"),
    ("available", "可用菜单", "Available modules"),
    ("assignable", "可分配菜单", "Assignable modules"),
    ("description", "说明", "Description"),
    ("stage", "环节", "Stage"),
    ("application_stage", "申报环节", "Application stage"),
    ("action", "操作", "Action"),
    ("opinion", "意见", "Opinion"),
    ("holder_unit_id", "办理单位", "Held by"),
    ("committee_id", "评委会", "Committee"),
    ("year", "年度", "Year"),
    ("series", "系列", "Series"),
    ("specialty", "专业", "Specialty"),
    ("specialties", "专业", "Specialties"),
    ("qualification", "申报资格", "Qualification"),
    ("title", "标题", "Title"),
    ("content", "内容", "Content"),
    ("status", "状态", "Status"),
    ("period_start", "公示开始", "Period start"),
    ("period_end", "公示结束", "Period end"),
    ("public_site", "在门户公开", "On the public site"),
    ("resolution", "处理结果", "Resolution"),
    ("reporter_name", "举报人", "Reporter"),
    ("reports_closed", "关闭的举报", "Reports closed"),
    ("file_name", "文件名", "File name"),
    ("section", "材料类别", "Section"),
    ("size", "大小", "Size"),
    ("content_type", "文件类型", "File type"),
    ("result", "结果", "Result"),
    ("via", "方式", "Via"),
    ("source", "来源", "Source"),
    ("created", "新增数量", "Created"),
    ("by_kind", "按类型", "By kind"),
    ("account_ids", "用户", "Accounts"),
    ("application_id", "申报", "Application"),
    ("application_ids", "申报", "Applications"),
    ("batch_id", "公示", "Publicity batch"),
    ("revoked_family", "已吊销会话", "Session revoked"),
    ("version", "版本", "Version"),
    ("valid_from", "有效期起", "Valid from"),
    ("valid_until", "有效期至", "Valid until"),
    ("levels", "评审级别", "Levels"),
    ("region_scope", "评审区域", "Region"),
    ("day", "日期", "Day"),
    ("to_parent_id", "新上级单位", "New parent"),
    ("reason", "理由", "Reason"),
    ("recommendation_id", "专家推荐", "Recommendation"),
    ("sha256", "SHA-256 摘要", "SHA-256"),
    ("category_id", "附件类别", "Attachment category"),
    ("code", "代码", "Code"),
    ("name_zh", "中文名称", "Chinese name"),
    ("name_en", "英文名称", "English name"),
    ("sort", "排序", "Order"),
    ("required_series", "必传系列", "Required for series"),
    (
        "four_eyes_policy_review",
        "初审与复核须由不同账号完成",
        "Initial check and recheck by different accounts",
    ),
    (
        "senior_size_rules",
        "检查高级评委会委员人数",
        "Check the senior committee size",
    ),
    (
        "senior_by_series_min",
        "按系列组建的高级评委会最少委员数",
        "Least members, senior committee by series",
    ),
    (
        "senior_by_specialty_min",
        "按专业组建的高级评委会最少委员数",
        "Least members, senior committee by specialty",
    ),
    ("quorum_num", "出席比例分子", "Quorum numerator"),
    ("quorum_den", "出席比例分母", "Quorum denominator"),
    ("pass_num", "通过比例分子", "Pass numerator"),
    ("pass_den", "通过比例分母", "Pass denominator"),
    ("signed_in_at", "签到时间", "Signed in"),
    ("signed_out_at", "签退时间", "Signed out"),
    ("grade", "盲评等次", "Grade"),
    ("note", "备注", "Note"),
    ("distribution", "材料分发", "Distribution"),
    ("review_started_at", "进入评审时间", "Review entered"),
    ("defense_held_at", "答辩结束时间", "Defense held"),
    ("reviews_opened", "评审意见数", "Reviews opened"),
    (
        "academic_evaluation",
        "学术、业绩评价意见",
        "Academic and performance evaluation",
    ),
    ("defense_questions", "答辩题目", "Defense questions"),
    ("defense_evaluation", "答辩评价意见", "Defense evaluation"),
    ("defense_score", "答辩成绩", "Defense score"),
    ("overall_evaluation", "综合评价意见", "Overall evaluation"),
];

fn find(
    table: &[(&str, &'static str, &'static str)],
    key: &str,
    locale: Locale,
) -> Option<&'static str> {
    table
        .iter()
        .find(|(k, _, _)| *k == key)
        .map(|(_, zh, en)| match locale {
            Locale::ZhCn => *zh,
            Locale::En => *en,
        })
}

/// The label of an action code (`None` for a code not in [`ACTIONS`]).
pub fn action_label(code: &str, locale: Locale) -> Option<&'static str> {
    find(ACTIONS, code, locale)
}

/// The label of a target kind.
pub fn target_label(target_type: &str, locale: Locale) -> Option<&'static str> {
    find(TARGETS, target_type, locale)
}

/// The label of a before/after field.
pub fn field_label(key: &str, locale: Locale) -> Option<&'static str> {
    find(FIELDS, key, locale)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_labelled_in_both_languages() {
        for table in [ACTIONS, TARGETS, FIELDS] {
            let mut seen = std::collections::HashSet::new();
            for (code, zh, en) in table {
                assert!(seen.insert(*code), "{code} twice");
                assert!(!zh.is_empty() && !en.is_empty() && zh != en, "{code}");
            }
        }
        assert_eq!(action_label("auth.login", Locale::ZhCn), Some("登录"));
        assert_eq!(action_label("auth.login", Locale::En), Some("Sign-in"));
        assert_eq!(action_label("nope", Locale::ZhCn), None);
    }

    #[test]
    fn every_action_belongs_to_a_known_family() {
        for (code, _, _) in ACTIONS {
            let (family, verb) = code.split_once('.').unwrap_or_default();
            assert!(!family.is_empty() && !verb.is_empty(), "{code}");
        }
    }
}
