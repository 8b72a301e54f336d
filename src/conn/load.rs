//! Connections for load generation (`bench`): each request goes straight onto its HTTP/2
//! connection from the task that sends it. Through a tonic channel every request is handed to
//! a buffer task over a queue, gets a timer of its own, and hyper spawns one or two tasks for
//! it; under a benchmark's tens of thousands of requests a second those hops are a good share
//! of the client's CPU. Here the only task is the connection's own. The caller bounds its
//! requests itself.

use std::future::Future;
use std::pin::Pin;
use std::task::{ready, Context, Poll};

use bytes::Bytes;
use etcd_client::Client;
use http_body::Frame;
use http_body_util::BodyExt;
use tonic::body::Body;
use tonic::codegen::http::{self, uri::PathAndQuery, Uri};
use tower::util::BoxCloneSyncService;
use tower::{BoxError, Service};

use super::{classify, socket, ConnectOptions, TlsMaterial};
use crate::error::{Error, Result, Waiting};

/// Requests sent on one HTTP/2 connection, with the endpoint's scheme and authority.
#[derive(Clone)]
struct Direct {
    send: h2::client::SendRequest<Bytes>,
    origin: Uri,
}

type Answer = std::result::Result<http::Response<Body>, BoxError>;

impl Service<http::Request<Body>> for Direct {
    type Response = http::Response<Body>;
    type Error = BoxError;
    type Future = Pin<Box<dyn Future<Output = Answer> + Send>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<std::result::Result<(), BoxError>> {
        // A stream slot is waited for in `call` (HTTP/2's concurrent stream limit).
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: http::Request<Body>) -> Self::Future {
        let (send, origin) = (self.send.clone(), self.origin.clone());
        Box::pin(async move {
            let (mut head, body) = request.into_parts();
            // tonic sends the path alone; HTTP/2 needs the scheme and authority too.
            let mut uri = origin.into_parts();
            uri.path_and_query = head
                .uri
                .path_and_query()
                .cloned()
                .or_else(|| Some(PathAndQuery::from_static("/")));
            head.uri = Uri::from_parts(uri)?;
            // A unary request's body is one encoded message, ready at once.
            let message = body.collect().await?.to_bytes();
            let mut send = send.ready().await?;
            let (answer, mut stream) =
                send.send_request(http::Request::from_parts(head, ()), false)?;
            stream.send_data(message, true)?;
            let answer = answer.await?;
            Ok(answer.map(|recv| {
                Body::new(Received {
                    recv,
                    data_done: false,
                })
            }))
        })
    }
}

/// A response body: its data (each chunk's flow-control window handed back), then trailers,
/// where gRPC puts the call's status.
struct Received {
    recv: h2::RecvStream,
    data_done: bool,
}

impl http_body::Body for Received {
    type Data = Bytes;
    type Error = h2::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<std::result::Result<Frame<Bytes>, h2::Error>>> {
        if !self.data_done {
            match ready!(self.recv.poll_data(cx)) {
                Some(Ok(data)) => {
                    let _ = self.recv.flow_control().release_capacity(data.len());
                    return Poll::Ready(Some(Ok(Frame::data(data))));
                }
                Some(Err(e)) => return Poll::Ready(Some(Err(e))),
                None => self.data_done = true,
            }
        }
        Poll::Ready(match ready!(self.recv.poll_trailers(cx)) {
            Ok(Some(trailers)) => Some(Ok(Frame::trailers(trailers))),
            Ok(None) => None,
            Err(e) => Some(Err(e)),
        })
    }

    fn is_end_stream(&self) -> bool {
        self.recv.is_end_stream()
    }
}

impl ConnectOptions {
    /// A client of `url` for a load generator: plain-http endpoints get an HTTP/2 connection
    /// of their own that requests go onto directly, with no timer per request (the caller
    /// must bound each request); TLS endpoints get [`ConnectOptions::connect_endpoint`]'s
    /// channel.
    pub async fn connect_for_load(&self, url: &str, tls: Option<&TlsMaterial>) -> Result<Client> {
        if url.starts_with("https://") {
            return self.connect_endpoint(url, tls).await;
        }
        let origin: Uri = url
            .parse()
            .map_err(|e| Error::usage(format!("cannot use endpoint {url}: {e}")))?;
        let connect = async {
            let dial = self.deadlines().dial;
            let io = tokio::time::timeout(dial, socket::dial(origin.clone()))
                .await
                .map_err(|_| Error::Timeout {
                    endpoint: url.to_string(),
                    after: dial,
                    waiting: Waiting::Connect,
                })?
                .map_err(|e| classify(url, etcd_client::Error::IoError(e), self.deadlines()))?
                .into_inner();
            let (send, connection) = h2::client::Builder::new()
                .initial_window_size(LOAD_WINDOW)
                .initial_connection_window_size(LOAD_WINDOW)
                .handshake(io)
                .await
                .map_err(|e| Error::Io {
                    context: format!("cannot open an HTTP/2 connection to {url}"),
                    source: std::io::Error::other(e),
                })?;
            tokio::spawn(connection);
            let channel = BoxCloneSyncService::new(Direct { send, origin });
            let options = self.client_options(tls);
            Client::from_channel(etcd_client::Channel::Custom(channel), Some(options))
                .await
                .map_err(|e| classify(url, e, self.deadlines()))
        };
        let limit = self.connect_and_answer();
        match tokio::time::timeout(limit, connect).await {
            Ok(result) => result,
            Err(_) => Err(Error::Timeout {
                endpoint: url.to_string(),
                after: limit,
                waiting: Waiting::Answer,
            }),
        }
    }
}

/// Flow-control windows of a load connection: room for many responses in flight, so the
/// server never waits for a window update.
const LOAD_WINDOW: u32 = 4 * 1024 * 1024;
