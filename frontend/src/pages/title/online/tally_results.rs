//! 统票结果 (manual §6.2.10.8, module `title.online.tally_results`): the outcomes of the
//! tallied sessions the caller's unit organises (or, an HRSS, that are organised in its
//! subtree), by session, committee, year, result and specialty, with 导出 and 打印.

use shared::votes::TallyResult;
use yew::prelude::*;

use super::ballot::counts_text;
use crate::components::nav_link::NavLink;
use crate::i18n::{use_i18n, Key};
use crate::kit::filters::{number, select, text};
use crate::kit::format::china_time;
use crate::kit::list::{col, text_col, ListPage, Row};
use crate::kit::tags::{status_tag, Status};
use crate::routes::Route;

/// The list.
#[component]
pub fn TallyResults() -> Html {
    let i18n = use_i18n();
    let locale = i18n.locale;
    let columns = vec![
        text_col(i18n.t(Key::OrApplicant), |r: &TallyResult| &r.name).class("cell-name"),
        text_col(i18n.t(Key::OrEmployer), |r: &TallyResult| &r.employer),
        text_col(i18n.t(Key::OrSpecialty), |r: &TallyResult| &r.specialty),
        text_col(i18n.t(Key::OrQualification), |r: &TallyResult| {
            &r.qualification
        }),
        text_col(i18n.t(Key::SesCommittee), |r: &TallyResult| {
            &r.committee_name
        }),
        col(i18n.t(Key::OrSession), |r: &TallyResult| {
            html! { <>
                <NavLink to={Route::OnlineVoteSheet { id: r.session_id }} classes="link"
                    testid={format!("tr-sheet-{}-{}", r.session_id, r.application_id)}>{ &r.session_name }</NavLink>
                <span class="muted cell-sub">{ china_time(&r.tallied_at) }</span>
            </> }
        }),
        col(i18n.t(Key::SesYear), |r: &TallyResult| html! { { r.year } }),
        col(i18n.t(Key::VtCountsColumn), move |r: &TallyResult| {
            html! { <>
                { counts_text(locale, r.counts) }
                <span class="muted cell-sub">{ format!("{} {}", crate::i18n::t(locale, Key::VtAttending), r.attending) }</span>
            </> }
        }),
        col(i18n.t(Key::VtResult), move |r: &TallyResult| {
            status_tag(locale, Status::Tally(r.passed), Some("tr-result"))
        }),
    ];
    let results = vec![
        ("passed".to_owned(), i18n.t(Key::VtPassed).to_owned()),
        ("failed".to_owned(), i18n.t(Key::VtFailed).to_owned()),
    ];
    html! {
        <ListPage<TallyResult> name="tally-results" title={i18n.t(Key::VtResultsTitle)} path="/api/v1/tally-results"
            intro={i18n.t(Key::VtResultsIntro)} export=true
            filters={vec![
                number("session_id", i18n.t(Key::VtSessionId)),
                number("committee_id", i18n.t(Key::SesCommitteeId)),
                number("year", i18n.t(Key::SesYear)),
                select("result", i18n.t(Key::VtResult), results),
                text("specialty", i18n.t(Key::OrSpecialty)),
            ]} {columns} />
    }
}

impl Row for TallyResult {
    fn key(&self) -> String {
        format!("{}-{}", self.session_id, self.application_id)
    }

    fn status(&self) -> Option<&'static str> {
        Some(if self.passed { "passed" } else { "failed" })
    }
}
