//! 专家抽取记录 (manual §6.2.10.1): every draw of a session as an A4 print view for the file —
//! the session, committee, organising unit and date; per draw the group, kind, algorithm and
//! seed, the number of candidates, the experts excluded with the reason, the experts drawn, who
//! drew and when, the re-draw reason, and whether it was superseded. 打印.

use std::collections::HashMap;

use shared::sessions::{DrawExpertName, DrawPick, SessionExpert};
use yew::prelude::*;

use crate::api;
use crate::components::nav_link::NavLink;
use crate::hooks::{use_api, use_load};
use crate::i18n::{fill, use_i18n, Key, Locale};
use crate::kit::detail::loaded_or_page;
use crate::kit::format::china_time;
use crate::routes::Route;

/// Props of [`DrawRecordPage`].
#[derive(Properties, PartialEq)]
pub struct DrawRecordProps {
    /// Session id.
    pub id: i64,
}

/// The names the session knows, by pool expert id: those its draws name (excluded and
/// drawn) and the experts serving in it.
pub fn expert_names<'a>(
    draws: impl Iterator<Item = &'a DrawExpertName>,
    experts: &[SessionExpert],
) -> HashMap<i64, String> {
    draws
        .map(|n| (n.expert_id, format!("{}（{}）", n.name, n.employer)))
        .chain(
            experts
                .iter()
                .map(|e| (e.expert_id, format!("{}（{}）", e.name, e.employer))),
        )
        .collect()
}

/// An expert by name when the session knows them, else by pool number.
pub fn expert_text(names: &HashMap<i64, String>, id: i64, locale: Locale) -> String {
    names
        .get(&id)
        .cloned()
        .unwrap_or_else(|| fill(crate::i18n::t(locale, Key::SesExpertNo), &id.to_string()))
}

/// A draw's picks as names (with the alternates' rank).
pub fn picks_text(names: &HashMap<i64, String>, result: &[DrawPick], locale: Locale) -> String {
    result
        .iter()
        .map(|p| {
            let name = expert_text(names, p.expert_id, locale);
            match p.rank {
                Some(r) => format!("{name} #{r}"),
                None => name,
            }
        })
        .collect::<Vec<_>>()
        .join("、")
}

/// The page.
#[component]
pub fn DrawRecordPage(props: &DrawRecordProps) -> Html {
    let i18n = use_i18n();
    let api = use_api();
    let locale = i18n.locale;
    let id = props.id;
    let loaded = use_load(id, move |id| async move {
        let detail = api::sessions::get(&api, id).await?;
        let draws = api::sessions::draws(&api, id).await?;
        Ok((detail, draws))
    });
    let back = html! {
        <NavLink to={Route::OnlineSession { id }} classes="button" testid="back-to-session">{ i18n.t(Key::SesBack) }</NavLink>
    };
    let loaded = match loaded_or_page(&i18n, &loaded, "page-draw-record", back.clone()) {
        Ok(d) => d,
        Err(page) => return page,
    };
    let (d, draws) = &*loaded;
    let s = &d.session;
    let names = expert_names(draws.iter().flat_map(|x| x.names.iter()), &d.experts);
    let print = Callback::from(|_: MouseEvent| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    });
    let rows = draws.iter().map(|x| {
        let exclusions = x
            .exclusions
            .iter()
            .map(|e| format!("{}：{}", expert_text(&names, e.expert_id, locale), e.reason.label(locale)))
            .collect::<Vec<_>>();
        html! {
            <tr key={x.id} data-testid={format!("record-{}", x.id)}>
                <td>{ format!("#{}", x.id) }</td>
                <td>{ &x.group_name }<span class="muted cell-sub">{ x.kind.label(locale) }</span></td>
                <td class="cell-mono">{ &x.algorithm }<br /><span class="digest">{ &x.seed }</span></td>
                <td class="cell-number">{ x.candidates.len() }</td>
                <td>{ for exclusions.iter().map(|e| html! { <div>{ e }</div> }) }</td>
                <td data-testid={format!("record-result-{}", x.id)}>{ picks_text(&names, &x.result, locale) }</td>
                <td>{ &x.drawn_by }<span class="muted cell-sub">{ china_time(&x.drawn_at) }</span></td>
                <td>
                    { x.reason.clone().unwrap_or_default() }
                    if x.superseded_by.is_some() { <span class="muted cell-sub">{ i18n.t(Key::SesSuperseded) }</span> }
                </td>
            </tr>
        }
    });
    html! {
        <section class="page print-sheet" data-testid="page-draw-record">
            <div class="page-heading no-print">
                <div class="page-actions">
                    { back }
                    <button type="button" class="button" data-testid="btn-print" onclick={print}>{ i18n.t(Key::KitPrint) }</button>
                </div>
            </div>
            <h1 class="print-sheet-title">{ i18n.t(Key::SesDrawRecordTitle) }</h1>
            <dl class="facts print-sheet-facts" data-testid="record-facts">
                <dt>{ i18n.t(Key::OrSession) }</dt><dd>{ &s.name }</dd>
                <dt>{ i18n.t(Key::SesCommittee) }</dt><dd>{ &s.committee.name }</dd>
                <dt>{ i18n.t(Key::SesYear) }</dt><dd>{ s.year }</dd>
                <dt>{ i18n.t(Key::VtSessionDate) }</dt><dd>{ &s.session_date }</dd>
            </dl>
            <table class="table print-sheet-table" data-testid="record-table">
                <thead><tr>
                    <th scope="col">{ "#" }</th>
                    <th scope="col">{ i18n.t(Key::SesGroupName) }</th>
                    <th scope="col">{ format!("{} / {}", i18n.t(Key::SesAlgorithm), i18n.t(Key::SesSeed)) }</th>
                    <th scope="col">{ i18n.t(Key::SesCandidates) }</th>
                    <th scope="col">{ i18n.t(Key::SesExclusions) }</th>
                    <th scope="col">{ i18n.t(Key::SesResult) }</th>
                    <th scope="col">{ i18n.t(Key::SesDrawnBy) }</th>
                    <th scope="col">{ i18n.t(Key::SesReasonShort) }</th>
                </tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_read_as_names_and_unknown_experts_by_number() {
        let names = HashMap::from([(3, "张三（一中）".to_owned())]);
        let result = vec![
            DrawPick {
                expert_id: 3,
                covers: Vec::new(),
                rank: None,
            },
            DrawPick {
                expert_id: 9,
                covers: Vec::new(),
                rank: Some(1),
            },
        ];
        assert_eq!(
            picks_text(&names, &result, Locale::ZhCn),
            "张三（一中）、专家 #9 #1"
        );
    }
}
