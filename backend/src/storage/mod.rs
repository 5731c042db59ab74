//! Where attachment files live. The database keeps each file's record (name, type, size,
//! SHA-256 and an opaque `storage_key`); the bytes go to a [`Storage`].
//!
//! [`LocalStorage`] keeps them on disk under `DATA_DIR/attachments/` (the default, for one
//! instance); [`ObjectStorage`] keeps them in an S3-compatible object store (`STORAGE=s3`, for
//! several instances). The routes see only the trait:
//!
//! - `put` receives the body as a stream and returns the key it chose with the size and the
//!   SHA-256 computed while streaming ([`Meter`] does both and enforces the limit). The file
//!   appears whole or not at all: a local rename, or one `PutObject` / a completed multipart
//!   upload (aborted on any error).
//! - `open` answers a stream of the stored bytes (a `GetObject` body).
//! - `delete` is idempotent: deleting a missing key succeeds (`DeleteObject` behaves so).
//!
//! Keys are random (never derived from file names), so no caller input reaches a path.
//! The futures are not `Send`: actix handlers run on one thread each, and the request payload
//! they stream from is not `Send` either.

mod local;
#[cfg(feature = "s3")]
mod object;

use std::{fmt, future::Future, io, pin::Pin, sync::Arc};

use actix_web::web::Bytes;
use futures_util::Stream;
use sha2::{Digest, Sha256};

pub use local::LocalStorage;
#[cfg(feature = "s3")]
pub use object::{ObjectStorage, PART_BYTES};

/// A boxed future borrowing from the storage.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + 'a>>;

/// A stream of bytes, in or out.
pub type ByteStream<'a> = Pin<Box<dyn Stream<Item = io::Result<Bytes>> + 'a>>;

/// What `put` stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    /// The key to open or delete it by.
    pub key: String,
    /// Bytes written.
    pub size: u64,
    /// SHA-256 of the bytes, lowercase hex.
    pub sha256: String,
}

/// Why `put` stored nothing.
#[derive(Debug, thiserror::Error)]
pub enum PutError {
    /// The body passed the limit; what was written is gone.
    #[error("the file exceeds the limit of {limit} bytes")]
    TooLarge {
        /// The limit, in bytes.
        limit: u64,
    },
    /// Reading the body failed (the client went away, a broken upload).
    #[error("reading the upload failed: {0}")]
    Source(io::Error),
    /// Writing failed on the storage's side.
    #[error("storing the file failed: {0}")]
    Storage(io::Error),
}

/// A place to keep files. See the module documentation for the contract.
pub trait Storage: Send + Sync {
    /// Stores `body` under a new key, refusing (and keeping nothing) once it passes `limit`
    /// bytes.
    fn put<'a>(
        &'a self,
        body: ByteStream<'a>,
        limit: u64,
    ) -> BoxFuture<'a, Result<Stored, PutError>>;

    /// Streams the bytes stored under `key`.
    fn open<'a>(&'a self, key: &'a str) -> BoxFuture<'a, io::Result<ByteStream<'static>>>;

    /// Removes `key`; a missing key is not an error.
    fn delete<'a>(&'a self, key: &'a str) -> BoxFuture<'a, io::Result<()>>;
}

/// Counts and hashes a body as it streams by, and stops it at the limit.
#[derive(Debug)]
pub struct Meter {
    hasher: Sha256,
    size: u64,
    limit: u64,
}

impl Meter {
    /// A meter for a body of at most `limit` bytes.
    pub fn new(limit: u64) -> Self {
        Meter {
            hasher: Sha256::new(),
            size: 0,
            limit,
        }
    }

    /// Takes one chunk; `TooLarge` as soon as the total passes the limit.
    pub fn feed(&mut self, chunk: &[u8]) -> Result<(), PutError> {
        let len = u64::try_from(chunk.len()).unwrap_or(u64::MAX);
        self.size = self.size.saturating_add(len);
        if self.size > self.limit {
            return Err(PutError::TooLarge { limit: self.limit });
        }
        self.hasher.update(chunk);
        Ok(())
    }

    /// The size and hash of everything fed.
    pub fn finish(self) -> (u64, String) {
        (self.size, hex::encode(self.hasher.finalize()))
    }
}

/// Refuses anything that is not one of our keys (32 hex digits), so no caller input reaches a
/// path or an object name.
pub fn check_key(key: &str) -> io::Result<()> {
    if key.len() != 32 || !key.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("not a storage key: {key:?}"),
        ));
    }
    Ok(())
}

/// Where the S3-compatible store is and how to sign in to it (`S3_*` settings).
#[derive(Clone, PartialEq, Eq)]
pub struct S3Settings {
    /// `S3_ENDPOINT`: the service's address, e.g. `https://s3.example.gov.cn` or
    /// `http://127.0.0.1:3900`. Plain `http://` is accepted for a store on a private network.
    pub endpoint: String,
    /// `S3_BUCKET`: the bucket (it must exist; the server never creates buckets).
    pub bucket: String,
    /// `S3_REGION` (default `us-east-1`; Garage's default is `garage`).
    pub region: String,
    /// `S3_ACCESS_KEY_ID`.
    pub access_key_id: String,
    /// `S3_SECRET_ACCESS_KEY` (never printed).
    pub secret_access_key: String,
    /// `S3_PREFIX`: a folder inside the bucket for this deployment (default none), e.g.
    /// `title/`.
    pub prefix: String,
}

impl fmt::Debug for S3Settings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("S3Settings")
            .field("endpoint", &self.endpoint)
            .field("bucket", &self.bucket)
            .field("region", &self.region)
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &"(hidden)")
            .field("prefix", &self.prefix)
            .finish()
    }
}

/// A new random key: 32 lowercase hex digits.
pub fn new_key() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

/// The file store the routes use: where files go and how large one may be.
#[derive(Clone)]
pub struct FileStore {
    /// The storage.
    pub backend: Arc<dyn Storage>,
    /// `ATTACHMENT_MAX_BYTES`.
    pub max_bytes: u64,
}

impl std::fmt::Debug for FileStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FileStore")
            .field("max_bytes", &self.max_bytes)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_meter_hashes_and_stops_past_the_limit() {
        let mut meter = Meter::new(5);
        assert!(meter.feed(b"abc").is_ok());
        assert!(meter.feed(b"").is_ok());
        let (size, sha) = {
            let mut m = Meter::new(5);
            assert!(m.feed(b"abc").is_ok());
            m.finish()
        };
        assert_eq!(size, 3);
        assert_eq!(
            sha,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert!(meter.feed(b"de").is_ok());
        assert!(matches!(
            meter.feed(b"f"),
            Err(PutError::TooLarge { limit: 5 })
        ));
    }

    #[test]
    fn the_secret_is_never_printed() {
        let settings = S3Settings {
            endpoint: "http://127.0.0.1:3900".into(),
            bucket: "b".into(),
            region: "garage".into(),
            access_key_id: "GK1".into(),
            secret_access_key: "very-secret".into(),
            prefix: String::new(),
        };
        assert!(!format!("{settings:?}").contains("very-secret"));
    }
}
