//! 证书补录 (`POST /api/v1/certificates`): one historic certificate by form, its employer a unit
//! the caller sees (its subtree); and 撤销 (`POST /api/v1/certificates/{id}/revocation`) of a
//! backfilled or imported certificate, with a reason and one confirmation. The form checks what
//! both ends check (required fields, the number's characters, the ID number's checksum) before
//! sending; the API's field errors show at their field too.

use shared::application::{Gender, Level, Series};
use shared::certificates::{check_backfill, BackfillCertificate, Certificate, RevokeCertificate};
use shared::rules::Date;
use yew::prelude::*;

use crate::api;
use crate::components::alert::Flash;
use crate::components::form::{enum_options, FormValues};
use crate::hooks::{use_api, use_api_load, Load};
use crate::i18n::{fill, t, use_i18n, Key, Locale};
use crate::kit::dialog::{confirm_question, use_pending, DoneProps, FormDialog};
use crate::kit::fields::{OpinionField, SelectField, TextField};
use crate::kit::format::china_today;

/// The fields the form requires, in its order.
const REQUIRED: [&str; 11] = [
    "number",
    "holder_name",
    "id_number",
    "employer_id",
    "series",
    "specialty",
    "level",
    "qualification",
    "committee",
    "approval_date",
    "issuing_body",
];

/// The request from the form, or the first field at fault with what to say: the required
/// fields, then the rules both ends apply (`shared::certificates::check_backfill`: the number's
/// characters, the ID number's checksum, gender against it, lengths, an approval date not after
/// `today`). The server adds the employer's jurisdiction and a number already held.
pub fn request_from(
    locale: Locale,
    today: Date,
    text: impl Fn(&str) -> String,
) -> Result<BackfillCertificate, (&'static str, String)> {
    let required = || t(locale, Key::FieldsRequired).to_owned();
    if let Some(missing) = REQUIRED.iter().find(|f| text(f).trim().is_empty()) {
        return Err((missing, required()));
    }
    let employer_id = text("employer_id")
        .parse()
        .map_err(|_| ("employer_id", required()))?;
    let series = Series::parse(&text("series")).ok_or_else(|| ("series", required()))?;
    let level = Level::parse(&text("level")).ok_or_else(|| ("level", required()))?;
    let trimmed = |name: &str| text(name).trim().to_owned();
    let request = BackfillCertificate {
        number: trimmed("number"),
        holder_name: trimmed("holder_name"),
        id_number: trimmed("id_number").to_ascii_uppercase(),
        gender: Gender::parse(&text("gender")),
        employer_id,
        series,
        specialty: trimmed("specialty"),
        level,
        qualification: trimmed("qualification"),
        committee: trimmed("committee"),
        approval_date: trimmed("approval_date"),
        approval_document: trimmed("approval_document"),
        issuing_body: trimmed("issuing_body"),
    };
    check_backfill(&request, today).map_err(|p| {
        let message = match locale {
            Locale::ZhCn => p.rule.zh(),
            Locale::En => p.rule.en(),
        };
        (p.field, message)
    })?;
    Ok(request)
}

/// `dialog-backfill-certificate`: `input-<field>` for every field of [`BackfillCertificate`].
#[component]
pub fn BackfillDialog(props: &DoneProps) -> Html {
    let i18n = use_i18n();
    let api = use_api();
    let pending = use_pending();
    let locale = i18n.locale;
    let units = use_api_load(
        (),
        move |api, ()| async move { api::units::all(&api).await },
    );
    let unit_options: Vec<(String, String)> = match &units.state {
        Load::Ready(list) => list
            .iter()
            .map(|u| (u.id.to_string(), u.name.clone()))
            .collect(),
        Load::Loading | Load::Failed(_) => Vec::new(),
    };
    let on_submit = {
        let (pending, on_done) = (pending.clone(), props.on_done.clone());
        Callback::from(move |form: FormValues| {
            let today = Date::parse(&china_today()).unwrap_or(Date {
                year: 2100,
                month: 12,
                day: 31,
            });
            let request = match request_from(locale, today, |name| form.text(name)) {
                Ok(request) => request,
                Err((field, message)) => return pending.fail_at(field, message),
            };
            let (api, on_done) = (api.clone(), on_done.clone());
            pending.run(
                async move { api::certificates::backfill(&api, &request).await },
                move |c| {
                    on_done.emit(Flash::Success(fill(
                        t(locale, Key::CertBackfilled),
                        &c.number,
                    )))
                },
            );
        })
    };
    let select =
        |name: &'static str, label: Key, options: Vec<(String, String)>, required: bool| {
            html! {
                <SelectField {name} label={i18n.t(label)} {required} {options}
                    empty={i18n.t(Key::SelectPlaceholder)} />
            }
        };
    let field = |name: &'static str, label: Key, required: bool, maxlength: u32| {
        html! { <TextField {name} label={i18n.t(label)} {required} maxlength={Some(maxlength)} /> }
    };
    html! {
        <FormDialog title={i18n.t(Key::CertBackfillNew)} name="backfill-certificate" submit_label={i18n.t(Key::Save)}
            wide=true {pending} {on_submit} on_close={props.on_close.clone()}>
            <p class="muted">{ i18n.t(Key::CertBackfillHint) }</p>
            <div class="form-grid">
                { field("number", Key::CertNumber, true, 64) }
                { field("holder_name", Key::CertHolder, true, 100) }
                { field("id_number", Key::CertIdNumber, true, 18) }
                { select("gender", Key::ExpGender, enum_options(Gender::ALL, Gender::as_str, |g| g.label(locale)), false) }
                { select("employer_id", Key::CertEmployer, unit_options, true) }
                { select("series", Key::WfSeries, enum_options(Series::ALL, Series::as_str, |s| s.label(locale)), true) }
                { field("specialty", Key::CertSpecialty, true, 50) }
                { select("level", Key::WfLevel, enum_options(Level::ALL, Level::as_str, |l| l.label(locale)), true) }
                { field("qualification", Key::CertQualification, true, 100) }
                { field("committee", Key::CertCommittee, true, 100) }
                <TextField name="approval_date" label={i18n.t(Key::CertApprovalDate)} required=true input_type="date" />
                { field("approval_document", Key::CertApprovalDocument, false, 64) }
                { field("issuing_body", Key::CertIssuingBody, true, 100) }
            </div>
        </FormDialog>
    }
}

/// Props of [`RevokeDialog`].
#[derive(Properties, PartialEq)]
pub struct RevokeDialogProps {
    /// The certificate.
    pub certificate: Certificate,
    /// Revoked: the message for the list.
    pub on_done: Callback<Flash>,
    /// Closed.
    pub on_close: Callback<()>,
}

/// `dialog-revoke-certificate`: the reason (`input-reason`, required), then one confirmation
/// naming the certificate.
#[component]
pub fn RevokeDialog(props: &RevokeDialogProps) -> Html {
    let i18n = use_i18n();
    let api = use_api();
    let pending = use_pending();
    let locale = i18n.locale;
    let c = &props.certificate;
    let check = {
        let pending = pending.clone();
        Callback::from(move |form: FormValues| {
            let given = form.opt("reason").is_some();
            if !given {
                pending.fail_at("reason", t(locale, Key::CertReasonRequired));
            }
            given
        })
    };
    let on_submit = {
        let (pending, on_done) = (pending.clone(), props.on_done.clone());
        let (id, version, number) = (c.id, c.version, c.number.clone());
        Callback::from(move |form: FormValues| {
            let request = RevokeCertificate {
                reason: form.text("reason").trim().to_owned(),
                version,
            };
            let (api, on_done, number) = (api.clone(), on_done.clone(), number.clone());
            pending.run(
                async move { api::certificates::revoke(&api, id, &request).await },
                move |_| {
                    on_done.emit(Flash::Success(fill(
                        t(locale, Key::CertRevokedDone),
                        &number,
                    )))
                },
            );
        })
    };
    let object = format!("{} {}", c.holder_name, c.number);
    let confirm = format!(
        "{}{}",
        confirm_question(locale, i18n.t(Key::CertRevoke), &object),
        i18n.t(Key::CertRevokeWarning)
    );
    html! {
        <FormDialog title={i18n.t(Key::CertRevoke)} name="revoke-certificate" submit_label={i18n.t(Key::CertRevoke)}
            danger=true confirm={Some(AttrValue::from(confirm))} check={Some(check)} {pending} {on_submit}
            on_close={props.on_close.clone()}>
            <dl class="facts">
                <dt>{ i18n.t(Key::CertNumber) }</dt><dd class="cell-mono">{ &c.number }</dd>
                <dt>{ i18n.t(Key::CertHolder) }</dt><dd>{ &c.holder_name }</dd>
                <dt>{ i18n.t(Key::CertQualification) }</dt><dd>{ &c.qualification }</dd>
            </dl>
            <OpinionField name="reason" testid="input-reason" label={i18n.t(Key::CertRevokeReason)} required=true
                maxlength={500} />
        </FormDialog>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(values: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> String {
        move |name: &str| {
            values
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v).to_owned())
                .unwrap_or_default()
        }
    }

    const TODAY: Date = Date {
        year: 2026,
        month: 12,
        day: 3,
    };

    const FULL: &[(&str, &str)] = &[
        ("number", " 黔职证字〔2019〕第0123号 "),
        ("holder_name", "张三"),
        ("id_number", "520121198001010012"),
        ("employer_id", "7"),
        ("series", "engineering"),
        ("specialty", "土木工程"),
        ("level", "senior"),
        ("qualification", "正高级工程师"),
        ("committee", "贵州省工程系列高级评委会"),
        ("approval_date", "2019-12-01"),
        ("issuing_body", "贵州省人力资源和社会保障厅"),
    ];

    #[test]
    fn a_full_form_is_a_request_and_a_gap_names_its_field() {
        let r = request_from(Locale::ZhCn, TODAY, form(FULL)).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(r.number, "黔职证字〔2019〕第0123号");
        assert_eq!(r.id_number, "520121198001010012");
        assert_eq!(r.employer_id, 7);
        assert_eq!(r.series, Series::Engineering);
        assert_eq!(r.gender, None);
        assert_eq!(r.approval_document, "");
        let missing: &[(&str, &str)] = &[("number", "1")];
        assert_eq!(
            request_from(Locale::ZhCn, TODAY, form(missing)).map_err(|e| e.0),
            Err("holder_name")
        );
        for (field, bad) in [
            ("number", "a b"),
            ("id_number", "520121198001010013"),
            ("gender", "female"),
            ("approval_date", "2026-12-04"),
        ] {
            // The field replaced, or added (gender is optional and not in FULL).
            let mut changed: Vec<(&'static str, &'static str)> =
                FULL.iter().copied().filter(|&(n, _)| n != field).collect();
            changed.push((field, bad));
            let changed: &'static [(&'static str, &'static str)] = changed.leak();
            assert_eq!(
                request_from(Locale::ZhCn, TODAY, form(changed)).map_err(|e| e.0),
                Err(field)
            );
        }
    }
}
