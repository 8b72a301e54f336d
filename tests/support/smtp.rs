//! A small real SMTP server on 127.0.0.1 that records every mail it accepts: EHLO/HELO,
//! optional STARTTLS or implicit TLS (with the fixture's rcgen certificate), optional AUTH
//! PLAIN/LOGIN, MAIL FROM, RCPT TO, DATA, RSET, NOOP, QUIT. Stopped on Drop.
//!
//! ```ignore
//! let tls = TlsFiles::generate(dir.path());
//! let smtp = SmtpServer::builder().starttls(&tls).auth("alerts", "pw").start();
//! // ... deliver to smtp.addr() with ca_file = tls.ca ...
//! let mail = &smtp.wait_for(1, Duration::from_secs(10))[0];
//! assert!(mail.tls && mail.subject().starts_with("[FIRING:1]"));
//! ```
//!
//! Like real servers, AUTH is offered only once the session is encrypted when TLS is on.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use base64::Engine;
use tokio_rustls::rustls::{ServerConfig, ServerConnection, StreamOwned};

use super::loopback::{lock, LoopbackServer, Recording, Stopping};
use super::TlsFiles;

/// One accepted mail.
#[derive(Debug, Clone)]
pub struct Mail {
    /// The envelope sender (MAIL FROM), without the angle brackets.
    pub from: String,
    /// The envelope recipients (RCPT TO).
    pub to: Vec<String>,
    /// The message as sent after DATA (headers and body, CRLF line ends, dots unstuffed).
    pub data: String,
    /// The session was encrypted (STARTTLS or implicit TLS) when the mail was sent.
    pub tls: bool,
    /// The user that logged in, if any.
    pub auth_user: Option<String>,
}

impl Mail {
    /// A header of the message, unfolded (a long header continues on indented lines).
    pub fn header(&self, name: &str) -> Option<String> {
        let head = self.data.split("\r\n\r\n").next().unwrap_or("");
        let mut value: Option<String> = None;
        for line in head.split("\r\n") {
            if line.starts_with([' ', '\t']) {
                if let Some(v) = value.as_mut() {
                    v.push_str(line.trim_start_matches(['\r', '\n']));
                }
                continue;
            }
            if value.is_some() {
                break;
            }
            if let Some((k, v)) = line.split_once(':') {
                if k.eq_ignore_ascii_case(name) {
                    value = Some(v.trim_start().to_string());
                }
            }
        }
        value
    }

    /// The `Subject` header (empty if missing).
    pub fn subject(&self) -> String {
        self.header("Subject").unwrap_or_default()
    }

    /// The body: everything after the blank line, with CRLF turned into LF.
    pub fn body(&self) -> String {
        self.data
            .split_once("\r\n\r\n")
            .map(|(_, b)| b.replace("\r\n", "\n"))
            .unwrap_or_default()
    }
}

/// How the server behaves; see [`SmtpServer::builder`].
#[derive(Default)]
pub struct SmtpBuilder {
    tls: Option<Arc<ServerConfig>>,
    implicit_tls: bool,
    auth: Option<(String, String)>,
}

impl SmtpBuilder {
    /// Offer STARTTLS with the fixture's server certificate (127.0.0.1 / localhost).
    pub fn starttls(mut self, files: &TlsFiles) -> SmtpBuilder {
        self.tls = Some(files.server_config());
        self.implicit_tls = false;
        self
    }

    /// Speak TLS from the first byte (SMTPS, like port 465).
    pub fn implicit_tls(mut self, files: &TlsFiles) -> SmtpBuilder {
        self.tls = Some(files.server_config());
        self.implicit_tls = true;
        self
    }

    /// Offer AUTH PLAIN and LOGIN, accept only this user and password, and require a login
    /// before MAIL FROM.
    pub fn auth(mut self, user: &str, password: &str) -> SmtpBuilder {
        self.auth = Some((user.to_string(), password.to_string()));
        self
    }

    /// Starts listening.
    pub fn start(self) -> SmtpServer {
        let shared = Arc::new(Shared {
            mails: Recording::new(),
            failed_logins: Mutex::new(0),
            options: self,
        });
        let server = {
            let shared = shared.clone();
            LoopbackServer::start("smtp server", move |stream, stopping| {
                Session::new(stream, &shared).run(stopping)
            })
        };
        SmtpServer { server, shared }
    }
}

struct Shared {
    mails: Recording<Mail>,
    failed_logins: Mutex<u32>,
    options: SmtpBuilder,
}

/// The running server; stopped on Drop.
pub struct SmtpServer {
    server: LoopbackServer,
    shared: Arc<Shared>,
}

impl SmtpServer {
    /// Plain SMTP, no TLS, no login.
    pub fn start() -> SmtpServer {
        SmtpServer::builder().start()
    }

    /// A server with TLS and/or AUTH.
    pub fn builder() -> SmtpBuilder {
        SmtpBuilder::default()
    }

    /// `127.0.0.1:PORT`, as an email channel's `smtp` field wants it.
    pub fn addr(&self) -> SocketAddr {
        self.server.addr()
    }

    /// The mails accepted so far.
    pub fn mails(&self) -> Vec<Mail> {
        self.shared.mails.all()
    }

    /// Logins refused so far (wrong user or password).
    pub fn failed_logins(&self) -> u32 {
        *lock(&self.shared.failed_logins)
    }

    /// Waits until at least `n` mails arrived and returns them all; panics after `timeout`.
    pub fn wait_for(&self, n: usize, timeout: Duration) -> Vec<Mail> {
        let what = format!("mails at {}", self.addr());
        self.shared.mails.wait_for(n, timeout, &what)
    }
}

/// The connection, plain or encrypted; `Gone` only for the moment of the STARTTLS upgrade.
enum Stream {
    Plain(TcpStream),
    Tls(Box<StreamOwned<ServerConnection, TcpStream>>),
    Gone,
}

impl Read for Stream {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match self {
            Stream::Plain(s) => s.read(buf),
            Stream::Tls(s) => s.read(buf),
            Stream::Gone => Ok(0),
        }
    }
}

impl Write for Stream {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Stream::Plain(s) => s.write(buf),
            Stream::Tls(s) => s.write(buf),
            Stream::Gone => Ok(0),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Stream::Plain(s) => s.flush(),
            Stream::Tls(s) => s.flush(),
            Stream::Gone => Ok(()),
        }
    }
}

/// One SMTP conversation.
struct Session<'a> {
    stream: Stream,
    pending: Vec<u8>,
    shared: &'a Shared,
    tls: bool,
    auth_user: Option<String>,
    from: Option<String>,
    to: Vec<String>,
}

impl<'a> Session<'a> {
    fn new(tcp: TcpStream, shared: &'a Shared) -> Session<'a> {
        let options = &shared.options;
        let (stream, tls) = match (&options.tls, options.implicit_tls) {
            (Some(config), true) => {
                let conn = ServerConnection::new(config.clone()).expect("TLS session");
                (Stream::Tls(Box::new(StreamOwned::new(conn, tcp))), true)
            }
            _ => (Stream::Plain(tcp), false),
        };
        Session {
            stream,
            pending: Vec::new(),
            shared,
            tls,
            auth_user: None,
            from: None,
            to: Vec::new(),
        }
    }

    fn run(mut self, stopping: &Stopping) {
        if self
            .reply("220 127.0.0.1 ESMTP etcdkit test server")
            .is_none()
        {
            return;
        }
        while !stopping.is_set() {
            let Some(line) = self.read_line() else { return };
            let (verb, arg) = match line.split_once(' ') {
                Some((v, a)) => (v.to_ascii_uppercase(), a.trim().to_string()),
                None => (line.to_ascii_uppercase(), String::new()),
            };
            let answered = match verb.as_str() {
                "EHLO" => self.ehlo(),
                "HELO" => self.reply("250 127.0.0.1"),
                "STARTTLS" => self.starttls(),
                "AUTH" => self.auth(&arg),
                "MAIL" => self.mail_from(&arg),
                "RCPT" => self.rcpt_to(&arg),
                "DATA" => self.data(),
                "RSET" => {
                    self.from = None;
                    self.to.clear();
                    self.reply("250 2.0.0 OK")
                }
                "NOOP" => self.reply("250 2.0.0 OK"),
                "QUIT" => {
                    let _ = self.reply("221 2.0.0 Bye");
                    return;
                }
                _ => self.reply("502 5.5.2 Command not recognized"),
            };
            if answered.is_none() {
                return;
            }
        }
    }

    fn auth_offered(&self) -> bool {
        self.shared.options.auth.is_some() && (self.tls || self.shared.options.tls.is_none())
    }

    fn ehlo(&mut self) -> Option<()> {
        let mut lines = vec!["127.0.0.1 greets you", "8BITMIME"];
        if self.shared.options.tls.is_some() && !self.tls {
            lines.push("STARTTLS");
        }
        if self.auth_offered() {
            lines.push("AUTH PLAIN LOGIN");
        }
        let last = lines.len() - 1;
        let text: Vec<String> = lines
            .iter()
            .enumerate()
            .map(|(i, l)| format!("250{}{l}", if i == last { ' ' } else { '-' }))
            .collect();
        self.reply(&text.join("\r\n"))
    }

    fn starttls(&mut self) -> Option<()> {
        let config = match (&self.shared.options.tls, self.tls) {
            (Some(config), false) => config.clone(),
            _ => return self.reply("454 4.7.0 TLS not available"),
        };
        self.reply("220 2.0.0 Ready to start TLS")?;
        self.pending.clear();
        let Stream::Plain(tcp) = std::mem::replace(&mut self.stream, Stream::Gone) else {
            return None;
        };
        let conn = ServerConnection::new(config).ok()?;
        self.stream = Stream::Tls(Box::new(StreamOwned::new(conn, tcp)));
        // RFC 3207: the session starts over.
        self.tls = true;
        self.auth_user = None;
        self.from = None;
        self.to.clear();
        Some(())
    }

    fn auth(&mut self, arg: &str) -> Option<()> {
        if !self.auth_offered() {
            return self.reply("503 5.5.1 AUTH not available (STARTTLS first?)");
        }
        let (mechanism, initial) = match arg.split_once(' ') {
            Some((m, i)) => (m.to_ascii_uppercase(), Some(i.trim().to_string())),
            None => (arg.to_ascii_uppercase(), None),
        };
        let (user, password) = match mechanism.as_str() {
            "PLAIN" => {
                let response = match initial {
                    Some(r) => r,
                    None => {
                        self.reply("334 ")?;
                        self.read_line()?
                    }
                };
                let decoded = decode(&response);
                let mut parts = decoded.split('\0').skip(1);
                (
                    parts.next().unwrap_or("").to_string(),
                    parts.next().unwrap_or("").to_string(),
                )
            }
            "LOGIN" => {
                let user = match initial {
                    Some(u) => decode(&u),
                    None => {
                        self.reply("334 VXNlcm5hbWU6")?;
                        decode(&self.read_line()?)
                    }
                };
                self.reply("334 UGFzc3dvcmQ6")?;
                (user, decode(&self.read_line()?))
            }
            _ => return self.reply("504 5.5.4 Unrecognized authentication type"),
        };
        let expected = self.shared.options.auth.clone().unwrap_or_default();
        if (user.as_str(), password.as_str()) == (expected.0.as_str(), expected.1.as_str()) {
            self.auth_user = Some(user);
            self.reply("235 2.7.0 Authentication successful")
        } else {
            *lock(&self.shared.failed_logins) += 1;
            self.reply("535 5.7.8 Authentication credentials invalid")
        }
    }

    fn mail_from(&mut self, arg: &str) -> Option<()> {
        if self.shared.options.auth.is_some() && self.auth_user.is_none() {
            return self.reply("530 5.7.0 Authentication required");
        }
        match address(arg, "FROM:") {
            Some(from) => {
                self.from = Some(from);
                self.to.clear();
                self.reply("250 2.1.0 OK")
            }
            None => self.reply("501 5.5.4 Syntax: MAIL FROM:<address>"),
        }
    }

    fn rcpt_to(&mut self, arg: &str) -> Option<()> {
        if self.from.is_none() {
            return self.reply("503 5.5.1 MAIL first");
        }
        match address(arg, "TO:") {
            Some(to) => {
                self.to.push(to);
                self.reply("250 2.1.5 OK")
            }
            None => self.reply("501 5.5.4 Syntax: RCPT TO:<address>"),
        }
    }

    fn data(&mut self) -> Option<()> {
        if self.from.is_none() || self.to.is_empty() {
            return self.reply("503 5.5.1 RCPT first");
        }
        self.reply("354 End data with <CR><LF>.<CR><LF>")?;
        let mut lines = Vec::new();
        loop {
            let line = self.read_line()?;
            if line == "." {
                break;
            }
            lines.push(line.strip_prefix('.').map(str::to_string).unwrap_or(line));
        }
        let mail = Mail {
            from: self.from.take().unwrap_or_default(),
            to: std::mem::take(&mut self.to),
            data: lines.join("\r\n"),
            tls: self.tls,
            auth_user: self.auth_user.clone(),
        };
        self.shared.mails.push(mail);
        self.reply("250 2.0.0 OK queued")
    }

    fn reply(&mut self, text: &str) -> Option<()> {
        self.stream
            .write_all(format!("{text}\r\n").as_bytes())
            .ok()?;
        self.stream.flush().ok()
    }

    /// The next line without its CRLF; `None` when the client went away.
    fn read_line(&mut self) -> Option<String> {
        let mut chunk = [0u8; 4096];
        loop {
            if let Some(i) = self.pending.windows(2).position(|w| w == b"\r\n") {
                let line = String::from_utf8_lossy(&self.pending[..i]).into_owned();
                self.pending.drain(..i + 2);
                return Some(line);
            }
            let n = self.stream.read(&mut chunk).ok().filter(|n| *n > 0)?;
            self.pending.extend_from_slice(&chunk[..n]);
        }
    }
}

/// `FROM:<a@b> SIZE=10` -> `a@b`.
fn address(arg: &str, prefix: &str) -> Option<String> {
    let rest = arg.get(..prefix.len())?;
    if !rest.eq_ignore_ascii_case(prefix) {
        return None;
    }
    let rest = arg[prefix.len()..].trim_start();
    let inner = rest.strip_prefix('<')?.split('>').next()?;
    Some(inner.to_string())
}

fn decode(b64: &str) -> String {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(b64.trim())
        .unwrap_or_default();
    String::from_utf8_lossy(&bytes).into_owned()
}
