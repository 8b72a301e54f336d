//! Coordination on etcd, grouped the way etcd's own `client/v3/concurrency` is: a [`session`]
//! (a lease kept alive), the waiting [`queue`] that locks and elections share (its watches in
//! `waits`), [`lock`] and [`elect`] on top of it, a [`barrier`] (N start together, finish
//! together), a [`work_queue`] (each item to one worker at a time), and why any of them was
//! [`lost`].
//!
//! Keys are laid out as etcd's package lays them out (`NAME/<lease id in hex>`), so etcdctl
//! and etcdkit holders of one name see and exclude each other.

pub mod barrier;
pub mod elect;
mod keep_alive;
pub mod lock;
pub mod lost;
pub mod queue;
pub mod session;
pub(crate) mod waits;
pub mod work_queue;

pub use barrier::Barrier;
pub use lost::{wait_lost, LostReason, LostSignal};
pub use session::Session;
pub use work_queue::WorkQueue;
