//! 专家库 (`title.experts.pool`, manual §6.5.1): the pools the caller sees, found by committee,
//! status, specialty, series, title level, employer, term and name (the filter lives in the
//! URL; the list exports); 预入库 (one, or 批量 from a file), 邀请, 暂停 / 恢复 / 移出 with a
//! reason, 编辑 and 违规记录 (an HRSS only; [`super::person`]).

use shared::application::{Level, Series};
use shared::expert_pool::{PoolMember, PoolStatusChange, PreEntryRequest};
use shared::experts::PoolStatus;
use shared::{Module, UnitKind};
use yew::prelude::*;

use super::bulk::BulkPreEntryDialog;
use super::entry::{entry_from, EntryFields};
use super::person::{EditDialog, IntegrityDialog};
use crate::api;
use crate::components::alert::Flash;
use crate::components::form::enum_options;
use crate::i18n::{fill, fill_n, t, use_i18n, Key, Locale};
use crate::kit::dialog::{use_submit, DoneProps, FormDialog, Refusal};
use crate::kit::fields::OpinionField;
use crate::kit::filters::{number, select, text};
use crate::kit::list::{
    col, dialog_handles, id_row, row_buttons, use_list_control, ListPage, RowButton,
};
use crate::kit::tags::{text_tag, Tone};
use crate::state::session::use_session;

/// The colour of a pool status.
pub fn pool_tag(status: PoolStatus, locale: Locale) -> Html {
    let tone = match status {
        PoolStatus::Active => Tone::Success,
        PoolStatus::Invited => Tone::Info,
        PoolStatus::PreEntry => Tone::Warning,
        PoolStatus::Suspended => Tone::Neutral,
        PoolStatus::Removed => Tone::Danger,
    };
    text_tag(status.label(locale), tone)
}

#[derive(Clone, PartialEq)]
enum Dialog {
    None,
    PreEntry,
    BulkPreEntry,
    Invite(Box<PoolMember>),
    Status(Box<PoolMember>, PoolStatus),
    Edit(Box<PoolMember>),
    Integrity(Box<PoolMember>),
}

id_row!(PoolMember, status = status);

/// The pool list.
#[component]
pub fn Pool() -> Html {
    let i18n = use_i18n();
    let locale = i18n.locale;
    let control = use_list_control();
    let session = use_session();
    // Only an HRSS records a violation (the API refuses anyone else).
    let hrss = session
        .status
        .signed_in()
        .is_some_and(|s| s.user.unit.kind == UnitKind::Hrss);
    let dialog = use_state(|| Dialog::None);
    let (open, close, finish) = dialog_handles(&dialog, &control, Dialog::None);
    let dialog_view = match &*dialog {
        Dialog::None => Html::default(),
        Dialog::PreEntry => html! { <PreEntryDialog on_done={finish} on_close={close} /> },
        Dialog::BulkPreEntry => {
            html! { <BulkPreEntryDialog on_done={finish} on_close={close} /> }
        }
        Dialog::Edit(m) => {
            html! { <EditDialog member={(**m).clone()} on_done={finish} on_close={close} /> }
        }
        Dialog::Integrity(m) => {
            html! { <IntegrityDialog member={(**m).clone()} on_done={finish} on_close={close} /> }
        }
        Dialog::Invite(m) => {
            html! { <InviteDialog member={(**m).clone()} on_done={finish} on_close={close} /> }
        }
        Dialog::Status(m, to) => html! {
            <StatusDialog member={(**m).clone()} to={*to} on_done={finish} on_close={close} />
        },
    };
    let to = open.clone();
    let columns = vec![
        col(i18n.t(Key::ExpName), |m: &PoolMember| {
            html! { <>{ &m.expert.name }
            <span class="muted cell-sub">{ &m.expert.id_number }</span></> }
        })
        .class("cell-name"),
        col(i18n.t(Key::ExpEmployer), move |m: &PoolMember| {
            html! { <>{ &m.expert.employer.name }
            <span class="muted cell-sub">{ format!("{} · {}", m.expert.title, m.expert.title_level.label(locale)) }</span></> }
        }),
        col(i18n.t(Key::ExpSpecialties), move |m: &PoolMember| {
            html! { <>{ m.expert.specialties.join("、") }
            <span class="muted cell-sub">{ m.expert.series.label(locale) }</span></> }
        }),
        col(
            i18n.t(Key::ExpCommittee),
            |m: &PoolMember| html! { { &m.committee.name } },
        ),
        col(i18n.t(Key::ExpTerm), |m: &PoolMember| {
            html! { { format!("{} ~ {}", m.term_start, m.term_end) } }
        }),
        col(i18n.t(Key::StatusLabel), move |m: &PoolMember| {
            html! { <>{ pool_tag(m.status, locale) }
            if let Some(r) = &m.status_reason { <span class="muted cell-sub">{ r }</span> }
            if let Some(u) = &m.expert.username { <span class="muted cell-sub">{ u }</span> }</> }
        }),
        col(i18n.t(Key::Actions), move |m: &PoolMember| {
            if !m.can_manage {
                return Html::default();
            }
            let mut buttons = Vec::new();
            let button = |testid: &str, key: Key, danger: bool, d: Dialog| RowButton {
                testid: format!("{testid}-{}", m.id),
                label: t(locale, key),
                danger,
                onclick: to.reform(move |_| d.clone()),
            };
            buttons.push(button(
                "edit",
                Key::Edit,
                false,
                Dialog::Edit(Box::new(m.clone())),
            ));
            if m.status == PoolStatus::PreEntry {
                buttons.push(button(
                    "invite",
                    Key::ExpInvite,
                    false,
                    Dialog::Invite(Box::new(m.clone())),
                ));
            }
            for (status, key, testid) in [
                (PoolStatus::Suspended, Key::ExpSuspend, "suspend"),
                (PoolStatus::Active, Key::ExpResume, "resume"),
                (PoolStatus::Removed, Key::ExpRemove, "remove"),
            ] {
                if m.status.may_move_to(status) {
                    buttons.push(button(
                        testid,
                        key,
                        status == PoolStatus::Removed,
                        Dialog::Status(Box::new(m.clone()), status),
                    ));
                }
            }
            if hrss && m.expert.integrity_record.is_none() {
                buttons.push(button(
                    "integrity",
                    Key::ExpIntegrity,
                    true,
                    Dialog::Integrity(Box::new(m.clone())),
                ));
            }
            row_buttons(buttons)
        }),
    ];
    let actions = html! { <>
        <button type="button" class="button" data-testid="bulk-pre-entry" onclick={open.reform(|_| Dialog::BulkPreEntry)}>
            { i18n.t(Key::ExpBulkPreEntry) }
        </button>
        <button type="button" class="button button-primary" data-testid="pre-entry" onclick={open.reform(|_| Dialog::PreEntry)}>
            { i18n.t(Key::ExpPreEntry) }
        </button>
    </> };
    html! {
        <ListPage<PoolMember> name="expert-pool" title={Module::ExpertPool.name(locale)} path="/api/v1/experts"
            intro={i18n.t(Key::ExpPoolIntro)}
            filters={vec![
                text("name", i18n.t(Key::ExpName)),
                text("specialty", i18n.t(Key::ExpSpecialty)),
                select("status", i18n.t(Key::StatusLabel), enum_options(PoolStatus::ALL, PoolStatus::as_str, |s| s.label(locale))),
                select("series", i18n.t(Key::WfSeries), enum_options(Series::ALL, Series::as_str, |s| s.label(locale))),
                select("title_level", i18n.t(Key::WfLevel), enum_options(Level::ALL, Level::as_str, |s| s.label(locale))),
                number("committee_id", i18n.t(Key::ExpCommitteeId)),
                number("employer_id", i18n.t(Key::ExpEmployerId)),
                text("term_on", i18n.t(Key::ExpTermOn)),
            ]} {columns} {actions} control={control.clone()}>
            { dialog_view }
        </ListPage<PoolMember>>
    }
}

/// 预入库.
#[component]
fn PreEntryDialog(props: &DoneProps) -> Html {
    let i18n = use_i18n();
    let locale = i18n.locale;
    let (pending, on_submit) = use_submit(&props.on_done, move |api, form| {
        let (committee_id, entry) =
            entry_from(&form).map_err(|key| Refusal::new(t(locale, key)))?;
        let request = PreEntryRequest {
            committee_id,
            entry,
        };
        Ok(async move {
            let m = api::experts::pre_enter(&api, &request).await;
            m.map(|m| Flash::Success(fill(t(locale, Key::ExpPreEntered), &m.expert.name)))
        })
    });
    html! {
        <FormDialog title={i18n.t(Key::ExpPreEntry)} name="pre-entry" submit_label={i18n.t(Key::ExpPreEntry)}
            wide=true {pending} {on_submit} on_close={props.on_close.clone()}>
            <EntryFields />
        </FormDialog>
    }
}

#[derive(Properties, PartialEq)]
struct MemberProps {
    member: PoolMember,
    #[prop_or(PoolStatus::Invited)]
    to: PoolStatus,
    on_done: Callback<Flash>,
    on_close: Callback<()>,
}

/// 邀请: creates the expert's account (initial password, forced change at first sign-in).
#[component]
fn InviteDialog(props: &MemberProps) -> Html {
    let i18n = use_i18n();
    let locale = i18n.locale;
    let (id, version) = (props.member.id, props.member.version);
    let (pending, on_submit) = use_submit(&props.on_done, move |api, _| {
        Ok(async move {
            let a = api::experts::invite(&api, id, version).await?;
            let who = [a.member.expert.name.as_str(), a.username.as_str()];
            Ok(Flash::Success(fill_n(t(locale, Key::ExpInvited), &who)))
        })
    });
    html! {
        <FormDialog title={i18n.t(Key::ExpInvite)} name="invite" submit_label={i18n.t(Key::ExpInvite)}
            {pending} {on_submit} on_close={props.on_close.clone()}>
            <p>{ fill(i18n.t(Key::ExpInviteExplain), &props.member.expert.name) }</p>
        </FormDialog>
    }
}

/// 暂停 / 恢复 / 移出, with the reason.
#[component]
fn StatusDialog(props: &MemberProps) -> Html {
    let i18n = use_i18n();
    let locale = i18n.locale;
    let to = props.to;
    let member = &props.member;
    let (id, version, name) = (member.id, member.version, member.expert.name.clone());
    let (pending, on_submit) = use_submit(&props.on_done, move |api, form| {
        let reason = form
            .opt("opinion")
            .ok_or_else(|| Refusal::new(t(locale, Key::ExpReasonRequired)))?;
        let request = PoolStatusChange {
            to,
            reason,
            version,
        };
        let name = name.clone();
        Ok(async move {
            let m = api::experts::set_status(&api, id, &request).await?;
            let said = [name.as_str(), m.status.label(locale)];
            Ok(Flash::Success(fill_n(
                t(locale, Key::ExpStatusChanged),
                &said,
            )))
        })
    });
    let title = match to {
        PoolStatus::Suspended => Key::ExpSuspend,
        PoolStatus::Active => Key::ExpResume,
        _ => Key::ExpRemove,
    };
    html! {
        <FormDialog title={i18n.t(title)} name="pool-status" submit_label={i18n.t(title)}
            danger={to == PoolStatus::Removed} {pending} {on_submit} on_close={props.on_close.clone()}>
            <p>{ &props.member.expert.name }{ " · " }{ &props.member.committee.name }</p>
            <OpinionField label={i18n.t(Key::ExpReason)} required=true />
        </FormDialog>
    }
}
