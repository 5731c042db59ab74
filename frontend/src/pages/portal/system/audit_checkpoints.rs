//! 审计检查点 (the auditor's, issue 13 audit tail): the signed checkpoints of the audit chain
//! head, newest first, with 导出 and 立即生成检查点 (one confirmation). Shown as the second tab of
//! 审计日志 (`?view=checkpoints`).

use shared::org::AuditCheckpoint;
use yew::prelude::*;

use crate::components::alert::Flash;
use crate::hooks::use_api;
use crate::i18n::{fill, t, use_i18n, Key};
use crate::kit::dialog::{act, ConfirmAction};
use crate::kit::format::china_time;
use crate::kit::list::{col, dialog_handles, id_row, use_list_control, ListPage};

id_row!(AuditCheckpoint);

/// A long hex value shortened for the table (the whole value in the export and the title).
pub fn short_hex(hex: &str) -> String {
    if hex.len() <= 16 {
        hex.to_owned()
    } else {
        format!("{}…", &hex[..16])
    }
}

/// Props of [`AuditCheckpoints`].
#[derive(Properties, PartialEq)]
pub struct AuditCheckpointsProps {
    /// The tabs of the audit screen.
    pub tabs: Html,
}

/// The list.
#[component]
pub fn AuditCheckpoints(props: &AuditCheckpointsProps) -> Html {
    let i18n = use_i18n();
    let api = use_api();
    let locale = i18n.locale;
    let control = use_list_control();
    let confirming = use_state(|| false);
    let (open, close, finish) = dialog_handles(&confirming, &control, false);
    let dialog = if *confirming {
        let api = api.clone();
        let request = act(move || {
            let api = api.clone();
            async move {
                let cp: AuditCheckpoint = api.post_action("/api/v1/audit/checkpoints").await?;
                Ok(Flash::Success(fill(
                    t(locale, Key::AuditCpCreated),
                    &cp.id.to_string(),
                )))
            }
        });
        html! { <ConfirmAction action={t(locale, Key::AuditCpCreate)}
        message={t(locale, Key::AuditCpConfirm)} act={request} on_done={finish} on_cancel={close} /> }
    } else {
        Html::default()
    };
    let columns = vec![
        col("ID", |c: &AuditCheckpoint| html! { { c.id } }).class("cell-mono"),
        col(i18n.t(Key::AuditCpSignedAt), |c: &AuditCheckpoint| {
            html! { { china_time(&c.signed_at) } }
        })
        .class("cell-time"),
        col(i18n.t(Key::AuditCpHeadRow), |c: &AuditCheckpoint| {
            html! { { format!("#{}", c.audit_row_id) } }
        })
        .class("cell-mono"),
        col(i18n.t(Key::AuditCpRowCount), |c: &AuditCheckpoint| {
            html! { { c.row_count } }
        })
        .class("cell-mono"),
        col(i18n.t(Key::AuditCpHeadHash), |c: &AuditCheckpoint| {
            html! { <span title={c.head_hash.clone()}>{ short_hex(&c.head_hash) }</span> }
        })
        .class("cell-mono"),
        col(i18n.t(Key::AuditCpKeyId), |c: &AuditCheckpoint| {
            html! { { &c.key_id } }
        })
        .class("cell-mono"),
    ];
    let actions = html! {
        <button type="button" class="button button-primary" data-testid="btn-checkpoint"
            onclick={open.reform(|_: MouseEvent| true)}>
            { i18n.t(Key::AuditCpCreate) }
        </button>
    };
    html! {
        <ListPage<AuditCheckpoint> name="audit-checkpoints" title={i18n.t(Key::AuditCheckpoints)}
            path="/api/v1/audit/checkpoints" {columns} {actions} above={props.tabs.clone()}
            control={control.clone()} intro={i18n.t(Key::AuditCpIntro)}>
            { dialog }
        </ListPage<AuditCheckpoint>>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_hashes_are_shortened() {
        assert_eq!(short_hex("abc"), "abc");
        assert_eq!(short_hex(&"a".repeat(64)), format!("{}…", "a".repeat(16)));
    }
}
