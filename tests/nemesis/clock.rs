//! The wall clock as seconds since the epoch: the children's `time.time()` and the register's
//! and nemesis's timestamps are all on it (one machine, one clock).

use std::time::{SystemTime, UNIX_EPOCH};

/// Seconds since the epoch, now.
pub fn now() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64())
}
