//! 流程规则 (issue 9 point 7): the system administrator's switch for the four-eyes policy
//! review, in a dialog opened from the organisation page.

use shared::review::WorkflowPolicy;
use yew::prelude::*;

use crate::api;
use crate::components::form::{enabled_options, parse_enabled, SelectField};
use crate::hooks::{use_api, use_api_load, Load};
use crate::i18n::{use_i18n, Key};
use crate::kit::dialog::{use_pending, FormDialog};

/// Props of [`WorkflowPolicyDialog`].
#[derive(Properties, PartialEq)]
pub struct WorkflowPolicyDialogProps {
    /// Saved (the rules now in force).
    pub on_saved: Callback<WorkflowPolicy>,
    /// Closed.
    pub on_close: Callback<()>,
}

/// The dialog (`dialog-workflow-policy`).
#[component]
pub fn WorkflowPolicyDialog(props: &WorkflowPolicyDialogProps) -> Html {
    let i18n = use_i18n();
    let api = use_api();
    let locale = i18n.locale;
    let loaded = use_api_load((), move |api, ()| async move {
        api::review::workflow_policy(&api).await
    });
    let pending = use_pending();
    let on_submit = {
        let (pending, api, on_saved) = (pending.clone(), api.clone(), props.on_saved.clone());
        Callback::from(move |form: crate::components::form::FormValues| {
            let Some(four_eyes) = parse_enabled(&form.text("four_eyes_policy_review")) else {
                return;
            };
            let policy = WorkflowPolicy {
                four_eyes_policy_review: four_eyes,
            };
            let (api, on_saved) = (api.clone(), on_saved.clone());
            pending.run(
                async move { api::review::save_workflow_policy(&api, &policy).await },
                move |saved| on_saved.emit(saved),
            );
        })
    };
    let body = match &loaded.state {
        Load::Loading => {
            html! { <p class="state-loading" role="status">{ i18n.t(Key::Loading) }</p> }
        }
        Load::Failed(e) => html! { <p class="alert alert-error">{ e.message(locale) }</p> },
        Load::Ready(policy) => html! {
            <SelectField name="four_eyes_policy_review" label={i18n.t(Key::RvFourEyes)}
                options={enabled_options(&i18n)}
                selected={policy.four_eyes_policy_review.to_string()}
                hint={i18n.t(Key::RvFourEyesHint)} required=true />
        },
    };
    html! {
        <FormDialog title={i18n.t(Key::RvWorkflowPolicy)} name="workflow-policy" submit_label={i18n.t(Key::Save)}
            {pending} {on_submit} on_close={props.on_close.clone()}>
            { body }
        </FormDialog>
    }
}
