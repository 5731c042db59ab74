//! The certificate's QR code: the public verification link with the certificate's opaque token,
//! followed after `#` by a payload signed by the platform, so that a printed certificate can be
//! checked without reaching the server (as the EU digital COVID certificates carry a signed
//! payload in their QR code).
//!
//! Format (`CT1`): `CT1.{payload}.{signature}`, both parts url-safe base64 without padding.
//! `payload` is the UTF-8 text of these fields joined by `\n`, in this order:
//! number, holder name, masked ID number, qualification, level digit (初级 1 … 正高级 4),
//! committee, approval date (`YYYYMMDD`), key id. `signature` is the ed25519 signature over the
//! ASCII text `CT1.{payload}` — what the code carries, so a verifier never re-encodes anything.
//! The public key: `GET /.well-known/certificate-signing-key.json`, `backend certificates
//! public-key`, and docs/CERTIFICATES.md. The fragment never reaches a server's logs.

use std::path::Path;

use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use ed25519_dalek::{Signature, Signer as _, SigningKey, Verifier, VerifyingKey};
use sha2::{Digest, Sha256};
use shared::{
    application::Level,
    certificates::{level_code, CertificateSigningKey, SignatureCheck, SignedFields},
    ids::mask_id_number,
};

use super::CertRow;

/// The key file generated in `DATA_DIR` when `CERTIFICATE_SIGNING_KEY_FILE` is unset.
pub const KEY_FILE_NAME: &str = "certificate-signing.key";
/// The format tag.
pub const TAG: &str = "CT1";
/// The longest payload text accepted for checking.
const MAX_PAYLOAD: usize = 2048;

/// The certificate signing key and the public base of verification links.
#[derive(Clone)]
pub struct Signer {
    key: SigningKey,
    base_url: String,
}

impl std::fmt::Debug for Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Signer")
            .field("key_id", &self.key_id())
            .field("base_url", &self.base_url)
            .finish_non_exhaustive()
    }
}

/// The key id of a public key: the first 16 hex digits of its SHA-256.
pub fn key_id_of(public: &VerifyingKey) -> String {
    hex::encode(&Sha256::digest(public.to_bytes())[..8])
}

impl Signer {
    /// A signer from a seed and the public base URL (no trailing slash needed).
    pub fn new(seed: [u8; 32], base_url: &str) -> Self {
        Signer {
            key: SigningKey::from_bytes(&seed),
            base_url: base_url.trim_end_matches('/').to_owned(),
        }
    }

    /// The key of `file` (`CERTIFICATE_SIGNING_KEY_FILE`), else `DATA_DIR/certificate-signing.key`.
    pub fn load_or_create(
        file: Option<&Path>,
        data_dir: &Path,
        base_url: &str,
    ) -> anyhow::Result<Self> {
        let seed = crate::keyfile::load_or_create(
            file,
            data_dir,
            KEY_FILE_NAME,
            "CERTIFICATE_SIGNING_KEY_FILE",
        )?;
        Ok(Self::new(seed, base_url))
    }

    /// The public key.
    pub fn verifying_key(&self) -> VerifyingKey {
        self.key.verifying_key()
    }

    /// The public key's id.
    pub fn key_id(&self) -> String {
        key_id_of(&self.key.verifying_key())
    }

    /// What `/.well-known/certificate-signing-key.json` answers.
    pub fn public_key(&self) -> CertificateSigningKey {
        CertificateSigningKey {
            algorithm: "Ed25519".into(),
            key_id: self.key_id(),
            public_key_hex: hex::encode(self.key.verifying_key().to_bytes()),
            format: "CT1.{payload}.{signature}: payload = base64url(number \\n holder name \\n masked ID \\n qualification \\n level digit \\n committee \\n YYYYMMDD \\n key id), signature = base64url(ed25519 over the ASCII text \"CT1.{payload}\")".into(),
        }
    }

    /// The public link the QR code opens.
    pub fn verify_url(&self, token: &str) -> String {
        format!("{}/public/certificates/v/{token}", self.base_url)
    }

    /// The QR code's whole text: the link, `#`, the signed payload.
    pub fn qr_text(&self, row: &CertRow) -> String {
        format!(
            "{}#{}",
            self.verify_url(&row.token),
            self.signed_payload(row)
        )
    }

    /// `CT1.{payload}.{signature}` for a certificate.
    pub fn signed_payload(&self, row: &CertRow) -> String {
        let fields = [
            row.number.as_str(),
            row.holder_name.as_str(),
            &mask_id_number(&row.id_number),
            row.qualification.as_str(),
            &level_code(row.level).to_string(),
            row.committee_name.as_str(),
            &row.approval_date.format("%Y%m%d").to_string(),
            &self.key_id(),
        ]
        .join("\n");
        let signed = format!("{TAG}.{}", URL_SAFE_NO_PAD.encode(fields.as_bytes()));
        let signature = self.key.sign(signed.as_bytes());
        format!("{signed}.{}", URL_SAFE_NO_PAD.encode(signature.to_bytes()))
    }

    /// Checks a payload against this platform's key (the public page's check).
    pub fn check(&self, text: &str) -> SignatureCheck {
        check_with(&self.key.verifying_key(), text)
    }
}

/// Decodes `text` (`CT1.…`, or a whole QR text with the link before `#`) and checks its
/// signature with `public`. Shared by the server's check and the offline CLI.
pub fn check_with(public: &VerifyingKey, text: &str) -> SignatureCheck {
    let text = text.trim();
    let text = text.rsplit_once('#').map_or(text, |(_, f)| f);
    let unreadable = SignatureCheck {
        valid: false,
        fields: None,
    };
    if text.len() > MAX_PAYLOAD {
        return unreadable;
    }
    let mut parts = text.split('.');
    let (Some(tag), Some(payload), Some(sig), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return unreadable;
    };
    if tag != TAG {
        return unreadable;
    }
    let Some(fields) = URL_SAFE_NO_PAD
        .decode(payload)
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .and_then(|t| decode_fields(&t))
    else {
        return unreadable;
    };
    let valid = URL_SAFE_NO_PAD
        .decode(sig)
        .ok()
        .and_then(|b| Signature::from_slice(&b).ok())
        .is_some_and(|s| {
            public
                .verify(format!("{tag}.{payload}").as_bytes(), &s)
                .is_ok()
        })
        && fields.key_id == key_id_of(public);
    SignatureCheck {
        valid,
        fields: Some(fields),
    }
}

fn decode_fields(text: &str) -> Option<SignedFields> {
    let f: Vec<&str> = text.split('\n').collect();
    let [number, name, id, qualification, level, committee, date, key_id] = f.as_slice() else {
        return None;
    };
    let level = match *level {
        "1" => Level::Junior,
        "2" => Level::Intermediate,
        "3" => Level::AssociateSenior,
        "4" => Level::Senior,
        _ => return None,
    };
    let date = chrono::NaiveDate::parse_from_str(date, "%Y%m%d").ok()?;
    Some(SignedFields {
        number: (*number).to_owned(),
        holder_name: (*name).to_owned(),
        id_number: (*id).to_owned(),
        qualification: (*qualification).to_owned(),
        level,
        committee: (*committee).to_owned(),
        approval_date: date.format("%Y-%m-%d").to_string(),
        key_id: (*key_id).to_owned(),
    })
}

/// A public key from 64 hex digits (the CLI's `--public-key`).
pub fn public_key_from_hex(text: &str) -> anyhow::Result<VerifyingKey> {
    let bytes: [u8; 32] = hex::decode(text.trim())?
        .try_into()
        .map_err(|_| anyhow::anyhow!("the public key must be 32 bytes (64 hex digits)"))?;
    Ok(VerifyingKey::from_bytes(&bytes)?)
}

/// The QR code of `text` as an SVG document (error correction M, dark on white, quiet zone).
pub fn qr_svg(text: &str) -> Result<String, crate::error::ApiError> {
    let code = qrcode::QrCode::with_error_correction_level(text.as_bytes(), qrcode::EcLevel::M)
        .map_err(|e| crate::error::ApiError::internal(anyhow::anyhow!("QR code: {e}")))?;
    Ok(code
        .render::<qrcode::render::svg::Color<'_>>()
        .min_dimensions(240, 240)
        .quiet_zone(true)
        .build())
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use shared::{
        application::{Gender, Series},
        certificates::{CertificateSource, CertificateStatus},
    };

    use super::*;

    fn row() -> CertRow {
        CertRow {
            id: 1,
            number: "52202601000042".into(),
            holder_name: "张三".into(),
            id_number: "520102199001011234".into(),
            gender: Gender::Male,
            employer_id: Some(3),
            employer_path: "/1/3/".into(),
            employer_name: "贵阳市第一中学".into(),
            series: Series::Engineering,
            specialty: "电气工程".into(),
            level: Level::Senior,
            qualification: "正高级工程师".into(),
            committee_id: Some(1),
            committee_name: "贵州省工程系列高级职称评审委员会".into(),
            approval_date: NaiveDate::from_ymd_opt(2026, 11, 30).unwrap_or_default(),
            approval_document: String::new(),
            issuing_body: "贵州省人力资源和社会保障厅".into(),
            year: 2026,
            source: CertificateSource::Review,
            status: CertificateStatus::Valid,
            revoked_at: None,
            revoked_reason: None,
            token: "AAAAAAAAAAAAAAAAAAAAAA".into(),
            application_id: Some(9),
            filing_id: Some(2),
            applicant_id: None,
            created_by: None,
            created_at: chrono::NaiveDateTime::default(),
            version: 1,
        }
    }

    #[test]
    fn a_payload_checks_with_the_key_and_not_after_any_change() {
        let signer = Signer::new([7; 32], "https://rc.example.cn/");
        let text = signer.qr_text(&row());
        assert!(text.starts_with(
            "https://rc.example.cn/public/certificates/v/AAAAAAAAAAAAAAAAAAAAAA#CT1."
        ));
        assert!(!text.contains("199001011234"), "never the whole ID number");
        let check = signer.check(&text);
        assert!(check.valid);
        let fields = check.fields.expect("fields");
        assert_eq!(fields.holder_name, "张三");
        assert_eq!(fields.id_number, "5201**********1234");
        assert_eq!(fields.level, Level::Senior);
        assert_eq!(fields.approval_date, "2026-11-30");
        // Another key: readable, not valid.
        let other = Signer::new([8; 32], "https://x");
        let check = other.check(&text);
        assert!(!check.valid && check.fields.is_some());
        // One changed character of the payload or the signature.
        let payload = signer.signed_payload(&row());
        let (head, sig) = payload.rsplit_once('.').expect("three parts");
        let mut forged = row();
        forged.holder_name = "李四".into();
        let forged_head = signer
            .signed_payload(&forged)
            .rsplit_once('.')
            .map(|(h, _)| h.to_owned())
            .expect("parts");
        assert!(!signer.check(&format!("{forged_head}.{sig}")).valid);
        let flipped = if sig.starts_with('A') { "B" } else { "A" };
        assert!(
            !signer
                .check(&format!("{head}.{flipped}{}", &sig[1..]))
                .valid
        );
        for junk in ["", "CT1", "CT1..", "CT2.a.b", "CT1.!!.??", "a.b.c.d"] {
            let c = signer.check(junk);
            assert!(!c.valid && c.fields.is_none(), "{junk}");
        }
    }

    #[test]
    fn the_qr_code_stays_scannable() {
        let signer = Signer::new([7; 32], "https://rcfw.guizhou.gov.cn");
        let text = signer.qr_text(&row());
        let code = qrcode::QrCode::with_error_correction_level(text.as_bytes(), qrcode::EcLevel::M)
            .expect("fits");
        // Version 15 (77 modules) or less at level M: about 0.5 mm a module at 40 mm.
        assert!(
            code.width() <= 77,
            "{} modules for {} bytes",
            code.width(),
            text.len()
        );
        assert!(qr_svg(&text).expect("svg").starts_with("<?xml"));
    }
}
