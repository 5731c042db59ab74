//! The plain rules of the workflow screens, kept free of components so they are tested on the
//! host: which queue a module is, which batch actions checked rows share, what the action
//! dialog asks for, the stage colours and the applicant form's checks (mirroring the server's).

use shared::application::{ActionFields, ApplicationInput, ForwardTarget, Gender};
use shared::committees::Committee;
use shared::ids::IdNumber;
use shared::rules::{check_application, Date, Rule};
use shared::workflow::{Action, Stage};
use shared::Module;

use crate::i18n::Key;

/// The modules served by the generic queue page, with the stage each lists.
pub use shared::workflow::QUEUES;

/// The stage of a queue module.
pub fn queue_stage(module: Module) -> Option<Stage> {
    QUEUES.iter().find(|(m, _)| *m == module).map(|(_, s)| *s)
}

/// The queue module listing a stage.
pub fn queue_module(stage: Stage) -> Option<Module> {
    QUEUES.iter().find(|(_, s)| *s == stage).map(|(m, _)| *m)
}

/// A final or destructive action: asks "确定要…吗？" before it is posted.
pub fn needs_confirmation(action: Action) -> bool {
    matches!(
        action,
        Action::Terminate
            | Action::Void
            | Action::RereviewFail
            | Action::PolicyRecheckFail
            | Action::UnitReject
            | Action::Withdraw
    )
}

/// An action offered for checked rows of a queue (the applicant's own moves and `withdraw`
/// are made one application at a time, from its detail page).
pub fn batchable(action: Action) -> bool {
    action.is_posted()
        && !matches!(
            action,
            Action::Submit | Action::SubmitSupplement | Action::Void | Action::Withdraw
        )
}

/// The batch actions every checked row allows, in [`Action::ALL`] order. None when nothing is
/// checked.
pub fn common_actions(rows: &[&[Action]]) -> Vec<Action> {
    if rows.is_empty() {
        return Vec::new();
    }
    Action::ALL
        .iter()
        .copied()
        .filter(|a| batchable(*a) && rows.iter().all(|allowed| allowed.contains(a)))
        .collect()
}

/// What the action dialog asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DialogSpec {
    /// An opinion must be given (else it is optional).
    pub opinion_required: bool,
    /// 经办人 name and phone (recommend).
    pub handler: bool,
    /// The unit's proof attachments and its own committee (recommend).
    pub recommend_extras: bool,
    /// 转上级 / 分配评委会 with a committee select (superior_approve at an HRSS).
    pub committee_choice: bool,
    /// 通过 / 不通过 (policy_initial).
    pub pass_choice: bool,
    /// Confirm before posting.
    pub confirm: bool,
}

/// The dialog of `action`, the same for one application and a batch (manual §6.2.3, §6.2.4):
/// a batch recommendation carries the handler, the unit's proofs and the own committee to every
/// application; a batch approval shows where it goes ([`approval_route`]) and may assign.
pub fn dialog_spec(action: Action) -> DialogSpec {
    DialogSpec {
        opinion_required: action.requires_opinion(),
        handler: action == Action::Recommend,
        recommend_extras: action == Action::Recommend,
        committee_choice: action == Action::SuperiorApprove,
        pass_choice: action == Action::PolicyInitial,
        confirm: needs_confirmation(action),
    }
}

/// Where 审核通过 goes, as the approval dialog says it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApprovalRoute {
    /// Not an HRSS: the approval forwards to this unit, nothing to choose.
    Forward(String),
    /// An HRSS below the province: forward to this HRSS, or assign a committee.
    Choose(String),
    /// The top HRSS: a committee must be assigned.
    AssignOnly,
    /// Nowhere to forward and no committee to assign (the server refuses the approval).
    Nowhere,
}

/// The route of the server's [`ForwardTarget`].
pub fn approval_route(target: &ForwardTarget) -> ApprovalRoute {
    match (target.may_assign, &target.forward_to) {
        (false, Some(parent)) => ApprovalRoute::Forward(parent.name.clone()),
        (true, Some(parent)) => ApprovalRoute::Choose(parent.name.clone()),
        (true, None) => ApprovalRoute::AssignOnly,
        (false, None) => ApprovalRoute::Nowhere,
    }
}

/// The committees offered for a unit's own review (自主评审) in a batch: those offered for
/// every checked application's series and level (`lists`, one per distinct pair).
pub fn common_committees(lists: &[Vec<Committee>]) -> Vec<Committee> {
    let Some((first, rest)) = lists.split_first() else {
        return Vec::new();
    };
    first
        .iter()
        .filter(|c| rest.iter().all(|l| l.iter().any(|o| o.id == c.id)))
        .cloned()
        .collect()
}

/// What the user put into the dialog.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DialogInput {
    /// Opinion text.
    pub opinion: String,
    /// Handler name.
    pub handler_name: String,
    /// Handler phone.
    pub handler_phone: String,
    /// Assign a committee (rather than forward), for superior_approve at an HRSS.
    pub assign: bool,
    /// The chosen committee (assign, or recommend to the own committee).
    pub committee_id: Option<i64>,
    /// The initial result, for policy_initial.
    pub pass: Option<bool>,
    /// Checked proof attachments.
    pub proofs: Vec<i64>,
}

/// The opinion and fields to post, or the first missing input's message.
pub fn dialog_request(
    spec: DialogSpec,
    input: &DialogInput,
) -> Result<(Option<String>, ActionFields), Key> {
    let opinion = input.opinion.trim();
    if spec.opinion_required && opinion.is_empty() {
        return Err(Key::WfOpinionRequired);
    }
    let mut fields = ActionFields::default();
    if spec.handler {
        let (name, phone) = (input.handler_name.trim(), input.handler_phone.trim());
        if name.is_empty() || phone.is_empty() {
            return Err(Key::WfHandlerRequired);
        }
        fields.handler_name = Some(name.to_owned());
        fields.handler_phone = Some(phone.to_owned());
    }
    if spec.recommend_extras {
        if !input.proofs.is_empty() {
            fields.proof_attachment_ids = Some(input.proofs.clone());
        }
        fields.committee_id = input.committee_id;
    }
    if spec.committee_choice && input.assign {
        fields.committee_id = Some(input.committee_id.ok_or(Key::WfCommitteeRequired)?);
    }
    if spec.pass_choice {
        fields.pass = Some(input.pass.ok_or(Key::WfPassRequired)?);
    }
    let opinion = (!opinion.is_empty()).then(|| opinion.to_owned());
    Ok((opinion, fields))
}

/// Birth date and gender encoded in a valid ID number.
pub fn from_id_number(raw: &str) -> Option<(String, Gender)> {
    let id = IdNumber::parse(raw).ok()?;
    let gender = if id.is_male() {
        Gender::Male
    } else {
        Gender::Female
    };
    Some((id.birth_date(), gender))
}

/// A broken rule of the applicant's form: the field's wire name and the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// `ApplicationInput` field name.
    pub field: &'static str,
    /// Message key; `detail` (`中文 / English`) is shown instead when given.
    pub key: Key,
    /// The rule's own message, for rules without a key of their own.
    pub detail: Option<String>,
}

/// The SPA's message key of a rule, or its own two-language message.
fn field_error(field: &'static str, rule: &Rule) -> FieldError {
    let key = match rule {
        Rule::Required => Some(Key::WfRequired),
        Rule::MinChars(2) if field == "name" => Some(Key::WfNameRule),
        Rule::DateFormat => Some(Key::WfDateFormat),
        Rule::BirthDateMismatch => Some(Key::WfBirthDateMismatch),
        Rule::GenderMismatch => Some(Key::WfGenderMismatch),
        Rule::YearsOfService => Some(Key::WfYearsRule),
        Rule::Phone => Some(Key::WfPhoneRule),
        _ => None,
    };
    FieldError {
        field,
        key: key.unwrap_or(Key::IdNumberInvalid),
        detail: key
            .is_none()
            .then(|| format!("{} / {}", rule.zh(), rule.en())),
    }
}

/// The client-side checks of the form: the server's own rules
/// (`shared::rules::check_application`), run before sending. The server stays the authority
/// (it also checks the ID number against the account's).
pub fn check_input(input: &ApplicationInput) -> Vec<FieldError> {
    let ms = wasm_bindgen_futures::js_sys::Date::now();
    check_input_on(input, china_date(ms))
}

/// [`check_input`] for a given China date.
pub fn check_input_on(input: &ApplicationInput, today: Date) -> Vec<FieldError> {
    check_application(input, None, today)
        .iter()
        .map(|p| field_error(p.field, &p.rule))
        .collect()
}

/// The China (UTC+8) calendar date at `ms` milliseconds since the Unix epoch.
pub fn china_date(ms: f64) -> Date {
    #[expect(
        clippy::cast_possible_truncation,
        reason = "milliseconds since 1970 divided into days fit an i64"
    )]
    let days = ((ms + 8.0 * 3_600_000.0) / 86_400_000.0).floor() as i64;
    let (year, month, day) = crate::kit::format::civil_from_days(days);
    Date {
        year: i32::try_from(year).unwrap_or(2026),
        month: u32::try_from(month).unwrap_or(1),
        day: u32::try_from(day).unwrap_or(1),
    }
}

#[cfg(test)]
mod tests {
    use shared::application::{DeclarationType, Education, Level, Series};

    use super::*;

    #[test]
    fn batch_actions_are_those_every_checked_row_allows() {
        let a: &[Action] = &[Action::UnitApprove, Action::UnitReject];
        let b: &[Action] = &[Action::UnitReject, Action::UnitApprove, Action::Withdraw];
        let c: &[Action] = &[Action::UnitReject];
        assert_eq!(
            common_actions(&[a, b]),
            vec![Action::UnitApprove, Action::UnitReject]
        );
        assert_eq!(common_actions(&[a, b, c]), vec![Action::UnitReject]);
        assert!(common_actions(&[]).is_empty());
        // Withdraw and the applicant's moves are never offered in a batch.
        let w: &[Action] = &[Action::Withdraw, Action::Submit];
        assert!(common_actions(&[w]).is_empty());
    }

    #[test]
    fn the_dialog_asks_for_what_each_action_needs() {
        let spec = dialog_spec(Action::UnitReject);
        assert!(spec.opinion_required && spec.confirm);
        assert!(!dialog_spec(Action::UnitApprove).opinion_required);
        // One application or many: the same dialog (manual §6.2.3, §6.2.4).
        let rec = dialog_spec(Action::Recommend);
        assert!(rec.handler && rec.recommend_extras && !rec.confirm);
        assert!(dialog_spec(Action::SuperiorApprove).committee_choice);
        assert!(!dialog_spec(Action::UnitApprove).committee_choice);
        assert!(dialog_spec(Action::PolicyInitial).pass_choice);
        for action in [
            Action::Terminate,
            Action::Void,
            Action::RereviewFail,
            Action::PolicyRecheckFail,
            Action::UnitReject,
            Action::Withdraw,
        ] {
            assert!(dialog_spec(action).confirm, "{action}");
        }
    }

    fn unit(name: &str) -> shared::auth::UnitRef {
        shared::auth::UnitRef {
            id: 1,
            name: name.into(),
            kind: shared::UnitKind::Hrss,
            level: shared::UnitLevel::City,
        }
    }

    #[test]
    fn the_approval_says_where_it_goes() {
        let target = |may_assign: bool, parent: Option<&str>| ForwardTarget {
            may_assign,
            forward_to: parent.map(unit),
            committees: Vec::new(),
        };
        assert_eq!(
            approval_route(&target(false, Some("示范县人社局"))),
            ApprovalRoute::Forward("示范县人社局".into())
        );
        assert_eq!(
            approval_route(&target(true, Some("示范市人社局"))),
            ApprovalRoute::Choose("示范市人社局".into())
        );
        assert_eq!(
            approval_route(&target(true, None)),
            ApprovalRoute::AssignOnly
        );
        assert_eq!(approval_route(&target(false, None)), ApprovalRoute::Nowhere);
    }

    #[test]
    fn a_batch_offers_the_own_committees_every_row_may_use() {
        let committee = |id: i64| Committee {
            id,
            name: format!("评委会{id}"),
            series: shared::application::Series::Engineering,
            unit: unit("单位"),
            authority: None,
            active: true,
        };
        let a = vec![committee(1), committee(2)];
        let b = vec![committee(2), committee(3)];
        let ids = |l: Vec<Committee>| l.iter().map(|c| c.id).collect::<Vec<_>>();
        assert_eq!(ids(common_committees(&[a.clone(), b])), vec![2]);
        assert_eq!(ids(common_committees(&[a])), vec![1, 2]);
        assert!(common_committees(&[]).is_empty());
    }

    #[test]
    fn dialog_inputs_become_the_request_or_name_what_is_missing() {
        let reject = dialog_spec(Action::UnitReject);
        assert_eq!(
            dialog_request(reject, &DialogInput::default()),
            Err(Key::WfOpinionRequired)
        );
        let input = DialogInput {
            opinion: "  材料不全 ".into(),
            ..DialogInput::default()
        };
        assert_eq!(
            dialog_request(reject, &input),
            Ok((Some("材料不全".into()), ActionFields::default()))
        );
        let rec = dialog_spec(Action::Recommend);
        assert_eq!(
            dialog_request(rec, &DialogInput::default()),
            Err(Key::WfHandlerRequired)
        );
        let input = DialogInput {
            handler_name: "李经办".into(),
            handler_phone: "13800138000".into(),
            proofs: vec![4, 5],
            ..DialogInput::default()
        };
        let (opinion, fields) = dialog_request(rec, &input).unwrap_or_else(|k| panic!("{k:?}"));
        assert_eq!(opinion, None);
        assert_eq!(fields.proof_attachment_ids, Some(vec![4, 5]));
        assert_eq!(fields.committee_id, None);
        let assign = dialog_spec(Action::SuperiorApprove);
        let mut input = DialogInput {
            assign: true,
            ..DialogInput::default()
        };
        assert_eq!(
            dialog_request(assign, &input),
            Err(Key::WfCommitteeRequired)
        );
        input.committee_id = Some(7);
        assert_eq!(
            dialog_request(assign, &input).map(|(_, f)| f.committee_id),
            Ok(Some(7))
        );
        input.assign = false;
        assert_eq!(
            dialog_request(assign, &input).map(|(_, f)| f.committee_id),
            Ok(None)
        );
        let initial = dialog_spec(Action::PolicyInitial);
        assert_eq!(
            dialog_request(initial, &DialogInput::default()),
            Err(Key::WfPassRequired)
        );
        let input = DialogInput {
            pass: Some(false),
            ..DialogInput::default()
        };
        assert_eq!(
            dialog_request(initial, &input).map(|(_, f)| f.pass),
            Ok(Some(false))
        );
    }

    fn input() -> ApplicationInput {
        ApplicationInput {
            year: 2026,
            series: Series::Engineering,
            specialty: "电气工程".into(),
            level: Level::AssociateSenior,
            qualification: "高级工程师".into(),
            declaration_type: DeclarationType::Normal,
            name: "张三".into(),
            id_number: "520121199001011239".into(),
            gender: Gender::Male,
            birth_date: "1990-01-01".into(),
            education: Education::Bachelor,
            current_title: "工程师".into(),
            current_title_date: Some("2018-06-30".into()),
            years_of_service: 10,
            achievements: "主持变电站改造项目".into(),
            phone: "13800138000".into(),
        }
    }

    const TODAY: Date = Date {
        year: 2026,
        month: 12,
        day: 1,
    };

    fn check_input(input: &ApplicationInput) -> Vec<FieldError> {
        check_input_on(input, TODAY)
    }

    #[test]
    fn china_dates() {
        // 2026-11-30T16:00:00Z is already 1 December in China.
        assert_eq!(china_date(1_796_054_400_000.0).to_string(), "2026-12-01");
        assert_eq!(china_date(1_796_054_399_000.0).to_string(), "2026-11-30");
        assert_eq!(china_date(951_753_600_000.0).to_string(), "2000-02-29");
    }

    #[test]
    fn the_form_checks_are_the_servers() {
        assert_eq!(check_input(&input()), vec![]);
        let mut long = input();
        long.name = "张".repeat(51);
        let errors = check_input(&long);
        assert_eq!(errors.len(), 1);
        assert_eq!(
            errors[0].detail.as_deref(),
            Some("不能超过 50 个字符 / must have at most 50 characters")
        );
        assert_eq!(
            from_id_number("520121199001011239"),
            Some(("1990-01-01".into(), Gender::Male))
        );
        let mut bad = input();
        bad.id_number = "520121199001011238".into();
        bad.phone = "12345".into();
        bad.specialty = " ".into();
        let fields: Vec<&str> = check_input(&bad).iter().map(|e| e.field).collect();
        assert_eq!(fields, vec!["id_number", "specialty", "phone"]);
        let mut bad = input();
        bad.gender = Gender::Female;
        bad.birth_date = "1990-01-02".into();
        bad.current_title_date = Some("2018/06/30".into());
        bad.years_of_service = 61;
        let fields: Vec<&str> = check_input(&bad).iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            vec![
                "birth_date",
                "gender",
                "current_title_date",
                "years_of_service"
            ]
        );
    }

    #[test]
    fn every_queue_has_its_stage() {
        assert_eq!(
            queue_stage(Module::UnitVerification),
            Some(Stage::UnitVerification)
        );
        assert_eq!(queue_stage(Module::ApplicationPublicity), None);
        for (module, stage) in QUEUES {
            assert_eq!(queue_module(*stage), Some(*module));
            assert_eq!(stage.queue_module(), Some(*module));
        }
    }
}
