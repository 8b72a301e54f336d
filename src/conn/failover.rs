//! The multi-endpoint channel for TLS endpoints: etcd-client's balancer dials with tonic's
//! TLS, which cannot take etcdkit's handshake (`--insecure-skip-tls-verify`), so TLS clients
//! over several endpoints use this one instead. Requests go to one endpoint's channel until a
//! request fails in transport (refused, reset, handshake); the next request then goes to the
//! next endpoint. etcd-client adds endpoints through the usual updater (`add_endpoint`).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use etcd_client::{BalancedChannelBuilder, Channel};
use tokio::sync::mpsc::{self, Receiver};
use tonic::body::Body;
use tonic::codegen::http;
use tonic::transport::channel::Change;
use tonic::transport::{Endpoint, Uri};
use tower::util::BoxCloneSyncService;
use tower::{BoxError, Service, ServiceExt};

use super::{ConnectOptions, TlsMaterial};

/// Makes the channel for [`etcd_client::Client::connect_with_balanced_channel`].
pub(super) struct Builder {
    conn: ConnectOptions,
    tls: Option<TlsMaterial>,
}

impl Builder {
    pub fn new(conn: ConnectOptions, tls: Option<TlsMaterial>) -> Builder {
        Builder { conn, tls }
    }
}

impl BalancedChannelBuilder for Builder {
    type Error = etcd_client::Error;

    fn balanced_channel(
        self,
        buffer_size: usize,
    ) -> Result<(Channel, mpsc::Sender<Change<Uri, Endpoint>>), Self::Error> {
        let (tx, rx) = mpsc::channel(buffer_size.max(1));
        let failover = Failover {
            shared: Arc::new(Shared {
                conn: self.conn,
                tls: self.tls,
                changes: Mutex::new(rx),
                members: Mutex::new(Vec::new()),
                current: AtomicUsize::new(0),
            }),
        };
        Ok((Channel::Custom(BoxCloneSyncService::new(failover)), tx))
    }
}

struct Shared {
    conn: ConnectOptions,
    tls: Option<TlsMaterial>,
    /// Endpoints added or removed, taken in before each request.
    changes: Mutex<Receiver<Change<Uri, Endpoint>>>,
    members: Mutex<Vec<(Uri, tonic::transport::Channel)>>,
    /// The index in `members` requests go to.
    current: AtomicUsize,
}

#[derive(Clone)]
struct Failover {
    shared: Arc<Shared>,
}

impl Shared {
    /// The channel to use now, and its index, after taking in any endpoint changes.
    fn pick(&self) -> Result<(usize, tonic::transport::Channel), BoxError> {
        let mut members = self.members.lock().unwrap_or_else(|e| e.into_inner());
        let mut changes = self.changes.lock().unwrap_or_else(|e| e.into_inner());
        while let Ok(change) = changes.try_recv() {
            match change {
                Change::Insert(uri, _) => {
                    if members.iter().all(|(u, _)| *u != uri) {
                        let url = uri.to_string();
                        let url = url.trim_end_matches('/');
                        let channel = self.conn.channel(url, self.tls.as_ref())?;
                        members.push((uri, channel));
                    }
                }
                Change::Remove(uri) => members.retain(|(u, _)| *u != uri),
            }
        }
        if members.is_empty() {
            return Err("no endpoint to send the request to".into());
        }
        let i = self.current.load(Ordering::Relaxed) % members.len();
        Ok((i, members[i].1.clone()))
    }
}

impl Service<http::Request<Body>> for Failover {
    type Response = http::Response<Body>;
    type Error = BoxError;
    type Future = std::pin::Pin<
        Box<dyn std::future::Future<Output = Result<Self::Response, BoxError>> + Send>,
    >;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), BoxError>> {
        // Each request waits for its endpoint's channel in `call`.
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: http::Request<Body>) -> Self::Future {
        let shared = self.shared.clone();
        Box::pin(async move {
            let (i, channel) = shared.pick()?;
            let answer = channel.oneshot(request).await;
            if answer.is_err() {
                // A transport failure (a gRPC error is an answer): the next request tries the
                // next endpoint.
                let _ =
                    shared
                        .current
                        .compare_exchange(i, i + 1, Ordering::Relaxed, Ordering::Relaxed);
            }
            answer.map_err(BoxError::from)
        })
    }
}
