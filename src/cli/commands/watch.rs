//! `etcdkit watch KEY|PREFIX [-- CMD...]`: the watch layer's events as JSON Lines, plain lines
//! or a table, or a command run once per event.

use crate::cli::repeat::parse_count;
use std::ffi::OsString;
use std::fmt::Write as _;
use std::io::IsTerminal;
use std::os::unix::ffi::OsStringExt;

use base64::Engine as _;
use clap::Args;
use futures_util::FutureExt as _;

use crate::cli::output::{Color, StreamMode, Style};
use crate::cli::supervise::{self, Ended, Job, Signals};
use crate::cli::Context;
use crate::error::{Error, ExitStatus, Result};
use crate::watch::{self, Event, EventKind, FollowOptions, Keys, Start, Update, UpdateKind};

/// Watch a key or a prefix and print each change, or run a command per change
///
/// Prints every change of KEY (with --prefix: of every key under it) from now on, like
/// `etcdctl watch`, through a dropped connection, a member lost or a leader change: the watch
/// resumes on the next endpoint from the last revision it printed, so no event is lost or
/// printed twice. With --list, the current keys are printed first (as puts, at the revision
/// they were read at); with --rev R the changes from revision R on. When the revision to
/// resume from has been compacted away (etcdctl gives up), the keys are listed again and the
/// difference is printed as puts and deletes flagged as a resync. etcd sends one watch at
/// most 1,000 revisions of history every 100 ms; a long replay is read through several
/// watches at once, on consecutive windows of revisions, and printed in order.
///
/// A prefix is taken as a directory: `--prefix /app` watches `/app/...`, not `/app_other`
/// (etcd's own naming watcher mixes them up, etcd #15022); --raw-prefix takes the bytes as
/// given, as `etcdctl watch --prefix` does.
///
/// Formats (the one stream policy: a format you give wins; only the default follows the
/// terminal, a table there and JSON Lines into a pipe or file):
///   -o json   one JSON object per event (fields in docs/json.md): time (when it arrived),
///             type (put/delete), key, value, revision,
///             create_revision, mod_revision, version, lease (hex, "0" for none), prev (with
///             --prev-kv: value and the same metadata), resync: true on a resync's events.
///             Keys and values are UTF-8 text, or key_base64 / value_base64 when they are not.
///   -o plain  `PUT KEY VALUE` or `DELETE KEY`, one line per event, for `while read -r type
///             key value`: backslash, newline, CR, tab and other control characters are
///             escaped (\\ \n \r \t \xNN, \u{NNNN}), so are bytes that are not UTF-8 (\xNN)
///             and spaces in the key (\x20).
///   -o table  TYPE, REVISION, KEY and VALUE columns, escaped as in plain, cut (…) to fit the
///             screen ($COLUMNS).
/// A resync is noted on stderr in table and plain formats. On a terminal, stderr also says when
/// the watch moves to another endpoint.
///
/// With CMD, nothing is printed: CMD runs once per event, in order, one at a time, with
/// stdin, stdout and stderr passed through and ETCDKIT_WATCH_TYPE (put/delete),
/// ETCDKIT_WATCH_KEY, ETCDKIT_WATCH_VALUE, ETCDKIT_WATCH_REVISION, ETCDKIT_WATCH_PREV_VALUE
/// (with --prev-kv), ETCDKIT_WATCH_RESYNC=1 (on a resync's events), and etcdctl's
/// ETCD_WATCH_EVENT_TYPE (PUT/DELETE), ETCD_WATCH_KEY, ETCD_WATCH_VALUE and
/// ETCD_WATCH_REVISION. A key or value holding a NUL byte (which no environment variable can
/// hold) comes as ETCDKIT_WATCH_KEY_BASE64 / ETCDKIT_WATCH_VALUE_BASE64 instead. A CMD that
/// fails is reported on stderr and the watch goes on; with --stop-on-error the watch ends with
/// CMD's exit code. SIGINT and SIGTERM go on to a running CMD, and end the watch once it is done.
///
/// Exit codes: 0 --count events were printed, or SIGINT/SIGTERM ended the watch; 3 bad flags;
/// 4 no endpoint answered at the start (later the watch waits for one); 5 credentials missing
/// or refused; 127 CMD could not be started; CMD's code with --stop-on-error.
///
/// Examples:
///   etcdkit watch /config/feature-x
///   etcdkit watch --prefix /services -o json | jq -r 'select(.type == "delete") | .key'
///   etcdkit watch --prefix /app --list --count 1000 -o json > app-and-next-changes.jsonl
///   etcdkit watch --prefix /jobs -o plain | while read -r type key value; do ...; done
///   etcdkit watch --prefix /config -- sh -c 'echo "$ETCDKIT_WATCH_KEY changed" >> changes.log'
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct WatchArgs {
    /// The key to watch (with --prefix or --raw-prefix: the prefix)
    #[arg(value_name = "KEY")]
    pub target: String,

    /// A command to run per event (after the key, or after --)
    #[arg(trailing_var_arg = true, value_name = "CMD")]
    pub command: Vec<String>,

    /// Watch every key under KEY taken as a directory (a `/` is added when it has none)
    #[arg(long)]
    pub prefix: bool,

    /// Watch every key that starts with KEY, as given (`/app` also matches `/app_other`)
    #[arg(long, conflicts_with = "prefix")]
    pub raw_prefix: bool,

    /// Print the changes from this revision on (etcdctl's --rev) [default: from now on]
    #[arg(long, value_name = "R")]
    pub rev: Option<i64>,

    /// Print the current keys first (as puts at the revision they were read at), then changes
    #[arg(long, conflicts_with = "rev")]
    pub list: bool,

    /// Also give each event the key's previous value (`prev` in JSON)
    #[arg(long)]
    pub prev_kv: bool,

    /// End after this many events, exit 0 [default: run until SIGINT or SIGTERM]
    #[arg(long, value_name = "N", value_parser = parse_count)]
    pub count: Option<u64>,

    /// With CMD: end the watch when CMD fails, with its exit code [default: say so and go on]
    #[arg(long)]
    pub stop_on_error: bool,
}

/// Runs `etcdkit watch`.
pub async fn run(ctx: &Context, args: &WatchArgs) -> Result<ExitStatus> {
    if args.command.is_empty() && crate::cli::dash_dash_given() {
        return Err(Error::usage_with_hint(
            "no command after --",
            "give the command to run per event, e.g. etcdkit watch /k -- ./on-change.sh",
        ));
    }
    if args.stop_on_error && args.command.is_empty() {
        return Err(Error::usage(
            "--stop-on-error needs a command to run (-- CMD)",
        ));
    }
    supervise::check_program(&args.command)?;
    let keys = if args.prefix {
        Keys::prefix(args.target.as_bytes())
    } else if args.raw_prefix {
        Keys::raw_prefix(args.target.as_bytes())
    } else {
        if args.target.is_empty() {
            return Err(Error::usage_with_hint(
                "the key to watch is empty",
                "give a key, or --prefix '' to watch every key",
            ));
        }
        Keys::key(args.target.as_bytes())
    };
    let conn = ctx.conn()?;
    let target = conn.resolve()?;
    let options = FollowOptions {
        start: match (args.list, args.rev) {
            (true, _) => Start::Snapshot,
            (false, Some(r)) => Start::Revision(r),
            (false, None) => Start::Now,
        },
        prev_kv: args.prev_kv,
        // At the start, an unreachable cluster is an error like for any command; once
        // watching, the watch waits for a member to come back.
        give_up_after: Some(conn.dial_timeout),
        ..FollowOptions::new(keys)
    };
    let mut signals = Signals::catch()?;
    let mut follower = tokio::select! {
        follower = watch::follow(&target, options) => follower?,
        sig = signals.next() => return Ok(supervise::interrupted_by(sig)),
    };
    let mut sink = if args.command.is_empty() {
        Sink::Print(Printer::new(ctx))
    } else {
        Sink::Run
    };
    let mut left = args.count;
    let mut endpoint = follower.endpoint().to_string();
    let mut ready: Option<Update> = None;
    let mut started = false;
    loop {
        let update = match ready.take() {
            Some(update) => match signals.next().now_or_never() {
                Some(sig) => {
                    sink.flush(ctx)?;
                    return Ok(supervise::stream_stopped_by(sig));
                }
                None => update,
            },
            None => tokio::select! {
                update = follower.next() => update?,
                sig = signals.next() => {
                    sink.flush(ctx)?;
                    return Ok(supervise::stream_stopped_by(sig));
                }
            },
        };
        if !started {
            started = true;
            follower.set_give_up_after(None);
        }
        if follower.endpoint() != endpoint {
            endpoint = follower.endpoint().to_string();
            if std::io::stderr().is_terminal() {
                sink.flush(ctx)?;
                ctx.output()
                    .status(&format!("etcdkit: watching through {endpoint} now"));
            }
        }
        if update.kind == UpdateKind::Resync {
            sink.flush(ctx)?;
            if sink.notes_resyncs(ctx) {
                ctx.output().warn(&format!(
                    "etcdkit: the history to resume from was compacted: the keys were listed again at revision {}; the {} below are a resync",
                    update.revision,
                    crate::cli::output::count(update.events.len() as i64, "event")
                ));
            }
        }
        let take = left.map_or(update.events.len(), |n| {
            update
                .events
                .len()
                .min(usize::try_from(n).unwrap_or(usize::MAX))
        });
        let events = &update.events[..take];
        match &mut sink {
            Sink::Print(printer) => printer.add(&update, events),
            Sink::Run => {
                for event in events {
                    let ran = run_command(ctx, args, &update, event, &mut signals).await?;
                    if let Some(code) = ran {
                        return Ok(code);
                    }
                }
            }
        }
        if let Some(n) = &mut left {
            *n -= take as u64;
            if *n == 0 {
                sink.flush(ctx)?;
                return Ok(ExitStatus::Ok);
            }
        }
        // Print in batches while updates are already waiting; show them once none is.
        match follower.next().now_or_never() {
            Some(next) => {
                ready = Some(next?);
                if sink.is_full() {
                    sink.flush(ctx)?;
                }
            }
            None => sink.flush(ctx)?,
        }
    }
}

/// Where events go.
enum Sink {
    /// To stdout, in the stream's format.
    Print(Printer),
    /// To a command per event.
    Run,
}

impl Sink {
    fn flush(&mut self, ctx: &Context) -> Result<()> {
        match self {
            Sink::Print(printer) => printer.flush(ctx),
            Sink::Run => Ok(()),
        }
    }

    fn is_full(&self) -> bool {
        matches!(self, Sink::Print(printer) if printer.buf.len() >= BATCH)
    }

    /// A resync is said on stderr, except in JSON, whose events carry `resync: true`.
    fn notes_resyncs(&self, ctx: &Context) -> bool {
        match self {
            Sink::Print(_) => ctx.output().stream_mode() != StreamMode::JsonLines,
            Sink::Run => true,
        }
    }
}

/// Printed events not yet written: written at once when no further update is waiting (or
/// when the batch is large), so a burst costs few writes and a quiet watch shows each event
/// at once.
struct Printer {
    mode: StreamMode,
    style: Style,
    buf: Vec<u8>,
    /// The table's key column width so far (it grows with the keys seen, up to half the line).
    key_width: usize,
    header_printed: bool,
}

/// A batch this large is written without waiting for the stream to pause.
const BATCH: usize = 64 * 1024;

impl Printer {
    fn new(ctx: &Context) -> Printer {
        let mode = ctx.output().stream_mode();
        Printer {
            mode,
            style: ctx.output().stdout_style(),
            buf: Vec::with_capacity(BATCH + 4096),
            key_width: 3,
            header_printed: false,
        }
    }

    fn add(&mut self, update: &Update, events: &[Event]) {
        let resync = update.kind == UpdateKind::Resync;
        let time = match self.mode {
            StreamMode::JsonLines => crate::cli::output::now(),
            _ => String::new(),
        };
        for event in events {
            match self.mode {
                StreamMode::JsonLines => json_line(&mut self.buf, &time, event, resync),
                StreamMode::Plain => plain_line(&mut self.buf, event),
                StreamMode::Live | StreamMode::Tables => self.table_row(event),
            }
        }
    }

    fn flush(&mut self, ctx: &Context) -> Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        ctx.output().emit_raw(&self.buf)?;
        self.buf.clear();
        Ok(())
    }

    fn table_row(&mut self, event: &Event) {
        let width = self.style.width.map_or(usize::MAX, usize::from);
        let key = escape(&event.key, true);
        let key_len = key.chars().count();
        let cap = (width / 2).max(8);
        self.key_width = self.key_width.max(key_len.min(cap));
        if !self.header_printed {
            self.header_printed = true;
            let header = format!(
                "TYPE    REVISION  {:<w$}  VALUE\n",
                "KEY",
                w = self.key_width
            );
            self.buf.extend_from_slice(header.as_bytes());
        }
        let (kind, color) = match event.kind {
            EventKind::Put => ("PUT", Color::Green),
            EventKind::Delete => ("DELETE", Color::Red),
        };
        let head = format!("{kind:<6}  {:>8}  ", event.revision);
        let key = cut(&key, self.key_width);
        let mut line = format!("{head}{key:<w$}", w = self.key_width);
        if event.kind == EventKind::Put {
            let room = width.saturating_sub(line.chars().count() + 2);
            let _ = write!(line, "  {}", cut(&escape(&event.entry.value, false), room));
        }
        let line = line.trim_end();
        let painted = self.style.paint(kind, color);
        self.buf.extend_from_slice(painted.as_bytes());
        self.buf.extend_from_slice(&line.as_bytes()[kind.len()..]);
        self.buf.push(b'\n');
    }
}

/// `text` cut to `width` characters, the last one an ellipsis when something was cut.
fn cut(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let mut out: String = text.chars().take(width.saturating_sub(1)).collect();
    if width > 0 {
        out.push('…');
    }
    out
}

/// One event as a JSON line, with the `time` it was received first (docs/json.md); a resync's
/// events say so. Written around the event's own serialization, not through serde's flatten,
/// which buffers every field.
fn json_line(buf: &mut Vec<u8>, time: &str, event: &Event, resync: bool) {
    let start = buf.len();
    let written = serde_json::to_writer(&mut *buf, event);
    // Writing into memory a map of strings and numbers cannot fail.
    debug_assert!(written.is_ok());
    // The event is an object: `{...}`, at least one field inside.
    let head = format!("{{\"time\":\"{time}\",");
    buf.splice(start..start + 1, head.into_bytes());
    if resync {
        buf.pop();
        buf.extend_from_slice(b",\"resync\":true}");
    }
    buf.push(b'\n');
}

/// `PUT KEY VALUE` or `DELETE KEY`, escaped to stay one line.
fn plain_line(buf: &mut Vec<u8>, event: &Event) {
    let mut line = String::with_capacity(event.key.len() + event.entry.value.len() + 12);
    match event.kind {
        EventKind::Put => {
            line += "PUT ";
            escape_into(&mut line, &event.key, true);
            line.push(' ');
            escape_into(&mut line, &event.entry.value, false);
        }
        EventKind::Delete => {
            line += "DELETE ";
            escape_into(&mut line, &event.key, true);
        }
    }
    line.push('\n');
    buf.extend_from_slice(line.as_bytes());
}

/// Bytes as one line of text: see [`escape_into`].
fn escape(bytes: &[u8], space_too: bool) -> String {
    let mut out = String::with_capacity(bytes.len());
    escape_into(&mut out, bytes, space_too);
    out
}

/// Appends bytes as one line of text: `\` as `\\`, newline, CR and tab as `\n`, `\r`, `\t`,
/// other control characters as `\xNN` (ASCII) or `\u{NNNN}`, bytes that are not UTF-8 as
/// `\xNN`, and spaces too when `space_too` (a key, so that it stays one field).
fn escape_into(out: &mut String, bytes: &[u8], space_too: bool) {
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            match c {
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                ' ' if space_too => out.push_str("\\x20"),
                c if c.is_ascii_control() => {
                    let _ = write!(out, "\\x{:02x}", c as u32);
                }
                c if c.is_control() => {
                    let _ = write!(out, "\\u{{{:04x}}}", c as u32);
                }
                c => out.push(c),
            }
        }
        for b in chunk.invalid() {
            let _ = write!(out, "\\x{b:02x}");
        }
    }
}

/// Runs CMD for one event and waits for it; `Some(code)` ends the watch.
async fn run_command(
    ctx: &Context,
    args: &WatchArgs,
    update: &Update,
    event: &Event,
    signals: &mut Signals,
) -> Result<Option<ExitStatus>> {
    let job = Job {
        argv: &args.command,
        env: command_env(update, event),
    };
    let running = supervise::spawn(&job).await?;
    let ended = supervise::supervise(running, signals, None, ctx.output()).await?;
    match ended {
        // Ctrl-C or SIGTERM reached CMD too: it is done, and so is the watch.
        Ended::Interrupted(_) => Ok(Some(ExitStatus::Ok)),
        Ended::Exited(status) if status.success() => Ok(None),
        ended => {
            let status = ended.status();
            let code = status.code();
            if args.stop_on_error {
                ctx.output().warn(&format!(
                    "etcdkit: {} failed (exit {code}) for the event at revision {}: stopping",
                    args.command[0], event.revision
                ));
                Ok(Some(status))
            } else {
                ctx.output().warn(&format!(
                    "etcdkit: {} failed (exit {code}) for the event at revision {}; watching on",
                    args.command[0], event.revision
                ));
                Ok(None)
            }
        }
    }
}

/// The variables CMD gets for one event: etcdkit's and etcdctl's.
fn command_env(update: &Update, event: &Event) -> Vec<(String, OsString)> {
    let mut env = Vec::with_capacity(10);
    let revision = OsString::from(event.revision.to_string());
    let (kind, etcdctl_kind) = match event.kind {
        EventKind::Put => ("put", "PUT"),
        EventKind::Delete => ("delete", "DELETE"),
    };
    env.push(("ETCDKIT_WATCH_TYPE".into(), kind.into()));
    env.push(("ETCD_WATCH_EVENT_TYPE".into(), etcdctl_kind.into()));
    env.push(("ETCDKIT_WATCH_REVISION".into(), revision.clone()));
    env.push(("ETCD_WATCH_REVISION".into(), revision));
    bytes_var(&mut env, "KEY", &event.key);
    bytes_var(&mut env, "VALUE", &event.entry.value);
    if let Some(prev) = &event.prev {
        bytes_var(&mut env, "PREV_VALUE", &prev.value);
    }
    if update.kind == UpdateKind::Resync {
        env.push(("ETCDKIT_WATCH_RESYNC".into(), "1".into()));
    }
    env
}

/// ETCDKIT_WATCH_<NAME> (and etcdctl's ETCD_WATCH_<NAME> for the key and value) with the
/// bytes as they are, or ETCDKIT_WATCH_<NAME>_BASE64 when they hold a NUL byte.
fn bytes_var(env: &mut Vec<(String, OsString)>, name: &str, bytes: &[u8]) {
    if bytes.contains(&0) {
        let encoded = base64::engine::general_purpose::STANDARD.encode(bytes);
        env.push((format!("ETCDKIT_WATCH_{name}_BASE64"), encoded.into()));
        return;
    }
    let value = OsString::from_vec(bytes.to_vec());
    if name != "PREV_VALUE" {
        env.push((format!("ETCD_WATCH_{name}"), value.clone()));
    }
    env.push((format!("ETCDKIT_WATCH_{name}"), value));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_keeps_an_event_on_one_line_and_a_key_one_field() {
        assert_eq!(escape(b"a b\nc\\d\te\r", false), "a b\\nc\\\\d\\te\\r");
        assert_eq!(escape(b"/k ey", true), "/k\\x20ey");
        assert_eq!(escape(b"\x00\x1b\x7f", false), "\\x00\\x1b\\x7f");
        assert_eq!(escape(b"caf\xc3\xa9 \xff", false), "café \\xff");
        assert_eq!(escape("\u{85}".as_bytes(), false), "\\u{0085}");
    }

    #[test]
    fn cells_are_cut_with_an_ellipsis() {
        assert_eq!(cut("abcdef", 4), "abc…");
        assert_eq!(cut("abc", 4), "abc");
        assert_eq!(cut("abc", 0), "");
    }
}
