//! A TCP server on 127.0.0.1 (a port the OS picks) that runs a handler on its own thread per
//! connection, and stops on Drop: the listener closes and every open connection is shut down,
//! also when the test panics. The HTTP receiver and the SMTP server are built on it, and keep
//! what they receive in a [`Recording`].

use std::net::{Ipv4Addr, Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Set when the server is being dropped; handlers that wait (a hanging reply) check it.
#[derive(Clone, Default)]
pub struct Stopping(Arc<AtomicBool>);

impl Stopping {
    /// The server is going away.
    pub fn is_set(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }

    /// Sleeps until the server goes away.
    pub fn wait(&self) {
        while !self.is_set() {
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// The listener thread and what Drop needs to stop everything.
pub struct LoopbackServer {
    addr: SocketAddr,
    stopping: Stopping,
    open: Arc<Mutex<Vec<TcpStream>>>,
    acceptor: Option<JoinHandle<()>>,
}

impl LoopbackServer {
    /// Binds 127.0.0.1:0 and serves each connection with `handler` on a new thread.
    pub fn start<H>(what: &str, handler: H) -> LoopbackServer
    where
        H: Fn(TcpStream, &Stopping) + Send + Sync + 'static,
    {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
            .unwrap_or_else(|e| panic!("{what}: cannot bind 127.0.0.1:0: {e}"));
        let addr = listener.local_addr().expect("local_addr");
        let stopping = Stopping::default();
        let open = Arc::new(Mutex::new(Vec::new()));
        let handler = Arc::new(handler);
        let acceptor = {
            let (stopping, open) = (stopping.clone(), open.clone());
            std::thread::Builder::new()
                .name(format!("{what} {addr}"))
                .spawn(move || {
                    for stream in listener.incoming() {
                        if stopping.is_set() {
                            break;
                        }
                        let Ok(stream) = stream else { continue };
                        // No handler waits forever on a silent client.
                        let _ = stream.set_read_timeout(Some(Duration::from_secs(30)));
                        if let Ok(clone) = stream.try_clone() {
                            lock(&open).push(clone);
                        }
                        let (handler, stopping) = (handler.clone(), stopping.clone());
                        let _ = std::thread::Builder::new()
                            .name("loopback connection".into())
                            .spawn(move || handler(stream, &stopping));
                    }
                })
                .expect("spawn the acceptor thread")
        };
        LoopbackServer {
            addr,
            stopping,
            open,
            acceptor: Some(acceptor),
        }
    }

    /// `127.0.0.1:PORT`.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }
}

impl Drop for LoopbackServer {
    fn drop(&mut self) {
        self.stopping.0.store(true, Ordering::SeqCst);
        // Wake the acceptor, which then sees the flag and ends.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
        for stream in lock(&self.open).drain(..) {
            let _ = stream.shutdown(Shutdown::Both);
        }
        if let Some(acceptor) = self.acceptor.take() {
            let _ = acceptor.join();
        }
    }
}

/// Locks, ignoring poison: a panicking handler must not hide what was recorded.
pub fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// What a fixture received, in order; tests read it or wait for it.
pub struct Recording<T> {
    items: Mutex<Vec<T>>,
    arrived: Condvar,
}

impl<T: Clone + std::fmt::Debug> Recording<T> {
    pub fn new() -> Recording<T> {
        Recording {
            items: Mutex::new(Vec::new()),
            arrived: Condvar::new(),
        }
    }

    /// Records one more and wakes the waiters.
    pub fn push(&self, item: T) {
        lock(&self.items).push(item);
        self.arrived.notify_all();
    }

    /// Everything so far.
    pub fn all(&self) -> Vec<T> {
        lock(&self.items).clone()
    }

    /// Waits until at least `n` arrived and returns them all; panics after `timeout`, saying
    /// what `what` (e.g. "requests at 127.0.0.1:PORT") did get.
    pub fn wait_for(&self, n: usize, timeout: Duration, what: &str) -> Vec<T> {
        let deadline = Instant::now() + timeout;
        let mut items = lock(&self.items);
        while items.len() < n {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                panic!(
                    "expected {n} {what} within {timeout:?}, got {}: {:#?}",
                    items.len(),
                    *items
                );
            }
            items = self
                .arrived
                .wait_timeout(items, left)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
        items.clone()
    }
}
