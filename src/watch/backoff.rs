//! The pause before reconnecting: exponential, capped, with full jitter, so that a thousand
//! watchers that lost the same member do not come back to the cluster in the same instant.

use std::time::Duration;

/// Exponential backoff with full jitter: the n-th pause is drawn uniformly from
/// `[0, min(cap, first * 2^n)]` (the "full jitter" of the AWS architecture blog).
#[derive(Debug, Clone)]
pub struct Backoff {
    first: Duration,
    cap: Duration,
    /// The ceiling of the next pause.
    ceiling: Duration,
}

impl Default for Backoff {
    /// 50 ms doubling up to 5 s.
    fn default() -> Self {
        Backoff::new(Duration::from_millis(50), Duration::from_secs(5))
    }
}

impl Backoff {
    /// Pauses start at most `first` long and double up to at most `cap`.
    pub fn new(first: Duration, cap: Duration) -> Backoff {
        let first = first.min(cap);
        Backoff {
            first,
            cap,
            ceiling: first,
        }
    }

    /// The next pause: a random length up to the current ceiling, which then doubles (capped).
    pub fn next_pause(&mut self) -> Duration {
        let ceiling = self.ceiling;
        self.ceiling = self.ceiling.saturating_mul(2).min(self.cap);
        let nanos = u64::try_from(ceiling.as_nanos()).unwrap_or(u64::MAX);
        Duration::from_nanos(fastrand::u64(0..=nanos))
    }

    /// The ceiling the next pause is drawn under.
    pub fn ceiling(&self) -> Duration {
        self.ceiling
    }

    /// Back to the first, shortest pause: the connection worked.
    pub fn reset(&mut self) {
        self.ceiling = self.first;
    }

    /// Sleeps for the next pause.
    pub async fn pause(&mut self) {
        tokio::time::sleep(self.next_pause()).await;
    }

    /// Sleeps for the next pause, but not past `deadline`; false (without sleeping) when the
    /// deadline has passed: time to give up.
    pub async fn pause_until(&mut self, deadline: tokio::time::Instant) -> bool {
        let left = deadline.saturating_duration_since(tokio::time::Instant::now());
        if left.is_zero() {
            return false;
        }
        tokio::time::sleep(self.next_pause().min(left)).await;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MS: Duration = Duration::from_millis(1);

    #[test]
    fn ceilings_double_up_to_the_cap() {
        let mut b = Backoff::new(50 * MS, 5000 * MS);
        let mut ceilings = Vec::new();
        for _ in 0..10 {
            ceilings.push(b.ceiling().as_millis());
            b.next_pause();
        }
        assert_eq!(
            ceilings,
            [50, 100, 200, 400, 800, 1600, 3200, 5000, 5000, 5000]
        );
    }

    #[test]
    fn pauses_stay_under_their_ceiling_and_spread_out() {
        let mut b = Backoff::default();
        for _ in 0..8 {
            b.next_pause();
        }
        assert_eq!(b.ceiling(), 5000 * MS);
        let pauses: Vec<Duration> = (0..1000).map(|_| b.next_pause()).collect();
        assert!(pauses.iter().all(|p| *p <= 5000 * MS));
        // Full jitter: spread over the whole range, not bunched at the ceiling.
        let low = pauses.iter().filter(|p| **p < 2500 * MS).count();
        assert!((350..=650).contains(&low), "{low} of 1000 below half");
        let distinct: std::collections::HashSet<_> = pauses.iter().collect();
        assert!(
            distinct.len() > 900,
            "only {} distinct pauses",
            distinct.len()
        );
    }

    #[test]
    fn reset_starts_over() {
        let mut b = Backoff::default();
        for _ in 0..5 {
            b.next_pause();
        }
        b.reset();
        assert_eq!(b.ceiling(), 50 * MS);
        assert!(b.next_pause() <= 50 * MS);
    }

    #[test]
    fn a_first_pause_longer_than_the_cap_is_cut_to_it() {
        let mut b = Backoff::new(10_000 * MS, 100 * MS);
        assert_eq!(b.ceiling(), 100 * MS);
        assert!(b.next_pause() <= 100 * MS);
        assert_eq!(b.ceiling(), 100 * MS);
    }
}
