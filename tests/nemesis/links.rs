//! The network's switch, on its own: frames flow between hosts, and a port's delay, loss and
//! partition do what they say (one member running a TCP echo server, the client talking to it).

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::os::fd::AsRawFd;
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use crate::support::{in_netns, Degrade, Network};

/// A connection attempt through a port that passes nothing must fail by then.
const GIVE_UP: Duration = Duration::from_millis(1500);
/// How long an answer that must come may take (TCP retransmits back off after a partition).
const PATIENCE: Duration = Duration::from_secs(30);

#[test]
fn frames_flow_between_the_client_and_a_member() {
    let net = Network::new(1);
    let echo = Echo::start(&net);
    let mut conn = connect(&net, PATIENCE).expect("the client reaches the member");
    round_trip(&mut conn).expect("the member answers");
    // Both ways, and more than one frame's worth.
    let big = vec![7u8; 256 * 1024];
    conn.write_all(&big).unwrap();
    let mut back = vec![0u8; big.len()];
    conn.read_exact(&mut back).unwrap();
    assert_eq!(back, big);
    drop(conn);
    drop(echo);
}

#[test]
fn a_delayed_port_delays_every_frame_both_ways() {
    let net = Network::new(1);
    let _echo = Echo::start(&net);
    let mut conn = connect(&net, PATIENCE).expect("the client reaches the member");
    let (delay, jitter) = (Duration::from_millis(150), Duration::from_millis(30));
    net.degrade(
        0,
        Degrade {
            delay,
            jitter,
            loss: 0.0,
        },
    );
    // The request enters the member's port and the answer leaves it: each at least
    // delay - jitter late.
    for _ in 0..5 {
        let took = round_trip(&mut conn).expect("a delayed port still passes frames");
        assert!(
            took >= 2 * (delay - jitter),
            "a round trip through a port delayed {delay:?} ± {jitter:?} took {took:?}"
        );
    }
    net.restore(0);
    round_trip(&mut conn).expect("a restored port passes frames");
}

#[test]
fn a_port_that_loses_every_frame_passes_nothing_until_restored() {
    let net = Network::new(1);
    let _echo = Echo::start(&net);
    connect(&net, PATIENCE).expect("the client reaches the member");
    net.degrade(
        0,
        Degrade {
            loss: 1.0,
            ..Degrade::default()
        },
    );
    let err = connect(&net, GIVE_UP).expect_err("a connection through a port losing all frames");
    assert_eq!(err.kind(), io::ErrorKind::TimedOut, "{err}");
    net.restore(0);
    let mut conn = connect(&net, PATIENCE).expect("the client reaches the member again");
    round_trip(&mut conn).expect("the member answers again");
}

#[test]
fn a_partitioned_member_drops_frames_silently_and_heals() {
    let net = Network::new(1);
    let _echo = Echo::start(&net);
    let mut conn = connect(&net, PATIENCE).expect("the client reaches the member");
    net.partition(0);
    // Nothing is refused: the attempt hangs until it gives up.
    let err = connect(&net, GIVE_UP).expect_err("a connection to a partitioned member");
    assert_eq!(err.kind(), io::ErrorKind::TimedOut, "{err}");
    // A connection open across the partition is not reset: what was sent meanwhile arrives
    // once it heals.
    conn.write_all(b"ping").unwrap();
    net.heal(0);
    let mut back = [0u8; 4];
    conn.read_exact(&mut back)
        .expect("the connection outlives the partition");
    assert_eq!(&back, b"ping");
    round_trip(&mut connect(&net, PATIENCE).expect("a new connection after the heal")).unwrap();
}

/// Connects from the client's namespace to the member's echo server.
fn connect(net: &Network, timeout: Duration) -> io::Result<TcpStream> {
    let addr = SocketAddr::from((net.member(0).addr, Echo::PORT));
    let conn = in_netns(&net.client().netns, || {
        TcpStream::connect_timeout(&addr, timeout)
    })?;
    conn.set_read_timeout(Some(PATIENCE))?;
    Ok(conn)
}

/// Sends a few bytes and reads them back; how long that took.
fn round_trip(conn: &mut TcpStream) -> io::Result<Duration> {
    let start = Instant::now();
    conn.write_all(b"ping")?;
    let mut back = [0u8; 4];
    conn.read_exact(&mut back)?;
    assert_eq!(&back, b"ping");
    Ok(start.elapsed())
}

/// A TCP server in member 0's namespace that sends back whatever it gets; stopped on Drop.
struct Echo {
    listener: TcpListener,
    thread: Option<JoinHandle<()>>,
}

impl Echo {
    const PORT: u16 = 7000;

    fn start(net: &Network) -> Echo {
        let addr = SocketAddr::from((net.member(0).addr, Self::PORT));
        let listener = in_netns(&net.member(0).netns, || TcpListener::bind(addr))
            .expect("a listener in the member's namespace");
        let accepting = listener.try_clone().unwrap();
        let thread = thread::spawn(move || {
            // Ends when Drop shuts the listener down (accept fails).
            while let Ok((conn, _)) = accepting.accept() {
                thread::spawn(move || echo(conn));
            }
        });
        Echo {
            listener,
            thread: Some(thread),
        }
    }
}

fn echo(mut conn: TcpStream) {
    let _ = conn.set_read_timeout(Some(PATIENCE));
    let mut buf = [0u8; 16384];
    while let Ok(n @ 1..) = conn.read(&mut buf) {
        if conn.write_all(&buf[..n]).is_err() {
            return;
        }
    }
}

impl Drop for Echo {
    fn drop(&mut self) {
        // SAFETY: shutdown(2) on our own listener; a blocked accept then fails (Linux).
        unsafe {
            libc::shutdown(self.listener.as_raw_fd(), libc::SHUT_RDWR);
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
