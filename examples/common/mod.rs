//! What every pattern example shares: where etcd is (`--endpoints A,B` or `ETCDKIT_ENDPOINTS`,
//! default 127.0.0.1:2379), a key prefix of its own (`--prefix`, default
//! `/etcdkit-examples/NAME/<random>`, so that runs never see each other's keys), and saying
//! what happens in words. An example exits 0 when the pattern held, 1 when it did not, and 3
//! on bad arguments.

#![allow(dead_code)] // each example uses its own part

use std::time::Duration;

use etcdkit::conn::{ConnectOptions, Target};

/// The longest an example may take against a local cluster before it counts as failed.
pub const LIMIT: Duration = Duration::from_secs(30);

/// The example's settings.
pub struct Example {
    /// The example's name, in its messages.
    pub name: &'static str,
    /// The endpoints to dial.
    pub endpoints: Vec<String>,
    /// The key prefix this run owns (no trailing `/`).
    pub prefix: String,
    /// Any other `--name value` arguments, in order.
    pub rest: Vec<(String, String)>,
}

impl Example {
    /// Reads `--endpoints` and `--prefix` (and keeps other `--name value` pairs); exits 3
    /// with a usage line on anything else.
    pub fn from_args(name: &'static str) -> Example {
        let mut endpoints = std::env::var("ETCDKIT_ENDPOINTS")
            .ok()
            .filter(|e| !e.trim().is_empty())
            .unwrap_or_else(|| "127.0.0.1:2379".to_string());
        let mut prefix = format!("/etcdkit-examples/{name}/{:08x}", fastrand::u32(..));
        let mut rest = Vec::new();
        let mut args = std::env::args().skip(1);
        while let Some(flag) = args.next() {
            let Some(value) = args.next() else {
                usage(name, &format!("{flag} needs a value"));
            };
            match flag.as_str() {
                "--endpoints" => endpoints = value,
                "--prefix" => prefix = value.trim_end_matches('/').to_string(),
                other if other.starts_with("--") => rest.push((other[2..].to_string(), value)),
                other => usage(name, &format!("unexpected argument {other:?}")),
            }
        }
        Example {
            name,
            endpoints: endpoints.split(',').map(|e| e.trim().to_string()).collect(),
            prefix,
            rest,
        }
    }

    /// The connection options for the endpoints.
    pub fn conn(&self) -> ConnectOptions {
        ConnectOptions {
            endpoints: self.endpoints.clone(),
            ..Default::default()
        }
    }

    /// The resolved target, ready to dial.
    pub fn target(&self) -> Target {
        self.conn().resolve().unwrap_or_else(|e| {
            eprintln!("{}: {e}", self.name);
            std::process::exit(3)
        })
    }

    /// A key under this run's prefix.
    pub fn key(&self, rest: &str) -> String {
        format!("{}/{rest}", self.prefix)
    }

    /// The value of `--NAME`, if given.
    pub fn arg(&self, name: &str) -> Option<&str> {
        self.rest
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// What every example's `main` does: connects, runs `pattern` (failing it when it takes
    /// longer than [`LIMIT`]: an example that hangs fails instead), deletes the run's keys and
    /// exits, 0 when the pattern held.
    pub async fn run(
        &self,
        pattern: impl AsyncFnOnce(&Target, &etcd_client::Client) -> Result<String, String>,
    ) -> ! {
        let target = self.target();
        let client = match target.connect().await {
            Ok(client) => client,
            Err(e) => self.finish(Err(format!("cannot reach etcd: {e}"))),
        };
        let held = tokio::time::timeout(LIMIT, pattern(&target, &client))
            .await
            .unwrap_or_else(|_| Err(format!("not done within {} s", LIMIT.as_secs())));
        self.clean(&client).await;
        self.finish(held)
    }

    /// Deletes every key under this run's prefix: what an example does last, whether the
    /// pattern held or not. Says how many keys went.
    pub async fn clean(&self, client: &etcd_client::Client) {
        let options = etcd_client::DeleteOptions::new().with_prefix();
        let prefix = format!("{}/", self.prefix);
        match client.kv_client().delete(prefix, Some(options)).await {
            Ok(resp) => self.say(format!(
                "cleaned up: deleted {} key(s) under {}/",
                resp.deleted(),
                self.prefix
            )),
            Err(e) => self.say(format!("could not clean up {}/: {e}", self.prefix)),
        }
    }

    /// Says a step of the example, in words.
    pub fn say(&self, what: impl std::fmt::Display) {
        println!("{}: {what}", self.name);
    }

    /// Ends the example: exit 0 when the pattern held, 1 (saying why) when it did not.
    pub fn finish(&self, held: Result<String, String>) -> ! {
        match held {
            Ok(summary) => {
                println!("{}: OK: {summary}", self.name);
                std::process::exit(0)
            }
            Err(why) => {
                println!("{}: FAILED: {why}", self.name);
                std::process::exit(1)
            }
        }
    }
}

fn usage(name: &str, problem: &str) -> ! {
    eprintln!("{name}: {problem}\nusage: cargo run --example {name} -- [--endpoints HOST:PORT,...] [--prefix KEY-PREFIX]");
    std::process::exit(3)
}
