//! 专家评审 (manual §6.2.10.5): one review form with the dossier, its files and the applicant's
//! blind opinions. The chief fills every field (the defense evaluation and score after the
//! defense), an assistant the overall evaluation; 暂存 saves a draft, 完成材料审查 locks. Which
//! fields are open is the server's answer (`fields`), the rule `shared::online_review`'s.
//! One column on a phone (390 px), two side by side from 1024 px (`.or-split` in the CSS).

use std::cell::Cell;

use shared::online_review::ReviewForm;
use yew::platform::spawn_local;
use yew::prelude::*;

use super::outcome;
use crate::api::{self, ApiError};
use crate::components::alert::Flash;
use crate::components::form::FormValues;
use crate::hooks::{use_api, use_api_load};
use crate::i18n::{t, use_i18n, Key};
use crate::kit::detail::loaded_or_line;
use crate::kit::dialog::{act, ConfirmAction};
use crate::kit::format::file_size;

/// Props of [`ReviewFormPage`].
#[derive(Properties, PartialEq)]
pub struct ReviewFormProps {
    /// Review id.
    pub id: i64,
}

fn text_area(name: &'static str, label: &str, value: &str, open: bool) -> Html {
    let id = format!("or-{name}");
    html! {
        <div class="field field-wide">
            <label for={id.clone()}>{ label }</label>
            <textarea id={id.clone()} {name} rows="5" maxlength="5000" disabled={!open}
                data-testid={id} value={value.to_owned()} />
        </div>
    }
}

/// The page.
#[component]
pub fn ReviewFormPage(props: &ReviewFormProps) -> Html {
    let i18n = use_i18n();
    let api = use_api();
    let locale = i18n.locale;
    let id = props.id;
    let loaded = use_api_load(id, move |api, id| async move {
        api::online_review::review(&api, id).await
    });
    let result = use_state(|| None::<Result<Key, ApiError>>);
    let complete = use_mut_ref(|| false);
    let busy = use_state(|| false);
    // 完成材料审查 locks the review: the form waits here for its confirmation.
    let completing_form = use_state(|| None::<ReviewForm>);
    let review = match loaded_or_line(&i18n, &loaded) {
        Ok(review) => review,
        Err(line) => return line,
    };
    let on_submit = {
        let (api, reload, result, complete, busy) = (
            api.clone(),
            loaded.reload.clone(),
            result.clone(),
            complete.clone(),
            busy.clone(),
        );
        let version = review.version;
        let completing_form = completing_form.clone();
        Callback::from(move |e: SubmitEvent| {
            let Some(values) = FormValues::from_submit(&e) else {
                return;
            };
            let completing = *complete.borrow();
            let form = ReviewForm {
                version,
                academic_evaluation: values.text("academic_evaluation"),
                defense_questions: values.text("defense_questions"),
                defense_evaluation: values.text("defense_evaluation"),
                defense_score: values.opt("defense_score").and_then(|s| s.parse().ok()),
                overall_evaluation: values.text("overall_evaluation"),
            };
            if completing {
                completing_form.set(Some(form));
                return;
            }
            let (api, reload, result, busy) =
                (api.clone(), reload.clone(), result.clone(), busy.clone());
            busy.set(true);
            spawn_local(async move {
                let answer = api::online_review::save_review(&api, id, &form, false).await;
                busy.set(false);
                result.set(Some(answer.map(|_| Key::OrSaved)));
                reload.emit(());
            });
        })
    };
    let confirmation = match (*completing_form).clone() {
        None => Html::default(),
        Some(form) => {
            let on_cancel = {
                let completing_form = completing_form.clone();
                Callback::from(move |()| completing_form.set(None))
            };
            let on_done = {
                let (completing_form, result, reload) = (
                    completing_form.clone(),
                    result.clone(),
                    loaded.reload.clone(),
                );
                Callback::from(move |_: Flash| {
                    completing_form.set(None);
                    result.set(Some(Ok(Key::OrCompleted)));
                    reload.emit(());
                })
            };
            let api = api.clone();
            let request = act(move || {
                let (api, form) = (api.clone(), form.clone());
                async move {
                    api::online_review::save_review(&api, id, &form, true)
                        .await
                        .map(|_| Flash::Success(t(locale, Key::OrCompleted).into()))
                }
            });
            html! {
                <ConfirmAction action={i18n.t(Key::OrComplete)} message={i18n.t(Key::OrCompleteConfirm)}
                    act={request} {on_done} {on_cancel} />
            }
        }
    };
    let pick = |value: bool| {
        let complete = complete.clone();
        let cell = Cell::new(value);
        Callback::from(move |_: MouseEvent| *complete.borrow_mut() = cell.get())
    };
    let f = review.fields;
    let editable = f.overall_evaluation;
    let a = &review.application;
    html! {
        <section class="page" data-testid="page-expert-review">
            <div class="page-heading">
                <h1 class="page-title">{ format!("{} · {}", i18n.t(Key::OrFormTitle), a.name) }</h1>
                <p class="muted">{ format!("{} · {} · {} · {}", review.session_name, review.group_name, review.role.label(locale), review.status.label(locale)) }</p>
            </div>
            <div class="or-split">
                <div class="panel" tabindex="0" role="region" aria-label={i18n.t(Key::OrDossier)}>
                    <h2 class="panel-title">{ i18n.t(Key::OrDossier) }</h2>
                    <dl class="detail-list" data-testid="or-dossier">
                        <dt>{ i18n.t(Key::OrApplicant) }</dt><dd>{ &a.name }</dd>
                        <dt>{ i18n.t(Key::OrEmployer) }</dt><dd>{ &a.employer }</dd>
                        <dt>{ i18n.t(Key::OrSpecialty) }</dt><dd>{ format!("{} · {} · {}", a.series.label(locale), a.level.label(locale), a.specialty) }</dd>
                        <dt>{ i18n.t(Key::OrQualification) }</dt><dd>{ &a.qualification }</dd>
                        <dt>{ i18n.t(Key::OrCurrentTitle) }</dt><dd>{ &a.current_title }</dd>
                        <dt>{ i18n.t(Key::OrYears) }</dt><dd>{ a.years_of_service }</dd>
                        <dt>{ i18n.t(Key::OrAchievements) }</dt><dd class="pre-wrap">{ &a.achievements }</dd>
                    </dl>
                    <h3>{ i18n.t(Key::OrFiles) }</h3>
                    <ul class="file-list" data-testid="or-files">
                        { for review.attachments.iter().map(|file| html! {
                            <li key={file.id}>{ format!("{} （{}）{}", file.file_name, file_size(file.size), file.description) }</li>
                        }) }
                    </ul>
                    if review.session_id > 0 && !review.blind_opinions.is_empty() {
                        <h3>{ i18n.t(Key::OrBlind) }</h3>
                        <ul class="file-list" data-testid="or-blind">
                            { for review.blind_opinions.iter().map(|o| html! {
                                <li key={o.id}>{ format!("{}：{} {}", o.grade.label(locale), o.file_name, o.note) }</li>
                            }) }
                        </ul>
                    }
                </div>
                <form class="panel form" onsubmit={on_submit} data-testid="or-form" tabindex="0" aria-label={i18n.t(Key::OrOpinion)}>
                    <h2 class="panel-title">{ i18n.t(Key::OrOpinion) }</h2>
                    if !editable {
                        <p class="alert alert-info">{ i18n.t(Key::OrLocked) }</p>
                    }
                    if f.academic_evaluation || !review.academic_evaluation.is_empty() {
                        { text_area("academic_evaluation", i18n.t(Key::OrAcademic), &review.academic_evaluation, f.academic_evaluation) }
                    }
                    if review.defense && (f.defense_questions || !review.defense_questions.is_empty()) {
                        { text_area("defense_questions", i18n.t(Key::OrDefenseQuestions), &review.defense_questions, f.defense_questions) }
                    }
                    if review.defense && review.role == shared::online_review::ReviewRole::Chief {
                        { text_area("defense_evaluation", i18n.t(Key::OrDefenseEvaluation), &review.defense_evaluation, f.defense_result) }
                        <div class="field">
                            <label for="or-defense_score">{ i18n.t(Key::OrDefenseScore) }</label>
                            <input id="or-defense_score" name="defense_score" type="number" min="0" max="100" step="1"
                                inputmode="numeric" disabled={!f.defense_result} data-testid="or-defense_score"
                                value={review.defense_score.map(|s| s.to_string()).unwrap_or_default()} />
                        </div>
                    }
                    { text_area("overall_evaluation", i18n.t(Key::OrOverall), &review.overall_evaluation, f.overall_evaluation) }
                    { outcome(locale, &result) }
                    if editable {
                        <div class="form-actions">
                            <button type="submit" class="button" disabled={*busy} onclick={pick(false)} data-testid="or-save">{ i18n.t(Key::OrSaveDraft) }</button>
                            <button type="submit" class="button button-primary" disabled={*busy} onclick={pick(true)} data-testid="or-complete">{ i18n.t(Key::OrComplete) }</button>
                        </div>
                    }
                </form>
            </div>
            { confirmation }
        </section>
    }
}
