//! The body of a list table in each of its states: loading, failed, empty, rows.

use shared::Page;
use yew::prelude::*;

use crate::hooks::{Load, Loaded};
use crate::i18n::{I18n, Key};

/// The `<tbody>` rows of a paginated list: a loading line, the API's error, "暂无数据" or
/// `row` for each item.
pub fn rows<T>(
    i18n: &I18n,
    loaded: &Loaded<Page<T>>,
    columns: usize,
    row: impl Fn(&T) -> Html,
) -> Html {
    let colspan = columns.to_string();
    match &loaded.state {
        Load::Loading => html! {
            <tr><td colspan={colspan}>
                <p class="state-loading" role="status" data-testid="table-loading">{ i18n.t(Key::Loading) }</p>
            </td></tr>
        },
        Load::Failed(error) => html! {
            <tr><td colspan={colspan}>{ load_error(i18n, error, &loaded.reload) }</td></tr>
        },
        Load::Ready(page) if page.items.is_empty() => html! {
            <tr><td colspan={colspan} class="empty-state" data-testid="table-empty">{ i18n.t(Key::EmptyList) }</td></tr>
        },
        Load::Ready(page) => page.items.iter().map(row).collect::<Html>(),
    }
}

/// A load that failed: the API's message, its code and 重试.
pub fn load_error(i18n: &I18n, error: &crate::api::ApiError, reload: &Callback<()>) -> Html {
    let retry = {
        let reload = reload.clone();
        Callback::from(move |_: MouseEvent| reload.emit(()))
    };
    html! {
        <div class="alert alert-error" role="alert" data-testid="alert-error">
            <p class="alert-title">{ i18n.t(Key::LoadFailed) }</p>
            <p>{ error.message(i18n.locale) }</p>
            <p class="muted">{ i18n.t(Key::ErrorCodeLabel) }<code>{ error.code() }</code></p>
            <p><button type="button" class="button button-small" onclick={retry}>{ i18n.t(Key::Retry) }</button></p>
        </div>
    }
}

/// The page of a loaded list, if there is one.
pub fn page<T>(loaded: &Loaded<Page<T>>) -> Option<&Page<T>> {
    match &loaded.state {
        Load::Ready(page) => Some(page),
        Load::Loading | Load::Failed(_) => None,
    }
}
