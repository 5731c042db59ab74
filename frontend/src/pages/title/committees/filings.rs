//! 评审权备案 (SPEC §5, manual §6.4): `title.committees.authority_apply` lists the own unit's
//! filings and files a new one; `title.committees.authority_audit` (the HRSS above) approves or
//! rejects the filings of its subtree, an opinion being required to reject. One screen for both.

use shared::application::{Level, Series};
use shared::committees::{
    CreateFilingRequest, FilingDecision, FilingStatus, ReviewAuthorityFiling,
};
use shared::Module;
use yew::prelude::*;

use crate::api;
use crate::components::alert::Flash;
use crate::components::form::{options_of, SelectField};
use crate::i18n::{fill, t, use_i18n, Key};
use crate::kit::dialog::{
    approve_or_reject, use_decision, use_submit, DecideProps, DecisionDialog, DoneProps,
    FormDialog, Refusal,
};
use crate::kit::fields::{OpinionField, TextField};
use crate::kit::filters::status_year_series_level;
use crate::kit::format::china_time;
use crate::kit::list::{col, decision_buttons, id_row, use_list_dialogs, ListPage};
use crate::kit::tags::{status_tag, Status};
use crate::pages::title::review::publicity_rules::{latest_validity_end, split_list, validity_ok};

/// Levels as `中级、副高级`.
fn levels_text(levels: &[Level], locale: shared::Locale) -> String {
    levels
        .iter()
        .map(|l| l.label(locale))
        .collect::<Vec<_>>()
        .join("、")
}

/// Props of [`Filings`].
#[derive(Properties, PartialEq)]
pub struct FilingsProps {
    /// 备案审核 (true) or 备案申请 (false).
    pub audit: bool,
}

#[derive(Clone, PartialEq, Default)]
enum Dialog {
    #[default]
    None,
    Apply,
    Decide(Box<ReviewAuthorityFiling>, bool),
}

/// The filing list, with 申请备案 or 审核.
#[component]
pub fn Filings(props: &FilingsProps) -> Html {
    let i18n = use_i18n();
    let (locale, audit) = (i18n.locale, props.audit);
    let (control, dialog, open, close, finish) = use_list_dialogs::<Dialog>();
    let dialog_view = match &*dialog {
        Dialog::None => Html::default(),
        Dialog::Apply => html! { <ApplyDialog on_done={finish} on_close={close} /> },
        Dialog::Decide(filing, approve) => html! {
            <DecideDialog item={(**filing).clone()} approve={*approve} on_done={finish} on_close={close} />
        },
    };
    let module = if audit {
        Module::AuthorityAudit
    } else {
        Module::AuthorityApply
    };
    let to = open.clone();
    let columns = vec![
        col(i18n.t(Key::ComName), |f: &ReviewAuthorityFiling| {
            html! { <>{ &f.committee.name }
            <span class="muted cell-sub">{ &f.unit.name }</span></> }
        })
        .class("cell-name"),
        col(
            i18n.t(Key::ComSeriesLevels),
            move |f: &ReviewAuthorityFiling| {
                html! { <>{ f.series.label(locale) }
                <span class="muted cell-sub">{ levels_text(&f.levels, locale) }</span></> }
            },
        ),
        col(
            i18n.t(Key::ComSpecialtiesRegion),
            move |f: &ReviewAuthorityFiling| {
                html! { <>
                { if f.specialties.is_empty() { t(locale, Key::ComAllSpecialties).to_owned() } else { f.specialties.join("、") } }
                <span class="muted cell-sub">{ &f.region_scope }</span></> }
            },
        ),
        col(
            i18n.t(Key::ComValidity),
            |f: &ReviewAuthorityFiling| html! { { format!("{} ~ {}", f.valid_from, f.valid_until) } },
        ),
        col(
            i18n.t(Key::StatusLabel),
            move |f: &ReviewAuthorityFiling| status_tag(locale, Status::Filing(f.status), None),
        ),
        col(i18n.t(Key::AffRequestedBy), |f: &ReviewAuthorityFiling| {
            html! { <>{ &f.applied_by }
            <span class="muted cell-sub">{ china_time(&f.applied_at) }</span></> }
        }),
        col(i18n.t(Key::AffDecision), |f: &ReviewAuthorityFiling| {
            html! { <>{ f.audited_by.clone().unwrap_or_default() }
            if let Some(opinion) = &f.opinion { <span class="muted cell-sub">{ opinion }</span> }</> }
        }),
        col(i18n.t(Key::Actions), move |f: &ReviewAuthorityFiling| {
            let testids = [
                format!("approve-filing-{}", f.id),
                format!("reject-filing-{}", f.id),
            ];
            let labels = [t(locale, Key::AffApprove), t(locale, Key::AffReject)];
            let decide = |approve| Dialog::Decide(Box::new(f.clone()), approve);
            html! { if f.can_decide { { decision_buttons(&to, testids, labels, decide) } } }
        }),
    ];
    let actions = html! { if !audit {
        <button type="button" class="button button-primary" data-testid="new-filing" onclick={open.reform(|_| Dialog::Apply)}>
            { i18n.t(Key::ComApply) }
        </button>
    } };
    let filters = status_year_series_level::<FilingStatus>(&i18n);
    html! {
        <ListPage<ReviewAuthorityFiling> name="filings" title={module.name(locale)} path="/api/v1/review-authority-filings"
            intro={i18n.t(if audit { Key::ComAuditIntro } else { Key::ComApplyIntro })}
            {filters} {columns} {actions} control={control.clone()}>
            { dialog_view }
        </ListPage<ReviewAuthorityFiling>>
    }
}

id_row!(ReviewAuthorityFiling);

/// 申请备案.
#[component]
fn ApplyDialog(props: &DoneProps) -> Html {
    let i18n = use_i18n();
    let locale = i18n.locale;
    let from = use_state(String::new);
    let until = use_state(String::new);
    let set = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |v: String| state.set(v))
    };
    let (pending, on_submit) = use_submit(&props.on_done, move |api, form| {
        let levels: Vec<Level> = form
            .all("levels")
            .iter()
            .filter_map(|l| Level::parse(l))
            .collect();
        let request = CreateFilingRequest {
            committee_name: form.text("committee_name"),
            series: Series::parse(&form.text("series")).unwrap_or(Series::Engineering),
            levels,
            specialties: split_list(&form.text("specialties")),
            region_scope: form.text("region_scope"),
            valid_from: form.text("valid_from"),
            valid_until: form.text("valid_until"),
            description: form.text("description"),
        };
        if request.committee_name.is_empty()
            || form.text("series").is_empty()
            || request.region_scope.is_empty()
            || request.valid_from.is_empty()
            || request.valid_until.is_empty()
        {
            return Err(Refusal::new(t(locale, Key::FieldsRequired)));
        }
        if request.levels.is_empty() {
            return Err(Refusal::new(t(locale, Key::ComLevelsRequired)));
        }
        if !validity_ok(&request.valid_from, &request.valid_until) {
            return Err(Refusal::new(t(locale, Key::ComValidityTooLong)));
        }
        Ok(async move {
            let f = api::committees::apply(&api, &request).await;
            f.map(|f| Flash::Success(fill(t(locale, Key::ComApplied), &f.committee.name)))
        })
    });
    let hint = latest_validity_end(&from)
        .map(|last| AttrValue::from(fill(i18n.t(Key::ComValidityHint), &last)))
        .unwrap_or_else(|| AttrValue::from(i18n.t(Key::ComValidityRule)));
    html! {
        <FormDialog title={i18n.t(Key::ComApply)} name="filing" submit_label={i18n.t(Key::AffSubmit)}
            wide=true {pending} {on_submit} on_close={props.on_close.clone()}>
            <div class="form-grid">
                <TextField name="committee_name" testid="filing-committee" label={i18n.t(Key::ComName)} required=true maxlength={100} />
                <SelectField name="series" label={i18n.t(Key::ComSeries)} required=true empty={i18n.t(Key::SelectPlaceholder)}
                    options={options_of::<Series>(locale)} />
            </div>
            <fieldset class="fieldset">
                <legend>{ i18n.t(Key::ComLevels) }</legend>
                <div class="checks">
                    { for Level::ALL.iter().map(|l| {
                        let id = format!("filing-level-{}", l.as_str());
                        html! {
                            <label class="check" for={id.clone()}>
                                <input type="checkbox" id={id.clone()} name="levels" value={l.as_str()} data-testid={id} />
                                { l.label(locale) }
                            </label>
                        }
                    }) }
                </div>
            </fieldset>
            <TextField name="specialties" testid="filing-specialties" label={i18n.t(Key::ComSpecialties)}
                hint={i18n.t(Key::ComSpecialtiesHint)} />
            <TextField name="region_scope" testid="filing-region" label={i18n.t(Key::ComRegion)} required=true maxlength={200} />
            <div class="form-grid">
                <TextField name="valid_from" testid="filing-from" label={i18n.t(Key::ComValidFrom)} input_type="date"
                    required=true value={(*from).clone()} oninput={set(&from)} />
                <TextField name="valid_until" testid="filing-until" label={i18n.t(Key::ComValidUntil)} input_type="date"
                    required=true value={(*until).clone()} oninput={set(&until)} {hint} />
            </div>
            <OpinionField name="description" testid="filing-description" label={i18n.t(Key::ComDescription)} maxlength={2000} />
        </FormDialog>
    }
}

/// 审核通过 / 审核不通过 of an authority filing, on the kit's decision dialog.
#[component]
fn DecideDialog(props: &DecideProps<ReviewAuthorityFiling>) -> Html {
    let i18n = use_i18n();
    let locale = i18n.locale;
    let (approve, f) = (props.approve, &props.item);
    let (id, version) = (f.id, f.version);
    let done = if approve {
        Key::ComApprovedDone
    } else {
        Key::ComRejectedDone
    };
    let request = use_decision(f.committee.name.clone(), done, move |api, opinion| {
        let decision = FilingDecision {
            approve,
            opinion,
            version,
        };
        async move { api::committees::decide(&api, id, &decision).await }
    });
    let action = approve_or_reject(locale, approve);
    html! {
        <DecisionDialog name="decide-filing" {action} {approve} decide={request}
            on_done={props.on_done.clone()} on_close={props.on_close.clone()}>
            <dl class="facts">
                <dt>{ i18n.t(Key::ComName) }</dt>
                <dd>{ &f.committee.name }</dd>
                <dt>{ i18n.t(Key::UnitName) }</dt>
                <dd>{ &f.unit.name }</dd>
                <dt>{ i18n.t(Key::ComSeriesLevels) }</dt>
                <dd>{ format!("{} · {}", f.series.label(locale), levels_text(&f.levels, locale)) }</dd>
                <dt>{ i18n.t(Key::ComValidity) }</dt>
                <dd>{ format!("{} ~ {}", f.valid_from, f.valid_until) }</dd>
                <dt>{ i18n.t(Key::ComDescription) }</dt>
                <dd class="pre-wrap">{ &f.description }</dd>
            </dl>
        </DecisionDialog>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_read_as_a_list() {
        assert_eq!(
            levels_text(&[Level::Intermediate, Level::Senior], shared::Locale::ZhCn),
            "中级、正高级"
        );
    }
}
