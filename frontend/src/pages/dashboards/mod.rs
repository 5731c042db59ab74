//! 统计分析 (issue 12): the figures the server counts, drawn with the kit's charts
//! ([`crate::kit::charts`]) and offered as tables and XLSX. [`applications`] is the HRSS and
//! committee-organising units' (entry `manage`, `/dashboards/applications`), [`accounts`] the
//! system administrator's (entry `admin`, `/system/dashboard`). No module opens them: the API
//! decides, and a refusal shows [`no_access`].

pub mod accounts;
pub mod applications;

use shared::ErrorCode;
use yew::prelude::*;

use crate::api::ApiError;
use crate::components::table::load_error;
use crate::i18n::{I18n, Key};

/// A load that failed: the kit's no-access state for 403 `forbidden`, else its error panel
/// with 重试.
pub fn failed(i18n: &I18n, error: &ApiError, reload: &Callback<()>) -> Html {
    if error.is(ErrorCode::Forbidden) {
        no_access(i18n)
    } else {
        html! { <div class="panel">{ load_error(i18n, error, reload) }</div> }
    }
}

/// 无权访问, for an account the API does not show the figures.
pub fn no_access(i18n: &I18n) -> Html {
    html! {
        <div class="panel" data-testid="dashboard-no-access">
            <p class="alert alert-warning" role="alert">
                <span class="alert-title">{ i18n.t(Key::NoAccessHeading) }</span>
                { " — " }
                { i18n.t(Key::DashNoAccess) }
            </p>
        </div>
    }
}

/// The loading line of a dashboard.
pub fn loading(i18n: &I18n) -> Html {
    html! {
        <div class="panel">
            <p class="state-loading" role="status" data-testid="dashboard-loading">{ i18n.t(Key::Loading) }</p>
        </div>
    }
}
