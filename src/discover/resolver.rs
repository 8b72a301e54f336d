//! A live view of a service's instances, kept current by the watch layer's mirror: reads and
//! picks cost no round trip to etcd.

use super::layout::{check_service, Layout};
use super::pick::{pick, Strategy};
use super::record::Instance;
use crate::conn::Target;
use crate::error::Result;
use crate::watch::{FollowOptions, Keys, Mirror};

/// A service's registered instances, mirrored from etcd.
pub struct Resolver {
    service: String,
    prefix: String,
    mirror: Mirror,
}

impl Resolver {
    /// Lists the service's instances and keeps following them (surviving member loss and
    /// compaction, as the mirror does).
    pub async fn start(target: &Target, layout: &Layout, service: &str) -> Result<Resolver> {
        check_service(service)?;
        let prefix = layout.records(service);
        let mirror =
            Mirror::start(target, FollowOptions::new(Keys::prefix(prefix.as_str()))).await?;
        Ok(Resolver {
            service: service.to_string(),
            prefix,
            mirror,
        })
    }

    /// Every registered instance, by ID.
    pub fn instances(&self) -> Vec<Instance> {
        self.read().1
    }

    /// The store revision the instances are at, and the instances.
    fn read(&self) -> (i64, Vec<Instance>) {
        let read = self.mirror.read();
        let instances = read
            .iter()
            .filter_map(|(key, entry)| {
                let id = key.strip_prefix(self.prefix.as_bytes())?;
                let id = std::str::from_utf8(id).ok()?;
                Instance::decode(&self.service, id, &entry.value)
            })
            .collect();
        (read.revision(), instances)
    }

    /// Waits until `ok` holds for the registered instances (at once if it does), and returns
    /// them. No change between two looks is missed.
    pub async fn wait_for(&self, ok: impl Fn(&[Instance]) -> bool) -> Result<Vec<Instance>> {
        loop {
            let (revision, instances) = self.read();
            if ok(&instances) {
                return Ok(instances);
            }
            self.mirror.wait_for_revision(revision + 1).await?;
        }
    }

    /// The instances that serve (passing, not drained), by ID.
    pub fn serving(&self) -> Vec<Instance> {
        let mut all = self.instances();
        all.retain(Instance::serving);
        all
    }

    /// Up to `count` serving instances chosen by `strategy` (see [`pick`]).
    pub fn pick(&self, strategy: Strategy, count: usize, turn: u64) -> Vec<Instance> {
        let serving = self.serving();
        pick(&serving, strategy, count, turn)
            .into_iter()
            .cloned()
            .collect()
    }

    /// Waits for the next change of the instances after this call; the store revision they
    /// are at. (To wait for a state, [`Resolver::wait_for`] misses nothing in between.)
    pub async fn changed(&self) -> Result<i64> {
        Ok(self.mirror.changed().await?.revision)
    }
}
