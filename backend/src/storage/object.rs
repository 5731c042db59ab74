//! Files in an object store: an S3-compatible service (AWS S3, Garage, MinIO, Ceph RGW, the
//! Chinese clouds' S3 endpoints) reached through the `object_store` crate, the Apache Arrow
//! project's client, rather than a hand-written one. Every server instance sees the same files,
//! so a file uploaded through one instance downloads through any other.
//!
//! Objects are named `<prefix>attachments/<first two key digits>/<key>`, the local layout, so a
//! bucket and a `DATA_DIR` can be copied into each other with ordinary tools.
//!
//! An upload is measured and hashed as it streams ([`Meter`]). A body that fits in one part is
//! buffered and written with one `PutObject`; a larger one becomes a multipart upload of
//! [`PART_BYTES`] parts, at most two in flight, aborted on any error (the limit passed, the
//! client gone, the store failing), so a refused upload leaves no object and no parts behind.
//! Either way the object appears whole or not at all, as the local rename does.

use std::{fmt, io, sync::Arc};

use actix_web::web::Bytes;
use futures_util::{StreamExt, TryStreamExt};
use object_store::{
    aws::AmazonS3Builder, path::Path as ObjectPath, ObjectStore, ObjectStoreExt, PutPayload,
    WriteMultipart,
};

use super::{new_key, BoxFuture, ByteStream, Meter, PutError, S3Settings, Storage, Stored};

/// The size of one part of a multipart upload (S3 wants at least 5 MiB but for the last).
pub const PART_BYTES: usize = 8 * 1024 * 1024;
/// Parts uploaded at once; bounds an upload's memory to a few parts.
const PARTS_IN_FLIGHT: usize = 2;

/// Files in an object store.
#[derive(Clone)]
pub struct ObjectStorage {
    store: Arc<dyn ObjectStore>,
    prefix: String,
}

impl fmt::Debug for ObjectStorage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ObjectStorage")
            .field("store", &self.store.to_string())
            .field("prefix", &self.prefix)
            .finish()
    }
}

/// An `object_store` error as an I/O error of the matching kind (a missing object stays
/// `NotFound`, as a missing local file is).
fn io_error(e: object_store::Error) -> io::Error {
    match e {
        object_store::Error::NotFound { .. } => io::Error::new(io::ErrorKind::NotFound, e),
        other => io::Error::other(other),
    }
}

impl ObjectStorage {
    /// Files in `store` under `prefix` (empty, or ending in `/`).
    pub fn new(store: Arc<dyn ObjectStore>, prefix: &str) -> Self {
        let prefix = prefix.trim_matches('/');
        ObjectStorage {
            store,
            prefix: if prefix.is_empty() {
                String::new()
            } else {
                format!("{prefix}/")
            },
        }
    }

    /// The S3-compatible store `settings` name (path-style requests, which every
    /// S3-compatible service answers).
    pub fn s3(settings: &S3Settings) -> anyhow::Result<Self> {
        let store = AmazonS3Builder::new()
            .with_endpoint(&settings.endpoint)
            .with_bucket_name(&settings.bucket)
            .with_region(&settings.region)
            .with_access_key_id(&settings.access_key_id)
            .with_secret_access_key(&settings.secret_access_key)
            .with_virtual_hosted_style_request(false)
            .with_allow_http(settings.endpoint.starts_with("http://"))
            .build()
            .map_err(|e| anyhow::anyhow!("the S3 settings are not usable: {e}"))?;
        Ok(Self::new(Arc::new(store), &settings.prefix))
    }

    /// Writes, reads back and removes a small object, so that a wrong address, bucket, key or
    /// permission stops the server at start instead of failing the first upload.
    pub async fn probe(&self) -> anyhow::Result<()> {
        let path = ObjectPath::from(format!("{}probe/{}", self.prefix, new_key()));
        let written = Bytes::from_static(b"title-evaluation storage probe");
        self.store
            .put(&path, PutPayload::from(written.clone()))
            .await
            .map_err(|e| anyhow::anyhow!("writing a probe object failed: {e}"))?;
        let read = self
            .store
            .get(&path)
            .await
            .map_err(|e| anyhow::anyhow!("reading the probe object back failed: {e}"))?
            .bytes()
            .await
            .map_err(|e| anyhow::anyhow!("reading the probe object back failed: {e}"))?;
        self.store
            .delete(&path)
            .await
            .map_err(|e| anyhow::anyhow!("removing the probe object failed: {e}"))?;
        if read != written {
            anyhow::bail!("the probe object read back differs from what was written");
        }
        Ok(())
    }

    /// The object of `key`; keys are ours (32 hex digits), anything else is refused.
    fn path_of(&self, key: &str) -> io::Result<ObjectPath> {
        super::check_key(key)?;
        Ok(ObjectPath::from(format!(
            "{}attachments/{}/{key}",
            self.prefix,
            &key[..2]
        )))
    }

    async fn put_inner(&self, mut body: ByteStream<'_>, limit: u64) -> Result<Stored, PutError> {
        let key = new_key();
        let path = self.path_of(&key).map_err(PutError::Storage)?;
        let mut meter = Meter::new(limit);
        let mut first = Vec::new();
        let mut upload: Option<WriteMultipart> = None;
        let streamed = async {
            while let Some(chunk) = body.next().await {
                let chunk = chunk.map_err(PutError::Source)?;
                meter.feed(&chunk)?;
                if let Some(parts) = upload.as_mut() {
                    parts
                        .wait_for_capacity(PARTS_IN_FLIGHT)
                        .await
                        .map_err(|e| PutError::Storage(io_error(e)))?;
                    parts.write(&chunk);
                    continue;
                }
                first.extend_from_slice(&chunk);
                if first.len() >= PART_BYTES {
                    let started = self
                        .store
                        .put_multipart(&path)
                        .await
                        .map_err(|e| PutError::Storage(io_error(e)))?;
                    let mut parts = WriteMultipart::new_with_chunk_size(started, PART_BYTES);
                    parts.write(&std::mem::take(&mut first));
                    upload = Some(parts);
                }
            }
            Ok::<(), PutError>(())
        }
        .await;
        let finished = match (streamed, upload) {
            (Ok(()), None) => self
                .store
                .put(&path, PutPayload::from(first))
                .await
                .map(drop)
                .map_err(|e| PutError::Storage(io_error(e))),
            (Ok(()), Some(parts)) => parts
                .finish()
                .await
                .map(drop)
                .map_err(|e| PutError::Storage(io_error(e))),
            (Err(e), Some(parts)) => {
                if let Err(abort) = parts.abort().await {
                    tracing::warn!(object = %path, error = %abort, "could not abort a refused multipart upload");
                }
                Err(e)
            }
            (Err(e), None) => Err(e),
        };
        finished?;
        let (size, sha256) = meter.finish();
        Ok(Stored { key, size, sha256 })
    }
}

impl Storage for ObjectStorage {
    fn put<'a>(
        &'a self,
        body: ByteStream<'a>,
        limit: u64,
    ) -> BoxFuture<'a, Result<Stored, PutError>> {
        Box::pin(self.put_inner(body, limit))
    }

    fn open<'a>(&'a self, key: &'a str) -> BoxFuture<'a, io::Result<ByteStream<'static>>> {
        Box::pin(async move {
            let path = self.path_of(key)?;
            let found = self.store.get(&path).await.map_err(io_error)?;
            Ok(Box::pin(found.into_stream().map_err(io_error)) as ByteStream<'static>)
        })
    }

    fn delete<'a>(&'a self, key: &'a str) -> BoxFuture<'a, io::Result<()>> {
        Box::pin(async move {
            let path = self.path_of(key)?;
            match self.store.delete(&path).await {
                Err(object_store::Error::NotFound { .. }) => Ok(()),
                other => other.map_err(io_error),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use futures_util::stream;
    use object_store::memory::InMemory;
    use sha2::Digest;

    use super::*;

    fn body(parts: Vec<Vec<u8>>) -> ByteStream<'static> {
        Box::pin(stream::iter(
            parts
                .into_iter()
                .map(|p| Ok(Bytes::from(p)))
                .collect::<Vec<_>>(),
        ))
    }

    async fn objects(store: &InMemory) -> anyhow::Result<Vec<String>> {
        let mut names: Vec<String> = store
            .list(None)
            .map_ok(|meta| meta.location.to_string())
            .try_collect()
            .await?;
        names.sort();
        Ok(names)
    }

    async fn read(storage: &ObjectStorage, key: &str) -> anyhow::Result<Vec<u8>> {
        let mut out = Vec::new();
        let mut s = storage.open(key).await?;
        while let Some(chunk) = s.next().await {
            out.extend_from_slice(&chunk?);
        }
        Ok(out)
    }

    #[tokio::test]
    async fn a_small_file_is_one_object_under_the_prefix() -> anyhow::Result<()> {
        let store = Arc::new(InMemory::new());
        let storage = ObjectStorage::new(store.clone(), "/title/");
        let stored = storage
            .put(body(vec![b"hello ".to_vec(), b"world".to_vec()]), 100)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        assert_eq!(stored.size, 11);
        assert_eq!(
            stored.sha256,
            "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9"
        );
        assert_eq!(
            objects(&store).await?,
            vec![format!(
                "title/attachments/{}/{}",
                &stored.key[..2],
                stored.key
            )]
        );
        assert_eq!(read(&storage, &stored.key).await?, b"hello world");
        storage.delete(&stored.key).await?;
        assert!(objects(&store).await?.is_empty());
        // Deleting again, or opening what is gone: as on the local disk.
        storage.delete(&stored.key).await?;
        let gone = storage.open(&stored.key).await.err();
        assert_eq!(gone.map(|e| e.kind()), Some(io::ErrorKind::NotFound));
        Ok(())
    }

    #[tokio::test]
    async fn a_large_file_goes_up_in_parts_and_reads_back_whole() -> anyhow::Result<()> {
        let store = Arc::new(InMemory::new());
        let storage = ObjectStorage::new(store.clone(), "");
        // 2.5 parts in uneven chunks.
        let whole: Vec<u8> = (0..PART_BYTES * 5 / 2)
            .map(|i| u8::try_from(i % 251).unwrap_or(0))
            .collect();
        let chunks: Vec<Vec<u8>> = whole.chunks(700_001).map(<[u8]>::to_vec).collect();
        let stored = storage
            .put(body(chunks), u64::MAX)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        assert_eq!(stored.size, u64::try_from(whole.len())?);
        assert_eq!(stored.sha256, hex::encode(sha2::Sha256::digest(&whole)));
        assert_eq!(read(&storage, &stored.key).await?, whole);
        assert_eq!(objects(&store).await?.len(), 1);
        Ok(())
    }

    #[tokio::test]
    async fn a_refused_upload_leaves_no_object_small_or_in_parts() -> anyhow::Result<()> {
        let store = Arc::new(InMemory::new());
        let storage = ObjectStorage::new(store.clone(), "");
        let small = storage.put(body(vec![vec![1; 6], vec![2; 6]]), 10).await;
        assert!(matches!(small, Err(PutError::TooLarge { limit: 10 })));
        let limit = u64::try_from(PART_BYTES * 2)?;
        let large = storage.put(body(vec![vec![7; PART_BYTES]; 3]), limit).await;
        assert!(matches!(large, Err(PutError::TooLarge { .. })));
        let broken: ByteStream<'static> = Box::pin(stream::iter(vec![
            Ok(Bytes::from(vec![3; PART_BYTES + 1])),
            Err(io::Error::new(
                io::ErrorKind::ConnectionReset,
                "client gone",
            )),
        ]));
        assert!(matches!(
            storage.put(broken, u64::MAX).await,
            Err(PutError::Source(_))
        ));
        assert!(objects(&store).await?.is_empty());
        Ok(())
    }

    #[tokio::test]
    async fn foreign_keys_never_reach_the_store() {
        let storage = ObjectStorage::new(Arc::new(InMemory::new()), "");
        assert!(storage.open("../../etc/passwd").await.is_err());
        assert!(storage.delete("..").await.is_err());
    }

    #[tokio::test]
    async fn the_probe_writes_reads_and_removes() -> anyhow::Result<()> {
        let store = Arc::new(InMemory::new());
        ObjectStorage::new(store.clone(), "p").probe().await?;
        assert!(objects(&store).await?.is_empty());
        Ok(())
    }
}
