//! The registry under one root: register instances, list them, count them per service, drain
//! them.

use std::collections::BTreeMap;

use etcd_client::{Client, GetOptions, PutOptions};
use serde::Serialize;

use super::check::Health;
use super::layout::{check_id, check_service, Layout};
use super::record::Instance;
use super::register::{RegisterOptions, Registration};
use crate::conn::Target;
use crate::error::{Error, Result};
use crate::watch::{self as follow, FollowOptions, Keys};

/// A service registry: a client and the root its keys live under.
#[derive(Clone)]
pub struct Registry {
    target: Target,
    client: Client,
    layout: Layout,
}

/// How many instances of one service there are, and how they are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ServiceCounts {
    /// The service.
    pub service: String,
    /// Registered instances.
    pub instances: usize,
    /// Instances that serve (passing, not drained).
    pub serving: usize,
    /// Instances whose check passes.
    pub passing: usize,
    /// Instances whose check warns.
    pub warning: usize,
    /// Instances whose check fails.
    pub critical: usize,
    /// Instances drained.
    pub drained: usize,
}

/// What `drain` or `undrain` did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DrainOutcome {
    /// The service.
    pub service: String,
    /// The instance.
    pub id: String,
    /// Drained (true) or undrained (false).
    pub drained: bool,
    /// Whether the instance's registrar has taken it (its record says so); false when it
    /// is not registered now or did not answer in time.
    pub acknowledged: bool,
    /// The instance's record after the change, when it is registered.
    pub instance: Option<Instance>,
}

impl Registry {
    /// A registry under `layout`'s root, reached through `client` (a client of `target`).
    pub fn new(target: &Target, client: &Client, layout: Layout) -> Registry {
        Registry {
            target: target.clone(),
            client: client.clone(),
            layout,
        }
    }

    /// Where the keys are.
    pub fn layout(&self) -> &Layout {
        &self.layout
    }

    /// Registers an instance and keeps it registered until the [`Registration`] is closed.
    pub async fn register(&self, options: RegisterOptions) -> Result<Registration> {
        Registration::start(&self.target, &self.client, &self.layout, options).await
    }

    /// The instances of `service` that serve (passing, not drained), or with `all` every
    /// registered one; by ID.
    pub async fn list(&self, service: &str, all: bool) -> Result<Vec<Instance>> {
        check_service(service)?;
        let prefix = match all {
            true => self.layout.records(service),
            false => self.layout.serving(service),
        };
        let mut instances: Vec<Instance> = self
            .get_prefix(&prefix)
            .await?
            .into_iter()
            .filter_map(|(key, value)| {
                let id = key.strip_prefix(&prefix)?;
                Instance::decode(service, id, &value)
            })
            .collect();
        instances.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(instances)
    }

    /// Every service with a registered instance, with its counts; by name.
    pub async fn services(&self) -> Result<Vec<ServiceCounts>> {
        let mut by_service: BTreeMap<String, ServiceCounts> = BTreeMap::new();
        for (key, value) in self.get_prefix(&self.layout.all_records()).await? {
            let Some((service, id)) = self.layout.parse_record_key(&key) else {
                continue;
            };
            let Some(instance) = Instance::decode(service, id, &value) else {
                continue;
            };
            let counts = by_service
                .entry(service.to_string())
                .or_insert_with(|| ServiceCounts {
                    service: service.to_string(),
                    instances: 0,
                    serving: 0,
                    passing: 0,
                    warning: 0,
                    critical: 0,
                    drained: 0,
                });
            counts.instances += 1;
            counts.serving += usize::from(instance.serving());
            counts.drained += usize::from(instance.drained);
            match instance.health {
                Health::Passing => counts.passing += 1,
                Health::Warning => counts.warning += 1,
                Health::Critical => counts.critical += 1,
            }
        }
        Ok(by_service.into_values().collect())
    }

    /// Drains (takes out of service, still listed) or undrains an instance, and waits up to the
    /// command timeout for its registrar to take it. A drain lasts until undrained, across
    /// restarts of the instance. Draining an instance that is not registered is an error;
    /// undraining one clears its mark all the same.
    pub async fn drain(&self, service: &str, id: &str, drained: bool) -> Result<DrainOutcome> {
        check_service(service)?;
        check_id(id)?;
        let conn = self.target.options();
        let kv = self.client.kv_client();
        let record_key = self.layout.record_key(service, id);
        let current = conn.get_with_retry(&kv, record_key.as_str(), None).await?;
        let registered = current
            .kvs()
            .first()
            .and_then(|kv| Instance::decode(service, id, kv.value()));
        if registered.is_none() && drained {
            return Err(Error::NotFound {
                what: format!("no instance {id} of service {service} is registered"),
                hint: format!(
                    "etcdkit discover list {service} --all shows the registered instances"
                ),
            });
        }
        let marker = self.layout.drain_key(service, id);
        if drained {
            let value = serde_json::json!({ "drained_at": crate::units::now() }).to_string();
            let put = conn.retry_idempotent(|| {
                let (mut kv, key, value) = (kv.clone(), marker.clone(), value.clone());
                async move { kv.put(key, value, None::<PutOptions>).await }
            });
            put.await?;
        } else {
            conn.delete_with_retry(&kv, marker.as_str(), None).await?;
        }
        let mut outcome = DrainOutcome {
            service: service.to_string(),
            id: id.to_string(),
            drained,
            acknowledged: false,
            instance: registered.clone(),
        };
        if registered.is_none() {
            return Ok(outcome);
        }
        let taken = self.taken(service, id, &record_key, drained);
        if let Ok(Ok(instance)) = tokio::time::timeout(conn.command_timeout, taken).await {
            outcome.acknowledged = instance.is_some();
            outcome.instance = instance;
        }
        Ok(outcome)
    }

    /// Waits until the record says `drained`, or is gone (`None`).
    async fn taken(
        &self,
        service: &str,
        id: &str,
        record_key: &str,
        drained: bool,
    ) -> Result<Option<Instance>> {
        let options = FollowOptions::new(Keys::key(record_key));
        let label = self.target.options().label();
        let mut follower =
            follow::follow_on(&self.target, self.client.clone(), &label, options).await?;
        loop {
            let update = follower.next().await?;
            for event in &update.events {
                if event.kind == follow::EventKind::Delete {
                    return Ok(None);
                }
                let instance = Instance::decode(service, id, &event.entry.value);
                if let Some(instance) = instance.filter(|i| i.drained == drained) {
                    return Ok(Some(instance));
                }
            }
        }
    }

    /// The keys and values under `prefix`.
    async fn get_prefix(&self, prefix: &str) -> Result<Vec<(String, Vec<u8>)>> {
        let kv = self.client.kv_client();
        let got = self
            .target
            .options()
            .get_with_retry(&kv, prefix, Some(GetOptions::new().with_prefix()))
            .await?;
        Ok(got
            .kvs()
            .iter()
            .map(|kv| {
                (
                    String::from_utf8_lossy(kv.key()).into_owned(),
                    kv.value().to_vec(),
                )
            })
            .collect())
    }
}
