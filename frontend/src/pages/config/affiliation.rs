//! 主管部门更改 (`config.units.affiliation`): the own unit asks to move under another superior;
//! the new superior (or an HRSS above it) approves or rejects with an opinion. A parent is
//! never changed directly (SPEC §2).

use shared::auth::UnitRef;
use shared::org::{
    AffiliationDecision, AffiliationRequest, AffiliationStatus, CreateAffiliationRequest,
};
use shared::Module;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::api::{self, affiliation::status_name};
use crate::components::alert::{flash_view, Flash};
use crate::components::form::{FormValues, SelectField, TextArea};
use crate::components::modal::Modal;
use crate::components::pager::Pager;
use crate::components::table;
use crate::components::tags::Tone;
use crate::hooks::use_load;
use crate::i18n::{fill, t, use_i18n, Key, Locale};
use crate::pages::format::local_time;
use crate::state::session::use_session;

/// The tag of a request's status.
pub fn status_tag(status: AffiliationStatus) -> (Key, Tone) {
    match status {
        AffiliationStatus::Pending => (Key::AffPending, Tone::Warning),
        AffiliationStatus::Approved => (Key::AffApproved, Tone::Success),
        AffiliationStatus::Rejected => (Key::AffRejected, Tone::Danger),
    }
}

fn unit_text(locale: Locale, unit: &UnitRef) -> String {
    crate::i18n::paren(locale, &unit.name, unit.kind.label(locale))
}

#[derive(Debug, Clone, PartialEq)]
enum Dialog {
    None,
    Request,
    Decide(AffiliationRequest, bool),
}

/// The page.
#[component]
pub fn Affiliation() -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let locale = i18n.locale;
    let filter = use_state(|| (None::<AffiliationStatus>, 1_u32));
    let loaded = {
        let store = session.store.clone();
        use_load(*filter, move |(status, page)| async move {
            api::affiliation::list(&store, status, page, locale).await
        })
    };
    let flash = use_state(|| None::<Flash>);
    let dialog = use_state(|| Dialog::None);
    let open = |next: Dialog| {
        let (dialog, flash) = (dialog.clone(), flash.clone());
        Callback::from(move |_: MouseEvent| {
            flash.set(None);
            dialog.set(next.clone());
        })
    };
    let close = {
        let dialog = dialog.clone();
        Callback::from(move |()| dialog.set(Dialog::None))
    };
    let finish = {
        let (flash, dialog, reload) = (flash.clone(), dialog.clone(), loaded.reload.clone());
        Callback::from(move |message: Flash| {
            dialog.set(Dialog::None);
            flash.set(Some(message));
            reload.emit(());
        })
    };
    let on_status = {
        let filter = filter.clone();
        Callback::from(move |value: String| {
            let status = [
                AffiliationStatus::Pending,
                AffiliationStatus::Approved,
                AffiliationStatus::Rejected,
            ]
            .into_iter()
            .find(|s| status_name(*s) == value);
            filter.set((status, 1));
        })
    };
    let on_page = {
        let filter = filter.clone();
        Callback::from(move |page: u32| filter.set((filter.0, page)))
    };
    let row = |r: &AffiliationRequest| {
        let (key, tone) = status_tag(r.status);
        let decided = match (&r.decided_by, &r.decided_at) {
            (Some(by), Some(at)) => format!("{by} · {}", local_time(at)),
            _ => String::new(),
        };
        html! {
            <tr key={r.id} data-testid={format!("row-{}", r.id)}>
                <td class="cell-name">{ &r.unit.name }</td>
                <td>{ unit_text(locale, &r.from_parent) }</td>
                <td>{ unit_text(locale, &r.to_parent) }</td>
                <td>{ &r.reason }</td>
                <td><crate::components::tags::Tags tags={vec![(key, tone)]} /></td>
                <td>{ &r.requested_by }<span class="muted cell-sub">{ local_time(&r.requested_at) }</span></td>
                <td>
                    { decided }
                    if let Some(opinion) = &r.opinion {
                        <span class="muted cell-sub">{ opinion }</span>
                    }
                </td>
                <td>
                    if r.can_decide {
                        <div class="row-actions">
                            <button type="button" class="link-button" data-testid="btn-approve" onclick={open(Dialog::Decide(r.clone(), true))}>
                                { i18n.t(Key::AffApprove) }
                            </button>
                            <button type="button" class="link-button link-danger" data-testid="btn-reject" onclick={open(Dialog::Decide(r.clone(), false))}>
                                { i18n.t(Key::AffReject) }
                            </button>
                        </div>
                    }
                </td>
            </tr>
        }
    };
    let dialog_view = match &*dialog {
        Dialog::None => Html::default(),
        Dialog::Request => {
            html! { <RequestDialog on_done={finish.clone()} on_close={close.clone()} /> }
        }
        Dialog::Decide(request, approve) => html! {
            <DecideDialog request={request.clone()} approve={*approve} on_done={finish.clone()} on_close={close.clone()} />
        },
    };
    let status_options = [
        AffiliationStatus::Pending,
        AffiliationStatus::Approved,
        AffiliationStatus::Rejected,
    ]
    .into_iter()
    .map(|s| {
        (
            status_name(s).to_owned(),
            t(locale, status_tag(s).0).to_owned(),
        )
    })
    .collect::<Vec<_>>();
    html! {
        <section class="page" data-testid="page-affiliation">
            <div class="page-heading">
                <h1 class="page-title">{ Module::Affiliation.name(locale) }</h1>
                <div class="page-actions">
                    <button type="button" class="button button-primary" data-testid="btn-new-request" onclick={open(Dialog::Request)}>
                        { i18n.t(Key::AffNew) }
                    </button>
                </div>
            </div>
            <p class="muted page-intro">{ i18n.t(Key::AffIntro) }</p>
            { flash_view(flash.as_ref()) }
            <div class="filter-bar" role="search" aria-label={i18n.t(Key::FilterLabel)}>
                <SelectField
                    name="filter-status"
                    label={i18n.t(Key::StatusLabel)}
                    options={status_options}
                    selected={filter.0.map_or("", status_name)}
                    empty={i18n.t(Key::All)}
                    onchange={on_status}
                />
            </div>
            <div class="panel panel-table">
                <table class="table" data-testid="affiliation-table" aria-busy={loaded.busy.to_string()}>
                    <thead>
                        <tr>
                            <th scope="col">{ i18n.t(Key::UnitName) }</th>
                            <th scope="col">{ i18n.t(Key::AffFrom) }</th>
                            <th scope="col">{ i18n.t(Key::AffTo) }</th>
                            <th scope="col">{ i18n.t(Key::AffReason) }</th>
                            <th scope="col">{ i18n.t(Key::StatusLabel) }</th>
                            <th scope="col">{ i18n.t(Key::AffRequestedBy) }</th>
                            <th scope="col">{ i18n.t(Key::AffDecision) }</th>
                            <th scope="col">{ i18n.t(Key::Actions) }</th>
                        </tr>
                    </thead>
                    <tbody>{ table::rows(&i18n, &loaded, 8, row) }</tbody>
                </table>
                if let Some(page) = table::page(&loaded) {
                    <Pager page={page.page} per_page={page.per_page} total={page.total} {on_page} />
                }
            </div>
            { dialog_view }
        </section>
    }
}

/// Props of [`RequestDialog`].
#[derive(Properties, PartialEq)]
struct RequestDialogProps {
    on_done: Callback<Flash>,
    on_close: Callback<()>,
}

/// 申请更改: search the units the own unit may move under, pick one, give the reason.
#[component]
fn RequestDialog(props: &RequestDialogProps) -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let locale = i18n.locale;
    let search = use_state(String::new);
    let candidates = {
        let store = session.store.clone();
        use_load((*search).clone(), move |q| async move {
            api::affiliation::candidates(&store, &q, locale).await
        })
    };
    let error = use_state(|| None::<String>);
    let busy = use_state(|| false);
    let search_input = use_node_ref();
    let on_search = {
        let (search, input) = (search.clone(), search_input.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(input) = input.cast::<web_sys::HtmlInputElement>() {
                search.set(input.value().trim().to_owned());
            }
        })
    };
    let onsubmit = {
        let (error, busy, store, on_done) = (
            error.clone(),
            busy.clone(),
            session.store.clone(),
            props.on_done.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            let Some(form) = FormValues::from_submit(&e) else {
                return;
            };
            let (Ok(to_parent_id), reason) = (
                form.text("to_parent_id").parse::<i64>(),
                form.text("reason"),
            ) else {
                error.set(Some(t(locale, Key::AffParentRequired).to_owned()));
                return;
            };
            if reason.is_empty() {
                error.set(Some(t(locale, Key::FieldsRequired).to_owned()));
                return;
            }
            busy.set(true);
            let request = CreateAffiliationRequest {
                to_parent_id,
                reason,
            };
            let (error, busy, store, on_done) =
                (error.clone(), busy.clone(), store.clone(), on_done.clone());
            spawn_local(async move {
                match api::affiliation::create(&store, &request, locale).await {
                    Ok(r) => on_done.emit(Flash::Success(fill(
                        t(locale, Key::AffRequested),
                        &r.to_parent.name,
                    ))),
                    Err(e) => {
                        error.set(Some(e.message(locale)));
                        busy.set(false);
                    }
                }
            });
        })
    };
    let options: Vec<(String, String)> = table_options(locale, &candidates.state);
    let flash = error.as_ref().map(|m| Flash::Error(m.clone()));
    let footer = html! {
        <div class="dialog-actions">
            <button type="button" class="button" data-testid="btn-cancel" onclick={props.on_close.reform(|_: MouseEvent| ())}>
                { i18n.t(Key::Cancel) }
            </button>
            <button type="submit" form="form-affiliation" class="button button-primary" data-testid="btn-submit" disabled={*busy}>
                { i18n.t(if *busy { Key::Saving } else { Key::AffSubmit }) }
            </button>
        </div>
    };
    html! {
        <Modal title={i18n.t(Key::AffNew)} testid="dialog-affiliation" on_close={props.on_close.clone()} {footer}>
            <form id="form-affiliation" class="form" novalidate=true {onsubmit} aria-busy={busy.to_string()}>
                <div class="search-row">
                    <div class="field">
                        <label for="input-candidate-q">{ i18n.t(Key::AffSearch) }</label>
                        <input id="input-candidate-q" type="search" data-testid="input-candidate-q" ref={search_input} autocomplete="off" />
                    </div>
                    <button type="button" class="button" data-testid="btn-search-candidates" onclick={on_search}>{ i18n.t(Key::Search) }</button>
                </div>
                <SelectField
                    name="to_parent_id"
                    label={i18n.t(Key::AffTo)}
                    {options}
                    empty={i18n.t(Key::SelectPlaceholder)}
                    required=true
                    hint={i18n.t(Key::AffCandidatesHint)}
                />
                <TextArea name="reason" label={i18n.t(Key::AffReason)} required=true maxlength={500} />
                { flash_view(flash.as_ref()) }
            </form>
        </Modal>
    }
}

fn table_options(
    locale: Locale,
    state: &crate::hooks::Load<Vec<UnitRef>>,
) -> Vec<(String, String)> {
    match state {
        crate::hooks::Load::Ready(units) => units
            .iter()
            .map(|u| {
                (
                    u.id.to_string(),
                    crate::i18n::paren(
                        locale,
                        &u.name,
                        &format!("{} · {}", u.kind.label(locale), u.level.label(locale)),
                    ),
                )
            })
            .collect(),
        crate::hooks::Load::Loading | crate::hooks::Load::Failed(_) => Vec::new(),
    }
}

/// Props of [`DecideDialog`].
#[derive(Properties, PartialEq)]
struct DecideDialogProps {
    request: AffiliationRequest,
    approve: bool,
    on_done: Callback<Flash>,
    on_close: Callback<()>,
}

/// 同意 or 驳回, with the opinion (required to reject).
#[component]
fn DecideDialog(props: &DecideDialogProps) -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let error = use_state(|| None::<String>);
    let busy = use_state(|| false);
    let approve = props.approve;
    let onsubmit = {
        let (error, busy, store, on_done) = (
            error.clone(),
            busy.clone(),
            session.store.clone(),
            props.on_done.clone(),
        );
        let (id, unit, locale) = (
            props.request.id,
            props.request.unit.name.clone(),
            i18n.locale,
        );
        Callback::from(move |e: SubmitEvent| {
            let Some(form) = FormValues::from_submit(&e) else {
                return;
            };
            let opinion = form.opt("opinion");
            if !approve && opinion.is_none() {
                error.set(Some(t(locale, Key::AffOpinionRequired).to_owned()));
                return;
            }
            busy.set(true);
            let decision = AffiliationDecision { approve, opinion };
            let (error, busy, store, on_done, unit) = (
                error.clone(),
                busy.clone(),
                store.clone(),
                on_done.clone(),
                unit.clone(),
            );
            spawn_local(async move {
                match api::affiliation::decide(&store, id, &decision, locale).await {
                    Ok(_) => {
                        let key = if approve {
                            Key::AffApprovedDone
                        } else {
                            Key::AffRejectedDone
                        };
                        on_done.emit(Flash::Success(fill(t(locale, key), &unit)));
                    }
                    Err(e) => {
                        error.set(Some(e.message(locale)));
                        busy.set(false);
                    }
                }
            });
        })
    };
    let r = &props.request;
    let locale = i18n.locale;
    let flash = error.as_ref().map(|m| Flash::Error(m.clone()));
    let title = if approve {
        Key::AffApprove
    } else {
        Key::AffReject
    };
    let footer = html! {
        <div class="dialog-actions">
            <button type="button" class="button" data-testid="btn-cancel" onclick={props.on_close.reform(|_: MouseEvent| ())}>
                { i18n.t(Key::Cancel) }
            </button>
            <button type="submit" form="form-decide" class={classes!("button", if approve { "button-primary" } else { "button-danger" })}
                data-testid="btn-submit" disabled={*busy}>
                { i18n.t(title) }
            </button>
        </div>
    };
    html! {
        <Modal title={i18n.t(title)} testid="dialog-decide" on_close={props.on_close.clone()} {footer}>
            <form id="form-decide" class="form" novalidate=true {onsubmit} aria-busy={busy.to_string()}>
                <dl class="facts">
                    <dt>{ i18n.t(Key::UnitName) }</dt>
                    <dd>{ &r.unit.name }</dd>
                    <dt>{ i18n.t(Key::AffFrom) }</dt>
                    <dd>{ unit_text(locale, &r.from_parent) }</dd>
                    <dt>{ i18n.t(Key::AffTo) }</dt>
                    <dd>{ unit_text(locale, &r.to_parent) }</dd>
                    <dt>{ i18n.t(Key::AffReason) }</dt>
                    <dd>{ &r.reason }</dd>
                </dl>
                if approve {
                    <p class="alert alert-warning">{ i18n.t(Key::AffApproveWarning) }</p>
                }
                <TextArea name="opinion" label={i18n.t(Key::AffOpinion)} required={!approve} maxlength={500} />
                { flash_view(flash.as_ref()) }
            </form>
        </Modal>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_have_their_colours() {
        assert_eq!(
            status_tag(AffiliationStatus::Pending),
            (Key::AffPending, Tone::Warning)
        );
        assert_eq!(status_tag(AffiliationStatus::Rejected).1, Tone::Danger);
    }
}
