//! 盲评意见上传 (manual §6.2.10.2): the organising unit uploads external anonymous opinions of a
//! session's applicants (a file and a grade each); the HRSS above reads them.

use shared::online_review::BlindGrade;
use yew::platform::spawn_local;
use yew::prelude::*;

use super::outcome;
use crate::api::{self, ApiError};
use crate::components::form::FormValues;
use crate::components::table::load_error;
use crate::download;
use crate::hooks::{use_api, use_api_load, Load};
use crate::i18n::{use_i18n, Key};
use crate::kit::fields::file_in;
use crate::kit::format::{china_time, file_size};

/// Props of [`BlindOpinions`].
#[derive(Properties, PartialEq)]
pub struct BlindOpinionsProps {
    /// Session id.
    pub id: i64,
}

/// The page.
#[component]
pub fn BlindOpinions(props: &BlindOpinionsProps) -> Html {
    let i18n = use_i18n();
    let api = use_api();
    let locale = i18n.locale;
    let id = props.id;
    let loaded = use_api_load(id, move |api, id| async move {
        api::online_review::blind_opinions(&api, id).await
    });
    let result = use_state(|| None::<Result<Key, ApiError>>);
    let file = use_node_ref();
    let on_upload = {
        let (api, reload, result, file) = (
            api.clone(),
            loaded.reload.clone(),
            result.clone(),
            file.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            let Some(values) = FormValues::from_submit(&e) else {
                return;
            };
            let Some(chosen) = file_in(&file) else {
                return;
            };
            let application: i64 = values.text("application_id").parse().unwrap_or_default();
            let grade = BlindGrade::parse(&values.text("grade")).unwrap_or(BlindGrade::Qualified);
            let note = values.text("note");
            let (api, reload, result) = (api.clone(), reload.clone(), result.clone());
            spawn_local(async move {
                let answer = api::online_review::upload_blind_opinion(
                    &api,
                    id,
                    application,
                    grade,
                    &note,
                    &chosen,
                )
                .await;
                result.set(Some(answer.map(|_| Key::OrOpinionUploaded)));
                reload.emit(());
            });
        })
    };
    let action = |opinion: i64, name: String, delete: bool| {
        let (api, reload, result) = (api.clone(), loaded.reload.clone(), result.clone());
        Callback::from(move |_: MouseEvent| {
            let (api, reload, result, name) =
                (api.clone(), reload.clone(), result.clone(), name.clone());
            spawn_local(async move {
                if delete {
                    let answer = api::online_review::delete_blind_opinion(&api, id, opinion).await;
                    result.set(Some(answer.map(|()| Key::OrOpinionDeleted)));
                    reload.emit(());
                } else {
                    match api::online_review::blind_opinion_content(&api, id, opinion).await {
                        Ok(bytes) => {
                            download::save(&bytes, &name, "application/octet-stream");
                        }
                        Err(e) => result.set(Some(Err(e))),
                    }
                }
            });
        })
    };
    let list = match &loaded.state {
        Load::Loading => {
            html! { <p class="state-loading" role="status">{ i18n.t(Key::Loading) }</p> }
        }
        Load::Failed(e) => load_error(&i18n, e, &loaded.reload),
        Load::Ready(list) if list.is_empty() => {
            html! { <p class="empty-state">{ i18n.t(Key::OrNoBlind) }</p> }
        }
        Load::Ready(list) => html! {
            <table class="table" data-testid="or-blind-list">
                <thead><tr>
                    <th scope="col">{ i18n.t(Key::OrApplicant) }</th>
                    <th scope="col">{ i18n.t(Key::OrGrade) }</th>
                    <th scope="col">{ i18n.t(Key::OrFile) }</th>
                    <th scope="col">{ i18n.t(Key::OrNote) }</th>
                    <th scope="col">{ i18n.t(Key::OrUploadedAt) }</th>
                    <th scope="col">{ i18n.t(Key::Actions) }</th>
                </tr></thead>
                <tbody>
                { for list.iter().map(|o| html! {
                    <tr key={o.id} data-testid={format!("or-blind-{}", o.id)}>
                        <td class="cell-name">{ format!("{}（{}）", o.applicant_name, o.application_id) }</td>
                        <td>{ o.grade.label(locale) }</td>
                        <td>
                            <button type="button" class="link-button" onclick={action(o.id, o.file_name.clone(), false)}>{ &o.file_name }</button>
                            <span class="muted">{ format!(" {}", file_size(o.size)) }</span>
                        </td>
                        <td>{ &o.note }</td>
                        <td>{ china_time(&o.uploaded_at) }</td>
                        <td>
                            <button type="button" class="button button-small" onclick={action(o.id, o.file_name.clone(), true)}
                                data-testid={format!("or-blind-delete-{}", o.id)}>{ i18n.t(Key::OrDelete) }</button>
                        </td>
                    </tr>
                }) }
                </tbody>
            </table>
        },
    };
    html! {
        <section class="page" data-testid="page-blind-opinions">
            <div class="page-heading"><h1 class="page-title">{ i18n.t(Key::OrBlindTitle) }</h1></div>
            { outcome(locale, &result) }
            <form class="panel filter-bar" onsubmit={on_upload} data-testid="or-blind-upload">
                <div class="field">
                    <label for="or-app">{ i18n.t(Key::OrApplicationId) }</label>
                    <input id="or-app" name="application_id" type="number" min="1" required=true data-testid="or-blind-app" />
                </div>
                <div class="field">
                    <label for="or-grade">{ i18n.t(Key::OrGrade) }</label>
                    <select id="or-grade" name="grade" data-testid="or-blind-grade">
                        { for BlindGrade::ALL.iter().map(|g| html! { <option value={g.as_str()}>{ g.label(locale) }</option> }) }
                    </select>
                </div>
                <div class="field">
                    <label for="or-note">{ i18n.t(Key::OrNote) }</label>
                    <input id="or-note" name="note" maxlength="500" data-testid="or-blind-note" />
                </div>
                <div class="field">
                    <label for="or-file">{ i18n.t(Key::OrFile) }</label>
                    <input id="or-file" type="file" ref={file} required=true accept=".pdf,.jpg,.jpeg,.png,.doc,.docx,.xls,.xlsx" data-testid="or-blind-file" />
                </div>
                <button type="submit" class="button button-primary" data-testid="or-blind-submit">{ i18n.t(Key::OrUpload) }</button>
            </form>
            <div class="panel panel-table">{ list }</div>
        </section>
    }
}
