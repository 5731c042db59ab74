//! 单位代为申报 (manual §6.2 由个人或单位发起, issue 9 point 4): a unit-side account holding
//! 单位内部核验 lists the applications it started for its applicants and starts a new one —
//! choose an enabled applicant account of the unit, then fill the applicant's own form
//! ([`ApplicationForm`] with `for_applicant`). The applicant finds the draft marked
//! 单位代为发起 and edits and submits it.

use shared::application::{ApplicantCandidate, ApplicationSummary};
use shared::workflow::Stage;
use yew::prelude::*;
use yew_router::prelude::*;

use super::application_form::{ApplicationForm, ForApplicant};
use super::application_list::{updated_col, year_col};
use crate::api;
use crate::components::table::load_error;
use crate::hooks::{use_api, use_load, Load};
use crate::i18n::{t, use_i18n, I18n, Key};
use crate::kit::list::{col, ListPage};
use crate::kit::tags::{status_tag, Status};
use crate::routes::Route;

/// The 单位代为申报 button on the 单位内部核验 queue.
pub fn queue_action(i18n: &I18n, stage: Stage) -> Html {
    if stage != Stage::UnitVerification {
        return Html::default();
    }
    html! {
        <Link<Route> to={Route::UnitStarted} classes="button">
            <span data-testid="to-unit-started">{ i18n.t(Key::UsTitle) }</span>
        </Link<Route>>
    }
}

/// The applications the unit started.
#[component]
pub fn UnitStartedList() -> Html {
    let i18n = use_i18n();
    let locale = i18n.locale;
    let columns = vec![
        col(i18n.t(Key::AccountDisplayName), |r: &ApplicationSummary| {
            html! {
                <Link<Route> to={Route::ApplicationDetail { id: r.id }}>
                    <span data-testid={format!("open-{}", r.id)}>{ &r.name }</span>
                </Link<Route>>
            }
        })
        .class("cell-name"),
        year_col(&i18n),
        col(
            i18n.t(Key::WfQualification),
            move |r: &ApplicationSummary| {
                html! { <>{ &r.qualification }
                <div class="cell-sub">{ r.series.label(locale) }{ " · " }{ r.level.label(locale) }</div></> }
            },
        ),
        col(i18n.t(Key::WfStage), move |r: &ApplicationSummary| {
            status_tag(locale, Status::Stage(r.stage), None)
        }),
        updated_col(&i18n),
    ];
    let actions = html! {
        <Link<Route> to={Route::UnitStartNew} classes="button button-primary">
            <span data-testid="unit-start-new">{ i18n.t(Key::UsNew) }</span>
        </Link<Route>>
    };
    html! {
        <ListPage<ApplicationSummary> name="unit-started" title={i18n.t(Key::UsTitle)} path="/api/v1/applications"
            fixed={vec![("started_by_unit", "true".to_owned())]} intro={i18n.t(Key::UsIntro)}
            {columns} {actions} />
    }
}

/// 代为申报: choose the applicant, then the form.
#[component]
pub fn UnitStartNew() -> Html {
    let i18n = use_i18n();
    let api = use_api();
    let locale = i18n.locale;
    let chosen = use_state(|| None::<ForApplicant>);
    let q = use_state(String::new);
    let candidates = use_load((*q).clone(), move |q| async move {
        api::unit_started::candidates(&api, &q).await
    });
    if let Some(f) = &*chosen {
        return html! { <ApplicationForm id={None} for_applicant={Some(f.clone())} /> };
    }
    let on_search = {
        let q = q.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Some(values) = crate::components::form::FormValues::from_submit(&e) {
                q.set(values.text("q").trim().to_owned());
            }
        })
    };
    let pick = |c: &ApplicantCandidate| {
        let chosen = chosen.clone();
        let f = ForApplicant {
            id: c.id,
            name: c.display_name.clone(),
            id_number: c.id_number.clone().unwrap_or_else(|| c.username.clone()),
        };
        Callback::from(move |_: MouseEvent| chosen.set(Some(f.clone())))
    };
    let body = match &candidates.state {
        Load::Loading => {
            html! { <p class="state-loading" role="status">{ i18n.t(Key::Loading) }</p> }
        }
        Load::Failed(e) => load_error(&i18n, e, &candidates.reload),
        Load::Ready(list) if list.is_empty() => {
            html! { <p class="empty-state" data-testid="no-candidates">{ i18n.t(Key::UsNoCandidates) }</p> }
        }
        Load::Ready(list) => html! {
            <table class="table" data-testid="candidates">
                <thead>
                    <tr>
                        <th scope="col">{ i18n.t(Key::AccountDisplayName) }</th>
                        <th scope="col">{ i18n.t(Key::LoginUsername) }</th>
                        <th scope="col">{ i18n.t(Key::Actions) }</th>
                    </tr>
                </thead>
                <tbody>
                    { for list.iter().map(|c| html! {
                        <tr key={c.id}>
                            <td class="cell-name">{ &c.display_name }</td>
                            <td class="cell-mono">{ &c.username }</td>
                            <td>
                                <button type="button" class="button button-small button-primary"
                                    data-testid={format!("pick-{}", c.id)} onclick={pick(c)}>
                                    { t(locale, Key::UsPick) }
                                </button>
                            </td>
                        </tr>
                    }) }
                </tbody>
            </table>
        },
    };
    html! {
        <section class="page" data-testid="page-unit-start">
            <div class="page-heading">
                <h1 class="page-title">{ i18n.t(Key::UsNew) }</h1>
                <div class="page-actions">
                    <Link<Route> to={Route::UnitStarted} classes="button">
                        <span data-testid="back-to-unit-started">{ i18n.t(Key::UsBack) }</span>
                    </Link<Route>>
                </div>
            </div>
            <div class="panel">
                <h2 class="panel-title">{ i18n.t(Key::UsChoose) }</h2>
                <form class="filter-bar" role="search" onsubmit={on_search}>
                    <div class="field">
                        <label for="candidate-q">{ i18n.t(Key::UsSearch) }</label>
                        <input id="candidate-q" name="q" type="search" maxlength="50" data-testid="candidate-q"
                            value={(*q).clone()} />
                    </div>
                    <button type="submit" class="button" data-testid="candidate-search">{ i18n.t(Key::Search) }</button>
                </form>
            </div>
            <div class="panel panel-table">{ body }</div>
        </section>
    }
}
