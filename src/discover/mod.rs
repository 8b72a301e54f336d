//! Service discovery: instances registered under a service with health checks, kept on their
//! registrar's lease, readable by etcdkit and by grpc clients (etcd's naming JSON).
//!
//! The keys (see [`Layout`]): `ROOT/SERVICE/ID` holds the instances that serve, passing and
//! not drained, each valued as etcd's `client/v3/naming/endpoints` writes it
//! (`{"Op":0,"Addr":"HOST:PORT","Metadata":{...}}`), so that grpc-go's `etcd:///ROOT/SERVICE`
//! resolver and etcd 3.4's `GRPCResolver` find them; `ROOT/.all/SERVICE/ID` holds every
//! instance's full record whatever its health; `ROOT/.drain/SERVICE/ID` marks the drained ones.

pub mod check;
mod grpc_health;
mod layout;
mod pick;
mod record;
mod register;
mod registry;
mod resolver;

pub use layout::{check_id, check_service, Layout, DEFAULT_ROOT};
pub use pick::{pick, Strategy};
pub use record::{CheckRecord, Instance};
pub use register::{Event, RegisterOptions, Registration, MAX_WEIGHT};
pub use registry::{DrainOutcome, Registry, ServiceCounts};
pub use resolver::Resolver;
