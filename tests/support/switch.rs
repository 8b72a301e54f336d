//! [`Switch`]: a userspace Ethernet switch between a [`Network`](super::Network)'s ports, each of
//! which can be cut off, delayed or made lossy while it runs.
//!
//! The kernel this suite was written on has no sch_netem (`tc qdisc ... netem`), so delay and
//! loss are made here, frame by frame. One thread reads every frame that enters a port (an
//! AF_PACKET socket bound to it), learns which port each source MAC is behind, and queues the
//! frame for the port its destination is behind (every other port for broadcasts and unknown
//! destinations), to be sent once the delays of the port it came in by and of the port it goes
//! out by have passed. A port's loss drops each frame to or from it with that probability; a
//! port that is down drops everything to and from it, silently (peers get no resets: their
//! connections hang, as behind a pulled cable). Jitter varies each frame's delay, but frames
//! from one port to another keep their order, as on a real link.
//!
//! The hosts' offloads must be off (no TSO/GSO super-frames, no partial checksums): a raw socket
//! passes on frames as they are, and those would not be valid on the other side.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::ffi::CString;
use std::io;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use super::netns::in_netns;

/// How a port's frames are degraded, both ways: each is delayed by `delay` give or take up to
/// `jitter` (uniformly), and dropped with probability `loss` (0.0 to 1.0).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Degrade {
    pub delay: Duration,
    pub jitter: Duration,
    pub loss: f64,
}

/// A port's settings.
#[derive(Debug, Clone, Copy)]
struct Port {
    up: bool,
    degrade: Degrade,
}

/// The switch's thread and the settings it reads; stopped (thread joined, sockets closed) on
/// Drop.
pub struct Switch {
    ports: Arc<Mutex<Vec<Port>>>,
    stop: Arc<AtomicBool>,
    /// An eventfd that wakes the thread to stop.
    wake: Arc<OwnedFd>,
    thread: Option<JoinHandle<()>>,
}

impl Switch {
    /// Starts switching between the links `ports` of namespace `netns` (port `i` is
    /// `ports[i]`), all up and undegraded.
    pub fn start(netns: &str, ports: &[String]) -> io::Result<Switch> {
        let sockets: Vec<OwnedFd> = in_netns(netns, || {
            ports.iter().map(|p| open(p)).collect::<io::Result<_>>()
        })?;
        // SAFETY: eventfd(2) has no memory-safety preconditions.
        let wake = unsafe { libc::eventfd(0, libc::EFD_CLOEXEC | libc::EFD_NONBLOCK) };
        if wake < 0 {
            return Err(io::Error::last_os_error());
        }
        // SAFETY: a descriptor just made, owned by nobody else.
        let wake = Arc::new(unsafe { OwnedFd::from_raw_fd(wake) });
        let settings = Arc::new(Mutex::new(vec![
            Port {
                up: true,
                degrade: Degrade::default(),
            };
            ports.len()
        ]));
        let stop = Arc::new(AtomicBool::new(false));
        let forwarder = Forwarder {
            last: vec![vec![Instant::now(); ports.len()]; ports.len()],
            sockets,
            ports: settings.clone(),
            stop: stop.clone(),
            wake: wake.clone(),
            macs: HashMap::new(),
            queue: BinaryHeap::new(),
            seq: 0,
            rng: fastrand::Rng::with_seed(0x5eed),
        };
        let thread = thread::Builder::new()
            .name(format!("switch {netns}"))
            .spawn(move || forwarder.run())?;
        Ok(Switch {
            ports: settings,
            stop,
            wake,
            thread: Some(thread),
        })
    }

    /// Sets port `i` up (frames pass) or down (every frame to or from it is dropped).
    pub fn set_up(&self, i: usize, up: bool) {
        self.lock()[i].up = up;
    }

    /// Delays and drops port `i`'s frames from now on (frames already queued keep theirs).
    pub fn degrade(&self, i: usize, degrade: Degrade) {
        assert!(
            (0.0..=1.0).contains(&degrade.loss),
            "loss {} is not a probability",
            degrade.loss
        );
        self.lock()[i].degrade = degrade;
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Port>> {
        self.ports.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Drop for Switch {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let one = 1u64.to_ne_bytes();
        // SAFETY: writes 8 bytes from a live buffer to our eventfd.
        unsafe {
            libc::write(self.wake.as_raw_fd(), one.as_ptr().cast(), one.len());
        }
        if let Some(thread) = self.thread.take() {
            if thread.join().is_err() && !thread::panicking() {
                panic!("the network's switch thread panicked");
            }
        }
    }
}

/// A frame waiting for its time to be sent out by port `to`.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
struct Queued {
    at: Instant,
    /// Ties go to the frame that came first.
    seq: u64,
    to: usize,
    frame: Vec<u8>,
}

/// What the switch's thread owns.
struct Forwarder {
    sockets: Vec<OwnedFd>,
    ports: Arc<Mutex<Vec<Port>>>,
    stop: Arc<AtomicBool>,
    wake: Arc<OwnedFd>,
    /// Source MAC -> the port it was last seen on.
    macs: HashMap<[u8; 6], usize>,
    queue: BinaryHeap<Reverse<Queued>>,
    seq: u64,
    /// `last[from][to]`: when the last frame from `from` to `to` is due (none goes before it).
    last: Vec<Vec<Instant>>,
    rng: fastrand::Rng,
}

impl Forwarder {
    fn run(mut self) {
        let mut fds: Vec<libc::pollfd> = self
            .sockets
            .iter()
            .map(|s| s.as_raw_fd())
            .chain([self.wake.as_raw_fd()])
            .map(|fd| libc::pollfd {
                fd,
                events: libc::POLLIN,
                revents: 0,
            })
            .collect();
        let mut buf = vec![0u8; 65536];
        while !self.stop.load(Ordering::SeqCst) {
            // Sleeps until a frame comes in, the next queued one is due, or Drop wakes us.
            let timeout = self.queue.peek().map(|Reverse(q)| {
                let d = q.at.saturating_duration_since(Instant::now());
                libc::timespec {
                    tv_sec: d.as_secs() as libc::time_t,
                    tv_nsec: d.subsec_nanos() as libc::c_long,
                }
            });
            let timeout = timeout.as_ref().map_or(std::ptr::null(), |t| t as *const _);
            // SAFETY: `fds` is a live array of pollfd of the length given.
            unsafe {
                libc::ppoll(
                    fds.as_mut_ptr(),
                    fds.len() as libc::nfds_t,
                    timeout,
                    std::ptr::null(),
                )
            };
            let ready: Vec<usize> = (0..self.sockets.len())
                .filter(|&i| fds[i].revents != 0)
                .collect();
            for i in ready {
                self.read(i, &mut buf);
            }
            self.send_due();
        }
    }

    /// Takes in what port `from` has received (a bounded batch, so that no port starves the
    /// others or the queue).
    fn read(&mut self, from: usize, buf: &mut [u8]) {
        let fd = self.sockets[from].as_raw_fd();
        for _ in 0..256 {
            // SAFETY: sockaddr_ll is plain data; all zeroes is a valid value.
            let mut addr: libc::sockaddr_ll = unsafe { std::mem::zeroed() };
            let mut len = std::mem::size_of::<libc::sockaddr_ll>() as libc::socklen_t;
            // SAFETY: recvfrom(2) into live buffers of the lengths given.
            let n = unsafe {
                libc::recvfrom(
                    fd,
                    buf.as_mut_ptr().cast(),
                    buf.len(),
                    libc::MSG_DONTWAIT,
                    (&mut addr as *mut libc::sockaddr_ll).cast(),
                    &mut len,
                )
            };
            if n < 0 {
                return;
            }
            // Our own sends out of this port come back to its socket too.
            if addr.sll_pkttype != libc::PACKET_OUTGOING {
                self.forward(from, &buf[..n as usize]);
            }
        }
    }

    /// The ports' settings now.
    fn settings(&self) -> Vec<Port> {
        self.ports
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Queues a frame that came in by port `from` for the port(s) it goes to.
    fn forward(&mut self, from: usize, frame: &[u8]) {
        if frame.len() < 14 {
            return;
        }
        let now = Instant::now();
        let ports = self.settings();
        if !ports[from].up {
            return;
        }
        let dst: [u8; 6] = frame[0..6].try_into().expect("6 bytes");
        let src: [u8; 6] = frame[6..12].try_into().expect("6 bytes");
        if src[0] & 1 == 0 {
            self.macs.insert(src, from);
        }
        let known = (dst[0] & 1 == 0).then(|| self.macs.get(&dst).copied());
        let to: Vec<usize> = match known.flatten() {
            Some(to) => vec![to],
            None => (0..ports.len()).collect(),
        };
        for to in to.into_iter().filter(|&to| to != from && ports[to].up) {
            let (a, b) = (ports[from].degrade, ports[to].degrade);
            if self.lost(a.loss) || self.lost(b.loss) {
                continue;
            }
            let at = (now + self.delay(a) + self.delay(b)).max(self.last[from][to]);
            self.last[from][to] = at;
            self.seq += 1;
            self.queue.push(Reverse(Queued {
                at,
                seq: self.seq,
                to,
                frame: frame.to_vec(),
            }));
        }
    }

    /// Sends the queued frames that are due, to ports still up; a frame the kernel will not
    /// take now (its queue is full) is lost, as on a congested link.
    fn send_due(&mut self) {
        let now = Instant::now();
        let ports = self.settings();
        while self.queue.peek().is_some_and(|Reverse(q)| q.at <= now) {
            let Reverse(q) = self.queue.pop().expect("peeked");
            if ports[q.to].up {
                // SAFETY: send(2) from a live buffer of the length given.
                unsafe {
                    libc::send(
                        self.sockets[q.to].as_raw_fd(),
                        q.frame.as_ptr().cast(),
                        q.frame.len(),
                        libc::MSG_DONTWAIT,
                    )
                };
            }
        }
    }

    fn lost(&mut self, loss: f64) -> bool {
        loss > 0.0 && self.rng.f64() < loss
    }

    /// `delay` give or take up to `jitter`, never below zero.
    fn delay(&mut self, d: Degrade) -> Duration {
        let jitter = d.jitter.as_nanos() as i128;
        let offset = match jitter {
            0 => 0,
            _ => self.rng.i64(-(jitter as i64)..=jitter as i64) as i128,
        };
        let nanos = (d.delay.as_nanos() as i128 + offset).max(0);
        Duration::from_nanos(nanos as u64)
    }
}

/// An AF_PACKET socket that gets every frame link `name` receives (and sends), and sends out
/// by it.
fn open(name: &str) -> io::Result<OwnedFd> {
    let c_name = CString::new(name).map_err(io::Error::other)?;
    // SAFETY: a valid C string.
    let index = unsafe { libc::if_nametoindex(c_name.as_ptr()) };
    if index == 0 {
        return Err(io::Error::last_os_error());
    }
    // Protocol 0 until bound: otherwise it would get frames of every link in between.
    // SAFETY: socket(2) has no memory-safety preconditions.
    let fd = unsafe {
        libc::socket(
            libc::AF_PACKET,
            libc::SOCK_RAW | libc::SOCK_CLOEXEC | libc::SOCK_NONBLOCK,
            0,
        )
    };
    if fd < 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: a descriptor just made, owned by nobody else.
    let fd = unsafe { OwnedFd::from_raw_fd(fd) };
    // SAFETY: sockaddr_ll is plain data; all zeroes is a valid value.
    let mut addr: libc::sockaddr_ll = unsafe { std::mem::zeroed() };
    addr.sll_family = libc::AF_PACKET as u16;
    addr.sll_protocol = (libc::ETH_P_ALL as u16).to_be();
    addr.sll_ifindex = index as i32;
    // SAFETY: bind(2) with a live sockaddr_ll and its size.
    let bound = unsafe {
        libc::bind(
            fd.as_raw_fd(),
            (&addr as *const libc::sockaddr_ll).cast(),
            std::mem::size_of::<libc::sockaddr_ll>() as libc::socklen_t,
        )
    };
    if bound < 0 {
        return Err(io::Error::last_os_error());
    }
    // Room for bursts while the thread is busy (SO_RCVBUFFORCE: we are root; past rmem_max).
    let size: libc::c_int = 4 << 20;
    // SAFETY: setsockopt(2) with a live c_int and its size.
    unsafe {
        libc::setsockopt(
            fd.as_raw_fd(),
            libc::SOL_SOCKET,
            libc::SO_RCVBUFFORCE,
            (&size as *const libc::c_int).cast(),
            std::mem::size_of::<libc::c_int>() as libc::socklen_t,
        )
    };
    Ok(fd)
}
