//! Listing a range of keys at one revision, a page at a time. A listing survives a change of
//! member: the pages read so far are kept and the next member carries on from the last key,
//! at the same revision.

use bytes::Bytes;
use etcd_client::{Client, GetOptions};

use super::Entry;
use crate::conn::ConnectOptions;
use crate::error::{Error, Result};

/// The largest response etcdkit decodes: etcd itself sends up to 2 GiB (its
/// `--max-recv-bytes` concerns requests), and a page of large values can pass tonic's 4 MiB.
pub(crate) const MAX_MESSAGE: usize = i32::MAX as usize;

/// A listing in progress.
#[derive(Debug)]
pub(crate) struct Listing {
    key: Vec<u8>,
    end: Vec<u8>,
    page_size: i64,
    keys_only: bool,
    /// The revision listed at; 0 until the first page fixes it (the current revision).
    pub revision: i64,
    /// Where the next page starts (`None`: done).
    next: Option<Vec<u8>>,
    /// The keys read so far, in key order.
    pub kvs: Vec<(Bytes, Entry)>,
}

impl Listing {
    /// A listing of `[key, end)` (only `key` when `end` is empty) at `revision` (0: now).
    pub fn new(range: (Vec<u8>, Vec<u8>), page_size: i64, revision: i64, keys_only: bool) -> Self {
        let (key, end) = range;
        Listing {
            next: Some(key.clone()),
            key,
            end,
            page_size: page_size.max(1),
            keys_only,
            revision,
            kvs: Vec::new(),
        }
    }

    /// Starts over at the current revision (the one listed at was compacted meanwhile).
    pub fn restart(&mut self) {
        self.revision = 0;
        self.next = Some(self.key.clone());
        self.kvs.clear();
    }

    /// Reads the remaining pages from `client` (at `url`). On an error the pages read so far
    /// stay, for another member to carry on.
    pub async fn run(&mut self, conn: &ConnectOptions, url: &str, client: &Client) -> Result<()> {
        let kv = client.kv_client().max_decoding_message_size(MAX_MESSAGE);
        // Cancel-safe: the position moves only once a page is in.
        while let Some(from) = self.next.clone() {
            let mut options = GetOptions::new().with_revision(self.revision);
            if !self.end.is_empty() {
                options = options
                    .with_range(self.end.clone())
                    .with_limit(self.page_size);
            }
            if self.keys_only {
                options = options.with_keys_only();
            }
            let mut c = kv.clone();
            let mut page = conn.request(url, c.get(from, Some(options))).await?;
            if self.revision == 0 {
                self.revision = page.header().map_or(0, |h| h.revision());
            }
            let more = page.more();
            self.kvs
                .extend(page.take_kvs().into_iter().map(Entry::take_kv));
            self.next = match self.kvs.last() {
                Some((last, _)) if more => {
                    let mut next = last.to_vec();
                    next.push(0);
                    Some(next)
                }
                _ => None,
            };
        }
        Ok(())
    }
}

/// etcd refused a read or a watch because the revision is compacted away.
pub(crate) fn compacted(error: &Error) -> bool {
    matches!(error, Error::Etcd { cause, .. } if cause.contains("required revision has been compacted"))
}

/// etcd refused a read at a revision it has not reached yet.
pub(crate) fn future(error: &Error) -> bool {
    matches!(error, Error::Etcd { cause, .. } if cause.contains("future revision"))
}
