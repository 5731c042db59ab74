//! 回避单位 in the expert's profile (manual §6.5.2): the units the expert must not review, each
//! with its reason; found by a part of the name (`GET /api/v1/me/expert-profile/units`). The
//! chosen units travel in the profile form as `unit_id` / `unit_reason` pairs.

use shared::auth::UnitRef;
use shared::expert_pool::ConflictInput;
use shared::experts::ConflictKind;
use web_sys::HtmlInputElement;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::api;
use crate::components::form::FormValues;
use crate::hooks::use_api;
use crate::i18n::{use_i18n, Key};

/// One declared unit: id, name, reason.
#[derive(Clone, PartialEq)]
pub struct Declared {
    /// Unit id.
    pub id: i64,
    /// Unit name.
    pub name: String,
    /// Why.
    pub reason: String,
}

/// The unit conflicts the form holds (`unit_id` / `unit_reason`, in order).
pub fn unit_conflicts(form: &FormValues) -> Vec<ConflictInput> {
    form.all("unit_id")
        .iter()
        .zip(form.all("unit_reason"))
        .filter_map(|(id, reason)| {
            Some(ConflictInput {
                kind: ConflictKind::Unit,
                unit_id: Some(id.parse().ok()?),
                person_name: String::new(),
                person_id_number: None,
                reason: reason.trim().to_owned(),
            })
        })
        .collect()
}

/// Props of [`UnitConflicts`].
#[derive(Properties, PartialEq)]
pub struct UnitConflictsProps {
    /// The units declared when the profile was read.
    pub initial: Vec<Declared>,
}

/// The list of declared units with a search to add one.
#[component]
pub fn UnitConflicts(props: &UnitConflictsProps) -> Html {
    let i18n = use_i18n();
    let api = use_api();
    let locale = i18n.locale;
    let chosen = use_state(|| props.initial.clone());
    let found = use_state(|| None::<Result<Vec<UnitRef>, String>>);
    let query = use_node_ref();
    let on_search = {
        let (found, query, api) = (found.clone(), query.clone(), api.clone());
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            let q = query
                .cast::<HtmlInputElement>()
                .map(|i| i.value())
                .unwrap_or_default();
            let (found, api) = (found.clone(), api.clone());
            spawn_local(async move {
                let answer = api::experts::profile_units(&api, &q).await;
                found.set(Some(answer.map_err(|e| e.message(locale))));
            });
        })
    };
    let add = |u: &UnitRef| {
        let (chosen, found) = (chosen.clone(), found.clone());
        let unit = Declared {
            id: u.id,
            name: u.name.clone(),
            reason: String::new(),
        };
        Callback::from(move |_: MouseEvent| {
            if !chosen.iter().any(|d| d.id == unit.id) {
                let mut next = (*chosen).clone();
                next.push(unit.clone());
                chosen.set(next);
            }
            found.set(None);
        })
    };
    let remove = |id: i64| {
        let chosen = chosen.clone();
        Callback::from(move |_: MouseEvent| {
            chosen.set(chosen.iter().filter(|d| d.id != id).cloned().collect());
        })
    };
    let results = match &*found {
        None => Html::default(),
        Some(Err(message)) => html! { <p class="alert alert-error" role="alert">{ message }</p> },
        Some(Ok(units)) if units.is_empty() => {
            html! { <p class="muted" data-testid="profile-unit-none">{ i18n.t(Key::ExpUnitNone) }</p> }
        }
        Some(Ok(units)) => html! {
            <ul class="plain-list" data-testid="profile-unit-found">
                { for units.iter().map(|u| html! {
                    <li key={u.id}>
                        <button type="button" class="link-button" data-testid={format!("profile-unit-pick-{}", u.id)}
                            onclick={add(u)}>{ &u.name }</button>
                    </li>
                }) }
            </ul>
        },
    };
    html! {
        <fieldset class="fieldset" data-testid="profile-units">
            <legend>{ i18n.t(Key::ExpUnitConflicts) }</legend>
            if chosen.is_empty() {
                <p class="muted">{ i18n.t(Key::ExpUnitNoneDeclared) }</p>
            }
            { for chosen.iter().map(|d| {
                let reason_id = format!("unit-reason-{}", d.id);
                html! {
                    <div class="row-actions" key={d.id} data-testid={format!("profile-unit-{}", d.id)}>
                        <input type="hidden" name="unit_id" value={d.id.to_string()} />
                        <span class="cell-name">{ &d.name }</span>
                        <label class="visually-hidden" for={reason_id.clone()}>{ format!("{}：{}", i18n.t(Key::ExpUnitReason), d.name) }</label>
                        <input id={reason_id.clone()} name="unit_reason" maxlength="200" data-testid={reason_id}
                            placeholder={i18n.t(Key::ExpUnitReason)} value={d.reason.clone()} />
                        <button type="button" class="link-button link-danger" data-testid={format!("profile-unit-remove-{}", d.id)}
                            onclick={remove(d.id)}>{ i18n.t(Key::OrDelete) }</button>
                    </div>
                }
            }) }
            <div class="row-actions">
                <label class="visually-hidden" for="profile-unit-q">{ i18n.t(Key::ExpUnitSearch) }</label>
                <input id="profile-unit-q" data-testid="profile-unit-q" ref={query} maxlength="50"
                    placeholder={i18n.t(Key::ExpUnitSearch)} />
                <button type="button" class="button" data-testid="profile-unit-search" onclick={on_search}>{ i18n.t(Key::ExpUnitFind) }</button>
            </div>
            { results }
        </fieldset>
    }
}
