//! The plain rules of the workflow screens, kept free of components so they are tested on the
//! host: which queue a module is, which batch actions checked rows share, what the action
//! dialog asks for, the stage colours and the applicant form's checks (mirroring the server's).

use shared::application::{ActionFields, ApplicationInput, Gender};
use shared::ids::IdNumber;
use shared::workflow::{Action, Stage};
use shared::Module;

use crate::i18n::Key;

/// The modules served by the generic queue page, with the stage each lists.
pub const QUEUES: &[(Module, Stage)] = &[
    (Module::UnitVerification, Stage::UnitVerification),
    (Module::UnitRecommendation, Stage::UnitRecommendation),
    (Module::SuperiorReview, Stage::SuperiorReview),
    (Module::MaterialReceipt, Stage::MaterialReceipt),
    (Module::PolicyReview, Stage::PolicyReview),
    (Module::PolicyRereview, Stage::PolicyRereview),
];

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

/// The dialog of `action`; `holder_is_hrss` when the application is held by an HRSS (only a
/// single application's holder is known, so a batch never assigns a committee).
pub fn dialog_spec(action: Action, holder_is_hrss: bool, batch: bool) -> DialogSpec {
    DialogSpec {
        opinion_required: action.requires_opinion(),
        handler: action == Action::Recommend,
        recommend_extras: action == Action::Recommend && !batch,
        committee_choice: action == Action::SuperiorApprove && holder_is_hrss && !batch,
        pass_choice: action == Action::PolicyInitial,
        confirm: needs_confirmation(action),
    }
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
    /// Message key; `detail` (from the ID check) is shown instead when given.
    pub key: Key,
    /// The ID check's own message (`中文 / English`).
    pub detail: Option<&'static str>,
}

fn field_error(field: &'static str, key: Key) -> FieldError {
    FieldError {
        field,
        key,
        detail: None,
    }
}

/// Whether a phone number looks like a mainland mobile or landline number (as the server).
pub fn phone_ok(p: &str) -> bool {
    let digits: String = p.chars().filter(|c| *c != '-').collect();
    let all_digits = !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit());
    let mobile = digits.len() == 11 && digits.starts_with('1');
    let landline = digits.starts_with('0') && (10..=12).contains(&digits.len());
    all_digits && (mobile || landline)
}

fn is_date(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

/// The client-side checks of the form, mirroring the server's (which stays the authority).
pub fn check_input(input: &ApplicationInput) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let len = |s: &str| s.trim().chars().count();
    if len(&input.name) < 2 {
        errors.push(field_error("name", Key::WfNameRule));
    }
    match IdNumber::parse(&input.id_number) {
        Err(message) => errors.push(FieldError {
            field: "id_number",
            key: Key::IdNumberInvalid,
            detail: Some(message),
        }),
        Ok(id) => {
            if input.birth_date.trim() != id.birth_date() {
                errors.push(field_error("birth_date", Key::WfBirthDateMismatch));
            }
            if (input.gender == Gender::Male) != id.is_male() {
                errors.push(field_error("gender", Key::WfGenderMismatch));
            }
        }
    }
    for (field, value) in [
        ("specialty", &input.specialty),
        ("qualification", &input.qualification),
        ("achievements", &input.achievements),
    ] {
        if len(value) == 0 {
            errors.push(field_error(field, Key::WfRequired));
        }
    }
    if let Some(date) = input.current_title_date.as_deref() {
        if !date.trim().is_empty() && !is_date(date.trim()) {
            errors.push(field_error("current_title_date", Key::WfDateFormat));
        }
    }
    if !(0..=60).contains(&input.years_of_service) {
        errors.push(field_error("years_of_service", Key::WfYearsRule));
    }
    if !phone_ok(input.phone.trim()) {
        errors.push(field_error("phone", Key::WfPhoneRule));
    }
    errors
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
        let spec = dialog_spec(Action::UnitReject, false, false);
        assert!(spec.opinion_required && spec.confirm);
        assert!(!dialog_spec(Action::UnitApprove, false, false).opinion_required);
        let rec = dialog_spec(Action::Recommend, false, false);
        assert!(rec.handler && rec.recommend_extras && !rec.confirm);
        let rec_batch = dialog_spec(Action::Recommend, false, true);
        assert!(rec_batch.handler && !rec_batch.recommend_extras);
        assert!(dialog_spec(Action::SuperiorApprove, true, false).committee_choice);
        assert!(!dialog_spec(Action::SuperiorApprove, false, false).committee_choice);
        assert!(!dialog_spec(Action::SuperiorApprove, true, true).committee_choice);
        assert!(dialog_spec(Action::PolicyInitial, false, false).pass_choice);
        for action in [
            Action::Terminate,
            Action::Void,
            Action::RereviewFail,
            Action::PolicyRecheckFail,
            Action::UnitReject,
            Action::Withdraw,
        ] {
            assert!(dialog_spec(action, false, false).confirm, "{action}");
        }
    }

    #[test]
    fn dialog_inputs_become_the_request_or_name_what_is_missing() {
        let reject = dialog_spec(Action::UnitReject, false, false);
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
        let rec = dialog_spec(Action::Recommend, false, false);
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
        let assign = dialog_spec(Action::SuperiorApprove, true, false);
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
        let initial = dialog_spec(Action::PolicyInitial, false, false);
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

    #[test]
    fn the_form_checks_mirror_the_server() {
        assert_eq!(check_input(&input()), vec![]);
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
