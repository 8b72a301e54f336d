//! The TCP connection under every plain-http gRPC channel.
//!
//! It reports that it has no vectored writes. HTTP/2 (h2) then copies small DATA frames into
//! its write buffer instead of chaining each one to its own `writev`; with many requests in
//! flight on one connection, a whole batch goes out in one system call. On loopback each
//! system call also runs the receiver's TCP stack, so this halves a benchmark client's CPU
//! per request. TLS connections keep their own stream and are not affected.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};

use hyper_util::rt::TokioIo;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tonic::transport::Uri;

/// A TCP stream whose writes are never vectored.
pub struct PlainWrites(TcpStream);

impl AsyncRead for PlainWrites {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.0).poll_read(cx, buf)
    }
}

impl AsyncWrite for PlainWrites {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.0).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.0).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.0).poll_shutdown(cx)
    }

    fn is_write_vectored(&self) -> bool {
        false
    }
}

/// Dials the URI's host and port, with Nagle's algorithm off (as tonic's own connector does).
pub async fn dial(uri: Uri) -> io::Result<TokioIo<PlainWrites>> {
    Ok(TokioIo::new(PlainWrites(tcp(&uri).await?)))
}

/// The TCP connection to the URI's host and port, Nagle's algorithm off: under plain channels
/// and under etcdkit's TLS handshake alike.
pub async fn tcp(uri: &Uri) -> io::Result<TcpStream> {
    let host = uri
        .host()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "the endpoint has no host"))?
        .trim_start_matches('[')
        .trim_end_matches(']')
        .to_string();
    let port = uri.port_u16().unwrap_or(2379);
    let stream = TcpStream::connect((host.as_str(), port)).await?;
    stream.set_nodelay(true)?;
    Ok(stream)
}
