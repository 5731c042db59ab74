//! Personal secrets encrypted at rest (AES-256-GCM): the data keys live in a file outside the
//! database — the file `DATA_ENCRYPTION_KEY_FILE` names, or one generated at first start in
//! `DATA_DIR/data-encryption.keys` (mode 0600) — one key a line, `version:64 hex digits`.
//! The highest version encrypts; every version in the file decrypts, so a key rotates by adding
//! a line and running `backend keys reencrypt`, after which the old line can go.
//!
//! A sealed value is `k{version}.{hex(nonce ‖ ciphertext ‖ tag)}`: the version travels with
//! each row. The associated data names the row (`account_mfa:{account id}`), so a sealed value
//! copied into another row does not open.
//!
//! Sealed: the TOTP secrets (`account_mfa.secret`, `pending_secret`) here, and the ID numbers
//! (with the expert entries that carry them) through [`crate::pii`]. The file's `index:` line is
//! the key of the ID numbers' search hash (HMAC-SHA-256); it does not rotate with the versions,
//! since every stored hash depends on it.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use anyhow::{anyhow, bail, Context};
use diesel::prelude::*;
use rand_core::{OsRng, RngCore};

use crate::db::schema::account_mfa;
use crate::db::DbConnection;

/// The file name of the generated key file in `DATA_DIR`.
pub const KEY_FILE_NAME: &str = "data-encryption.keys";

/// The data keys by version; the highest encrypts.
#[derive(Clone)]
pub struct DataKeys {
    keys: Arc<BTreeMap<u32, [u8; 32]>>,
    index: Option<[u8; 32]>,
}

impl std::fmt::Debug for DataKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the keys themselves.
        f.debug_struct("DataKeys")
            .field("versions", &self.keys.keys().collect::<Vec<_>>())
            .field("index", &self.index.is_some())
            .finish()
    }
}

impl DataKeys {
    /// The keys of a key file's text: `version:hex` a line, at most one `index:hex` line; blank
    /// lines and `#` comments skipped.
    pub fn parse(text: &str, what: &str) -> anyhow::Result<DataKeys> {
        let mut keys = BTreeMap::new();
        let mut index = None;
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (version, key) = line
                .split_once(':')
                .ok_or_else(|| anyhow!("{what} line {}: expected version:hex", n + 1))?;
            if version.trim() == "index" {
                let key = crate::keyfile::seed_from_hex(key, &format!("{what} line {}", n + 1))?;
                if index.replace(key).is_some() {
                    bail!("{what}: two index lines");
                }
                continue;
            }
            let version: u32 = version
                .trim()
                .parse()
                .ok()
                .filter(|v| *v > 0)
                .ok_or_else(|| anyhow!("{what} line {}: the version is a number ≥ 1", n + 1))?;
            let key = crate::keyfile::seed_from_hex(key, &format!("{what} line {}", n + 1))?;
            if keys.insert(version, key).is_some() {
                bail!("{what}: version {version} twice");
            }
        }
        if keys.is_empty() {
            bail!("{what} holds no key");
        }
        Ok(DataKeys {
            keys: Arc::new(keys),
            index,
        })
    }

    /// One fresh key as version 1 and a fresh index key (tests).
    pub fn generate() -> DataKeys {
        let mut keys = BTreeMap::new();
        keys.insert(1, crate::keyfile::random_seed());
        DataKeys {
            keys: Arc::new(keys),
            index: Some(crate::keyfile::random_seed()),
        }
    }

    /// The text of a new key file: version 1 and the index key, both fresh.
    pub fn new_file_text() -> String {
        format!(
            "1:{}\nindex:{}\n",
            hex::encode(crate::keyfile::random_seed()),
            hex::encode(crate::keyfile::random_seed())
        )
    }

    /// The key of the search hash (`index:` line), when the file has one.
    pub fn index_key(&self) -> Option<&[u8; 32]> {
        self.index.as_ref()
    }

    /// Whether `other` holds the same keys (versions, keys and index key).
    pub fn same_as(&self, other: &DataKeys) -> bool {
        self.keys == other.keys && self.index == other.index
    }

    /// The keys in `file` when given, else in `DATA_DIR/data-encryption.keys`, generated there
    /// (version 1) at first start. Several instances sharing `DATA_DIR` agree: the first writes.
    pub fn load_or_create(file: Option<&Path>, data_dir: &Path) -> anyhow::Result<DataKeys> {
        if let Some(file) = file {
            let text = std::fs::read_to_string(file)
                .with_context(|| format!("reading DATA_ENCRYPTION_KEY_FILE {}", file.display()))?;
            return DataKeys::parse(&text, "DATA_ENCRYPTION_KEY_FILE");
        }
        let path = data_dir.join(KEY_FILE_NAME);
        if let Ok(text) = std::fs::read_to_string(&path) {
            let keys = DataKeys::parse(&text, &path.display().to_string())?;
            if keys.index.is_some() {
                return Ok(keys);
            }
            // A file generated before the ID numbers were sealed: this program made it, so it
            // adds the index key (appended: the versions stay as they are).
            let line = format!("index:{}\n", hex::encode(crate::keyfile::random_seed()));
            let mut f = std::fs::OpenOptions::new()
                .append(true)
                .open(&path)
                .with_context(|| format!("opening {}", path.display()))?;
            use std::io::Write;
            let sep = if text.ends_with('\n') || text.is_empty() {
                ""
            } else {
                "\n"
            };
            f.write_all(format!("{sep}{line}").as_bytes())
                .with_context(|| format!("writing {}", path.display()))?;
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("reading {}", path.display()))?;
            return DataKeys::parse(&text, &path.display().to_string());
        }
        std::fs::create_dir_all(data_dir)
            .with_context(|| format!("creating DATA_DIR {}", data_dir.display()))?;
        let line = DataKeys::new_file_text();
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        match options.open(&path) {
            Ok(mut f) => {
                use std::io::Write;
                f.write_all(line.as_bytes())
                    .with_context(|| format!("writing {}", path.display()))?;
                tracing::warn!(
                    path = %path.display(),
                    "generated a data encryption key in DATA_DIR; in production keep it elsewhere (DATA_ENCRYPTION_KEY_FILE)"
                );
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e).with_context(|| format!("creating {}", path.display())),
        }
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("reading {}", path.display()))?;
        DataKeys::parse(&text, &path.display().to_string())
    }

    /// The version that encrypts.
    pub fn current(&self) -> u32 {
        self.keys.keys().next_back().copied().unwrap_or(1)
    }

    /// `plain` sealed with the current key, bound to `context` (the row it belongs to).
    pub fn seal(&self, plain: &[u8], context: &str) -> anyhow::Result<String> {
        let version = self.current();
        let key = self
            .keys
            .get(&version)
            .ok_or_else(|| anyhow!("no data key"))?;
        let cipher = Aes256Gcm::new(key.into());
        let mut nonce = [0_u8; 12];
        OsRng.fill_bytes(&mut nonce);
        let sealed = cipher
            .encrypt(
                &Nonce::from(nonce),
                Payload {
                    msg: plain,
                    aad: context.as_bytes(),
                },
            )
            .map_err(|_| anyhow!("encryption failed"))?;
        let mut bytes = nonce.to_vec();
        bytes.extend_from_slice(&sealed);
        Ok(format!("k{version}.{}", hex::encode(bytes)))
    }

    /// The plain bytes of a value [`DataKeys::seal`] made for `context`.
    pub fn open(&self, sealed: &str, context: &str) -> anyhow::Result<Vec<u8>> {
        let (version, body) = Self::split(sealed)?;
        let key = self
            .keys
            .get(&version)
            .ok_or_else(|| anyhow!("data key version {version} is not in the key file"))?;
        let bytes = hex::decode(body).map_err(|_| anyhow!("a sealed value is hex"))?;
        if bytes.len() < 12 + 16 {
            bail!("a sealed value is too short");
        }
        let (nonce, sealed) = bytes.split_at(12);
        let nonce: [u8; 12] = nonce
            .try_into()
            .map_err(|_| anyhow!("a sealed value is too short"))?;
        Aes256Gcm::new(key.into())
            .decrypt(
                &Nonce::from(nonce),
                Payload {
                    msg: sealed,
                    aad: context.as_bytes(),
                },
            )
            .map_err(|_| anyhow!("a sealed value does not open (wrong key, row or tampered)"))
    }

    /// The key version a sealed value was made with.
    pub fn version_of(sealed: &str) -> anyhow::Result<u32> {
        Self::split(sealed).map(|(v, _)| v)
    }

    fn split(sealed: &str) -> anyhow::Result<(u32, &str)> {
        let (version, body) = sealed
            .strip_prefix('k')
            .and_then(|rest| rest.split_once('.'))
            .ok_or_else(|| anyhow!("not a sealed value"))?;
        let version = version
            .parse()
            .map_err(|_| anyhow!("a sealed value's version is a number"))?;
        Ok((version, body))
    }
}

/// The associated data of an account's TOTP secrets.
pub fn mfa_context(account_id: i64) -> String {
    format!("account_mfa:{account_id}")
}

/// What `keys reencrypt` did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Reencrypted {
    /// Sealed values read.
    pub read: usize,
    /// Values sealed again with the current key.
    pub resealed: usize,
}

/// Seals every sealed value made with an older key again with the current one (one
/// transaction, each row conditional on the value read). Run after adding a key version.
pub fn reencrypt(conn: &mut DbConnection, keys: &DataKeys) -> anyhow::Result<Reencrypted> {
    let current = keys.current();
    conn.write_transaction(|conn| {
        let rows: Vec<(i64, Option<String>, Option<String>)> = account_mfa::table
            .select((
                account_mfa::account_id,
                account_mfa::secret,
                account_mfa::pending_secret,
            ))
            .load(conn)?;
        let mut done = Reencrypted::default();
        for (account_id, secret, pending) in rows {
            let context = mfa_context(account_id);
            let again = |value: &Option<String>| -> anyhow::Result<Option<String>> {
                match value {
                    Some(v) if DataKeys::version_of(v)? != current => {
                        Ok(Some(keys.seal(&keys.open(v, &context)?, &context)?))
                    }
                    _ => Ok(None),
                }
            };
            done.read += usize::from(secret.is_some()) + usize::from(pending.is_some());
            if let (Some(old), Some(new)) = (&secret, again(&secret)?) {
                diesel::update(account_mfa::table.find(account_id))
                    .filter(account_mfa::secret.eq(old))
                    .set(account_mfa::secret.eq(new))
                    .execute(conn)?;
                done.resealed += 1;
            }
            if let (Some(old), Some(new)) = (&pending, again(&pending)?) {
                diesel::update(account_mfa::table.find(account_id))
                    .filter(account_mfa::pending_secret.eq(old))
                    .set(account_mfa::pending_secret.eq(new))
                    .execute(conn)?;
                done.resealed += 1;
            }
        }
        Ok::<_, anyhow::Error>(done)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn two_versions() -> (DataKeys, DataKeys) {
        let one = format!("1:{}\n", hex::encode([7_u8; 32]));
        let both = format!("# rotated\n{one}\n2:{}\n", hex::encode([9_u8; 32]));
        (
            DataKeys::parse(&one, "t").expect("one"),
            DataKeys::parse(&both, "t").expect("both"),
        )
    }

    #[test]
    fn a_sealed_value_opens_for_its_row_only_and_never_shows_the_plain_text() {
        let keys = DataKeys::generate();
        let sealed = keys
            .seal(b"JBSWY3DPEHPK3PXP", "account_mfa:7")
            .expect("seal");
        assert!(sealed.starts_with("k1."), "{sealed}");
        assert!(!sealed.contains(&hex::encode(b"JBSWY3DPEHPK3PXP")));
        assert_ne!(
            sealed,
            keys.seal(b"JBSWY3DPEHPK3PXP", "account_mfa:7")
                .expect("seal"),
            "a fresh nonce each time"
        );
        assert_eq!(
            keys.open(&sealed, "account_mfa:7").expect("open"),
            b"JBSWY3DPEHPK3PXP"
        );
        assert!(keys.open(&sealed, "account_mfa:8").is_err(), "another row");
        assert!(DataKeys::generate().open(&sealed, "account_mfa:7").is_err());
        let mut tampered = sealed.clone();
        let last = tampered.pop().expect("a digit");
        tampered.push(if last == '0' { '1' } else { '0' });
        assert!(keys.open(&tampered, "account_mfa:7").is_err());
        for bad in ["", "k1", "k1.zz", "kx.00", "k1.00"] {
            assert!(keys.open(bad, "account_mfa:7").is_err(), "{bad:?}");
        }
    }

    #[test]
    fn a_new_version_encrypts_and_the_old_one_still_opens() {
        let (one, both) = two_versions();
        assert_eq!((one.current(), both.current()), (1, 2));
        let old = one.seal(b"secret", "c").expect("seal");
        assert_eq!(both.open(&old, "c").expect("open"), b"secret");
        let new = both.seal(b"secret", "c").expect("seal");
        assert_eq!(DataKeys::version_of(&new).expect("version"), 2);
        assert!(
            one.open(&new, "c").is_err(),
            "version 2 is not in the old file"
        );
        assert!(!format!("{both:?}").contains(&hex::encode([9_u8; 32])));
    }

    #[test]
    fn a_bad_key_file_is_refused() {
        for bad in [
            "",
            "# only a comment",
            "1",
            "0:00",
            "x:00",
            "1:abcd",
            &format!("1:{k}\n1:{k}", k = hex::encode([1_u8; 32])),
        ] {
            assert!(DataKeys::parse(bad, "t").is_err(), "{bad:?}");
        }
    }

    #[test]
    fn the_key_file_is_made_once_in_the_data_dir() {
        let dir = tempfile::tempdir().expect("tmp");
        let a = DataKeys::load_or_create(None, dir.path()).expect("create");
        let b = DataKeys::load_or_create(None, dir.path()).expect("read");
        let sealed = a.seal(b"x", "c").expect("seal");
        assert_eq!(b.open(&sealed, "c").expect("open"), b"x");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join(KEY_FILE_NAME))
                .expect("file")
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }
}
