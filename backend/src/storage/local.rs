//! Files on the local disk: `<data dir>/attachments/<first two key digits>/<key>`. A file is
//! written as `<key>.part` beside its final place, flushed to disk, then renamed, so a key never
//! names a half-written file; a failed or refused upload leaves nothing behind.

use std::{
    io,
    path::{Path, PathBuf},
};

use actix_web::web::Bytes;
use futures_util::{stream, StreamExt};
use tokio::{
    fs::{self, File},
    io::{AsyncReadExt, AsyncWriteExt},
};

use super::{new_key, BoxFuture, ByteStream, Meter, PutError, Storage, Stored};

/// How much one read of a stored file takes.
const READ_CHUNK: usize = 64 * 1024;

/// Files under a folder of the local disk.
#[derive(Debug, Clone)]
pub struct LocalStorage {
    root: PathBuf,
}

impl LocalStorage {
    /// Storage under `data_dir/attachments` (created on first write).
    pub fn new(data_dir: &Path) -> Self {
        LocalStorage {
            root: data_dir.join("attachments"),
        }
    }

    /// The folder every file lives under.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The path of `key`; keys are ours (32 hex digits), anything else is refused.
    fn path_of(&self, key: &str) -> io::Result<PathBuf> {
        super::check_key(key)?;
        Ok(self.root.join(&key[..2]).join(key))
    }

    async fn write(
        tmp: &Path,
        mut body: ByteStream<'_>,
        limit: u64,
    ) -> Result<(u64, String), PutError> {
        let mut file = File::create(tmp).await.map_err(PutError::Storage)?;
        let mut meter = Meter::new(limit);
        while let Some(chunk) = body.next().await {
            let chunk = chunk.map_err(PutError::Source)?;
            meter.feed(&chunk)?;
            file.write_all(&chunk).await.map_err(PutError::Storage)?;
        }
        file.flush().await.map_err(PutError::Storage)?;
        file.sync_all().await.map_err(PutError::Storage)?;
        Ok(meter.finish())
    }

    async fn put_inner(&self, body: ByteStream<'_>, limit: u64) -> Result<Stored, PutError> {
        let key = new_key();
        let path = self.path_of(&key).map_err(PutError::Storage)?;
        let Some(dir) = path.parent() else {
            return Err(PutError::Storage(io::Error::other(
                "a key without a folder",
            )));
        };
        fs::create_dir_all(dir).await.map_err(PutError::Storage)?;
        let tmp = dir.join(format!("{key}.part"));
        let written = Self::write(&tmp, body, limit).await;
        let written = match written {
            Ok(w) => fs::rename(&tmp, &path)
                .await
                .map(|()| w)
                .map_err(PutError::Storage),
            Err(e) => Err(e),
        };
        match written {
            Ok((size, sha256)) => Ok(Stored { key, size, sha256 }),
            Err(e) => {
                if let Err(rm) = fs::remove_file(&tmp).await {
                    if rm.kind() != io::ErrorKind::NotFound {
                        tracing::warn!(file = %tmp.display(), error = %rm, "could not remove a partial upload");
                    }
                }
                Err(e)
            }
        }
    }
}

impl Storage for LocalStorage {
    fn put<'a>(
        &'a self,
        body: ByteStream<'a>,
        limit: u64,
    ) -> BoxFuture<'a, Result<Stored, PutError>> {
        Box::pin(self.put_inner(body, limit))
    }

    fn open<'a>(&'a self, key: &'a str) -> BoxFuture<'a, io::Result<ByteStream<'static>>> {
        Box::pin(async move {
            let file = File::open(self.path_of(key)?).await?;
            let chunks = stream::unfold(Some(file), |state| async move {
                let mut file = state?;
                let mut buf = vec![0; READ_CHUNK];
                match file.read(&mut buf).await {
                    Ok(0) => None,
                    Ok(n) => {
                        buf.truncate(n);
                        Some((Ok(Bytes::from(buf)), Some(file)))
                    }
                    Err(e) => Some((Err(e), None)),
                }
            });
            Ok(Box::pin(chunks) as ByteStream<'static>)
        })
    }

    fn delete<'a>(&'a self, key: &'a str) -> BoxFuture<'a, io::Result<()>> {
        Box::pin(async move {
            match fs::remove_file(self.path_of(key)?).await {
                Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
                other => other,
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(parts: &[&'static [u8]]) -> ByteStream<'static> {
        Box::pin(stream::iter(
            parts
                .iter()
                .map(|p| Ok(Bytes::from_static(p)))
                .collect::<Vec<_>>(),
        ))
    }

    fn files_under(dir: &Path) -> Vec<PathBuf> {
        let mut out = Vec::new();
        let Ok(entries) = std::fs::read_dir(dir) else {
            return out;
        };
        for entry in entries.flatten() {
            let p = entry.path();
            if p.is_dir() {
                out.extend(files_under(&p));
            } else {
                out.push(p);
            }
        }
        out
    }

    #[tokio::test]
    async fn put_open_delete_round_trip() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let storage = LocalStorage::new(dir.path());
        let stored = storage
            .put(body(&[b"hello ", b"world"]), 100)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        assert_eq!(stored.size, 11);
        assert_eq!(
            stored.sha256,
            "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9"
        );
        let path = storage.root().join(&stored.key[..2]).join(&stored.key);
        assert!(path.is_file());
        let mut read = Vec::new();
        let mut s = storage.open(&stored.key).await?;
        while let Some(chunk) = s.next().await {
            read.extend_from_slice(&chunk?);
        }
        assert_eq!(read, b"hello world");
        storage.delete(&stored.key).await?;
        assert!(!path.exists());
        storage.delete(&stored.key).await?;
        Ok(())
    }

    #[tokio::test]
    async fn an_oversized_body_leaves_nothing() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let storage = LocalStorage::new(dir.path());
        let refused = storage.put(body(&[b"12345", b"67890", b"x"]), 10).await;
        assert!(matches!(refused, Err(PutError::TooLarge { limit: 10 })));
        assert!(files_under(storage.root()).is_empty());
        Ok(())
    }

    #[tokio::test]
    async fn foreign_keys_never_reach_the_disk() {
        let storage = LocalStorage::new(Path::new("/nonexistent"));
        assert!(storage.open("../../etc/passwd").await.is_err());
        assert!(storage.delete("..").await.is_err());
    }
}
