//! One certificate on A4 (`/title/certificates/{id}/print`): 专业技术职务任职资格证书 with the
//! holder, the masked ID number, employer, series, specialty, qualification, level, committee,
//! approval date, 批准文号, issuing body and number, and the QR code with the address it opens.
//! The QR code's SVG needs the session, so it is fetched by the API client and shown as a
//! `data:` image (the CSP allows `data:` images, and an SVG in an `<img>` runs nothing). A
//! revoked certificate prints under a 已撤销 watermark. Below it, on screen only, its
//! verification history.

use shared::certificates::{Certificate, CertificateStatus, CertificateVerification};
use yew::prelude::*;
use yew_router::prelude::use_navigator;

use crate::api;
use crate::hooks::{use_api, use_api_load, use_load, Load};
use crate::i18n::{fill, use_i18n, I18n, Key};
use crate::kit::detail::loaded_or_page;
use crate::kit::format::china_time;
use crate::kit::list::{col, static_table, Row};

/// Props of [`CertificatePrint`].
#[derive(Properties, PartialEq)]
pub struct CertificatePrintProps {
    /// Certificate id.
    pub id: i64,
}

/// The page (`page-certificate-print`): `certificate` (`data-status`), `cert-qr`,
/// `cert-watermark` when revoked, `cert-history`.
#[component]
pub fn CertificatePrint(props: &CertificatePrintProps) -> Html {
    let i18n = use_i18n();
    let api = use_api();
    let navigator = use_navigator();
    let id = props.id;
    let loaded = use_api_load(id, move |api, id| async move {
        api::certificates::get(&api, id).await
    });
    let qr = use_api_load(id, move |api, id| async move {
        api::certificates::qr_svg(&api, id)
            .await
            .map(|svg| data_url("image/svg+xml", &svg))
    });
    let history = use_load(id, move |id| async move {
        api::certificates::verifications(&api, id).await
    });
    let back = html! {
        <button type="button" class="button" data-testid="btn-back"
            onclick={Callback::from(move |_: MouseEvent| if let Some(n) = &navigator { n.back() })}>
            { i18n.t(Key::CertBack) }
        </button>
    };
    let c = match loaded_or_page(&i18n, &loaded, "page-certificate-print", back.clone()) {
        Ok(c) => c,
        Err(page) => return page,
    };
    let print = Callback::from(|_: MouseEvent| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    });
    let qr_view = match &qr.state {
        Load::Ready(src) => html! {
            <img class="cert-qr" src={(**src).clone()} alt={i18n.t(Key::CertQrAlt)} data-testid="cert-qr" />
        },
        Load::Loading => html! { <span class="cert-qr" /> },
        Load::Failed(_) => html! {
            <span class="cert-qr field-error" role="alert" data-testid="cert-qr-failed">{ i18n.t(Key::CertQrFailed) }</span>
        },
    };
    let history_view = match &history.state {
        Load::Ready(rows) => history_table(&i18n, rows),
        Load::Loading => {
            html! { <p class="state-loading" role="status">{ i18n.t(Key::Loading) }</p> }
        }
        Load::Failed(e) => crate::components::table::load_error(&i18n, e, &history.reload),
    };
    html! {
        <section class="page cert-print-page" data-testid="page-certificate-print">
            <div class="page-heading no-print">
                <div class="page-actions">
                    { back }
                    <button type="button" class="button button-primary" data-testid="btn-print" onclick={print}>
                        { i18n.t(Key::KitPrint) }
                    </button>
                </div>
            </div>
            { certificate(&i18n, &c, qr_view) }
            <section class="panel no-print" data-testid="cert-history" aria-labelledby="cert-history-title">
                <h2 class="panel-title" id="cert-history-title">{ i18n.t(Key::CertHistory) }</h2>
                { history_view }
            </section>
        </section>
    }
}

/// The certificate itself, as printed.
fn certificate(i18n: &I18n, c: &Certificate, qr: Html) -> Html {
    let locale = i18n.locale;
    let revoked = c.status == CertificateStatus::Revoked;
    let field = |label: Key, value: &str, testid: &'static str| {
        // A field the record leaves empty (a historic certificate without 批准文号) reads "—".
        let shown = if value.trim().is_empty() {
            "—"
        } else {
            value
        };
        html! { <>
            <dt>{ i18n.t(label) }</dt>
            <dd data-testid={testid}>{ shown.to_owned() }</dd>
        </> }
    };
    html! {
        <article class={classes!("certificate", revoked.then_some("certificate-revoked"))}
            data-testid="certificate" data-status={c.status.as_str()}>
            if revoked {
                <div class="cert-watermark" data-testid="cert-watermark">{ CertificateStatus::Revoked.label(locale) }</div>
            }
            <h1 class="cert-title">{ i18n.t(Key::CertPrintTitle) }</h1>
            <dl class="cert-fields">
                { field(Key::CertHolder, &c.holder_name, "cert-holder") }
                { field(Key::ExpGender, c.gender.label(locale), "cert-gender") }
                { field(Key::CertIdNumber, &c.id_number, "cert-id-number") }
                { field(Key::CertEmployer, &c.employer, "cert-employer") }
                { field(Key::WfSeries, c.series.label(locale), "cert-series") }
                { field(Key::CertSpecialty, &c.specialty, "cert-specialty") }
                { field(Key::CertQualification, &c.qualification, "cert-qualification") }
                { field(Key::WfLevel, c.level.label(locale), "cert-level") }
                { field(Key::CertCommittee, &c.committee, "cert-committee") }
                { field(Key::CertApprovalDate, &c.approval_date, "cert-approval-date") }
                { field(Key::CertApprovalDocument, &c.approval_document, "cert-approval-document") }
                { field(Key::CertIssuingBody, &c.issuing_body, "cert-issuing-body") }
                { field(Key::CertNumber, &c.number, "cert-number") }
            </dl>
            <div class="cert-foot">
                { qr }
                <p class="cert-scan" data-testid="cert-scan">{ fill(i18n.t(Key::CertScanLine), &c.verify_url) }</p>
            </div>
            if let (true, Some(day)) = (revoked, &c.revoked_on) {
                <p class="cert-revoked-line" data-testid="cert-revoked-on">
                    { format!("{}：{}", CertificateStatus::Revoked.label(locale), day) }
                    if let Some(reason) = &c.revoked_reason { { format!("（{reason}）") } }
                </p>
            }
        </article>
    }
}

impl Row for CertificateVerification {
    fn key(&self) -> String {
        format!("{}-{}", self.at, self.way.as_str())
    }
}

/// When, how and by which unit (a public visitor has none).
fn history_table(i18n: &I18n, rows: &[CertificateVerification]) -> Html {
    let locale = i18n.locale;
    let columns = vec![
        col(i18n.t(Key::CertHistoryAt), |v: &CertificateVerification| {
            html! { { china_time(&v.at) } }
        })
        .class("cell-time"),
        col(
            i18n.t(Key::CertHistoryWay),
            move |v: &CertificateVerification| {
                html! { { v.way.label(locale) } }
            },
        ),
        col(
            i18n.t(Key::CertHistoryUnit),
            move |v: &CertificateVerification| {
                html! { { v.unit.clone().unwrap_or_else(|| crate::i18n::t(locale, Key::CertAnonymous).to_owned()) } }
            },
        ),
    ];
    static_table(
        locale,
        "cert-history-table",
        Some(i18n.t(Key::CertHistory)),
        &columns,
        rows,
    )
}

/// `data:<mime>;base64,<bytes>`.
pub fn data_url(mime: &str, bytes: &[u8]) -> String {
    format!("data:{mime};base64,{}", base64(bytes))
}

/// Standard base64 with padding (RFC 4648 §4).
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_as_rfc_4648_says() {
        for (raw, coded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(raw.as_bytes()), coded, "{raw}");
        }
        assert_eq!(
            data_url("image/svg+xml", b"<s"),
            "data:image/svg+xml;base64,PHM="
        );
    }
}
