//! flagd's gRPC sync service (`flagd.sync.v1.FlagSyncService`), served from a [`Live`] flag set.
//!
//! flagd itself (a `grpc` source) and OpenFeature's flagd providers in in-process mode connect
//! here and receive the whole flag set as flagd's JSON document: at once, and again on every
//! change. `SyncFlags` streams it, `FetchAllFlags` answers it once, and the deprecated
//! `GetMetadata` answers an empty struct (the Python provider asks for it on every connection
//! and needs the field present). There is one flag set per server: a client's selector (the
//! `flagd-selector` header or the deprecated request field) is accepted and does not narrow it;
//! `provider_id` is not used.
//!
//! The messages follow `protobuf/flagd/sync/v1/sync.proto` of open-feature/flagd-schemas,
//! written out with prost's derives (no protoc, no build script), and the service glue is what
//! tonic-build generates for a server.

use std::collections::BTreeMap;
use std::convert::Infallible;
use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use tokio::net::TcpListener;
use tokio::sync::watch;

use super::live::{Current, Live};
use tokio_stream::wrappers::WatchStream;
use tokio_stream::{Stream, StreamExt};
use tonic::body::Body;
use tonic::server::{Grpc, NamedService, ServerStreamingService, UnaryService};
use tonic::{Request, Response, Status};
use tonic_prost::ProstCodec;

// ---------------------------------------------------------------------------------------------------------------
// Messages (package flagd.sync.v1)
// ---------------------------------------------------------------------------------------------------------------

/// `message SyncFlagsRequest { string provider_id = 1; string selector = 2 [deprecated]; }`
#[derive(Clone, PartialEq, prost::Message)]
pub struct SyncFlagsRequest {
    #[prost(string, tag = "1")]
    pub provider_id: String,
    #[prost(string, tag = "2")]
    pub selector: String,
}

/// `message SyncFlagsResponse { string flag_configuration = 1; optional google.protobuf.Struct sync_context = 2; }`
#[derive(Clone, PartialEq, prost::Message)]
pub struct SyncFlagsResponse {
    #[prost(string, tag = "1")]
    pub flag_configuration: String,
    #[prost(message, optional, tag = "2")]
    pub sync_context: Option<Struct>,
}

/// `message FetchAllFlagsRequest { string provider_id = 1; string selector = 2 [deprecated]; }`
#[derive(Clone, PartialEq, prost::Message)]
pub struct FetchAllFlagsRequest {
    #[prost(string, tag = "1")]
    pub provider_id: String,
    #[prost(string, tag = "2")]
    pub selector: String,
}

/// `message FetchAllFlagsResponse { string flag_configuration = 1; }`
#[derive(Clone, PartialEq, prost::Message)]
pub struct FetchAllFlagsResponse {
    #[prost(string, tag = "1")]
    pub flag_configuration: String,
}

/// `message GetMetadataRequest {}` (deprecated upstream)
#[derive(Clone, PartialEq, prost::Message)]
pub struct GetMetadataRequest {}

/// `message GetMetadataResponse { reserved 1; google.protobuf.Struct metadata = 2; }` (deprecated upstream)
#[derive(Clone, PartialEq, prost::Message)]
pub struct GetMetadataResponse {
    #[prost(message, optional, tag = "2")]
    pub metadata: Option<Struct>,
}

/// `google.protobuf.Struct { map<string, Value> fields = 1; }`
#[derive(Clone, PartialEq, prost::Message)]
pub struct Struct {
    #[prost(btree_map = "string, message", tag = "1")]
    pub fields: BTreeMap<String, Value>,
}

/// `google.protobuf.Value { oneof kind { NullValue null_value = 1; double number_value = 2; string string_value = 3;
/// bool bool_value = 4; Struct struct_value = 5; ListValue list_value = 6; } }`
#[derive(Clone, PartialEq, prost::Message)]
pub struct Value {
    #[prost(oneof = "value::Kind", tags = "1, 2, 3, 4, 5, 6")]
    pub kind: Option<value::Kind>,
}

/// `google.protobuf.ListValue { repeated Value values = 1; }`
#[derive(Clone, PartialEq, prost::Message)]
pub struct ListValue {
    #[prost(message, repeated, tag = "1")]
    pub values: Vec<Value>,
}

pub mod value {
    /// The `kind` oneof of `google.protobuf.Value`; `NullValue` is the enum `NULL_VALUE = 0` sent as its number.
    #[derive(Clone, PartialEq, prost::Oneof)]
    pub enum Kind {
        #[prost(int32, tag = "1")]
        NullValue(i32),
        #[prost(double, tag = "2")]
        NumberValue(f64),
        #[prost(string, tag = "3")]
        StringValue(String),
        #[prost(bool, tag = "4")]
        BoolValue(bool),
        #[prost(message, tag = "5")]
        StructValue(super::Struct),
        #[prost(message, tag = "6")]
        ListValue(super::ListValue),
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Service
// ---------------------------------------------------------------------------------------------------------------

/// The gRPC service `flagd.sync.v1.FlagSyncService`: a tower service over `http::Request<B>`, to be served by
/// tonic's transport (see [`serve`]) or added to a tonic router (`NamedService`).
#[derive(Clone)]
pub struct SyncService {
    /// The flag set, updated on every change.
    current: watch::Receiver<Arc<Current>>,
}

pub const SERVICE_NAME: &str = "flagd.sync.v1.FlagSyncService";

impl NamedService for SyncService {
    const NAME: &'static str = SERVICE_NAME;
}

impl SyncService {
    /// The service of the flag set `live` follows.
    pub fn new(live: &Live) -> Self {
        SyncService {
            current: live.subscribe(),
        }
    }

    /// flagd's document of the flag set now.
    fn document(&self) -> Arc<String> {
        self.current.borrow().document.clone()
    }
}

type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send + 'static>>;
type SyncStream = Pin<Box<dyn Stream<Item = Result<SyncFlagsResponse, Status>> + Send + 'static>>;

struct SyncFlagsMethod(SyncService);

impl ServerStreamingService<SyncFlagsRequest> for SyncFlagsMethod {
    type Response = SyncFlagsResponse;
    type ResponseStream = SyncStream;
    type Future = BoxFuture<Result<Response<SyncStream>, Status>>;

    fn call(&mut self, _req: Request<SyncFlagsRequest>) -> Self::Future {
        let svc = self.0.clone();
        Box::pin(async move {
            // The current document at once, then each change; an unchanged text (a change
            // that left the valid flags as they were) is not sent again.
            let mut last: Option<Arc<String>> = None;
            let stream = WatchStream::new(svc.current.clone()).filter_map(move |current| {
                let doc = current.document.clone();
                if last
                    .as_ref()
                    .is_some_and(|l| Arc::ptr_eq(l, &doc) || **l == *doc)
                {
                    return None;
                }
                last = Some(doc.clone());
                Some(Ok(SyncFlagsResponse {
                    flag_configuration: (*doc).clone(),
                    sync_context: None,
                }))
            });
            Ok(Response::new(Box::pin(stream) as SyncStream))
        })
    }
}

struct FetchAllFlagsMethod(SyncService);

impl UnaryService<FetchAllFlagsRequest> for FetchAllFlagsMethod {
    type Response = FetchAllFlagsResponse;
    type Future = BoxFuture<Result<Response<FetchAllFlagsResponse>, Status>>;

    fn call(&mut self, _req: Request<FetchAllFlagsRequest>) -> Self::Future {
        let svc = self.0.clone();
        Box::pin(async move {
            let doc = svc.document();
            Ok(Response::new(FetchAllFlagsResponse {
                flag_configuration: (*doc).clone(),
            }))
        })
    }
}

struct GetMetadataMethod;

impl UnaryService<GetMetadataRequest> for GetMetadataMethod {
    type Response = GetMetadataResponse;
    type Future = BoxFuture<Result<Response<GetMetadataResponse>, Status>>;

    fn call(&mut self, _req: Request<GetMetadataRequest>) -> Self::Future {
        let metadata = Some(Struct::default());
        Box::pin(async move { Ok(Response::new(GetMetadataResponse { metadata })) })
    }
}

impl<B> tower::Service<http::Request<B>> for SyncService
where
    B: http_body::Body + Send + 'static,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>> + Send + 'static,
{
    type Response = http::Response<Body>;
    type Error = Infallible;
    type Future = BoxFuture<Result<http::Response<Body>, Infallible>>;

    fn poll_ready(&mut self, _cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, req: http::Request<B>) -> Self::Future {
        let svc = self.clone();
        match req.uri().path() {
            "/flagd.sync.v1.FlagSyncService/SyncFlags" => Box::pin(async move {
                let mut grpc =
                    Grpc::new(ProstCodec::<SyncFlagsResponse, SyncFlagsRequest>::default());
                Ok(grpc.server_streaming(SyncFlagsMethod(svc), req).await)
            }),
            "/flagd.sync.v1.FlagSyncService/FetchAllFlags" => Box::pin(async move {
                let mut grpc =
                    Grpc::new(ProstCodec::<FetchAllFlagsResponse, FetchAllFlagsRequest>::default());
                Ok(grpc.unary(FetchAllFlagsMethod(svc), req).await)
            }),
            "/flagd.sync.v1.FlagSyncService/GetMetadata" => Box::pin(async move {
                let mut grpc =
                    Grpc::new(ProstCodec::<GetMetadataResponse, GetMetadataRequest>::default());
                Ok(grpc.unary(GetMetadataMethod, req).await)
            }),
            _ => Box::pin(async move {
                let mut response = http::Response::new(Body::default());
                let headers = response.headers_mut();
                headers.insert(
                    Status::GRPC_STATUS,
                    (tonic::Code::Unimplemented as i32).into(),
                );
                headers.insert(
                    http::header::CONTENT_TYPE,
                    tonic::metadata::GRPC_CONTENT_TYPE,
                );
                Ok(response)
            }),
        }
    }
}

/// Serves `flagd.sync.v1.FlagSyncService` for the flag set `live` follows, on `listener`, until
/// the listener fails.
pub async fn serve(listener: TcpListener, live: Arc<Live>) -> io::Result<()> {
    let incoming = tonic::transport::server::TcpIncoming::from(listener).with_nodelay(Some(true));
    tonic::transport::Server::builder()
        // Ping idle streams so that a vanished client is noticed and its stream dropped.
        .http2_keepalive_interval(Some(std::time::Duration::from_secs(30)))
        .serve_with_incoming(SyncService::new(&live), incoming)
        .await
        .map_err(io::Error::other)
}
