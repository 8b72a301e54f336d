//! Listing a range of keys at one revision, a page at a time. A listing survives a change of
//! member: the pages read so far are kept and the next member carries on from the last key,
//! at the same revision.

use bytes::Bytes;
use etcd_client::{Client, GetOptions, WatchOptions, WatchStream};

use super::Entry;
use crate::conn::ConnectOptions;
use crate::error::{Error, Result};

/// The largest response etcdkit decodes: etcd itself sends up to 2 GiB (its
/// `--max-recv-bytes` concerns requests), and a page of large values can pass tonic's 4 MiB.
pub(crate) const MAX_MESSAGE: usize = i32::MAX as usize;

/// What a page aims at in bytes of keys and values: large enough that few pages are read (each
/// costs etcd a walk of the rest of the range), small enough that a page of large values is not
/// a giant response.
const PAGE_BYTES: u64 = 4 << 20;

/// The fewest keys a page asks for once pages are sized by bytes.
const MIN_PAGE: i64 = 16;

/// The first page: a guess, before any entry's size is known.
const FIRST_PAGE: i64 = 1000;

/// A listing in progress.
#[derive(Debug)]
pub(crate) struct Listing {
    key: Vec<u8>,
    end: Vec<u8>,
    /// The most keys in one page (0: the whole range in one request).
    page_size: i64,
    keys_only: bool,
    /// Bytes of keys and values read so far, to size the next page.
    bytes: u64,
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
            bytes: 0,
            revision,
            kvs: Vec::new(),
        }
    }

    /// A listing of `[key, end)` at `revision` (0: now) read in one request: one walk of
    /// etcd's index and one round trip, for a reader that keeps every key anyway (a page
    /// costs etcd a walk of the rest of the range).
    pub fn whole(range: (Vec<u8>, Vec<u8>), revision: i64) -> Self {
        Listing {
            page_size: 0,
            ..Listing::new(range, 1, revision, false)
        }
    }

    /// Starts over at the current revision (the one listed at was compacted meanwhile).
    pub fn restart(&mut self) {
        self.revision = 0;
        self.next = Some(self.key.clone());
        self.kvs.clear();
        self.bytes = 0;
    }

    /// Keys to ask for next: about [`PAGE_BYTES`] at the average size read so far, at most
    /// `page_size`.
    fn limit(&self) -> i64 {
        if self.kvs.is_empty() {
            return self.page_size.min(FIRST_PAGE);
        }
        let average = (self.bytes / self.kvs.len() as u64).max(1);
        let fit = i64::try_from(PAGE_BYTES / average).unwrap_or(i64::MAX);
        fit.clamp(MIN_PAGE.min(self.page_size), self.page_size)
    }

    /// Reads the remaining pages from `client` (at `url`). On an error the pages read so far
    /// stay, for another member to carry on.
    pub async fn run(&mut self, conn: &ConnectOptions, url: &str, client: &Client) -> Result<()> {
        let kv = client.kv_client().max_decoding_message_size(MAX_MESSAGE);
        // Cancel-safe: the position moves only once a page is in.
        while let Some(from) = self.next.clone() {
            let mut options = GetOptions::new().with_revision(self.revision);
            if !self.end.is_empty() {
                options = options.with_range(self.end.clone());
                if self.page_size > 0 {
                    options = options.with_limit(self.limit());
                }
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
            let kvs = page.take_kvs();
            self.bytes += kvs
                .iter()
                .map(|kv| (kv.key().len() + kv.value().len()) as u64)
                .sum::<u64>();
            self.kvs.extend(kvs.into_iter().map(Entry::take_kv));
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

/// Opens a watch of `range` (`[key, end)`, or only `key` when `end` is empty) from revision
/// `start` on `client` (at `url`), with the previous values when `prev_kv`, and progress
/// notifications when `progress`.
pub(crate) async fn open_watch(
    conn: &ConnectOptions,
    url: &str,
    client: &Client,
    range: &(Vec<u8>, Vec<u8>),
    start: i64,
    prev_kv: bool,
    progress: bool,
) -> Result<WatchStream> {
    let mut watch = client.watch_client().max_decoding_message_size(MAX_MESSAGE);
    let (key, end) = range.clone();
    let mut options = WatchOptions::new().with_start_revision(start);
    if !end.is_empty() {
        options = options.with_range(end);
    }
    if prev_kv {
        options = options.with_prev_key();
    }
    if progress {
        options = options.with_progress_notify();
    }
    conn.request(url, watch.watch(key, Some(options))).await
}

/// etcd refused a read or a watch because the revision is compacted away.
pub(crate) fn compacted(error: &Error) -> bool {
    matches!(error, Error::Etcd { cause, .. } if cause.contains("required revision has been compacted"))
}

/// etcd refused a read at a revision it has not reached yet.
pub(crate) fn future(error: &Error) -> bool {
    matches!(error, Error::Etcd { cause, .. } if cause.contains("future revision"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listing_with(entries: usize, value_len: usize, page_size: i64) -> Listing {
        let mut listing = Listing::new((b"/a/".to_vec(), b"/a0".to_vec()), page_size, 0, false);
        for i in 0..entries {
            let key = Bytes::from(format!("/a/{i:05}"));
            listing.bytes += (key.len() + value_len) as u64;
            let entry = Entry {
                value: Bytes::from(vec![b'x'; value_len]),
                create_revision: 1,
                mod_revision: 1,
                version: 1,
                lease: 0,
            };
            listing.kvs.push((key, entry));
        }
        listing
    }

    #[test]
    fn pages_grow_for_small_values_and_shrink_for_large_ones() {
        // Nothing read yet: a first page of at most 1,000 keys.
        assert_eq!(listing_with(0, 0, 10_000).limit(), 1000);
        assert_eq!(listing_with(0, 0, 50).limit(), 50);
        // 256-byte values: up to the most keys a page may have.
        assert_eq!(listing_with(1000, 256, 10_000).limit(), 10_000);
        // 100 KiB values: about 4 MiB a page.
        assert_eq!(listing_with(10, 100 << 10, 10_000).limit(), 40);
        // 1 MiB values: never fewer than 16 keys.
        assert_eq!(listing_with(10, 1 << 20, 10_000).limit(), 16);
        // A page size below that floor is kept.
        assert_eq!(listing_with(10, 1 << 20, 5).limit(), 5);
    }
}
