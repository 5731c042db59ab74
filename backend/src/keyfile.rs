//! The platform's ed25519 signing keys (the audit checkpoints' and the certificates'): a
//! 32-byte seed kept as 64 hex digits in a file outside the database — the file a setting
//! names, or one generated at first start in `DATA_DIR` (mode 0600). Several instances sharing
//! `DATA_DIR` agree on one key: whoever creates the file first wins, the others read it.

use std::path::Path;

use anyhow::Context;

/// A seed from 64 hex digits (surrounding whitespace ignored).
pub fn seed_from_hex(text: &str, what: &str) -> anyhow::Result<[u8; 32]> {
    let bytes = hex::decode(text.trim()).with_context(|| format!("{what} must be hex"))?;
    bytes
        .try_into()
        .map_err(|_| anyhow::anyhow!("{what} must be 32 bytes (64 hex digits)"))
}

/// A fresh random seed.
pub fn random_seed() -> [u8; 32] {
    use rand_core::RngCore;
    let mut seed = [0_u8; 32];
    rand_core::OsRng.fill_bytes(&mut seed);
    seed
}

/// The seed in `file` when given (the setting `setting` names it), else the one in
/// `data_dir/file_name`, generated there at first start.
pub fn load_or_create(
    file: Option<&Path>,
    data_dir: &Path,
    file_name: &str,
    setting: &str,
) -> anyhow::Result<[u8; 32]> {
    if let Some(file) = file {
        let text = std::fs::read_to_string(file)
            .with_context(|| format!("reading {setting} {}", file.display()))?;
        return seed_from_hex(&text, setting);
    }
    let path = data_dir.join(file_name);
    if let Ok(text) = std::fs::read_to_string(&path) {
        return seed_from_hex(&text, &path.display().to_string());
    }
    std::fs::create_dir_all(data_dir)
        .with_context(|| format!("creating DATA_DIR {}", data_dir.display()))?;
    let seed = random_seed();
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
            f.write_all(hex::encode(seed).as_bytes())
                .with_context(|| format!("writing {}", path.display()))?;
            tracing::warn!(
                path = %path.display(),
                "generated a signing key in DATA_DIR; in production keep it elsewhere ({setting})"
            );
            Ok(seed)
        }
        // Another instance created it first: use that one.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("reading {}", path.display()))?;
            seed_from_hex(&text, &path.display().to_string())
        }
        Err(e) => Err(e).with_context(|| format!("creating {}", path.display())),
    }
}
