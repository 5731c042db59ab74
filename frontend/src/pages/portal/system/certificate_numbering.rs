//! 证书编号规则, for the system administrator (`GET`/`PUT /api/v1/admin/certificate-numbering`):
//! the province code and the template new certificate numbers are formed with, shown with an
//! example number; changed in a dialog whose preview is computed as the fields are typed, by
//! the same `shared::certificates::format_number` the backend issues numbers with.

use shared::application::{Level, Series};
use shared::certificates::{format_number, CertificateNumbering, TemplateError};
use shared::Locale;
use yew::prelude::*;

use crate::api;
use crate::components::alert::{flash_view, Flash};
use crate::components::form::FormValues;
use crate::components::table::load_error;
use crate::hooks::{use_api, use_load, Load};
use crate::i18n::{t, use_i18n, Key};
use crate::kit::dialog::{use_pending, FormDialog};
use crate::kit::fields::TextField;

/// The example the preview numbers: 2026, engineering, senior, the 42nd.
pub fn preview(numbering: &CertificateNumbering) -> Result<String, TemplateError> {
    format_number(numbering, 2026, Series::Engineering, Level::Senior, 42)
}

/// Why a template is refused, in words, and the field at fault.
pub fn template_error(locale: Locale, e: TemplateError) -> (&'static str, &'static str) {
    match e {
        TemplateError::Unknown => ("template", t(locale, Key::CnErrUnknown)),
        TemplateError::Missing => ("template", t(locale, Key::CnErrMissing)),
        TemplateError::Characters => ("template", t(locale, Key::CnErrCharacters)),
        TemplateError::Province => ("province_code", t(locale, Key::CnErrProvince)),
    }
}

/// The page (`page-certificate-numbering`).
#[component]
pub fn CertificateNumberingPage() -> Html {
    let i18n = use_i18n();
    let api = use_api();
    let locale = i18n.locale;
    let loaded = use_load((), move |()| async move {
        api::certificates::numbering(&api).await
    });
    let editing = use_state(|| None::<CertificateNumbering>);
    let flash = use_state(|| None::<Flash>);
    let panel = match &loaded.state {
        Load::Loading => {
            html! { <p class="state-loading" role="status">{ i18n.t(Key::Loading) }</p> }
        }
        Load::Failed(error) => load_error(&i18n, error, &loaded.reload),
        Load::Ready(n) => {
            let edit = {
                let (editing, flash, n) = (editing.clone(), flash.clone(), (**n).clone());
                Callback::from(move |_: MouseEvent| {
                    flash.set(None);
                    editing.set(Some(n.clone()));
                })
            };
            html! { <>
                <dl class="facts">
                    <dt>{ i18n.t(Key::CnProvince) }</dt><dd data-testid="numbering-province">{ &n.province_code }</dd>
                    <dt>{ i18n.t(Key::CnTemplate) }</dt><dd class="cell-mono" data-testid="numbering-template">{ &n.template }</dd>
                    <dt>{ i18n.t(Key::CnPreview) }</dt>
                    <dd data-testid="numbering-example">{ preview_text(locale, n) }</dd>
                </dl>
                <div class="form-actions">
                    <button type="button" class="button" data-testid="btn-edit-numbering" onclick={edit}>{ i18n.t(Key::RrChange) }</button>
                </div>
            </> }
        }
    };
    let dialog = match &*editing {
        None => Html::default(),
        Some(n) => {
            let on_close = {
                let editing = editing.clone();
                Callback::from(move |()| editing.set(None))
            };
            let on_saved = {
                let (editing, flash, reload) =
                    (editing.clone(), flash.clone(), loaded.reload.clone());
                Callback::from(move |()| {
                    editing.set(None);
                    flash.set(Some(Flash::Success(t(locale, Key::CnSaved).to_owned())));
                    reload.emit(());
                })
            };
            html! { <NumberingDialog numbering={n.clone()} {on_saved} {on_close} /> }
        }
    };
    html! {
        <section class="page" data-testid="page-certificate-numbering">
            <div class="page-heading">
                <h1 class="page-title">{ i18n.t(Key::NavCertNumbering) }</h1>
            </div>
            <p class="muted page-intro">{ i18n.t(Key::CnIntro) }</p>
            { flash_view(flash.as_ref()) }
            <section class="panel" data-testid="certificate-numbering">{ panel }</section>
            { dialog }
        </section>
    }
}

/// The example number, or why there is none.
fn preview_text(locale: Locale, n: &CertificateNumbering) -> String {
    match preview(n) {
        Ok(number) => format!("{number} {}", t(locale, Key::CnPreviewBasis)),
        Err(e) => template_error(locale, e).1.to_owned(),
    }
}

#[derive(Properties, PartialEq)]
struct NumberingDialogProps {
    numbering: CertificateNumbering,
    on_saved: Callback<()>,
    on_close: Callback<()>,
}

/// `dialog-certificate-numbering`: `input-province_code`, `input-template`, the live preview
/// `numbering-preview`.
#[component]
fn NumberingDialog(props: &NumberingDialogProps) -> Html {
    let i18n = use_i18n();
    let api = use_api();
    let pending = use_pending();
    let locale = i18n.locale;
    let typed = use_state(|| props.numbering.clone());
    let on_province = {
        let typed = typed.clone();
        Callback::from(move |v: String| {
            typed.set(CertificateNumbering {
                province_code: v.trim().to_owned(),
                ..(*typed).clone()
            })
        })
    };
    let on_template = {
        let typed = typed.clone();
        Callback::from(move |v: String| {
            typed.set(CertificateNumbering {
                template: v.trim().to_owned(),
                ..(*typed).clone()
            })
        })
    };
    let read = |form: &FormValues| CertificateNumbering {
        province_code: form.text("province_code").trim().to_owned(),
        template: form.text("template").trim().to_owned(),
    };
    // The shared rule before sending: a malformed template is refused at its field.
    let check = {
        let pending = pending.clone();
        Callback::from(move |form: FormValues| match preview(&read(&form)) {
            Ok(_) => true,
            Err(e) => {
                let (field, message) = template_error(locale, e);
                pending.fail_at(field, message);
                false
            }
        })
    };
    let on_submit = {
        let (pending, on_saved) = (pending.clone(), props.on_saved.clone());
        Callback::from(move |form: FormValues| {
            let numbering = read(&form);
            let (api, on_saved) = (api.clone(), on_saved.clone());
            pending.run(
                async move { api::certificates::save_numbering(&api, &numbering).await },
                move |_| on_saved.emit(()),
            );
        })
    };
    let shown = preview(&typed);
    html! {
        <FormDialog title={i18n.t(Key::NavCertNumbering)} name="certificate-numbering" submit_label={i18n.t(Key::Save)}
            {pending} {check} {on_submit} on_close={props.on_close.clone()}>
            <TextField name="province_code" label={i18n.t(Key::CnProvince)} required=true maxlength={2}
                value={typed.province_code.clone()} oninput={Some(on_province)} />
            <TextField name="template" label={i18n.t(Key::CnTemplate)} required=true maxlength={64}
                value={typed.template.clone()} oninput={Some(on_template)} />
            <p class={classes!("numbering-preview", shown.is_err().then_some("field-error"))} role="status"
                data-testid="numbering-preview" data-ok={shown.is_ok().to_string()}>
                { i18n.t(Key::CnPreview) }{ "：" }
                { match &shown {
                    Ok(number) => html! { <><code class="cell-mono">{ number }</code>{ " " }{ i18n.t(Key::CnPreviewBasis) }</> },
                    Err(e) => html! { { template_error(locale, *e).1 } },
                } }
            </p>
        </FormDialog>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_preview_is_the_issuing_format() {
        assert_eq!(
            preview(&CertificateNumbering::default()),
            Ok("52202601000042".into())
        );
        let bad = CertificateNumbering {
            province_code: "5".into(),
            template: "{year}{series}{seq}".into(),
        };
        let e = preview(&bad).map_err(|e| template_error(Locale::ZhCn, e).0);
        assert_eq!(e, Err("province_code"));
        let missing = CertificateNumbering {
            province_code: "52".into(),
            template: "{year}{seq}".into(),
        };
        let e = preview(&missing).map_err(|e| template_error(Locale::ZhCn, e).0);
        assert_eq!(e, Err("template"));
    }
}
