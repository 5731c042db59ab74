//! Stable error codes and the JSON error envelope `{"code": "...", "message": "..."}`.
//!
//! The code is the contract: integrators and the SPA branch on it, never on the message. The
//! message is for people and follows the request's locale.

use serde::{Deserialize, Serialize};

use crate::Locale;

/// Every error the API can answer with. Serialized as `snake_case`; a code, once published, is
/// never renamed or reused for another meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Deserialize))]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The request is malformed in a way no other code describes (e.g. a bad query string).
    BadRequest,
    /// The body is not syntactically valid JSON.
    MalformedJson,
    /// The body is JSON but does not have the expected shape (missing or mistyped fields).
    InvalidBody,
    /// The body parsed, but a value breaks a rule; the message names the field.
    ValidationFailed,
    /// No credentials, or credentials that are not valid.
    Unauthenticated,
    /// Authenticated, but not allowed to do this.
    Forbidden,
    /// No such resource (or not visible to the caller).
    NotFound,
    /// The path exists but not with this HTTP method.
    MethodNotAllowed,
    /// The resource changed since the caller read it.
    Conflict,
    /// The body is larger than the configured limit.
    PayloadTooLarge,
    /// The `Content-Type` is not one this endpoint accepts.
    UnsupportedMediaType,
    /// Too many requests from this client; retry later.
    RateLimited,
    /// The database cannot be reached right now.
    DatabaseUnavailable,
    /// An unexpected failure; details are in the server log under the request id.
    Internal,
    /// Wrong username or password (the same answer for an unknown user).
    InvalidCredentials,
    /// Too many wrong passwords: the account is locked for a while or until a reset.
    AccountLocked,
    /// The account is disabled.
    AccountDisabled,
    /// The password must be changed before anything else works.
    PasswordChangeRequired,
    /// The new password does not satisfy the password policy.
    WeakPassword,
    /// Something with this identity (e.g. a username) exists already.
    AlreadyExists,
    /// The record's `version` is not the one the caller read: someone acted first.
    VersionConflict,
    /// The workflow does not allow this action in the application's current stage.
    InvalidTransition,
    /// An uploaded file's content is not one of the accepted types (PDF, JPEG, PNG, Office).
    UnsupportedFileType,
    /// A publicity batch cannot complete yet: its period has not ended or reports are open.
    PublicityNotFinished,
    /// No approved, unexpired review authority filing covers this series and level.
    NoReviewAuthority,
    /// A supplement after the failure publicity's online deadline (逾期不再受理).
    SupplementOverdue,
    /// Policy review: the recheck (复核) needs the initial check (初审) first.
    InitialReviewMissing,
    /// Policy review: the initial check is recorded already and cannot be repeated.
    InitialReviewRecorded,
    /// An export would have more rows than one file may hold: narrow the filter.
    ExportTooLarge,
    /// A batch action was refused as a whole: some applications cannot take it (the answer
    /// names them and why); none changed.
    BatchNotApplied,
    /// Submit: a category of material the application's series requires has no file yet.
    AttachmentsMissing,
    /// Policy review: the recheck (复核) must be done by another account than the initial
    /// check (初审) of the same round (the four-eyes rule, when on).
    FourEyesRequired,
    /// A draw (抽取) found fewer eligible experts than a group needs for a specialty; the message names the group, the specialty, how many are needed and how many were found.
    DrawShortfall,
    /// A review session's groups, counts, draws, positions and settings change only while it is set up (组建中).
    SessionNotInSetup,
    /// Start review: a group has fewer active experts than 人社部令第40号 requires (3).
    GroupTooSmall,
    /// Start review: a group has no group leader (评议组组长).
    GroupLeaderMissing,
    /// Start review: the committee (experts with a committee position) has an even number of members.
    CommitteeSizeEven,
    /// Start review: the committee needs exactly one director (主任委员).
    DirectorRequired,
    /// Start review: a senior committee is smaller than the size rule of 人社部令第40号 in force.
    CommitteeTooSmall,
    /// Decline: the group has no unused alternate (候补) who covers a specialty of the declining expert.
    NoAlternate,
    /// Start review: a group's applications or needs changed after its draw; re-draw it first.
    DrawOutdated,
    /// Online review: the expert is not signed in to the session (签到), or signed out.
    ExpertNotSignedIn,
    /// Online review: the session has blind review (盲评) off.
    BlindReviewOff,
    /// Distribution: a dossier needs two or more experts of its group, exactly one chief reviewer (主审).
    DistributionInvalid,
    /// Distribution: the expert must not review this applicant (回避).
    ExpertRecused,
    /// Distribution: the group entered review (进入评审); its distribution no longer changes.
    DistributionLocked,
    /// Enter review: some dossiers of the group are not distributed yet.
    DistributionIncomplete,
    /// Online review: the session is not reviewing or the group has not entered review.
    ReviewNotOpen,
    /// Expert review: the form is completed (完成材料审查) and locked.
    ReviewLocked,
    /// Expert review: the defense evaluation and score wait for the end of the defense (答辩).
    DefenseNotHeld,
    /// Expert review: completing needs every field the expert fills; the message names the first missing.
    ReviewIncomplete,
    /// Group vote: the group's reviews are not all completed (完成材料审查).
    GroupReviewsIncomplete,
    /// Group vote: the group's vote is not open (not opened yet, or closed).
    GroupVoteNotOpen,
    /// A vote: the expert has voted on this applicant already; a vote never changes.
    VoteAlreadyCast,
    /// Committee vote: only a serving expert with a committee position (委员/副主任委员/主任委员) votes; no proxy.
    NotCommitteeMember,
    /// Committee vote: the session is not in committee voting (not opened yet, or tallied).
    CommitteeVoteNotOpen,
    /// Open the committee vote: a group's vote is not closed (组内统票) yet.
    GroupVotesPending,
    /// Tally: fewer committee members attend than the quorum (2/3 of the committee by default).
    QuorumNotMet,
    /// A vote: an applicant not of the group or session, twice in one request, or no applicant at all.
    BallotInvalid,
    /// A review filing lacks one of the four required kinds of file (评审工作备案).
    FilingFilesMissing,
    /// The session's result publicity has not completed: it cannot be filed yet.
    ResultPublicityIncomplete,
    /// Sign-in: the password was right and the account has two-factor authentication: send
    /// the code of the authenticator app (or a recovery code) as `otp` with the password.
    MfaRequired,
    /// Sign-in or enrollment: the authenticator code or recovery code is wrong, expired or
    /// used already; at sign-in it counts as a failed attempt towards the lockout.
    MfaCodeInvalid,
    /// The security policy requires two-factor authentication for this account: enroll an
    /// authenticator (`/api/v1/auth/mfa/enroll`) before anything else.
    MfaEnrollmentRequired,
    /// Two-factor authentication is on for this account already.
    MfaAlreadyEnabled,
}

/// In the browser a code is found by its text among [`ErrorCode::ALL`] (docs/PERFORMANCE.md,
/// "Enums read by their text in the SPA"); the server keeps serde's derived reader.
#[cfg(target_arch = "wasm32")]
impl<'de> Deserialize<'de> for ErrorCode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::macros::from_text(d, |text| {
            ErrorCode::ALL.iter().copied().find(|c| c.as_str() == text)
        })
    }
}

impl ErrorCode {
    /// Every code, for tables, tests and documentation.
    pub const ALL: [ErrorCode; 65] = [
        ErrorCode::BadRequest,
        ErrorCode::MalformedJson,
        ErrorCode::InvalidBody,
        ErrorCode::ValidationFailed,
        ErrorCode::Unauthenticated,
        ErrorCode::Forbidden,
        ErrorCode::NotFound,
        ErrorCode::MethodNotAllowed,
        ErrorCode::Conflict,
        ErrorCode::PayloadTooLarge,
        ErrorCode::UnsupportedMediaType,
        ErrorCode::RateLimited,
        ErrorCode::DatabaseUnavailable,
        ErrorCode::Internal,
        ErrorCode::InvalidCredentials,
        ErrorCode::AccountLocked,
        ErrorCode::AccountDisabled,
        ErrorCode::PasswordChangeRequired,
        ErrorCode::WeakPassword,
        ErrorCode::AlreadyExists,
        ErrorCode::VersionConflict,
        ErrorCode::InvalidTransition,
        ErrorCode::UnsupportedFileType,
        ErrorCode::PublicityNotFinished,
        ErrorCode::NoReviewAuthority,
        ErrorCode::SupplementOverdue,
        ErrorCode::InitialReviewMissing,
        ErrorCode::InitialReviewRecorded,
        ErrorCode::ExportTooLarge,
        ErrorCode::BatchNotApplied,
        ErrorCode::AttachmentsMissing,
        ErrorCode::FourEyesRequired,
        ErrorCode::DrawShortfall,
        ErrorCode::SessionNotInSetup,
        ErrorCode::GroupTooSmall,
        ErrorCode::GroupLeaderMissing,
        ErrorCode::CommitteeSizeEven,
        ErrorCode::DirectorRequired,
        ErrorCode::CommitteeTooSmall,
        ErrorCode::NoAlternate,
        ErrorCode::DrawOutdated,
        ErrorCode::ExpertNotSignedIn,
        ErrorCode::BlindReviewOff,
        ErrorCode::DistributionInvalid,
        ErrorCode::ExpertRecused,
        ErrorCode::DistributionLocked,
        ErrorCode::DistributionIncomplete,
        ErrorCode::ReviewNotOpen,
        ErrorCode::ReviewLocked,
        ErrorCode::DefenseNotHeld,
        ErrorCode::ReviewIncomplete,
        ErrorCode::GroupReviewsIncomplete,
        ErrorCode::GroupVoteNotOpen,
        ErrorCode::VoteAlreadyCast,
        ErrorCode::NotCommitteeMember,
        ErrorCode::CommitteeVoteNotOpen,
        ErrorCode::GroupVotesPending,
        ErrorCode::QuorumNotMet,
        ErrorCode::BallotInvalid,
        ErrorCode::FilingFilesMissing,
        ErrorCode::ResultPublicityIncomplete,
        ErrorCode::MfaRequired,
        ErrorCode::MfaCodeInvalid,
        ErrorCode::MfaEnrollmentRequired,
        ErrorCode::MfaAlreadyEnabled,
    ];

    /// The stable wire identifier, e.g. `malformed_json`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::BadRequest => "bad_request",
            ErrorCode::MalformedJson => "malformed_json",
            ErrorCode::InvalidBody => "invalid_body",
            ErrorCode::ValidationFailed => "validation_failed",
            ErrorCode::Unauthenticated => "unauthenticated",
            ErrorCode::Forbidden => "forbidden",
            ErrorCode::NotFound => "not_found",
            ErrorCode::MethodNotAllowed => "method_not_allowed",
            ErrorCode::Conflict => "conflict",
            ErrorCode::PayloadTooLarge => "payload_too_large",
            ErrorCode::UnsupportedMediaType => "unsupported_media_type",
            ErrorCode::RateLimited => "rate_limited",
            ErrorCode::DatabaseUnavailable => "database_unavailable",
            ErrorCode::Internal => "internal",
            ErrorCode::InvalidCredentials => "invalid_credentials",
            ErrorCode::AccountLocked => "account_locked",
            ErrorCode::AccountDisabled => "account_disabled",
            ErrorCode::PasswordChangeRequired => "password_change_required",
            ErrorCode::WeakPassword => "weak_password",
            ErrorCode::AlreadyExists => "already_exists",
            ErrorCode::VersionConflict => "version_conflict",
            ErrorCode::InvalidTransition => "invalid_transition",
            ErrorCode::UnsupportedFileType => "unsupported_file_type",
            ErrorCode::PublicityNotFinished => "publicity_not_finished",
            ErrorCode::NoReviewAuthority => "no_review_authority",
            ErrorCode::SupplementOverdue => "supplement_overdue",
            ErrorCode::InitialReviewMissing => "initial_review_missing",
            ErrorCode::InitialReviewRecorded => "initial_review_recorded",
            ErrorCode::ExportTooLarge => "export_too_large",
            ErrorCode::BatchNotApplied => "batch_not_applied",
            ErrorCode::AttachmentsMissing => "attachments_missing",
            ErrorCode::FourEyesRequired => "four_eyes_required",
            ErrorCode::DrawShortfall => "draw_shortfall",
            ErrorCode::SessionNotInSetup => "session_not_in_setup",
            ErrorCode::GroupTooSmall => "group_too_small",
            ErrorCode::GroupLeaderMissing => "group_leader_missing",
            ErrorCode::CommitteeSizeEven => "committee_size_even",
            ErrorCode::DirectorRequired => "director_required",
            ErrorCode::CommitteeTooSmall => "committee_too_small",
            ErrorCode::NoAlternate => "no_alternate",
            ErrorCode::DrawOutdated => "draw_outdated",
            ErrorCode::ExpertNotSignedIn => "expert_not_signed_in",
            ErrorCode::BlindReviewOff => "blind_review_off",
            ErrorCode::DistributionInvalid => "distribution_invalid",
            ErrorCode::ExpertRecused => "expert_recused",
            ErrorCode::DistributionLocked => "distribution_locked",
            ErrorCode::DistributionIncomplete => "distribution_incomplete",
            ErrorCode::ReviewNotOpen => "review_not_open",
            ErrorCode::ReviewLocked => "review_locked",
            ErrorCode::DefenseNotHeld => "defense_not_held",
            ErrorCode::ReviewIncomplete => "review_incomplete",
            ErrorCode::GroupReviewsIncomplete => "group_reviews_incomplete",
            ErrorCode::GroupVoteNotOpen => "group_vote_not_open",
            ErrorCode::VoteAlreadyCast => "vote_already_cast",
            ErrorCode::NotCommitteeMember => "not_committee_member",
            ErrorCode::CommitteeVoteNotOpen => "committee_vote_not_open",
            ErrorCode::GroupVotesPending => "group_votes_pending",
            ErrorCode::QuorumNotMet => "quorum_not_met",
            ErrorCode::BallotInvalid => "ballot_invalid",
            ErrorCode::FilingFilesMissing => "filing_files_missing",
            ErrorCode::ResultPublicityIncomplete => "result_publicity_incomplete",
            ErrorCode::MfaRequired => "mfa_required",
            ErrorCode::MfaCodeInvalid => "mfa_code_invalid",
            ErrorCode::MfaEnrollmentRequired => "mfa_enrollment_required",
            ErrorCode::MfaAlreadyEnabled => "mfa_already_enabled",
        }
    }

    /// The HTTP status this code is answered with.
    pub fn http_status(self) -> u16 {
        match self {
            ErrorCode::BadRequest | ErrorCode::MalformedJson => 400,
            ErrorCode::Unauthenticated | ErrorCode::InvalidCredentials => 401,
            ErrorCode::Forbidden
            | ErrorCode::AccountDisabled
            | ErrorCode::PasswordChangeRequired
            | ErrorCode::NotCommitteeMember => 403,
            ErrorCode::AccountLocked => 423,
            ErrorCode::AlreadyExists
            | ErrorCode::VersionConflict
            | ErrorCode::InvalidTransition
            | ErrorCode::PublicityNotFinished
            | ErrorCode::SupplementOverdue
            | ErrorCode::InitialReviewMissing
            | ErrorCode::InitialReviewRecorded
            | ErrorCode::BatchNotApplied
            | ErrorCode::FourEyesRequired
            | ErrorCode::DrawShortfall
            | ErrorCode::SessionNotInSetup
            | ErrorCode::GroupTooSmall
            | ErrorCode::GroupLeaderMissing
            | ErrorCode::CommitteeSizeEven
            | ErrorCode::DirectorRequired
            | ErrorCode::CommitteeTooSmall
            | ErrorCode::NoAlternate
            | ErrorCode::DrawOutdated
            | ErrorCode::ExpertNotSignedIn
            | ErrorCode::BlindReviewOff
            | ErrorCode::DistributionLocked
            | ErrorCode::DistributionIncomplete
            | ErrorCode::ReviewNotOpen
            | ErrorCode::ReviewLocked
            | ErrorCode::DefenseNotHeld
            | ErrorCode::GroupReviewsIncomplete
            | ErrorCode::GroupVoteNotOpen
            | ErrorCode::VoteAlreadyCast
            | ErrorCode::CommitteeVoteNotOpen
            | ErrorCode::GroupVotesPending
            | ErrorCode::QuorumNotMet => 409,
            ErrorCode::ResultPublicityIncomplete => 409,
            ErrorCode::MfaRequired | ErrorCode::MfaCodeInvalid => 401,
            ErrorCode::MfaEnrollmentRequired => 403,
            ErrorCode::MfaAlreadyEnabled => 409,
            ErrorCode::UnsupportedFileType => 415,
            ErrorCode::NoReviewAuthority
            | ErrorCode::ExportTooLarge
            | ErrorCode::AttachmentsMissing
            | ErrorCode::DistributionInvalid
            | ErrorCode::ExpertRecused
            | ErrorCode::ReviewIncomplete
            | ErrorCode::BallotInvalid => 422,
            ErrorCode::FilingFilesMissing => 422,
            ErrorCode::NotFound => 404,
            ErrorCode::MethodNotAllowed => 405,
            ErrorCode::Conflict => 409,
            ErrorCode::PayloadTooLarge => 413,
            ErrorCode::UnsupportedMediaType => 415,
            ErrorCode::InvalidBody | ErrorCode::ValidationFailed | ErrorCode::WeakPassword => 422,
            ErrorCode::RateLimited => 429,
            ErrorCode::Internal => 500,
            ErrorCode::DatabaseUnavailable => 503,
        }
    }

    /// The code used when a response of this status carries no more specific one.
    pub fn for_status(status: u16) -> ErrorCode {
        match status {
            401 => ErrorCode::Unauthenticated,
            403 => ErrorCode::Forbidden,
            404 => ErrorCode::NotFound,
            405 => ErrorCode::MethodNotAllowed,
            409 => ErrorCode::Conflict,
            413 => ErrorCode::PayloadTooLarge,
            415 => ErrorCode::UnsupportedMediaType,
            422 => ErrorCode::InvalidBody,
            423 => ErrorCode::AccountLocked,
            429 => ErrorCode::RateLimited,
            503 => ErrorCode::DatabaseUnavailable,
            400..=499 => ErrorCode::BadRequest,
            _ => ErrorCode::Internal,
        }
    }

    /// The generic human message for this code in `locale`.
    pub fn message(self, locale: Locale) -> &'static str {
        match locale {
            Locale::ZhCn => self.message_zh(),
            Locale::En => self.message_en(),
        }
    }

    fn message_zh(self) -> &'static str {
        match self {
            ErrorCode::BadRequest => "请求格式不正确",
            ErrorCode::MalformedJson => "请求内容不是有效的 JSON",
            ErrorCode::InvalidBody => "请求内容缺少字段或字段类型不正确",
            ErrorCode::ValidationFailed => "提交的数据未通过校验",
            ErrorCode::Unauthenticated => "请先登录",
            ErrorCode::Forbidden => "没有执行此操作的权限",
            ErrorCode::NotFound => "请求的资源不存在",
            ErrorCode::MethodNotAllowed => "该地址不支持此请求方法",
            ErrorCode::Conflict => "数据已被他人修改，请刷新后重试",
            ErrorCode::PayloadTooLarge => "请求内容超过大小限制",
            ErrorCode::UnsupportedMediaType => "不支持的内容类型",
            ErrorCode::RateLimited => "请求过于频繁，请稍后再试",
            ErrorCode::DatabaseUnavailable => "数据库暂时不可用，请稍后再试",
            ErrorCode::Internal => "系统内部错误，请联系管理员",
            ErrorCode::InvalidCredentials => "用户名或密码错误",
            ErrorCode::AccountLocked => {
                "密码错误次数过多，账号已锁定，请稍后再试或联系本单位管理员重置密码"
            }
            ErrorCode::AccountDisabled => "账号已停用，请联系本单位管理员",
            ErrorCode::PasswordChangeRequired => "首次登录或密码重置后须先修改密码",
            ErrorCode::WeakPassword => "新密码不符合密码规则",
            ErrorCode::AlreadyExists => "该记录已存在",
            ErrorCode::VersionConflict => "该申报已被他人处理，请刷新后重试",
            ErrorCode::InvalidTransition => "当前环节不能执行此操作",
            ErrorCode::UnsupportedFileType => "只能上传 PDF、JPEG、PNG 或 Office 文件",
            ErrorCode::PublicityNotFinished => "公示期未结束或仍有未处理的举报，不能完成公示",
            ErrorCode::NoReviewAuthority => "没有覆盖该系列和级别的有效评审权备案",
            ErrorCode::SupplementOverdue => "已过线上补充材料截止时间，逾期不再受理",
            ErrorCode::InitialReviewMissing => "尚未初审，不能复核",
            ErrorCode::InitialReviewRecorded => "初审已完成，不能重复初审",
            ErrorCode::ExportTooLarge => "导出的记录过多，请缩小筛选范围后再导出",
            ErrorCode::BatchNotApplied => "部分申报不能执行此操作，全部未处理",
            ErrorCode::AttachmentsMissing => "缺少必须上传的附件类别",
            ErrorCode::FourEyesRequired => "初审与复核须由不同的政策性审查账号完成",
            ErrorCode::DrawShortfall => "抽取专家不足：符合条件的专家人数少于所需人数",
            ErrorCode::SessionNotInSetup => "评委会已开始评审，不能再修改组建内容",
            ErrorCode::GroupTooSmall => "评审小组专家人数不足 3 人",
            ErrorCode::GroupLeaderMissing => "评审小组未设置组长",
            ErrorCode::CommitteeSizeEven => "评委会委员人数须为单数",
            ErrorCode::DirectorRequired => "评委会须设且只设一名主任委员",
            ErrorCode::CommitteeTooSmall => "高级评委会委员人数少于规定人数",
            ErrorCode::NoAlternate => "该小组没有可递补的候补专家",
            ErrorCode::DrawOutdated => "小组的申报材料或专家人数在抽取后已变更，请重新抽取",
            ErrorCode::ExpertNotSignedIn => "专家尚未签到或已签退，不能进行此操作",
            ErrorCode::BlindReviewOff => "本次评审未开启盲评",
            ErrorCode::DistributionInvalid => {
                "材料分发不符合规则：每份材料至少分给本组两名专家，且只能指定一名主审"
            }
            ErrorCode::ExpertRecused => "该专家须回避该申报人",
            ErrorCode::DistributionLocked => "本组已进入评审，材料分发不能再更改",
            ErrorCode::DistributionIncomplete => "本组还有材料未分发，不能进入评审",
            ErrorCode::ReviewNotOpen => "评审未开放：评审会不在评审中或本组尚未进入评审",
            ErrorCode::ReviewLocked => "评审意见已提交，不能再修改",
            ErrorCode::DefenseNotHeld => "答辩尚未结束，不能填写答辩评价意见和答辩成绩",
            ErrorCode::ReviewIncomplete => "评审意见未填写完整",
            ErrorCode::GroupReviewsIncomplete => "本组评审意见尚未全部完成，不能进入组内投票",
            ErrorCode::GroupVoteNotOpen => "组内投票未开放或已结束",
            ErrorCode::VoteAlreadyCast => "已对该申报人投过票，投票后不能更改",
            ErrorCode::NotCommitteeMember => "只有本次评委会的委员本人可以投票，不能代为投票",
            ErrorCode::CommitteeVoteNotOpen => "评委会投票未开放或已统票",
            ErrorCode::GroupVotesPending => "尚有评审小组未完成组内投票",
            ErrorCode::QuorumNotMet => "出席委员人数未达到评委会人数的法定比例，会议无效，不能统票",
            ErrorCode::BallotInvalid => "投票内容无效：申报人不在本组或本次评审中、重复或为空",
            ErrorCode::FilingFilesMissing => {
                "备案材料不全：评委会通知、评审结果公示名单、公示情况说明、任职资格文件均须上传"
            }
            ErrorCode::ResultPublicityIncomplete => "该评审会的评审结果公示尚未完成，不能提交备案",
            ErrorCode::MfaRequired => "请输入身份验证器上的动态验证码（或一个恢复码）",
            ErrorCode::MfaCodeInvalid => "动态验证码或恢复码不正确、已过期或已使用",
            ErrorCode::MfaEnrollmentRequired => {
                "安全策略要求本账号启用双因素认证，请先绑定身份验证器"
            }
            ErrorCode::MfaAlreadyEnabled => "本账号已启用双因素认证",
        }
    }

    fn message_en(self) -> &'static str {
        match self {
            ErrorCode::BadRequest => "The request is malformed",
            ErrorCode::MalformedJson => "The request body is not valid JSON",
            ErrorCode::InvalidBody => {
                "The request body is missing fields or has fields of the wrong type"
            }
            ErrorCode::ValidationFailed => "The submitted data failed validation",
            ErrorCode::Unauthenticated => "Please sign in first",
            ErrorCode::Forbidden => "You are not allowed to do this",
            ErrorCode::NotFound => "The requested resource does not exist",
            ErrorCode::MethodNotAllowed => "This address does not accept this request method",
            ErrorCode::Conflict => "Someone else changed this data; reload and try again",
            ErrorCode::PayloadTooLarge => "The request body exceeds the size limit",
            ErrorCode::UnsupportedMediaType => "This content type is not supported",
            ErrorCode::RateLimited => "Too many requests; please try again later",
            ErrorCode::DatabaseUnavailable => {
                "The database is temporarily unavailable; please try again later"
            }
            ErrorCode::Internal => "An internal error occurred; please contact the administrator",
            ErrorCode::InvalidCredentials => "Wrong username or password",
            ErrorCode::AccountLocked => "Too many wrong passwords: the account is locked; try later or ask your unit administrator for a reset",
            ErrorCode::AccountDisabled => "The account is disabled; contact your unit administrator",
            ErrorCode::PasswordChangeRequired => "You must change your password before continuing",
            ErrorCode::WeakPassword => "The new password does not meet the password rules",
            ErrorCode::AlreadyExists => "This record exists already",
            ErrorCode::VersionConflict => {
                "Someone else acted on this application first; reload and try again"
            }
            ErrorCode::InvalidTransition => "This action is not allowed in the current stage",
            ErrorCode::UnsupportedFileType => "Only PDF, JPEG, PNG or Office files are accepted",
            ErrorCode::PublicityNotFinished => {
                "The publicity period has not ended or reports are still open"
            }
            ErrorCode::NoReviewAuthority => {
                "No approved, unexpired review authority filing covers this series and level"
            }
            ErrorCode::SupplementOverdue => {
                "The online supplement deadline has passed; late supplements are not accepted"
            }
            ErrorCode::InitialReviewMissing => {
                "The initial check must be recorded before the recheck"
            }
            ErrorCode::InitialReviewRecorded => "The initial check is already recorded",
            ErrorCode::ExportTooLarge => {
                "Too many rows to export; narrow the filter and export again"
            }
            ErrorCode::BatchNotApplied => {
                "Some applications cannot take this action; none was changed"
            }
            ErrorCode::AttachmentsMissing => "Required kinds of material have no file yet",
            ErrorCode::FourEyesRequired => {
                "The recheck must be done by another account than the initial check"
            }
            ErrorCode::DrawShortfall => "Not enough eligible experts for the draw",
            ErrorCode::SessionNotInSetup => "The review session is no longer being set up; this cannot change now",
            ErrorCode::GroupTooSmall => "A review group has fewer than 3 experts",
            ErrorCode::GroupLeaderMissing => "A review group has no leader",
            ErrorCode::CommitteeSizeEven => "The committee must have an odd number of members",
            ErrorCode::DirectorRequired => "The committee needs exactly one director",
            ErrorCode::CommitteeTooSmall => "The senior committee has fewer members than the rules require",
            ErrorCode::NoAlternate => "The group has no alternate to replace this expert",
            ErrorCode::DrawOutdated => {
                "A group's applications or counts changed after its draw; re-draw it first"
            }
            ErrorCode::ExpertNotSignedIn => "The expert is not signed in to this session (or has signed out)",
            ErrorCode::BlindReviewOff => "Blind review is off for this session",
            ErrorCode::DistributionInvalid => "Each dossier goes to at least two experts of the group, exactly one of them chief reviewer",
            ErrorCode::ExpertRecused => "This expert must not review this applicant (recusal)",
            ErrorCode::DistributionLocked => "The group has entered review; its distribution can no longer change",
            ErrorCode::DistributionIncomplete => "Some dossiers of the group are not distributed yet",
            ErrorCode::ReviewNotOpen => "The review is not open: the session is not reviewing or the group has not entered review",
            ErrorCode::ReviewLocked => "The review is completed and can no longer change",
            ErrorCode::DefenseNotHeld => "The defense is not over yet: its evaluation and score cannot be filled",
            ErrorCode::ReviewIncomplete => "The review form is not complete",
            ErrorCode::GroupReviewsIncomplete => "The group's reviews are not all completed; the group vote cannot open",
            ErrorCode::GroupVoteNotOpen => "The group vote is not open (not opened yet, or closed)",
            ErrorCode::VoteAlreadyCast => "A vote on this applicant was cast already and cannot change",
            ErrorCode::NotCommitteeMember => "Only a member of this committee votes, in person",
            ErrorCode::CommitteeVoteNotOpen => "The committee vote is not open (not opened yet, or tallied)",
            ErrorCode::GroupVotesPending => "A review group has not closed its vote yet",
            ErrorCode::QuorumNotMet => "Fewer members attend than the quorum requires; the meeting cannot tally",
            ErrorCode::BallotInvalid => "Invalid votes: an applicant not in the group or session, a duplicate, or none",
            ErrorCode::FilingFilesMissing => "The filing lacks a required file: the committee notice, the result list, the publicity explanation and the qualification documents are all required",
            ErrorCode::ResultPublicityIncomplete => "The session's result publicity has not completed; it cannot be filed yet",
            ErrorCode::MfaRequired => "Enter the code from your authenticator app (or a recovery code)",
            ErrorCode::MfaCodeInvalid => "The authenticator code or recovery code is wrong, expired or used already",
            ErrorCode::MfaEnrollmentRequired => "The security policy requires two-factor authentication for this account: set up an authenticator first",
            ErrorCode::MfaAlreadyEnabled => "Two-factor authentication is on for this account already",
        }
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The body of every error answer of `/api/*`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    /// Stable, machine-readable code.
    pub code: ErrorCode,
    /// Human-readable message in the request's language (`Accept-Language`).
    pub message: String,
    /// The request field at fault (a body field or query parameter, e.g. `phone`), present
    /// only for errors about one field (`validation_failed`, an out-of-range `page`); clients
    /// highlight by it and never parse the message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_names_match_serde_and_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for code in ErrorCode::ALL {
            let json = serde_json::to_string(&code).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", code.as_str()));
            assert!(seen.insert(code.as_str()), "duplicate code {code}");
        }
    }

    #[test]
    fn every_code_has_an_error_status_and_both_messages() {
        for code in ErrorCode::ALL {
            assert!((400..600).contains(&code.http_status()), "{code}");
            assert!(!code.message(Locale::ZhCn).is_empty());
            assert!(!code.message(Locale::En).is_empty());
            assert_ne!(code.message(Locale::ZhCn), code.message(Locale::En));
        }
    }

    #[test]
    fn field_is_left_out_when_absent_and_read_when_present() {
        let plain = ErrorBody {
            code: ErrorCode::NotFound,
            message: "x".into(),
            field: None,
        };
        assert_eq!(
            serde_json::to_value(&plain).unwrap_or_default(),
            serde_json::json!({"code": "not_found", "message": "x"})
        );
        let with: ErrorBody = serde_json::from_value(serde_json::json!(
            {"code": "validation_failed", "message": "m", "field": "phone"}
        ))
        .unwrap_or(plain);
        assert_eq!(with.field.as_deref(), Some("phone"));
    }

    #[test]
    fn status_fallback_maps_back_to_generic_codes() {
        assert_eq!(ErrorCode::for_status(404), ErrorCode::NotFound);
        assert_eq!(ErrorCode::for_status(405), ErrorCode::MethodNotAllowed);
        assert_eq!(ErrorCode::for_status(413), ErrorCode::PayloadTooLarge);
        assert_eq!(ErrorCode::for_status(415), ErrorCode::UnsupportedMediaType);
        assert_eq!(ErrorCode::for_status(418), ErrorCode::BadRequest);
        assert_eq!(ErrorCode::for_status(502), ErrorCode::Internal);
        for code in ErrorCode::ALL {
            let back = ErrorCode::for_status(code.http_status());
            assert_eq!(back.http_status(), code.http_status(), "{code}");
        }
    }
}
