//! Listening on an address a user gave (`--listen`): a bare port is 127.0.0.1, and an address
//! that cannot be listened on is bad input that names it.

use tokio::net::TcpListener;

use crate::error::{Error, Result};

/// A listener on `addr` (`HOST:PORT`, `[::1]:PORT`, or a bare port on 127.0.0.1); `example`
/// is an address to suggest when it cannot be had.
pub async fn listen(addr: &str, example: &str) -> Result<TcpListener> {
    let addr = match addr.parse::<u16>() {
        Ok(_) => format!("127.0.0.1:{addr}"),
        Err(_) => addr.to_string(),
    };
    TcpListener::bind(&addr).await.map_err(|e| {
        Error::usage_with_hint(
            format!("cannot listen on {addr}: {e}"),
            format!("give a free address such as {example}, or a bare port"),
        )
    })
}
