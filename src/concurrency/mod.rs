//! Coordination on etcd, grouped the way etcd's own `client/v3/concurrency` is: a [`session`]
//! (a lease kept alive), the waiting [`queue`] that locks and elections share (its watches in
//! `waits`), [`lock`] and [`elect`] on top of it, and why any of them was [`lost`].
//!
//! Keys are laid out as etcd's package lays them out (`NAME/<lease id in hex>`), so etcdctl
//! and etcdkit holders of one name see and exclude each other.

pub mod elect;
pub mod lock;
pub mod lost;
pub mod queue;
pub mod session;
pub(crate) mod waits;

pub use lost::{wait_lost, LostReason, LostSignal};
pub use session::Session;
