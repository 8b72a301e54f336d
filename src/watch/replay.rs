//! A long replay read in parallel. etcd hands a watcher that is behind at most 1,000 revisions
//! of history every 100 ms (its watchable store's sync loop, `watchBatchMaxRevs`), so one watch
//! replays 100,000 puts in ten seconds however fast its reader is. A follower that far behind
//! reads the history through several watches at once, each on its own window of revisions,
//! and delivers the windows in order.
//!
//! A window `[start, end)` is read by a watch from `start` that is closed at the first event at
//! `end` or later. So that such an event is sure to come, every `end` is a revision where a key
//! of the range was put and is still there: the create or mod revision of a key listed now.
//! When there are too few of those (one key overwritten over and over), there is no plan and
//! the follower replays with one watch as before.

use std::collections::VecDeque;

use etcd_client::{Client, GetOptions, WatchStream};
use futures_util::future::select_all;

use super::list::{open_watch, MAX_MESSAGE};
use super::{Event, Update, UpdateKind};
use crate::conn::ConnectOptions;
use crate::error::{Error, Result};

/// How far behind (in revisions of the whole store) a follower must be for a plan to be worth
/// its listing: five of etcd's batches, half a second of replay.
pub(crate) const WORTH_FROM: i64 = 5_000;

/// Known revisions of the range in one window: two of etcd's batches.
const WINDOW: usize = 2_000;

/// Windows read at once.
const AHEAD: usize = 16;

/// Bytes of events held for windows not yet delivered: past it the farthest window is closed
/// (what it read is dropped, and it is read again later), so that memory stays bounded
/// whatever the size of the values.
const BUDGET: usize = 64 << 20;

/// Where and what a replay reads: the follower's member and range.
pub(crate) struct Source<'a> {
    pub conn: &'a ConnectOptions,
    pub url: &'a str,
    pub client: &'a Client,
    pub range: &'a (Vec<u8>, Vec<u8>),
    pub prev_kv: bool,
}

/// A replay in progress, from the revision after the follower's to [`Replay::end`].
pub(crate) struct Replay {
    /// The windows not yet delivered, in order: the first one is delivered as it is read.
    windows: VecDeque<Window>,
    /// Where the windows end: the follower's watch carries on from here.
    pub end: i64,
    /// Bytes held by the windows.
    held: usize,
}

struct Window {
    start: i64,
    end: i64,
    stream: Option<WatchStream>,
    /// Read and not yet delivered.
    updates: Vec<Update>,
    bytes: usize,
    /// Every event before `end` is in `updates` (or delivered).
    done: bool,
}

/// What one step of a replay gives.
pub(crate) enum Step {
    /// Updates of the first window, in order (maybe none).
    Updates(Vec<Update>),
    /// Every window is delivered: the follower carries on from [`Replay::end`].
    Finished,
    /// A window's watch was cancelled (its history compacted): give up the replay and let the
    /// follower's own watch find out and resync.
    Abandon,
}

impl Replay {
    /// A plan to replay `[from, now]` of `range`, when enough known revisions split it into
    /// windows; `None` when one watch would do as well.
    pub async fn plan(source: &Source<'_>, from: i64) -> Result<Option<Replay>> {
        let (key, end) = source.range.clone();
        // The filter makes etcd read the whole range but send only the keys changed since.
        let mut options = GetOptions::new()
            .with_keys_only()
            .with_min_mod_revision(from);
        if !end.is_empty() {
            options = options.with_range(end);
        }
        let mut kv = source
            .client
            .kv_client()
            .max_decoding_message_size(MAX_MESSAGE);
        let listed = source
            .conn
            .request(source.url, kv.get(key, Some(options)))
            .await?;
        let mut known: Vec<i64> = listed
            .kvs()
            .iter()
            .flat_map(|kv| [kv.create_revision(), kv.mod_revision()])
            .filter(|revision| *revision > from)
            .collect();
        known.sort_unstable();
        known.dedup();
        Ok(Replay::split(from, &known))
    }

    /// How many windows the replay reads.
    pub fn windows(&self) -> usize {
        self.windows.len()
    }

    /// Windows from `from` to the last boundary taken from `known` (sorted, all after
    /// `from`), [`WINDOW`] known revisions each.
    fn split(from: i64, known: &[i64]) -> Option<Replay> {
        let ends: Vec<i64> = known
            .iter()
            .copied()
            .skip(WINDOW - 1)
            .step_by(WINDOW)
            .collect();
        if ends.len() < 2 {
            return None;
        }
        let starts = std::iter::once(from).chain(ends.iter().copied());
        let windows = starts
            .zip(ends.iter().copied())
            .map(|(start, end)| Window {
                start,
                end,
                stream: None,
                updates: Vec::new(),
                bytes: 0,
                done: false,
            })
            .collect();
        Some(Replay {
            windows,
            end: *ends.last().expect("two ends at least"),
            held: 0,
        })
    }

    /// Reads on: opens the windows ahead, then takes one response from whichever window
    /// answers first. Cancel-safe: a response is taken in whole or not at all.
    pub async fn step(&mut self, source: &Source<'_>) -> Result<Step> {
        loop {
            let Some(head) = self.windows.front_mut() else {
                return Ok(Step::Finished);
            };
            if !head.updates.is_empty() {
                self.held -= head.bytes;
                head.bytes = 0;
                return Ok(Step::Updates(std::mem::take(&mut head.updates)));
            }
            if !head.done {
                break;
            }
            self.windows.pop_front();
        }
        self.open_ahead(source).await?;
        let reading: Vec<_> = self
            .windows
            .iter_mut()
            .enumerate()
            .filter_map(|(i, w)| w.stream.as_mut().map(|s| (i, s)))
            .map(|(i, stream)| Box::pin(async move { (i, stream.message().await) }))
            .collect();
        let ((i, message), _, _) = select_all(reading).await;
        let response = match message {
            Ok(Some(response)) => response,
            Ok(None) => {
                return Err(Error::Etcd {
                    endpoint: source.url.to_string(),
                    cause: "the watch stream ended".into(),
                })
            }
            Err(e) => return Err(source.conn.classify_error(source.url, e)),
        };
        if response.canceled() {
            return Ok(Step::Abandon);
        }
        let window = &mut self.windows[i];
        let mut last = window
            .updates
            .last()
            .map_or(window.start - 1, |u| u.revision);
        for event in response.events() {
            let Some(event) = Event::from_watch(event, source.prev_kv) else {
                continue;
            };
            if event.revision >= window.end {
                window.done = true;
                window.stream = None;
                break;
            }
            let bytes = event_bytes(&event);
            match window.updates.last_mut() {
                Some(update) if update.revision == event.revision => update.events.push(event),
                _ if event.revision <= last => continue,
                _ => {
                    last = event.revision;
                    window.updates.push(Update {
                        kind: UpdateKind::Changes,
                        revision: event.revision,
                        events: vec![event],
                    });
                }
            }
            window.bytes += bytes;
            self.held += bytes;
        }
        self.keep_to_budget();
        Ok(Step::Updates(Vec::new()))
    }

    /// Opens a watch for each of the first [`AHEAD`] windows not done and not open, while the
    /// bytes held leave room.
    async fn open_ahead(&mut self, source: &Source<'_>) -> Result<()> {
        for (i, window) in self.windows.iter_mut().take(AHEAD).enumerate() {
            if window.done || window.stream.is_some() || (i > 0 && self.held > BUDGET / 2) {
                continue;
            }
            let Source {
                conn,
                url,
                client,
                range,
                prev_kv,
            } = *source;
            let stream = open_watch(conn, url, client, range, window.start, prev_kv, false).await?;
            window.stream = Some(stream);
        }
        Ok(())
    }

    /// Over [`BUDGET`], closes the farthest open windows but the first, dropping what they
    /// read: they start over when there is room.
    fn keep_to_budget(&mut self) {
        for window in self.windows.iter_mut().skip(1).rev() {
            if self.held <= BUDGET {
                return;
            }
            if window.bytes > 0 || window.stream.is_some() {
                self.held -= window.bytes;
                *window = Window {
                    start: window.start,
                    end: window.end,
                    stream: None,
                    updates: Vec::new(),
                    bytes: 0,
                    done: false,
                };
            }
        }
    }
}

/// What an event holds in memory, roughly: its key and values.
fn event_bytes(event: &Event) -> usize {
    event.key.len() + event.entry.value.len() + event.prev.as_ref().map_or(0, |p| p.value.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_end_on_known_revisions_and_cover_the_replay_without_gaps() {
        let known: Vec<i64> = (101..=5_100).collect();
        let replay = Replay::split(100, &known).expect("enough for windows");
        let bounds: Vec<(i64, i64)> = replay.windows.iter().map(|w| (w.start, w.end)).collect();
        assert_eq!(bounds, vec![(100, 2_100), (2_100, 4_100)]);
        assert_eq!(replay.end, 4_100);
        // Too few known revisions: one watch does it.
        assert!(Replay::split(100, &known[..3_000]).is_none());
    }
}
