//! One endpoint's view: status, a timed linearizable read, alarms, member list and quota.
//!
//! The requests go out together on one connection, so a healthy endpoint costs one round
//! trip plus the read; an unreachable one costs one refused connection or one timeout.

use std::time::Instant;

use etcd_client::{AlarmAction, AlarmType, Client, GetOptions};
use serde::Serialize;

use super::{millis, Alarm, MemberInfo, Thresholds};
use crate::conn::{http, ConnectOptions, Target};
use crate::error::{Error, Refusal};
use crate::ids::HexId;
use crate::metrics;

/// The key read to prove that the member serves linearizable reads (etcdctl reads the same).
const READ_KEY: &str = "health";

const UNSTARTED: &str = "unstarted://";

/// A stand-in endpoint for a member that has been added but has not started.
pub(crate) fn unstarted_endpoint(id: u64) -> String {
    format!("{UNSTARTED}{id:x}")
}

/// One endpoint in the report.
#[derive(Debug, Clone, Serialize)]
pub struct EndpointHealth {
    /// The endpoint URL.
    pub endpoint: String,
    /// Answered a linearizable read, and no alarm is active.
    pub healthy: bool,
    /// Why it is not healthy.
    pub error: Option<String>,
    /// Latency of the linearizable read, in milliseconds (null when it failed).
    pub took_ms: Option<f64>,
    /// What to do about the error, for people (not in JSON).
    #[serde(skip)]
    pub hint: Option<String>,
    /// The member's status, when it answered.
    #[serde(flatten)]
    pub status: Option<MemberStatus>,
}

/// What a member says about itself.
#[derive(Debug, Clone, Serialize)]
pub struct MemberStatus {
    /// This member's ID.
    pub member_id: HexId,
    /// This member's name, from the member list (`member_name` in JSON: this row is an
    /// endpoint's, and `name` is always an object's own name).
    #[serde(rename = "member_name")]
    pub name: String,
    /// The cluster this member belongs to.
    pub cluster_id: HexId,
    /// etcd server version.
    pub version: String,
    /// Size of the backend database file.
    pub db_size_bytes: u64,
    /// Bytes of it in use (the rest is free pages a defragment returns).
    pub db_size_in_use_bytes: u64,
    /// The backend quota, and where it came from.
    pub db_quota_bytes: u64,
    /// Where the quota came from: `status` (etcd 3.6+), `flag` (`--db-quota`), `metrics` (the
    /// member's `/metrics`) or `default` (etcd's 2 GiB, assumed only when `/metrics` could not
    /// be read).
    pub db_quota_source: &'static str,
    /// The leader this member follows (null when it has none).
    pub leader_id: Option<HexId>,
    /// This member is the leader.
    pub is_leader: bool,
    /// This member is a learner (non-voting).
    pub is_learner: bool,
    /// Raft term.
    pub raft_term: u64,
    /// Raft committed index.
    pub raft_index: u64,
    /// Raft applied index.
    pub raft_applied_index: u64,
    /// Store revision.
    pub revision: i64,
    /// Errors the member reports about itself.
    pub errors: Vec<String>,
}

/// A probe's findings, with what the report needs beyond the endpoint row.
pub(crate) struct Probe {
    pub endpoint: EndpointHealth,
    /// The error was about configuration (credentials, certificates), not the cluster.
    pub config_error: bool,
    /// The member list this endpoint sees.
    pub members: Option<Vec<MemberInfo>>,
    /// Alarms this endpoint lists (the list is cluster-wide).
    pub alarms: Vec<Alarm>,
    /// The linearizable read succeeded (or was refused only for permission).
    pub read_ok: bool,
}

impl Probe {
    fn failed(endpoint: &str, error: &Error) -> Probe {
        Probe {
            endpoint: EndpointHealth {
                endpoint: endpoint.to_string(),
                healthy: false,
                error: Some(error.to_string()),
                hint: error.hint(),
                took_ms: None,
                status: None,
            },
            config_error: matches!(error, Error::Auth { .. } | Error::Tls { .. }),
            members: None,
            alarms: Vec::new(),
            read_ok: false,
        }
    }
}

/// Probes one endpoint. Never fails: what went wrong is in the probe.
pub(crate) async fn probe(target: &Target, endpoint: &str, thresholds: &Thresholds) -> Probe {
    let conn = target.options();
    if let Some(id) = endpoint.strip_prefix(UNSTARTED) {
        let mut p = Probe::failed(endpoint, &Error::usage(""));
        p.endpoint.error = Some(format!("member {id} was added but has not started"));
        return p;
    }
    // etcd before 3.6 does not say its quota over gRPC, and any quota is possible (1 MiB is a
    // real one): it is read from /metrics every time. The read starts now, beside the gRPC
    // requests (rendering /metrics takes the member a few ms), and is dropped unfinished the
    // moment the gRPC view fails: an endpoint that does not answer costs no extra wait.
    let quota_read = async {
        match thresholds.db_quota_bytes {
            Some(_) => None,
            None => quota_from_metrics(target, endpoint).await,
        }
    };
    let member_view = async {
        let client = target.client(endpoint).await?;
        let (mut for_status, mut maintenance, mut cluster) = (
            client.clone(),
            client.maintenance_client(),
            client.cluster_client(),
        );
        // Status first: it opens the connection, so the read below times the read alone.
        let status = conn.request(endpoint, for_status.status()).await?;
        let (read, alarms, members) = tokio::join!(
            timed_read(conn, endpoint, client),
            conn.request(
                endpoint,
                maintenance.alarm(AlarmAction::Get, AlarmType::None, None)
            ),
            conn.request(endpoint, cluster.member_list()),
        );
        Ok::<_, Error>((status, read, alarms, members))
    };
    tokio::pin!(quota_read, member_view);
    let mut quota_read_early = None;
    let view = loop {
        tokio::select! {
            view = &mut member_view => break view,
            quota = &mut quota_read, if quota_read_early.is_none() => quota_read_early = Some(quota),
        }
    };
    let (status, read, alarms, members) = match view {
        Ok(v) => v,
        Err(e) => return Probe::failed(endpoint, &e),
    };
    let members: Option<Vec<MemberInfo>> = members.ok().map(|list| {
        list.members()
            .iter()
            .map(|m| MemberInfo {
                id: HexId(m.id()),
                name: m.name().to_string(),
                peer_urls: m.peer_urls().to_vec(),
                client_urls: m.client_urls().to_vec(),
                is_learner: m.is_learner(),
            })
            .collect()
    });
    let alarm_list: Vec<Alarm> = match &alarms {
        Ok(a) => a
            .alarms()
            .iter()
            .map(|a| Alarm {
                member_id: HexId(a.member_id()),
                alarm: alarm_name(a.alarm()),
            })
            .collect(),
        Err(_) => Vec::new(),
    };
    let header = status.header();
    let member_id = header.map_or(0, |h| h.member_id());
    let name = members
        .as_ref()
        .and_then(|ms| ms.iter().find(|m| m.id.0 == member_id))
        .map(|m| m.name.clone())
        .unwrap_or_default();
    let db_size_bytes = status.db_size().max(0) as u64;
    let (db_quota_bytes, db_quota_source) = if status.db_size_quota() > 0 {
        (status.db_size_quota() as u64, "status")
    } else if let Some(q) = thresholds.db_quota_bytes {
        (q, "flag")
    } else {
        let quota = match quota_read_early {
            Some(quota) => quota,
            None => quota_read.await,
        };
        match quota {
            Some(q) => (q, "metrics"),
            None => (DEFAULT_QUOTA, "default"),
        }
    };
    let member = MemberStatus {
        member_id: HexId(member_id),
        name,
        cluster_id: HexId(header.map_or(0, |h| h.cluster_id())),
        version: status.version().to_string(),
        db_size_bytes,
        db_size_in_use_bytes: status.raft_used_db_size().max(0) as u64,
        db_quota_bytes,
        db_quota_source,
        leader_id: (status.leader() != 0).then_some(HexId(status.leader())),
        is_leader: status.leader() != 0 && status.leader() == member_id,
        is_learner: status.is_learner(),
        raft_term: status.raft_term(),
        raft_index: status.raft_index(),
        raft_applied_index: status.raft_applied_index(),
        revision: header.map_or(0, |h| h.revision()),
        errors: status.errors().to_vec(),
    };
    let (read_ok, took_ms, mut error) = match read {
        Ok(took) => (true, Some(took), None),
        // Missing or refused credentials: the check could not run (UNKNOWN), whatever the
        // member's status says.
        Err(e @ Error::Auth { .. }) => return Probe::failed(endpoint, &e),
        Err(e) => (false, None, Some(format!("linearizable read failed: {e}"))),
    };
    if let Err(e) = &alarms {
        error.get_or_insert_with(|| format!("cannot list alarms: {e}"));
    }
    if !alarm_list.is_empty() && error.is_none() {
        let list: Vec<String> = alarm_list
            .iter()
            .map(|a| format!("{} on {}", a.alarm, a.member_id))
            .collect();
        error = Some(format!("alarm active: {}", list.join(", ")));
    }
    Probe {
        endpoint: EndpointHealth {
            endpoint: endpoint.to_string(),
            healthy: error.is_none(),
            error,
            hint: None,
            took_ms,
            status: Some(member),
        },
        config_error: false,
        members,
        alarms: alarm_list,
        read_ok,
    }
}

/// etcd's default backend quota, 2 GiB.
pub(crate) const DEFAULT_QUOTA: u64 = 2 * 1024 * 1024 * 1024;

/// A linearizable read, timed. A permission error still proves the member serves reads.
async fn timed_read(
    conn: &ConnectOptions,
    endpoint: &str,
    mut client: Client,
) -> Result<f64, Error> {
    let started = Instant::now();
    let options = GetOptions::new().with_count_only();
    match conn
        .request(endpoint, client.get(READ_KEY, Some(options)))
        .await
    {
        // A user without read permission on the key still proves the read path: etcd checks
        // permissions after the linearizable read's quorum round.
        Ok(_)
        | Err(Error::Auth {
            refusal: Refusal::Permission,
            ..
        }) => Ok(millis(started.elapsed())),
        Err(e) => Err(e),
    }
}

/// The metric that holds the backend quota.
const QUOTA_METRIC: &str = "etcd_server_quota_backend_bytes";

/// The quota from `/metrics` (where `--metrics-urls` says the member serves it). Failure here
/// is not a finding: the default is assumed.
async fn quota_from_metrics(target: &Target, endpoint: &str) -> Option<u64> {
    let at = target.metrics_url(endpoint);
    let timeout = target.options().command_timeout;
    // Only the one line is read: it comes about a fifth of the way into the ~150 KB.
    let line = http::find_line(&at, "/metrics", target.tls(), timeout, QUOTA_METRIC)
        .await
        .ok()??;
    let quota = metrics::parse(&line).value(QUOTA_METRIC)?;
    (quota > 0.0).then_some(quota as u64)
}

fn alarm_name(alarm: AlarmType) -> String {
    match alarm {
        AlarmType::Nospace => "NOSPACE".into(),
        AlarmType::Corrupt => "CORRUPT".into(),
        AlarmType::None => "NONE".into(),
    }
}
