//! 评审表决表 (manual §6.2.10.8): the vote sheet of a tallied session as an A4 print view —
//! the session, committee, date, tally time, committee size, attending, quorum, ballots and
//! passed count; one row per applicant (the group's view, the committee's counts, 应到 / 实到,
//! 通过 / 未通过); the ballots' digest in full with its check. 打印 and 导出 XLSX.

use yew::prelude::*;

use super::ballot::recommendation_text;
use super::committee_vote::rules_text;
use crate::api;
use crate::components::nav_link::NavLink;
use crate::hooks::{use_api, use_load};
use crate::i18n::{use_i18n, Key};
use crate::kit::detail::loaded_or_page;
use crate::kit::format::china_time;
use crate::kit::list::ExportButton;
use crate::kit::tags::{status_tag, Status};
use crate::routes::Route;

/// Props of [`VoteSheetPage`].
#[derive(Properties, PartialEq)]
pub struct VoteSheetProps {
    /// Session id.
    pub id: i64,
}

/// The page.
#[component]
pub fn VoteSheetPage(props: &VoteSheetProps) -> Html {
    let i18n = use_i18n();
    let api = use_api();
    let locale = i18n.locale;
    let id = props.id;
    let loaded = use_load(id, move |id| async move {
        api::votes::vote_sheet(&api, id).await
    });
    let back = html! {
        <NavLink to={Route::OnlineCommitteeVote { id }} classes="button" testid="back-to-ballot">{ i18n.t(Key::VtCommitteeTitle) }</NavLink>
    };
    let s = match loaded_or_page(&i18n, &loaded, "page-vote-sheet", back.clone()) {
        Ok(s) => s,
        Err(page) => return page,
    };
    let print = Callback::from(|_: MouseEvent| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    });
    let rows = s.rows.iter().map(|r| {
        let id = r.application_id;
        html! {
            <tr key={id} data-testid={format!("sheet-row-{id}")}>
                <td class="cell-name">{ &r.name }</td>
                <td>{ &r.employer }</td>
                <td>{ &r.specialty }</td>
                <td>{ &r.qualification }</td>
                <td>{ &r.group_name }</td>
                <td>{ r.recommendation.as_ref().map(|x| recommendation_text(locale, x)).unwrap_or_default() }</td>
                <td class="cell-number">{ r.counts.agree }</td>
                <td class="cell-number">{ r.counts.disagree }</td>
                <td class="cell-number">{ r.counts.abstain }</td>
                <td class="cell-number">{ format!("{}/{}", s.committee_size, r.attending) }</td>
                <td data-testid={format!("sheet-result-{id}")}>{ status_tag(locale, Status::Tally(r.passed), Some("sheet-result")) }</td>
            </tr>
        }
    });
    html! {
        <section class="page print-sheet" data-testid="page-vote-sheet">
            <div class="page-heading no-print">
                <div class="page-actions">
                    { back }
                    <button type="button" class="button" data-testid="btn-print" onclick={print}>{ i18n.t(Key::KitPrint) }</button>
                    <ExportButton name={i18n.t(Key::VtSheetTitle)} path={api::votes::vote_sheet_export_path(id)} />
                </div>
            </div>
            <h1 class="print-sheet-title">{ i18n.t(Key::VtSheetTitle) }</h1>
            <dl class="facts print-sheet-facts" data-testid="sheet-facts">
                <dt>{ i18n.t(Key::OrSession) }</dt><dd>{ &s.session_name }</dd>
                <dt>{ i18n.t(Key::SesCommittee) }</dt><dd>{ &s.committee_name }</dd>
                <dt>{ i18n.t(Key::SesYear) }</dt><dd>{ s.year }</dd>
                <dt>{ i18n.t(Key::VtSessionDate) }</dt><dd>{ &s.session_date }</dd>
                <dt>{ i18n.t(Key::VtTalliedAt) }</dt><dd>{ china_time(&s.tallied_at) }</dd>
                <dt>{ i18n.t(Key::VtCommitteeSize) }</dt><dd data-testid="sheet-size">{ s.committee_size }</dd>
                <dt>{ i18n.t(Key::VtAttending) }</dt><dd data-testid="sheet-attending">{ s.attending }</dd>
                <dt>{ i18n.t(Key::VtQuorum) }</dt><dd>{ s.quorum }</dd>
                <dt>{ i18n.t(Key::VtBallots) }</dt><dd data-testid="sheet-ballots">{ s.ballots }</dd>
                <dt>{ i18n.t(Key::VtPassedCount) }</dt><dd data-testid="sheet-passed">{ s.passed }</dd>
                <dt>{ i18n.t(Key::VtRules) }</dt><dd>{ rules_text(locale, &s.rules) }</dd>
            </dl>
            <table class="table print-sheet-table" data-testid="sheet-table">
                <thead><tr>
                    <th scope="col">{ i18n.t(Key::OrApplicant) }</th>
                    <th scope="col">{ i18n.t(Key::OrEmployer) }</th>
                    <th scope="col">{ i18n.t(Key::OrSpecialty) }</th>
                    <th scope="col">{ i18n.t(Key::OrQualification) }</th>
                    <th scope="col">{ i18n.t(Key::OrGroup) }</th>
                    <th scope="col">{ i18n.t(Key::VtRecommendation) }</th>
                    <th scope="col">{ i18n.t(Key::VtAgree) }</th>
                    <th scope="col">{ i18n.t(Key::VtDisagree) }</th>
                    <th scope="col">{ i18n.t(Key::VtAbstain) }</th>
                    <th scope="col">{ format!("{}/{}", i18n.t(Key::VtExpected), i18n.t(Key::VtAttending)) }</th>
                    <th scope="col">{ i18n.t(Key::VtResult) }</th>
                </tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
            <div class="vote-sheet-digest" data-testid="sheet-digest">
                <p>
                    { i18n.t(Key::VtDigest) }{ "：" }
                    <code class="cell-mono digest" data-testid="sheet-digest-value">{ &s.digest }</code>
                    { " " }
                    if s.digest_verified {
                        <span class="tag tag-success" data-testid="sheet-digest-ok">{ i18n.t(Key::VtDigestOk) }</span>
                    }
                </p>
                if !s.digest_verified {
                    <p class="alert alert-error" role="alert" data-testid="sheet-digest-bad">{ i18n.t(Key::VtDigestBad) }</p>
                }
            </div>
        </section>
    }
}
