//! The watch layer: follow a key or a prefix from a revision without missing or repeating an
//! event.

mod backoff;

pub use backoff::Backoff;
