//! Service discovery (`etcdkit discover`): instances registered under a service, their health
//! checks, and what clients read of them.

pub mod check;
mod grpc_health;
