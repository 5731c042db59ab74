//! Rules both ends apply, written once: the server enforces them, the SPA calls the same
//! functions to warn before a request is sent. Identifier checksums (ID number, credit code)
//! are in [`crate::ids`]; this module holds the phone and date checks, who may create which
//! account kind where, which modules are never a unit's, and the fields of an application.

use serde::{Deserialize, Serialize};

use crate::{
    application::{ApplicationInput, Gender},
    ids::IdNumber,
    AccountKind, Module,
};

/// A broken rule, with its message in both languages (the field is named by the caller).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rule {
    /// Empty after trimming.
    Required,
    /// Fewer characters than allowed.
    MinChars(usize),
    /// More characters than allowed.
    MaxChars(usize),
    /// Contains control characters (other than line breaks and tabs).
    ControlChars,
    /// Not a real `YYYY-MM-DD` date.
    DateFormat,
    /// A year outside the accepted range (both ends included).
    YearRange(i32, i32),
    /// The ID number check's own message (`中文 / English`).
    IdNumber(&'static str),
    /// Not the account holder's own ID number.
    NotOwnIdNumber,
    /// The birth date differs from the one in the ID number.
    BirthDateMismatch,
    /// The gender differs from the one in the ID number.
    GenderMismatch,
    /// A title date after today or before the birth date.
    ImplausibleTitleDate,
    /// Years of service outside 0–60.
    YearsOfService,
    /// Not a mainland mobile number or a landline with area code.
    Phone,
    /// A certificate number with characters it may not hold.
    NumberChars,
    /// A username with whitespace, a control character or `#` inside.
    UsernameChars,
    /// A list longer than allowed.
    MaxItems(usize),
}

impl Rule {
    /// The message in Chinese.
    pub fn zh(&self) -> String {
        match self {
            Rule::Required => "不能为空".into(),
            Rule::MinChars(n) => format!("至少 {n} 个字符"),
            Rule::MaxChars(n) => format!("不能超过 {n} 个字符"),
            Rule::ControlChars => "含有不可见的控制字符".into(),
            Rule::DateFormat => "日期格式应为 YYYY-MM-DD".into(),
            Rule::YearRange(a, b) => format!("申报年度须在 {a} 至 {b} 之间"),
            Rule::IdNumber(m) => m.split_once(" / ").map_or(*m, |(zh, _)| zh).to_owned(),
            Rule::NotOwnIdNumber => "须为申报账号本人的身份证号".into(),
            Rule::BirthDateMismatch => "与身份证号中的出生日期不一致".into(),
            Rule::GenderMismatch => "与身份证号中的性别不一致".into(),
            Rule::ImplausibleTitleDate => "取得现职称的日期不合理".into(),
            Rule::YearsOfService => "须在 0 至 60 之间".into(),
            Rule::Phone => "请输入 11 位手机号或带区号的固定电话".into(),
            Rule::NumberChars => "只能包含字母、数字、汉字、-、_ 和〔〕（）".into(),
            Rule::UsernameChars => "不能包含空格、控制字符或 #".into(),
            Rule::MaxItems(n) => format!("最多 {n} 项"),
        }
    }

    /// The message in English.
    pub fn en(&self) -> String {
        match self {
            Rule::Required => "is required".into(),
            Rule::MinChars(n) => format!("must have at least {n} characters"),
            Rule::MaxChars(n) => format!("must have at most {n} characters"),
            Rule::ControlChars => "contains control characters".into(),
            Rule::DateFormat => "must be a date YYYY-MM-DD".into(),
            Rule::YearRange(a, b) => format!("must be between {a} and {b}"),
            Rule::IdNumber(m) => m.split_once(" / ").map_or(*m, |(_, en)| en).to_owned(),
            Rule::NotOwnIdNumber => "must be the account holder's own ID number".into(),
            Rule::BirthDateMismatch | Rule::GenderMismatch => "does not match the ID number".into(),
            Rule::ImplausibleTitleDate => "is not a plausible date".into(),
            Rule::YearsOfService => "must be between 0 and 60".into(),
            Rule::Phone => "must be an 11-digit mobile or a landline with area code".into(),
            Rule::NumberChars => {
                "may hold only letters, digits, CJK characters, -, _ and 〔〕（）".into()
            }
            Rule::UsernameChars => "must not contain spaces, control characters or #".into(),
            Rule::MaxItems(n) => format!("must have at most {n} items"),
        }
    }
}

/// One field that breaks a rule: the request field's wire name and the rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Wire name of the field, e.g. `phone`.
    pub field: &'static str,
    /// What is wrong.
    pub rule: Rule,
}

/// The whitespace `str::trim` removes (the Unicode `White_Space` property), as a regex class body.
pub(crate) const TRIMMED: &str =
    r"\t\n\u000b\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000";
/// The control characters [`text`] refuses (all but tab, line feed and carriage return).
const REFUSED_CONTROLS: &str = r"\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f";

/// [`text`] with `min = 1` as a regular expression (ECMA-262, Python and Rust `regex` read it
/// alike): optional trimmed whitespace, then content that starts and ends with a character that
/// is neither whitespace nor a refused control, with no refused control inside. The OpenAPI
/// document gives it to every field checked by `text` (a field's schema says `format: text` and
/// the document builder adds this pattern), so that a generated client and the server agree
/// exactly on what a required text is (issue 13).
pub fn text_pattern() -> String {
    format!(
        "^[{TRIMMED}]*[^{TRIMMED}{REFUSED_CONTROLS}](?:[^{REFUSED_CONTROLS}]*[^{TRIMMED}{REFUSED_CONTROLS}])?[{TRIMMED}]*$"
    )
}

/// Most characters of one specialty (专业) name.
pub const MAX_SPECIALTY_CHARS: usize = 50;
/// Most specialties one list may give.
pub const MAX_SPECIALTIES: usize = 100;

/// A list of specialties as a request gives it: at most [`MAX_SPECIALTIES`], each a [`text`] of
/// 1–[`MAX_SPECIALTY_CHARS`] characters; the names trimmed, repeats dropped (first kept).
/// `Err` holds the index of the first bad item and its rule; `None` when the list is too long.
pub fn specialties(list: &[String]) -> Result<Vec<String>, (Option<usize>, Rule)> {
    if list.len() > MAX_SPECIALTIES {
        return Err((None, Rule::MaxItems(MAX_SPECIALTIES)));
    }
    let mut out: Vec<String> = Vec::with_capacity(list.len());
    for (i, raw) in list.iter().enumerate() {
        let name = text(raw, 1, MAX_SPECIALTY_CHARS).map_err(|rule| (Some(i), rule))?;
        if !out.iter().any(|o| o == name) {
            out.push(name.to_owned());
        }
    }
    Ok(out)
}

/// The control characters (`char::is_control`: Unicode `Cc`), as a regex class body.
const CONTROLS: &str = r"\u0000-\u001f\u007f-\u009f";

/// An account's username: 2–64 characters after trimming, with no whitespace, control
/// character or `#` inside (`#` marks the stored form of a name that is an ID number). Applies
/// to every way an account is made (one by one, bulk, the CLI).
pub fn username(value: &str) -> Result<&str, Rule> {
    let v = value.trim();
    match v.chars().count() {
        0 => return Err(Rule::Required),
        1 => return Err(Rule::MinChars(2)),
        n if n > 64 => return Err(Rule::MaxChars(64)),
        _ => {}
    }
    if v.chars()
        .any(|c| c.is_whitespace() || c.is_control() || c == '#')
    {
        return Err(Rule::UsernameChars);
    }
    Ok(v)
}

/// [`username`] as a regular expression (`format: username` in the OpenAPI document).
pub fn username_pattern() -> String {
    format!("^[{TRIMMED}]*[^{TRIMMED}{CONTROLS}#]{{2,64}}[{TRIMMED}]*$")
}

/// An expert's contact phone (any country, so looser than [`Phone`]): 5–20 characters after
/// trimming, each a digit, `-`, `+` or a space.
pub fn contact_phone(value: &str) -> Option<&str> {
    let v = value.trim();
    ((5..=20).contains(&v.chars().count())
        && v.chars().all(|c| c.is_ascii_digit() || "-+ ".contains(c)))
    .then_some(v)
}

/// [`contact_phone`] as a regular expression (`format: contact-phone`).
pub fn contact_phone_pattern() -> String {
    format!("^[{TRIMMED}]*[0-9+-][0-9+ -]{{3,18}}[0-9+-][{TRIMMED}]*$")
}

/// Most characters of an e-mail address (as sent).
pub const MAX_EMAIL_CHARS: usize = 100;

/// An optional e-mail address: at most [`MAX_EMAIL_CHARS`] characters as sent, and empty after
/// trimming or one `@` with something before it and a `.` after it.
pub fn email(value: &str) -> Option<&str> {
    let v = value.trim();
    let ok = value.chars().count() <= MAX_EMAIL_CHARS
        && (v.is_empty()
            || v.split_once('@')
                .is_some_and(|(a, b)| !a.is_empty() && b.contains('.') && !b.contains('@')));
    ok.then_some(v)
}

/// [`email`] as a regular expression (`format: contact-email`, with `maxLength` 100): only
/// whitespace, or a trimmed address with one `@`, something before it and a `.` after it.
pub fn email_pattern() -> String {
    let t = TRIMMED;
    format!("^[{t}]*$|^[{t}]*[^@{t}][^@]*@(?:[^@]*\\.|[^@]*\\.[^@]*[^@{t}])[{t}]*$")
}

/// [`text`] with `min = 0` as a regular expression (`format: optional-text`): only
/// whitespace, or what [`text_pattern`] accepts.
pub fn optional_text_pattern() -> String {
    format!("^[{TRIMMED}]*$|{}", text_pattern())
}

/// Trimmed text of `min..=max` characters without control characters (line breaks and tabs
/// allowed). `max` counts the characters as sent, `min` those left after trimming: a schema's
/// `maxLength` counts the same way.
pub fn text(value: &str, min: usize, max: usize) -> Result<&str, Rule> {
    let v = value.trim();
    let n = v.chars().count();
    if value.chars().count() > max {
        return Err(Rule::MaxChars(max));
    }
    if n < min {
        return Err(if min <= 1 {
            Rule::Required
        } else {
            Rule::MinChars(min)
        });
    }
    if n > max {
        return Err(Rule::MaxChars(max));
    }
    if v.chars()
        .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
    {
        return Err(Rule::ControlChars);
    }
    Ok(v)
}

/// A phone number: a mainland mobile (`1[3-9]` + 9 digits) or a landline with its area code
/// (`0…`, 10–12 digits, hyphens allowed between groups).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Phone(String);

impl Phone {
    /// Parses a trimmed number.
    pub fn parse(raw: &str) -> Result<Self, Rule> {
        let p = raw.trim();
        let digits: String = p.chars().filter(|c| *c != '-').collect();
        let all_digits = !digits.is_empty() && digits.bytes().all(|c| c.is_ascii_digit());
        let hyphens = p.len() - digits.len();
        let mobile = hyphens == 0
            && digits.len() == 11
            && digits.starts_with('1')
            && digits
                .as_bytes()
                .get(1)
                .is_some_and(|d| (b'3'..=b'9').contains(d));
        let landline = digits.starts_with('0')
            && (10..=12).contains(&digits.len())
            && hyphens <= 2
            && !p.starts_with('-')
            && !p.ends_with('-')
            && !p.contains("--");
        if all_digits && (mobile || landline) {
            Ok(Phone(p.to_owned()))
        } else {
            Err(Rule::Phone)
        }
    }

    /// The number as entered (trimmed).
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// [`Phone::parse`] as a regular expression (for `format: phone` in the OpenAPI document):
/// a mobile, or a landline whose 10–12 digits start with `0`, split by at most two single
/// hyphens; whitespace around it is trimmed. The landline is spelled out per place of the
/// hyphens, since a regular expression cannot add up the digits of several groups.
pub fn phone_pattern() -> String {
    let mut landline = vec!["0[0-9]{9,11}".to_owned()];
    // The first group is the leading 0 and `a` more digits; every group holds a digit.
    for a in 0..=10usize {
        landline.push(format!(
            "0[0-9]{{{a}}}-[0-9]{{{},{}}}",
            9usize.saturating_sub(a).max(1),
            11 - a
        ));
        for b in 1..=(10 - a) {
            if a + b > 10 {
                continue;
            }
            landline.push(format!(
                "0[0-9]{{{a}}}-[0-9]{{{b}}}-[0-9]{{{},{}}}",
                9usize.saturating_sub(a + b).max(1),
                11 - a - b
            ));
        }
    }
    format!(
        "^[{TRIMMED}]*(?:1[3-9][0-9]{{9}}|{})[{TRIMMED}]*$",
        landline.join("|")
    )
}

impl TryFrom<String> for Phone {
    type Error = &'static str;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Phone::parse(&value).map_err(|_| "手机号或固定电话格式不正确 / not a valid phone number")
    }
}

impl From<Phone> for String {
    fn from(value: Phone) -> Self {
        value.0
    }
}

/// A calendar date, parsed from `YYYY-MM-DD` (a real day: months and leap years checked).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year (1900–2100).
    pub year: i32,
    /// Month 1–12.
    pub month: u32,
    /// Day of the month.
    pub day: u32,
}

impl Date {
    /// Parses `YYYY-MM-DD` (trimmed).
    pub fn parse(raw: &str) -> Result<Self, Rule> {
        let t = raw.trim();
        let b = t.as_bytes();
        let shape = b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && b.iter()
                .enumerate()
                .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
        if !shape {
            return Err(Rule::DateFormat);
        }
        let num = |r: std::ops::Range<usize>| t[r].parse::<u32>().unwrap_or(0);
        let (year, month, day) = (num(0..4), num(5..7), num(8..10));
        let year = i32::try_from(year).unwrap_or(0);
        if !(1900..=2100).contains(&year) || day == 0 || day > days_in_month(year, month) {
            return Err(Rule::DateFormat);
        }
        Ok(Date { year, month, day })
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Days in `month` of `year` (0 for a month that does not exist).
pub fn days_in_month(year: i32, month: u32) -> u32 {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 0,
    }
}

/// Where a unit stands relative to the caller's own unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitRelation {
    /// The caller's own unit.
    Own,
    /// A unit below it.
    Below,
    /// Anywhere else.
    Outside,
}

/// Which kinds of account a caller of `kind` holding `modules` may create in a unit standing
/// in `relation` to it.
///
/// - Unit administrators (`portal.system.users`) create handlers in their own unit.
/// - System administrators create unit accounts, unit administrators and handlers anywhere in
///   their jurisdiction.
/// - Whoever creates units (`config.units.create`) also creates the new unit's own account and
///   its administrator, in units below their own.
/// - Personal-account managers (`title.accounts.personal_accounts`) create applicants in their
///   own unit.
pub fn creatable_kinds(
    kind: AccountKind,
    modules: &[Module],
    relation: UnitRelation,
) -> Vec<AccountKind> {
    let mut kinds = Vec::new();
    let holds = |m: Module| modules.contains(&m);
    match (kind, relation) {
        (_, UnitRelation::Outside) => return kinds,
        (AccountKind::SystemAdmin, _) if holds(Module::Users) => {
            kinds.extend([
                AccountKind::Unit,
                AccountKind::UnitAdmin,
                AccountKind::Handler,
            ]);
        }
        (AccountKind::UnitAdmin, UnitRelation::Own) if holds(Module::Users) => {
            kinds.push(AccountKind::Handler)
        }
        _ => {}
    }
    if relation == UnitRelation::Below && holds(Module::UnitCreate) {
        kinds.extend([AccountKind::Unit, AccountKind::UnitAdmin]);
    }
    if relation == UnitRelation::Own && holds(Module::PersonalAccounts) {
        kinds.push(AccountKind::Applicant);
    }
    kinds.sort();
    kinds.dedup();
    kinds
}

/// Modules no unit-side account may hold: the applicant's, the policy reviewer's, the
/// expert's, and the administrators' own duties. A unit role may not offer them either.
pub const NOT_FOR_UNITS: &[Module] = &[
    Module::MyApplications,
    Module::PolicyReview,
    Module::PolicyRereview,
    Module::ExpertReview,
    Module::GroupVote,
    Module::ExpertProfile,
    Module::GroupManagement,
    Module::UnitRoles,
    Module::AuditLog,
    Module::SecurityPolicy,
];

/// Whether a unit role may offer `module`.
pub fn for_units(module: Module) -> bool {
    !NOT_FOR_UNITS.contains(&module)
}

/// Lengths of an application's text fields: (field, min, max). `min` 0 = optional.
pub const APPLICATION_TEXT: [(&str, usize, usize); 5] = [
    ("name", 2, 50),
    ("specialty", 1, 50),
    ("qualification", 1, 50),
    ("current_title", 0, 50),
    ("achievements", 1, 5000),
];

/// Every rule an application's content breaks, in the order of the form. `own_id_number` is
/// the applicant account's ID number (an application is always the holder's own); `today` is
/// China's date.
pub fn check_application(
    input: &ApplicationInput,
    own_id_number: Option<&str>,
    today: Date,
) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut push = |field: &'static str, rule: Rule| out.push(Problem { field, rule });
    let years = (today.year - 1, today.year + 1);
    if !(years.0..=years.1).contains(&input.year) {
        push("year", Rule::YearRange(years.0, years.1));
    }
    let text_rule = |field: &str, value: &str| {
        let (min, max) = APPLICATION_TEXT
            .iter()
            .find(|(f, _, _)| *f == field)
            .map_or((0, usize::MAX), |(_, min, max)| (*min, *max));
        text(value, min, max).err()
    };
    if let Some(rule) = text_rule("name", &input.name) {
        push("name", rule);
    }
    let birth = Date::parse(&input.birth_date);
    match IdNumber::parse(&input.id_number) {
        Err(message) => {
            push("id_number", Rule::IdNumber(message));
            if let Err(rule) = &birth {
                push("birth_date", rule.clone());
            }
        }
        Ok(id) => {
            if own_id_number.is_some_and(|own| !own.trim().eq_ignore_ascii_case(id.as_str())) {
                push("id_number", Rule::NotOwnIdNumber);
            }
            match &birth {
                Err(rule) => push("birth_date", rule.clone()),
                Ok(d) if d.to_string() != id.birth_date() => {
                    push("birth_date", Rule::BirthDateMismatch)
                }
                Ok(_) => {}
            }
            if (input.gender == Gender::Male) != id.is_male() {
                push("gender", Rule::GenderMismatch);
            }
        }
    }
    for (field, value) in [
        ("specialty", &input.specialty),
        ("qualification", &input.qualification),
        ("current_title", &input.current_title),
    ] {
        if let Some(rule) = text_rule(field, value) {
            push(field, rule);
        }
    }
    match input.current_title_date.as_deref().map(str::trim) {
        None | Some("") => {}
        Some(raw) => match Date::parse(raw) {
            Err(rule) => push("current_title_date", rule),
            Ok(d) if d > today || birth.as_ref().is_ok_and(|b| d < *b) => {
                push("current_title_date", Rule::ImplausibleTitleDate)
            }
            Ok(_) => {}
        },
    }
    if !(0..=60).contains(&input.years_of_service) {
        push("years_of_service", Rule::YearsOfService);
    }
    if let Some(rule) = text_rule("achievements", &input.achievements) {
        push("achievements", rule);
    }
    match text(&input.phone, 1, 20) {
        Err(rule) => push("phone", rule),
        Ok(p) => {
            if let Err(rule) = Phone::parse(p) {
                push("phone", rule);
            }
        }
    }
    out
}

/// Every string of up to `max_len` characters over `alphabet` (the exhaustive half of the
/// pattern-equals-rule tests).
#[cfg(test)]
pub(crate) fn every_string(alphabet: &[char], max_len: u32) -> Vec<String> {
    let n = alphabet.len();
    let mut all = Vec::new();
    for len in 0..=max_len {
        for mut k in 0..n.pow(len) {
            let mut s = String::new();
            for _ in 0..len {
                s.push(alphabet[k % n]);
                k /= n;
            }
            all.push(s);
        }
    }
    all
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_phone_pattern_accepts_exactly_what_phone_accepts() {
        let re = regex::Regex::new(&phone_pattern()).expect("the pattern compiles");
        let check = |s: &str| {
            assert_eq!(re.is_match(s), Phone::parse(s).is_ok(), "{s:?}");
        };
        // Every string of up to 13 characters over a small alphabet, then random longer ones.
        for s in every_string(&['0', '1', '-'], 13) {
            check(&s);
        }
        let wide = ['0', '1', '3', '5', '9', '-', ' ', 'a', '\u{3000}'];
        let mut seed: u64 = 42;
        for _ in 0..200_000 {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            let len = 9 + (seed >> 60) as usize;
            let mut s = String::new();
            for i in 0..len {
                let pick = (seed >> (i % 48)) as usize % wide.len();
                s.push(wide[pick]);
            }
            check(&s);
        }
        for ok in [
            "13812345678",
            "0851-86123456",
            "010-1234-5678",
            " 0851-8612345 ",
        ] {
            assert!(re.is_match(ok), "{ok}");
        }
    }

    #[test]
    fn the_text_pattern_accepts_exactly_what_text_accepts() {
        let re = regex::Regex::new(&text_pattern()).expect("the pattern compiles");
        let alphabet = [
            'a', '中', ' ', '\t', '\n', '\r', '\u{b}', '\u{c}', '\u{85}', '\u{a0}', '\u{3000}',
            '\u{1}', '\u{7f}', '\u{1c}', '\u{feff}', '\u{200b}',
        ];
        let optional = regex::Regex::new(&optional_text_pattern()).expect("it compiles");
        let mut checked = 0;
        for s in every_string(&alphabet, 4) {
            assert_eq!(re.is_match(&s), text(&s, 1, usize::MAX).is_ok(), "{s:?}");
            assert_eq!(
                optional.is_match(&s),
                text(&s, 0, usize::MAX).is_ok(),
                "{s:?}"
            );
            checked += 1;
        }
        assert!(checked > 60_000);
    }

    #[test]
    fn the_contact_patterns_accept_exactly_what_their_rules_accept() {
        let phone = regex::Regex::new(&contact_phone_pattern()).expect("it compiles");
        for s in every_string(&['1', '-', '+', ' ', 'a', '\u{3000}'], 7) {
            assert_eq!(phone.is_match(&s), contact_phone(&s).is_some(), "{s:?}");
        }
        for (len, ok) in [(20, true), (21, false)] {
            let s = format!(" {} ", "1".repeat(len));
            assert_eq!(phone.is_match(&s), ok);
            assert_eq!(contact_phone(&s).is_some(), ok);
        }
        let mail = regex::Regex::new(&email_pattern()).expect("it compiles");
        for s in every_string(&['a', '@', '.', ' ', '\u{3000}', '\u{1}'], 6) {
            assert_eq!(mail.is_match(&s), email(&s).is_some(), "{s:?}");
        }
        assert!(email("zhang.san@example.cn").is_some() && mail.is_match("zhang.san@example.cn"));
    }

    #[test]
    fn the_username_pattern_accepts_exactly_what_username_accepts() {
        let re = regex::Regex::new(&username_pattern()).expect("the pattern compiles");
        let alphabet = [
            'a', '中', ' ', '\t', '\u{3000}', '\u{1}', '\u{85}', '#', '-',
        ];
        for s in every_string(&alphabet, 4) {
            assert_eq!(re.is_match(&s), username(&s).is_ok(), "{s:?}");
        }
        for (len, ok) in [(63, true), (64, true), (65, false)] {
            let s = format!(" {} ", "z".repeat(len));
            assert_eq!(re.is_match(&s), ok, "{len}");
            assert_eq!(username(&s).is_ok(), ok, "{len}");
        }
        assert_eq!(username(" zhang.san "), Ok("zhang.san"));
        assert_eq!(username("a"), Err(Rule::MinChars(2)));
        assert_eq!(username("a#b"), Err(Rule::UsernameChars));
    }

    use super::*;
    use crate::application::{DeclarationType, Education, Level, Series};

    #[test]
    fn phones() {
        for ok in [
            "13800138000",
            "19912345678",
            " 13800138000 ",
            "0851-85551234",
            "085185551234",
            "010-12345678",
            "0851-8555123",
        ] {
            assert!(Phone::parse(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "12345",
            "12000000000",
            "1380013800a",
            "138-0013-8000",
            "1234567",
            "0851--85551234",
            "-0851-85551234",
            "08518555123456",
            "0851 85551234",
        ] {
            assert_eq!(Phone::parse(bad), Err(Rule::Phone), "{bad}");
        }
    }

    #[test]
    fn dates() {
        assert_eq!(
            Date::parse("2024-02-29"),
            Ok(Date {
                year: 2024,
                month: 2,
                day: 29
            })
        );
        for bad in [
            "2023-02-29",
            "1900-02-29",
            "2026-13-01",
            "2026-04-31",
            "2026-00-10",
            "2026-1-01",
            "2026/01/01",
            "1899-12-31",
            "",
        ] {
            assert_eq!(Date::parse(bad), Err(Rule::DateFormat), "{bad}");
        }
        assert!(Date::parse("2000-02-29").is_ok());
        assert_eq!(
            Date::parse(" 2026-01-05 ").map(|d| d.to_string()),
            Ok("2026-01-05".into())
        );
    }

    #[test]
    fn id_number_checksums() {
        // The check character of each: 0–9 and X (mod 11 = 2).
        for (id, ok) in [
            ("520121199001011239", true),
            ("52012119900101123X", false),
            ("11010519491231002X", true),
            ("11010519491231002x", true),
            ("110105194912310021", false),
            ("520121199002301239", false), // 30 February
            ("52012119900101123", false),
            ("5201211990010112390", false),
            ("52012A199001011239", false),
        ] {
            assert_eq!(IdNumber::parse(id).is_ok(), ok, "{id}");
        }
    }

    #[test]
    fn credit_code_checksums() {
        use crate::ids::CreditCode;
        for (code, ok) in [
            ("91350100M000100Y43", true),
            ("91350100m000100y43", true),
            ("91350100M000100Y44", false),
            ("91350100M000100Y4", false),
            ("91350100I000100Y43", false), // I is not in the alphabet
        ] {
            assert_eq!(CreditCode::parse(code).is_ok(), ok, "{code}");
        }
    }

    #[test]
    fn creatable_kinds_table() {
        use AccountKind as K;
        use Module as M;
        use UnitRelation as R;
        let cases: [(K, &[M], R, &[K]); 8] = [
            (K::UnitAdmin, &[M::Users], R::Own, &[K::Handler]),
            (K::UnitAdmin, &[M::Users], R::Below, &[]),
            (
                K::UnitAdmin,
                &[M::Users, M::PersonalAccounts],
                R::Own,
                &[K::Handler, K::Applicant],
            ),
            (
                K::SystemAdmin,
                &[M::Users],
                R::Below,
                &[K::Unit, K::UnitAdmin, K::Handler],
            ),
            (K::SystemAdmin, &[M::Users], R::Outside, &[]),
            (
                K::Handler,
                &[M::UnitCreate],
                R::Below,
                &[K::Unit, K::UnitAdmin],
            ),
            (K::Handler, &[M::UnitCreate], R::Own, &[]),
            (K::Handler, &[M::PersonalAccounts], R::Own, &[K::Applicant]),
        ];
        for (kind, modules, relation, want) in cases {
            assert_eq!(
                creatable_kinds(kind, modules, relation),
                want,
                "{kind:?} {modules:?} {relation:?}"
            );
        }
    }

    #[test]
    fn units_never_hold_the_personal_and_admin_duties() {
        assert!(!for_units(Module::MyApplications));
        assert!(!for_units(Module::AuditLog));
        assert!(for_units(Module::Users));
    }

    fn input() -> ApplicationInput {
        ApplicationInput {
            year: 2026,
            series: Series::Engineering,
            specialty: "电气工程".into(),
            level: Level::Senior,
            qualification: "高级工程师".into(),
            declaration_type: DeclarationType::Normal,
            name: "王五".into(),
            id_number: "520121199001011239".into(),
            gender: Gender::Male,
            birth_date: "1990-01-01".into(),
            education: Education::Bachelor,
            current_title: "工程师".into(),
            current_title_date: Some("2018-06-30".into()),
            years_of_service: 10,
            achievements: "主持项目".into(),
            phone: "13800138000".into(),
        }
    }

    fn fields(input: &ApplicationInput, own: Option<&str>) -> Vec<&'static str> {
        let today = Date {
            year: 2026,
            month: 12,
            day: 1,
        };
        check_application(input, own, today)
            .into_iter()
            .map(|p| p.field)
            .collect()
    }

    #[test]
    fn application_rules() {
        let good = input();
        assert!(fields(&good, Some("520121199001011239")).is_empty());
        type Change = Box<dyn Fn(&mut ApplicationInput)>;
        let cases: Vec<(Change, &str)> = vec![
            (Box::new(|i| i.year = 2030), "year"),
            (Box::new(|i| i.name = " 王 ".into()), "name"),
            (Box::new(|i| i.name = "王".repeat(51)), "name"),
            (
                Box::new(|i| i.id_number = "520121199001011230".into()),
                "id_number",
            ),
            (
                Box::new(|i| i.birth_date = "1990-01-02".into()),
                "birth_date",
            ),
            (
                Box::new(|i| i.birth_date = "1990-02-30".into()),
                "birth_date",
            ),
            (Box::new(|i| i.gender = Gender::Female), "gender"),
            (Box::new(|i| i.specialty = "  ".into()), "specialty"),
            (
                Box::new(|i| i.qualification = String::new()),
                "qualification",
            ),
            (
                Box::new(|i| i.current_title = "x".repeat(51)),
                "current_title",
            ),
            (
                Box::new(|i| i.current_title_date = Some("2027-01-01".into())),
                "current_title_date",
            ),
            (
                Box::new(|i| i.current_title_date = Some("1980-01-01".into())),
                "current_title_date",
            ),
            (
                Box::new(|i| i.current_title_date = Some("2018-6-30".into())),
                "current_title_date",
            ),
            (Box::new(|i| i.years_of_service = 61), "years_of_service"),
            (
                Box::new(|i| i.achievements = "a\u{7}".into()),
                "achievements",
            ),
            (Box::new(|i| i.phone = "12345".into()), "phone"),
        ];
        for (change, field) in cases {
            let mut i = input();
            change(&mut i);
            assert_eq!(fields(&i, None), [field], "{field}");
        }
        assert_eq!(fields(&good, Some("110105194912310021")), ["id_number"]);
        let mut empty_title = input();
        empty_title.current_title = String::new();
        empty_title.current_title_date = Some(" ".into());
        assert!(fields(&empty_title, None).is_empty());
    }

    #[test]
    fn messages_in_both_languages() {
        let id = Rule::IdNumber("身份证号校验位错误 / wrong check character");
        assert_eq!(id.zh(), "身份证号校验位错误");
        assert_eq!(id.en(), "wrong check character");
        assert_eq!(Rule::MaxChars(50).en(), "must have at most 50 characters");
    }
}
