//! One application for every role: its fields (the ID number as the API gives it, masked for
//! most), holder unit, committee, stage, attachments, the timeline (追踪) and the caller's
//! actions, each opening the one action dialog.

use std::rc::Rc;

use shared::application::{Application, TimelineEvent};
use shared::workflow::{Action, Stage};
use yew::prelude::*;
use yew_router::prelude::*;

use shared::review::{field_label, value_text, ApplicationChanges};

use super::action_dialog::{ActionDialog, Outcome, Target};
use super::attachments::Attachments;
use super::revoke_dialog::RevokeDialog;
use crate::api;
use crate::components::alert::{flash_view, Flash};
use crate::components::table::load_error;
use crate::hooks::{use_api, use_api_load, use_load, Load};
use crate::i18n::{fill, t, use_i18n, I18n, Key};
use crate::kit::detail::{load_failed, DetailNav};
use crate::kit::format::china_time;
use crate::kit::tags::{status_tag, Status};
use crate::routes::Route;

/// The applicant may change the content and attachments now.
pub fn applicant_may_edit(app: &Application) -> bool {
    app.stage.is_editable()
        && app
            .allowed_actions
            .iter()
            .any(|a| matches!(a, Action::Submit | Action::SubmitSupplement))
}

/// The detail route of another application of the list.
fn route_of() -> Callback<String, Option<Route>> {
    Callback::from(|key: String| key.parse().ok().map(|id| Route::ApplicationDetail { id }))
}

/// Props of [`ApplicationDetail`].
#[derive(Properties, PartialEq)]
pub struct ApplicationDetailProps {
    /// Application id.
    pub id: i64,
}

/// The detail page.
#[component]
pub fn ApplicationDetail(props: &ApplicationDetailProps) -> Html {
    let i18n = use_i18n();
    let api = use_api();
    let locale = i18n.locale;
    let tick = use_state(|| 0_u32);
    let app = use_api_load((props.id, *tick), move |api, (id, _)| async move {
        api::applications::get(&api, id).await
    });
    let timeline = use_api_load((props.id, *tick), move |api, (id, _)| async move {
        api::applications::timeline(&api, id).await
    });
    // h/review: the online review's progress (group, reviews completed — never who).
    let progress = use_api_load((props.id, *tick), move |api, (id, _)| async move {
        api::online_review::review_progress(&api, id).await
    });
    let changes = use_load((props.id, *tick), move |(id, _)| async move {
        api::review::changes(&api, id).await
    });
    let flash = use_state(|| None::<Flash>);
    let dialog = use_state(|| None::<Action>);

    let app = match &app.state {
        Load::Loading => {
            return html! { <p class="state-loading" role="status">{ i18n.t(Key::Loading) }</p> }
        }
        Load::Failed(e) => {
            let back = html! { <DetailNav current={props.id.to_string()} route_of={route_of()} /> };
            return html! { <section class="page" data-testid="page-application">{ load_failed(&i18n, e, &app.reload, back) }</section> };
        }
        Load::Ready(app) => app.clone(),
    };

    let open = |action: Action| {
        let (dialog, flash) = (dialog.clone(), flash.clone());
        Callback::from(move |_: MouseEvent| {
            flash.set(None);
            dialog.set(Some(action));
        })
    };
    let on_close = {
        let dialog = dialog.clone();
        Callback::from(move |()| dialog.set(None))
    };
    let on_done = {
        let (dialog, flash, tick) = (dialog.clone(), flash.clone(), tick.clone());
        Callback::from(move |outcome: Outcome| {
            dialog.set(None);
            flash.set(Some(match outcome {
                Outcome::One(app) => Flash::Success(crate::i18n::fill_n(
                    t(locale, Key::WfActionDone),
                    &[&app.name, app.stage.label(locale)],
                )),
                Outcome::Many(r) => Flash::Success(r.succeeded.to_string()),
                Outcome::Stale(message) => Flash::Error(message),
            }));
            tick.set(tick.wrapping_add(1));
        })
    };
    let dialog_view = (*dialog).map(|action| {
        if action == Action::Revoke {
            return html! {
                <RevokeDialog app={app.clone()} on_done={on_done.clone()} on_close={on_close.clone()} />
            };
        }
        html! {
            <ActionDialog {action} target={Target::One(app.clone())} on_done={on_done.clone()} on_close={on_close.clone()} />
        }
    });
    let revocation = match &timeline.state {
        Load::Ready(events) => events
            .iter()
            .rev()
            .find(|e| e.action == Action::Revoke && !e.withdrawn)
            .cloned(),
        _ => None,
    };
    let changes_view = match &changes.state {
        Load::Ready(c) if c.previous_submitted_at.is_some() => changes_panel(&i18n, c),
        _ => Html::default(),
    };
    let edit = applicant_may_edit(&app);
    let returned = matches!(app.stage, Stage::Returned | Stage::Supplement);

    html! {
        <section class="page" data-testid="page-application" data-id={app.id.to_string()}>
            <div class="page-heading">
                <h1 class="page-title">
                    { fill(i18n.t(Key::WfDetailTitle), &app.name) }
                    { " " }
                    { status_tag(locale, Status::Stage(app.stage), Some("app-stage")) }
                    if app.started_by_unit {
                        { " " }<span class={crate::kit::tags::Tone::Info.class()} data-testid="started-by-unit">{ i18n.t(Key::UsStartedTag) }</span>
                    }
                    if app.resubmission && !app.stage.is_final() {
                        { " " }
                        <span class="tag tag-warning" data-testid="tag-resubmission">{ i18n.t(Key::RvResubmission) }</span>
                    }
                </h1>
                <div class="page-actions" role="group" aria-label={i18n.t(Key::Actions)}>
                    if edit {
                        <Link<Route> to={Route::EditApplication { id: app.id }} classes="button" >
                            <span data-testid="edit-application">{ i18n.t(Key::Edit) }</span>
                        </Link<Route>>
                    }
                    { for app.allowed_actions.iter().map(|&action| html! {
                        <button type="button"
                            class={classes!("button", if super::workflow_rules::needs_confirmation(action) || action == Action::Revoke { "button-danger" } else { "button-primary" })}
                            data-testid={format!("action-{}", action.as_str())}
                            onclick={open(action)}>
                            { action.label(locale) }
                        </button>
                    }) }
                </div>
            </div>
            <DetailNav current={app.id.to_string()} route_of={route_of()} />
            { flash_view(flash.as_ref()) }
            if returned {
                if let Some(opinion) = &app.return_opinion {
                    <div class="alert alert-warning page-alert" role="status" data-testid="return-opinion">
                        <p class="alert-title">{ i18n.t(if app.stage == Stage::Supplement { Key::WfSupplementReason } else { Key::WfReturnReason }) }</p>
                        <p>{ opinion }</p>
                    </div>
                }
            }
            if app.stage == Stage::Revoked {
                <div class="alert alert-error page-alert" role="status" data-testid="revoked-banner">
                    <p class="alert-title">{ i18n.t(Key::RvRevokedBanner) }</p>
                    if let Some(e) = &revocation {
                        <p>{ crate::i18n::labelled(locale, i18n.t(Key::WfOpinion), e.opinion.as_deref().unwrap_or("—")) }</p>
                        <p class="muted">{ crate::i18n::paren(locale, &e.actor_name, e.actor_unit.as_deref().unwrap_or("—")) }{ " · " }{ china_time(&e.created_at) }</p>
                    }
                </div>
            }
            { changes_view }
            { facts(&i18n, &app) }
            <Attachments app_id={app.id} stage={app.stage} editable={edit} series={edit.then_some(app.series)} />
            <section class="panel" aria-labelledby="timeline-title">
                <h2 class="panel-title" id="timeline-title">{ i18n.t(Key::WfTimeline) }</h2>
                { match &timeline.state {
                    Load::Loading => html! { <p class="state-loading">{ i18n.t(Key::Loading) }</p> },
                    Load::Failed(e) => load_error(&i18n, e, &timeline.reload),
                    Load::Ready(events) => timeline_view(&i18n, events),
                } }
                if let Load::Ready(progress) = &progress.state {
                    { for progress.iter().map(|p| html! {
                        <p class="muted" data-testid="review-progress">
                            { crate::i18n::fill_n(i18n.t(Key::OrProgress), &[&p.session_name, &p.group_name, &p.completed.to_string(), &p.reviewers.to_string()]) }
                        </p>
                    }) }
                }
            </section>
            { for dialog_view }
        </section>
    }
}

fn facts(i18n: &I18n, app: &Rc<Application>) -> Html {
    let l = i18n.locale;
    let row = |key: Key, value: String| {
        html! { <><dt>{ i18n.t(key) }</dt><dd>{ value }</dd></> }
    };
    html! {
        <section class="panel" aria-labelledby="facts-title">
            <h2 class="panel-title" id="facts-title">{ i18n.t(Key::WfFacts) }</h2>
            <dl class="facts facts-grid" data-testid="app-facts">
                { row(Key::WfYear, app.year.to_string()) }
                { row(Key::WfSeries, app.series.label(l).to_owned()) }
                { row(Key::WfSpecialty, app.specialty.clone()) }
                { row(Key::WfLevel, app.level.label(l).to_owned()) }
                { row(Key::WfQualification, app.qualification.clone()) }
                { row(Key::WfDeclarationType, app.declaration_type.label(l).to_owned()) }
                { row(Key::AccountDisplayName, app.name.clone()) }
                { row(Key::AccountIdNumber, app.id_number.clone()) }
                { row(Key::WfGender, app.gender.label(l).to_owned()) }
                { row(Key::WfBirthDate, app.birth_date.clone()) }
                { row(Key::WfEducation, app.education.label(l).to_owned()) }
                { row(Key::WfCurrentTitle, app.current_title.clone()) }
                { row(Key::WfCurrentTitleDate, app.current_title_date.clone().unwrap_or_default()) }
                { row(Key::WfYearsOfService, app.years_of_service.to_string()) }
                { row(Key::AccountPhone, app.phone.clone()) }
                { row(Key::WfEmployer, app.employer.name.clone()) }
                <dt>{ i18n.t(Key::WfHolder) }</dt>
                <dd data-testid="app-holder">{ &app.holder_unit.name }</dd>
                { row(Key::WfCommittee, app.committee.as_ref().map(|c| c.name.clone()).unwrap_or_else(|| "—".into())) }
                { row(Key::WfUpdatedAt, china_time(&app.updated_at)) }
            </dl>
            <h3 class="facts-subtitle">{ i18n.t(Key::WfAchievements) }</h3>
            <p class="prewrap" data-testid="app-achievements">{ &app.achievements }</p>
        </section>
    }
}

/// What changed since the previous submission (manual §6.2.1): the fields (before → after)
/// and the files added and removed.
fn changes_panel(i18n: &I18n, c: &ApplicationChanges) -> Html {
    let l = i18n.locale;
    let nothing =
        c.fields.is_empty() && c.attachments_added.is_empty() && c.attachments_removed.is_empty();
    let previous = c
        .previous_submitted_at
        .as_deref()
        .map(china_time)
        .unwrap_or_default();
    let latest = c
        .submitted_at
        .as_deref()
        .map(china_time)
        .unwrap_or_default();
    let files = |key: Key, list: &[shared::review::SubmittedAttachment], testid: &'static str| {
        if list.is_empty() {
            return Html::default();
        }
        html! {
            <>
                <h3 class="facts-subtitle">{ i18n.t(key) }</h3>
                <ul data-testid={testid}>
                    { for list.iter().map(|f| html! {
                        <li>{ crate::i18n::paren(l, &f.file_name, f.section.label(l)) }</li>
                    }) }
                </ul>
            </>
        }
    };
    html! {
        <section class="panel" aria-labelledby="changes-title" data-testid="changes-panel">
            <h2 class="panel-title" id="changes-title">{ i18n.t(Key::RvChangesTitle) }</h2>
            <p class="muted">
                { crate::i18n::fill_n(i18n.t(Key::RvChangesBetween), &[previous.as_str(), latest.as_str()]) }
            </p>
            if nothing {
                <p class="empty-state" data-testid="changes-none">{ i18n.t(Key::RvChangesNone) }</p>
            }
            if !c.fields.is_empty() {
                <table class="table" data-testid="changes-fields">
                    <thead><tr>
                        <th scope="col">{ i18n.t(Key::RvChangesField) }</th>
                        <th scope="col">{ i18n.t(Key::RvChangesBefore) }</th>
                        <th scope="col">{ i18n.t(Key::RvChangesAfter) }</th>
                    </tr></thead>
                    <tbody>
                        { for c.fields.iter().map(|f| html! {
                            <tr data-field={f.field.clone()}>
                                <th scope="row">{ field_label(&f.field, l) }</th>
                                <td class="prewrap">{ value_text(&f.field, &f.before, l) }</td>
                                <td class="prewrap">{ value_text(&f.field, &f.after, l) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            }
            { files(Key::RvAttachmentsAdded, &c.attachments_added, "changes-added") }
            { files(Key::RvAttachmentsRemoved, &c.attachments_removed, "changes-removed") }
        </section>
    }
}

/// The timeline: oldest first, withdrawn steps struck through.
pub fn timeline_view(i18n: &I18n, events: &[TimelineEvent]) -> Html {
    let l = i18n.locale;
    if events.is_empty() {
        return html! { <p class="empty-state" data-testid="timeline">{ i18n.t(Key::WfNoEvents) }</p> };
    }
    html! {
        <ol class="timeline" data-testid="timeline">
            { for events.iter().map(|e| html! {
                <li class={classes!("timeline-item", e.withdrawn.then_some("timeline-withdrawn"))}
                    data-testid="timeline-item" data-action={e.action.as_str()}>
                    <p class="timeline-head">
                        <span class="timeline-action">{ e.action.label(l) }</span>
                        if e.withdrawn {
                            <span class="tag tag-warning">{ i18n.t(Key::WfWithdrawn) }</span>
                        }
                        if let Some(pass) = e.pass {
                            <span class={if pass { "tag tag-success" } else { "tag tag-danger" }}>
                                { i18n.t(if pass { Key::WfPassYes } else { Key::WfPassNo }) }
                            </span>
                        }
                        <span class="cell-time">{ china_time(&e.created_at) }</span>
                    </p>
                    <p class="muted">
                        { crate::i18n::paren(l, &e.actor_name, e.actor_unit.as_deref().unwrap_or("—")) }
                        { " · " }
                        { format!("{} → {}", e.from_stage.label(l), e.to_stage.label(l)) }
                        { " · " }
                        { format!("{} → {}", e.from_holder, e.to_holder) }
                    </p>
                    if let Some(opinion) = &e.opinion {
                        <p class="timeline-opinion" data-testid="timeline-opinion">
                            { crate::i18n::labelled(l, i18n.t(Key::WfOpinion), opinion) }
                        </p>
                    }
                    if let Some(committee) = &e.committee {
                        <p class="muted">{ crate::i18n::labelled(l, i18n.t(Key::WfCommittee), committee) }</p>
                    }
                    if let Some(handler) = &e.handler {
                        <p class="muted">{ crate::i18n::labelled(l, i18n.t(Key::WfHandler), handler) }</p>
                    }
                </li>
            }) }
        </ol>
    }
}
