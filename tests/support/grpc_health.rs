//! A real grpc.health.v1 server on 127.0.0.1: grpcio's own `HealthServicer`, run by
//! `grpc_health_server.py` beside this file in the Python venv that `scripts/setup` makes
//! (`.tools/grpc-health`, or `ETCDKIT_TEST_GRPC_PYTHON`). The test sets each service's status
//! and waits until the server has taken it; the server is killed on Drop, and dies with the
//! test process.
//!
//! ```ignore
//! let mut server = GrpcHealthServer::start();
//! server.set("my.pkg.Api", "NOT_SERVING");
//! // ... probe server.addr() ...
//! ```

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

use super::proc::{kill_and_reap, spawn_tied_to_test};

/// The running server; killed on Drop.
pub struct GrpcHealthServer {
    child: Child,
    commands: ChildStdin,
    answers: BufReader<ChildStdout>,
    port: u16,
}

impl GrpcHealthServer {
    /// Serves grpc.health.v1, the server as a whole (service `""`) SERVING.
    pub fn start() -> GrpcHealthServer {
        GrpcHealthServer::run(&[])
    }

    /// A gRPC server without the health service: every call is UNIMPLEMENTED.
    pub fn without_health() -> GrpcHealthServer {
        GrpcHealthServer::run(&["--without-health"])
    }

    fn run(args: &[&str]) -> GrpcHealthServer {
        let python = python();
        let script =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/grpc_health_server.py");
        let mut cmd = Command::new(&python);
        cmd.arg(&script)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        let mut child = spawn_tied_to_test(cmd).unwrap_or_else(|e| {
            panic!(
                "cannot start {} {}: {e}",
                python.display(),
                script.display()
            )
        });
        let commands = child.stdin.take().expect("piped stdin");
        let answers = BufReader::new(child.stdout.take().expect("piped stdout"));
        let mut server = GrpcHealthServer {
            child,
            commands,
            answers,
            port: 0,
        };
        let first = server.answer();
        server.port = first
            .strip_prefix("port ")
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("the gRPC health server said {first:?}, not its port"));
        server
    }

    /// `127.0.0.1:PORT`.
    pub fn addr(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// Sets `service` (`""`: the server as a whole) to `status` (`SERVING`, `NOT_SERVING`,
    /// `UNKNOWN`) and returns once the server has it.
    pub fn set(&mut self, service: &str, status: &str) {
        let service = if service.is_empty() { "-" } else { service };
        writeln!(self.commands, "{service} {status}")
            .and_then(|()| self.commands.flush())
            .expect("the gRPC health server takes commands");
        let answer = self.answer();
        assert_eq!(answer, "ok", "setting {service} to {status}");
    }

    /// The server's next line; panics when it has ended.
    fn answer(&mut self) -> String {
        let mut line = String::new();
        match self.answers.read_line(&mut line) {
            Ok(n) if n > 0 => line.trim_end().to_string(),
            _ => panic!(
                "the gRPC health server ended (status {:?}); its errors are above",
                self.child.try_wait()
            ),
        }
    }
}

impl Drop for GrpcHealthServer {
    fn drop(&mut self) {
        kill_and_reap(&mut self.child);
    }
}

/// The Python with grpcio: `$ETCDKIT_TEST_GRPC_PYTHON`, or the venv `scripts/setup` makes.
fn python() -> PathBuf {
    super::tool_in_repo(
        "ETCDKIT_TEST_GRPC_PYTHON",
        ".tools/grpc-health/bin/python",
        "the Python with grpcio",
        "Make it with scripts/setup, or set ETCDKIT_TEST_GRPC_PYTHON to a python that has \
         grpcio and grpcio-health-checking.",
    )
}
