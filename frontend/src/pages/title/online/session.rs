//! One review session, step by step (manual §6.2.10.1): groups and applications, experts
//! needed per specialty, the draw with its record and a verify button, alternates, positions,
//! settings and 开始评审. Each step saves on its own; every answer of the server (a shortfall,
//! a failed start check) shows as the flash above.

use std::future::Future;
use std::rc::Rc;

use shared::experts::DrawKind;
use shared::experts::{CommitteePosition, SessionExpertStatus, SessionStatus};
use shared::sessions::{
    AlternateRequest, DrawSummary, Formation, GroupApplications, Need, PutNeeds, PutPosition,
    SessionPatch,
};
use shared::Module;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::api::{self, ApiError};
use crate::components::alert::{flash_view, Flash};
use crate::components::nav_link::NavLink;
use crate::hooks::{use_api, use_load};
use crate::i18n::{fill, t, use_i18n, Key};
use crate::kit::detail::loaded_or_page;
use crate::kit::dialog::{act as confirm_act, confirm_question, ConfirmAction};
use crate::kit::list::ExportButton;
use crate::kit::tags::{status_tag, Status};

use super::draw_record::{expert_names, picks_text};
use super::session_dialogs::{SessionDialog, SessionDialogView};
use crate::routes::Route;
use crate::state::session::use_session;

/// A request of a step: its success message or the server's error.
type Step = std::pin::Pin<Box<dyn Future<Output = Result<String, ApiError>>>>;

/// Runs a [`Step`], then reloads the page and shows the message.
type Act = Rc<dyn Fn(Step)>;

/// Props of [`SessionPage`].
#[derive(Properties, PartialEq)]
pub struct SessionPageProps {
    /// The session.
    pub id: i64,
}

/// `数学:3, 语文:0` → needs (bad items are left out; the server checks the rest).
pub fn parse_needs(text: &str) -> Vec<Need> {
    text.split([',', '，', ';', '；', '\n'])
        .filter_map(|line| {
            let line = line.trim();
            let (s, n) = line.rsplit_once([':', '：'])?;
            Some(Need {
                specialty: s.trim().to_owned(),
                count: n.trim().parse().ok()?,
            })
        })
        .collect()
}

fn needs_text(needs: &[Need]) -> String {
    needs
        .iter()
        .map(|n| format!("{}:{}", n.specialty, n.count))
        .collect::<Vec<_>>()
        .join(", ")
}

fn input_value(id: &str) -> String {
    let doc = web_sys::window().and_then(|w| w.document());
    let Some(el) = doc.and_then(|d| d.get_element_by_id(id)) else {
        return String::new();
    };
    use wasm_bindgen::JsCast;
    if let Some(i) = el.dyn_ref::<HtmlInputElement>() {
        if i.type_() == "checkbox" {
            return i.checked().to_string();
        }
        return i.value();
    }
    el.dyn_ref::<HtmlSelectElement>()
        .map(HtmlSelectElement::value)
        .unwrap_or_default()
}

/// What the session page offers for the votes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VoteSteps {
    /// 进入评委会投票 (the organising unit; the server checks it is the organiser).
    pub open: bool,
    /// The link to 评委会投票.
    pub ballot: bool,
    /// 评审表决表 and 导出表决表.
    pub sheet: bool,
}

/// The vote steps of a session in `status`, for a caller holding the committee vote module
/// or not.
pub fn vote_steps(status: SessionStatus, holds_committee_vote: bool) -> VoteSteps {
    use SessionStatus::*;
    let (open, ballot, sheet) = match status {
        Setup | Reviewing => (false, false, false),
        GroupVoting => (holds_committee_vote, false, false),
        CommitteeVoting => (false, true, false),
        Tallied | Closed => (false, true, true),
    };
    VoteSteps {
        open,
        ballot,
        sheet,
    }
}

/// The session page.
#[component]
pub fn SessionPage(props: &SessionPageProps) -> Html {
    let i18n = use_i18n();
    let session = use_session();
    let api = use_api();
    let locale = i18n.locale;
    let tick = use_state(|| 0_u32);
    let flash = use_state(|| None::<Flash>);
    let opening = use_state(|| false);
    let dialog = use_state(|| SessionDialog::None);
    let loaded = {
        let api = api.clone();
        use_load((props.id, *tick), move |(id, _)| async move {
            let detail = api::sessions::get(&api, id).await?;
            let open = if detail.session.can_manage {
                api::sessions::unassigned(&api, id).await?
            } else {
                Vec::new()
            };
            Ok::<_, ApiError>((detail, open))
        })
    };
    // Runs a request; on success reloads and says `done`, else shows the server's message.
    let act: Act = {
        let (flash, tick) = (flash.clone(), tick.clone());
        Rc::new(move |fut| {
            let (flash, tick) = (flash.clone(), tick.clone());
            spawn_local(async move {
                match fut.await {
                    Ok(done) => {
                        flash.set(Some(Flash::Success(done)));
                        tick.set(*tick + 1);
                    }
                    Err(e) => flash.set(Some(Flash::Error(e.message(locale)))),
                }
            });
        })
    };
    let back = html! {
        <NavLink to={Route::OnlineSessions} classes="button" testid="back-to-sessions">{ i18n.t(Key::SesBack) }</NavLink>
    };
    let detail = match loaded_or_page(&i18n, &loaded, "page-session", back.clone()) {
        Ok(detail) => detail,
        Err(page) => return page,
    };
    let (d, unassigned) = (&detail.0, &detail.1);
    let s = &d.session;
    let manage = s.can_manage;
    let id = s.id;
    let version = s.version;
    let saved = t(locale, Key::SesSaved).to_owned();

    // Step 1: groups and applications.
    let open_dialog = |what: SessionDialog| {
        let dialog = dialog.clone();
        Callback::from(move |_: MouseEvent| dialog.set(what.clone()))
    };
    let groups_view = d.groups.iter().map(|g| {
        let apps = g.applications.iter().map(|a| html! {
            <li key={a.id}>{ format!("{}（{}，{}）", a.name, a.specialty, a.employer) }</li>
        });
        html! {
            <div class="panel" key={g.id} data-testid={format!("group-{}", g.id)}>
                <h3>{ &g.name }</h3>
                <p class="muted">{ i18n.t(Key::SesSpecialties) }{ "：" }{ g.specialties.join("、") }</p>
                <ul>{ for apps }</ul>
                if s.status != SessionStatus::Setup {
                    <NavLink to={Route::OnlineGroupVote { id: g.id }} classes="button button-small" testid={format!("group-vote-{}", g.id)}>
                        { i18n.t(Key::VtGroupTitle) }
                    </NavLink>
                }
            </div>
        }
    });
    let group_options: Vec<(i64, String)> =
        d.groups.iter().map(|g| (g.id, g.name.clone())).collect();
    let unassigned_view = unassigned.iter().map(|a| {
        let app_id = a.id;
        let select_id = format!("assign-{app_id}");
        let assign = {
            let (act, api, saved, detail) = (act.clone(), api.clone(), saved.clone(), detail.clone());
            let select_id = select_id.clone();
            Callback::from(move |_: MouseEvent| {
                let group: i64 = input_value(&select_id).parse().unwrap_or_default();
                let Some(g) = detail.0.groups.iter().find(|g| g.id == group) else { return };
                let body = GroupApplications { version: g.version, application_ids: vec![app_id] };
                let (api, saved) = (api.clone(), saved.clone());
                act(Box::pin(async move {
                    api::sessions::assign(&api, group, &body).await.map(|_| saved)
                }))
            })
        };
        html! {
            <tr key={app_id}>
                <td>{ &a.name }</td><td>{ &a.specialty }</td><td>{ &a.employer }</td>
                <td>
                    <select id={select_id.clone()} data-testid={select_id.clone()}>
                        { for group_options.iter().map(|(gid, name)| html! { <option value={gid.to_string()}>{ name }</option> }) }
                    </select>
                    <button type="button" class="link-button" data-testid={format!("assign-button-{app_id}")} onclick={assign}>{ i18n.t(Key::SesAssignTo) }</button>
                </td>
            </tr>
        }
    });

    // Step 2: needs.
    let needs_view = d.groups.iter().map(|g| {
        let area = format!("needs-{}", g.id);
        let save = {
            let (act, api, saved, area) = (act.clone(), api.clone(), saved.clone(), area.clone());
            let (group, gv) = (g.id, g.version);
            Callback::from(move |_: MouseEvent| {
                let body = PutNeeds { version: gv, needs: parse_needs(&input_value(&area)) };
                let (api, saved) = (api.clone(), saved.clone());
                act(Box::pin(async move {
                    api::sessions::put_needs(&api, group, &body).await.map(|_| saved)
                }))
            })
        };
        html! {
            <div class="panel" key={g.id}>
                <h3>{ &g.name }</h3>
                <input id={area.clone()} data-testid={area.clone()} class="input-wide" disabled={!manage}
                    placeholder={i18n.t(Key::SesNeedsHint)} value={needs_text(&g.needs)} />
                if manage { <button type="button" class="button" data-testid={format!("save-needs-{}", g.id)} onclick={save}>{ i18n.t(Key::SesSaveNeeds) }</button> }
            </div>
        }
    });

    // Step 3: the draw.
    let has_main_draw = |group: Option<i64>| {
        d.draws.iter().any(|x| {
            x.kind == DrawKind::Main
                && x.superseded_by.is_none()
                && (group.is_none() || x.group_id == group)
        })
    };
    let draw_for = |group: Option<(i64, String)>| {
        let redraw = has_main_draw(group.as_ref().map(|g| g.0));
        open_dialog(SessionDialog::Draw { group, redraw })
    };
    let alternates_for = |group: i64| {
        let (act, api, saved) = (act.clone(), api.clone(), saved.clone());
        Callback::from(move |_: MouseEvent| {
            let body = AlternateRequest { version, count: 2 };
            let (api, saved) = (api.clone(), saved.clone());
            act(Box::pin(async move {
                api::sessions::alternates(&api, group, &body)
                    .await
                    .map(|_| saved)
            }))
        })
    };
    let group_draw_buttons = d.groups.iter().map(|g| html! {
        <li key={g.id} class="row-actions">
            <span>{ &g.name }</span>
            <button type="button" class="link-button" data-testid={format!("redraw-{}", g.id)} onclick={draw_for(Some((g.id, g.name.clone())))}>{ i18n.t(Key::SesRedrawGroup) }</button>
            <button type="button" class="link-button" data-testid={format!("alternates-{}", g.id)} onclick={alternates_for(g.id)}>{ i18n.t(Key::SesAlternates) }</button>
        </li>
    });
    let names = expert_names(d.draws.iter().flat_map(|x| x.names.iter()), &d.experts);
    let draw_rows = d.draws.iter().map(|x: &DrawSummary| {
        let verify = {
            let (act, api, did) = (act.clone(), api.clone(), x.id);
            Callback::from(move |_: MouseEvent| {
                let api = api.clone();
                act(Box::pin(async move {
                    let v = api::sessions::verify(&api, did).await?;
                    let key = if v.reproduced { Key::SesVerifiedOk } else { Key::SesVerifiedBad };
                    Ok(fill(t(locale, key), &did.to_string()))
                }))
            })
        };
        html! {
            <tr key={x.id} data-testid={format!("draw-{}", x.id)}>
                <td class="cell-nowrap">{ format!("#{} {}", x.id, x.group_name) }<span class="muted cell-sub">{ x.kind.label(locale) }</span></td>
                <td class="cell-number">{ x.candidate_count }</td>
                <td class="cell-number" data-testid={format!("draw-excluded-{}", x.id)}>{ x.exclusion_count }</td>
                <td data-testid={format!("draw-result-{}", x.id)}>{ picks_text(&names, &x.result, locale) }</td>
                <td>{ x.reason.clone().unwrap_or_default() }
                    if x.superseded_by.is_some() { <span class="muted cell-sub">{ i18n.t(Key::SesSuperseded) }</span> }</td>
                <td><button type="button" class="link-button" data-testid={format!("verify-{}", x.id)} onclick={verify}>{ i18n.t(Key::SesVerify) }</button></td>
            </tr>
        }
    });

    // Step 4: positions.
    let position_options = CommitteePosition::ALL;
    let expert_rows = d.experts.iter().map(|e| {
        let (eid, ev) = (e.id, e.version);
        let select_id = format!("position-{eid}");
        let set = |leader: bool| {
            let (act, api, saved, select_id) = (act.clone(), api.clone(), saved.clone(), select_id.clone());
            Callback::from(move |_: MouseEvent| {
                let body = PutPosition {
                    version: ev,
                    group_leader: leader,
                    committee_position: CommitteePosition::parse(&input_value(&select_id)),
                };
                let (api, saved) = (api.clone(), saved.clone());
                act(Box::pin(async move {
                    api::sessions::put_position(&api, eid, &body).await.map(|_| saved)
                }))
            })
        };
        let decline = open_dialog(SessionDialog::Decline(Box::new(e.clone())));
        let group = d.groups.iter().find(|g| Some(g.id) == e.group_id).map(|g| g.name.clone()).unwrap_or_default();
        let serving = e.status == SessionExpertStatus::Active;
        let current = e.committee_position.map(|p| p.as_str()).unwrap_or("");
        html! {
            <tr key={eid} data-testid={format!("expert-{eid}")}>
                <td>{ &e.name }<span class="muted cell-sub">{ &e.employer }</span></td>
                <td>{ group }</td>
                <td>{ e.status.label(locale) }{ e.alternate_rank.map(|r| format!(" #{r}")).unwrap_or_default() }</td>
                <td>{ e.covers.join("、") }</td>
                <td data-testid={format!("is-leader-{eid}")}>{ if e.group_leader { i18n.t(Key::SesLeader) } else { "".into() } }</td>
                <td>
                    <select id={select_id.clone()} data-testid={select_id.clone()} disabled={!manage || !serving}
                        aria-label={format!("{}：{}", i18n.t(Key::SesPosition), e.name)}>
                        <option value="" selected={current.is_empty()}>{ i18n.t(Key::SesNoPosition) }</option>
                        { for position_options.iter().map(|p| html! {
                            <option value={p.as_str()} selected={current == p.as_str()}>{ p.label(locale) }</option>
                        }) }
                    </select>
                </td>
                <td>
                    if manage && serving {
                        <div class="row-actions">
                            <button type="button" class="link-button" data-testid={format!("save-position-{eid}")} onclick={set(e.group_leader)}>{ i18n.t(Key::SesSavePosition) }</button>
                            <button type="button" class="link-button" data-testid={format!("leader-{eid}")} onclick={set(true)}>{ i18n.t(Key::SesMakeLeader) }</button>
                            <button type="button" class="link-button link-danger" data-testid={format!("decline-{eid}")} onclick={decline}>{ i18n.t(Key::SesDecline) }</button>
                        </div>
                    }
                </td>
            </tr>
        }
    });

    // Step 5: settings and start.
    let save_settings = {
        let (act, api, saved) = (act.clone(), api.clone(), saved.clone());
        Callback::from(move |_: MouseEvent| {
            let body = SessionPatch {
                version,
                blind_review: Some(input_value("set-blind") == "true"),
                defense: Some(input_value("set-defense") == "true"),
                formed_by: Formation::parse(&input_value("set-formed-by")),
                ..SessionPatch::default()
            };
            let (api, saved) = (api.clone(), saved.clone());
            act(Box::pin(async move {
                api::sessions::patch(&api, id, &body).await.map(|_| saved)
            }))
        })
    };
    let start = open_dialog(SessionDialog::Start);

    let dialog_view = {
        let on_close = {
            let dialog = dialog.clone();
            Callback::from(move |()| dialog.set(SessionDialog::None))
        };
        let on_done = {
            let (dialog, flash, tick) = (dialog.clone(), flash.clone(), tick.clone());
            Callback::from(move |f: Flash| {
                dialog.set(SessionDialog::None);
                flash.set(Some(f));
                tick.set(*tick + 1);
            })
        };
        html! {
            <SessionDialogView {id} name={s.name.clone()} {version} dialog={(*dialog).clone()} {on_done} {on_close} />
        }
    };

    // The votes (issue 11): open the committee vote, the ballot, the vote sheet.
    let votes_view = {
        let holds_committee_vote = session
            .status
            .signed_in()
            .is_some_and(|x| x.holds(Module::CommitteeVote));
        let VoteSteps {
            open: may_open,
            ballot: ballot_open,
            sheet: tallied,
        } = vote_steps(s.status, holds_committee_vote);
        let dialog = if *opening {
            let on_done = {
                let (flash, tick, opening) = (flash.clone(), tick.clone(), opening.clone());
                Callback::from(move |f: Flash| {
                    opening.set(false);
                    flash.set(Some(f));
                    tick.set(*tick + 1);
                })
            };
            let on_cancel = {
                let opening = opening.clone();
                Callback::from(move |()| opening.set(false))
            };
            let api = api.clone();
            let request = confirm_act(move || {
                let api = api.clone();
                async move {
                    api::votes::open_committee_vote(&api, id, version)
                        .await
                        .map(|_| Flash::Success(t(locale, Key::VtOpenCommitteeDone).into()))
                }
            });
            let question = format!(
                "{}{}",
                confirm_question(locale, i18n.t(Key::VtOpenCommittee), &s.name),
                i18n.t(Key::VtOpenCommitteeMore)
            );
            html! { <ConfirmAction action={i18n.t(Key::VtOpenCommittee)} message={question} act={request} {on_done} {on_cancel} /> }
        } else {
            Html::default()
        };
        let ask = {
            let opening = opening.clone();
            Callback::from(move |_: MouseEvent| opening.set(true))
        };
        html! {
            if s.status == SessionStatus::GroupVoting || ballot_open {
                <h2>{ i18n.t(Key::VtVotesPanel) }</h2>
                <div class="row-actions" data-testid="session-votes">
                    if may_open {
                        <button type="button" class="button button-primary" data-testid="open-committee-vote" onclick={ask}>{ i18n.t(Key::VtOpenCommittee) }</button>
                    }
                    if ballot_open {
                        <NavLink to={Route::OnlineCommitteeVote { id }} classes="button" testid="committee-vote-link">{ i18n.t(Key::VtCommitteeTitle) }</NavLink>
                    }
                    if tallied {
                        <NavLink to={Route::OnlineVoteSheet { id }} classes="button" testid="vote-sheet-link">{ i18n.t(Key::VtSheetTitle) }</NavLink>
                        <ExportButton name={i18n.t(Key::VtSheetTitle)} path={api::votes::vote_sheet_export_path(id)} label={i18n.t(Key::VtExportSheet)} />
                    }
                </div>
                { dialog }
            }
        }
    };

    html! {
        <section class="page" data-testid="page-session">
            <div class="page-head">
                <h1 class="page-title">{ &s.name }</h1>
                <div class="page-actions">
                    if !d.limited && s.status != SessionStatus::Setup {
                        <NavLink to={Route::OnlineAttendance { id }} classes="button" testid="attendance-link">{ i18n.t(Key::OrAttendanceTitle) }</NavLink>
                        <NavLink to={Route::OnlineBlindOpinions { id }} classes="button" testid="blind-opinions-link">{ i18n.t(Key::OrBlindLink) }</NavLink>
                    }
                    if !d.draws.is_empty() && !d.limited {
                        <NavLink to={Route::OnlineDrawRecord { id }} classes="button" testid="draw-record-link">{ i18n.t(Key::SesPrintDraws) }</NavLink>
                    }
                    { back }
                </div>
            </div>
            <p class="lead">
                { format!("{} · {} · {} ", s.committee.name, s.year, s.session_date) }
                { status_tag(locale, Status::Session(s.status), Some("session-status")) }
            </p>
            if d.limited { <p class="alert">{ i18n.t(Key::SesLimited) }</p> }
            { flash_view((*flash).as_ref()) }
            { votes_view }

            <h2>{ i18n.t(Key::SesStepGroups) }</h2>
            { for groups_view }
            if manage {
                <div class="row-actions">
                    <button type="button" class="button" data-testid="add-group" onclick={open_dialog(SessionDialog::AddGroup)}>{ i18n.t(Key::SesAddGroup) }</button>
                </div>
                if !unassigned.is_empty() {
                    <h3>{ i18n.t(Key::SesUnassigned) }</h3>
                    <table class="table"><tbody>{ for unassigned_view }</tbody></table>
                }
            }

            if !d.limited {
                <h2>{ i18n.t(Key::SesStepNeeds) }</h2>
                { for needs_view }

                <h2>{ i18n.t(Key::SesStepDraw) }</h2>
                if manage {
                    <div class="row-actions">
                        <button type="button" class="button button-primary" data-testid="draw-all" onclick={draw_for(None)}>
                            { i18n.t(if has_main_draw(None) { Key::SesRedrawAll } else { Key::SesDrawAll }) }
                        </button>
                    </div>
                    <ul>{ for group_draw_buttons }</ul>
                }
                <h3>{ i18n.t(Key::SesDrawRecord) }</h3>
                <table class="table" data-testid="draw-records">
                    <thead><tr>
                        <th scope="col">{ i18n.t(Key::SesGroupName) }</th>
                        <th scope="col">{ i18n.t(Key::SesCandidates) }</th><th scope="col">{ i18n.t(Key::SesExclusions) }</th>
                        <th scope="col">{ i18n.t(Key::SesResult) }</th><th scope="col">{ i18n.t(Key::SesReasonShort) }</th>
                        <th scope="col">{ i18n.t(Key::Actions) }</th>
                    </tr></thead>
                    <tbody>{ for draw_rows }</tbody>
                </table>
            }

            <h2>{ i18n.t(Key::SesStepPositions) }</h2>
            <table class="table" data-testid="session-experts">
                <thead><tr>
                    <th>{ i18n.t(Key::SesExpert) }</th><th>{ i18n.t(Key::SesGroupName) }</th><th>{ i18n.t(Key::SesStatus) }</th>
                    <th>{ i18n.t(Key::SesCovers) }</th><th>{ i18n.t(Key::SesLeader) }</th><th>{ i18n.t(Key::SesPosition) }</th><th></th>
                </tr></thead>
                <tbody>{ for expert_rows }</tbody>
            </table>

            if !d.limited {
                <h2>{ i18n.t(Key::SesStepSettings) }</h2>
                <div class="row-actions">
                    <label><input type="checkbox" id="set-blind" data-testid="set-blind" checked={s.blind_review} disabled={!manage} />{ i18n.t(Key::SesBlind) }</label>
                    <label><input type="checkbox" id="set-defense" data-testid="set-defense" checked={s.defense} disabled={!manage} />{ i18n.t(Key::SesDefense) }</label>
                    <label>{ i18n.t(Key::SesFormedBy) }
                        <select id="set-formed-by" data-testid="set-formed-by" disabled={!manage}>
                            { for Formation::ALL.iter().map(|f| html! { <option value={f.as_str()} selected={*f == s.formed_by}>{ f.label(locale) }</option> }) }
                        </select>
                    </label>
                    if manage {
                        <button type="button" class="button" data-testid="save-settings" onclick={save_settings}>{ i18n.t(Key::SesSaveSettings) }</button>
                        <button type="button" class="button button-primary" data-testid="start-session" onclick={start}>{ i18n.t(Key::SesStart) }</button>
                    }
                </div>
            }
            { dialog_view }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_votes_open_after_the_groups_and_the_sheet_after_the_tally() {
        let steps = |status, holds| {
            let v = vote_steps(status, holds);
            (v.open, v.ballot, v.sheet)
        };
        assert_eq!(steps(SessionStatus::Reviewing, true), (false, false, false));
        assert_eq!(
            steps(SessionStatus::GroupVoting, true),
            (true, false, false)
        );
        assert_eq!(
            steps(SessionStatus::GroupVoting, false),
            (false, false, false)
        );
        assert_eq!(
            steps(SessionStatus::CommitteeVoting, true),
            (false, true, false)
        );
        assert_eq!(steps(SessionStatus::Tallied, false), (false, true, true));
        assert_eq!(steps(SessionStatus::Closed, true), (false, true, true));
    }

    #[test]
    fn needs_read_one_per_line_with_either_colon() {
        let needs = parse_needs("数学:3， 语文：0 ,bad;物理:x");
        assert_eq!(
            needs,
            vec![
                Need {
                    specialty: "数学".to_owned(),
                    count: 3
                },
                Need {
                    specialty: "语文".to_owned(),
                    count: 0
                },
            ]
        );
        assert_eq!(needs_text(&needs), "数学:3, 语文:0");
    }
}
