//! The client half of gRPC's standard health protocol (`grpc.health.v1.Health/Check`), for
//! `--check-grpc`: one unary call over plaintext HTTP/2, with its two messages written by hand
//! (they have one field each), so no protoc step.

use tonic::client::Grpc;
use tonic::codegen::http::uri::PathAndQuery;
use tonic::transport::Endpoint;

/// `message HealthCheckRequest { string service = 1; }`
#[derive(Clone, PartialEq, prost::Message)]
struct HealthCheckRequest {
    #[prost(string, tag = "1")]
    service: String,
}

/// `message HealthCheckResponse { ServingStatus status = 1; }`
#[derive(Clone, PartialEq, prost::Message)]
struct HealthCheckResponse {
    #[prost(int32, tag = "1")]
    status: i32,
}

/// `ServingStatus.SERVING`, the one answer that means healthy.
pub const SERVING: i32 = 1;

/// A `ServingStatus` by its name in the protocol.
pub fn status_name(status: i32) -> String {
    match status {
        0 => "UNKNOWN".into(),
        1 => "SERVING".into(),
        2 => "NOT_SERVING".into(),
        3 => "SERVICE_UNKNOWN".into(),
        other => format!("status {other}"),
    }
}

/// Why no serving status came back.
pub enum Failed {
    /// No HTTP/2 connection to `addr`.
    Connect(tonic::transport::Error),
    /// The server answered the call with an error status.
    Call(tonic::Status),
}

/// Asks the server at `addr` (`host:port`) how `service` is (`""`: the server as a whole);
/// its `ServingStatus`. No deadline of its own: the caller sets one.
pub async fn check(addr: &str, service: &str) -> Result<i32, Failed> {
    let endpoint = Endpoint::from_shared(format!("http://{addr}")).map_err(Failed::Connect)?;
    let channel = endpoint.connect().await.map_err(Failed::Connect)?;
    let mut grpc = Grpc::new(channel);
    grpc.ready().await.map_err(Failed::Connect)?;
    let request = tonic::Request::new(HealthCheckRequest {
        service: service.to_string(),
    });
    let path = PathAndQuery::from_static("/grpc.health.v1.Health/Check");
    let codec = tonic_prost::ProstCodec::<HealthCheckRequest, HealthCheckResponse>::default();
    let response = grpc
        .unary(request, path, codec)
        .await
        .map_err(Failed::Call)?;
    Ok(response.into_inner().status)
}
