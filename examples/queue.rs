//! A work queue: a producer puts 50 jobs, three workers take them, each job handed to one
//! worker at a time. Worker C dies holding a job: its lease runs out, the job is free again,
//! and another worker finishes it. Every job is finished exactly once.
//!
//! `cargo run --example queue -- --endpoints 127.0.0.1:2379`

mod common;

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use etcdkit::concurrency::lock::Wait;
use etcdkit::concurrency::session::Ttl;
use etcdkit::concurrency::{Session, WorkQueue};
use etcdkit::conn::Target;

use common::Example;

const JOBS: usize = 50;
/// Worker C dies holding the job it takes after finishing this many.
const C_FINISHES: usize = 3;

/// Who finished which job: (job, worker).
type Tally = Arc<Mutex<Vec<(String, char)>>>;

#[tokio::main]
async fn main() {
    let ex = Arc::new(Example::from_args("queue"));
    ex.run(async |target, client| run(&ex, target, client).await)
        .await
}

async fn run(
    ex: &Arc<Example>,
    target: &Target,
    client: &etcd_client::Client,
) -> Result<String, String> {
    let queue = WorkQueue::new(target, client, &ex.key("jobs")).map_err(|e| e.to_string())?;
    for i in 0..JOBS {
        queue
            .put(format!("job-{i:02}"))
            .await
            .map_err(|e| e.to_string())?;
    }
    ex.say(format!(
        "the producer put {JOBS} jobs under {}/items/",
        queue.name()
    ));

    let tally: Tally = Arc::default();
    let died = Arc::new(Mutex::new(None));
    let workers: Vec<_> = ['A', 'B', 'C']
        .into_iter()
        .map(|who| {
            let (ex, target, queue) = (ex.clone(), target.clone(), queue.clone());
            let (tally, died) = (tally.clone(), died.clone());
            tokio::spawn(async move { worker(&ex, &target, &queue, who, &tally, &died).await })
        })
        .collect();
    for w in workers {
        w.await.map_err(|e| e.to_string())??;
    }
    let tally = tally.lock().unwrap().clone();
    let died = died.lock().unwrap().clone();
    check(&tally, died)
}

/// A worker: takes jobs until the queue is empty. Worker C dies holding its fourth job: it
/// stops renewing its lease (1 s) and neither finishes nor gives back the job.
async fn worker(
    ex: &Example,
    target: &Target,
    queue: &WorkQueue,
    who: char,
    tally: &Tally,
    died: &Mutex<Option<(String, Instant)>>,
) -> Result<(), String> {
    let client = target.connect().await.map_err(|e| e.to_string())?;
    let ttl = Ttl::from_secs(if who == 'C' { 1 } else { 5 });
    let session = Session::new(target, &client, ttl)
        .await
        .map_err(|e| e.to_string())?;
    let mut finished = 0;
    loop {
        let taken = queue
            .take(&session, Wait::For(Duration::from_millis(300)))
            .await
            .map_err(|e| e.to_string())?;
        let Some(job) = taken else {
            // Nothing free: done when nothing is left, else a claimed job may come back.
            let status = queue.status().await.map_err(|e| e.to_string())?;
            if status.items == 0 {
                break;
            }
            continue;
        };
        let name = String::from_utf8_lossy(job.value()).into_owned();
        if who == 'C' && finished == C_FINISHES {
            ex.say(format!(
                "worker C took {name} (claim {}) and dies without finishing it",
                job.claim().claim_key
            ));
            *died.lock().unwrap() = Some((name, Instant::now()));
            // Dies: no done, no give_back, no revoke; the keep-alive stops with the session.
            return Ok(());
        }
        // The work itself.
        tokio::time::sleep(Duration::from_millis(20)).await;
        let token = job.claim().fencing_token;
        job.done().await.map_err(|e| e.to_string())?;
        finished += 1;
        if let Some((dead, at)) = died.lock().unwrap().as_ref() {
            if *dead == name {
                ex.say(format!(
                    "worker {who} finished {name}, given back {:.1} s after worker C died (fencing token {token})",
                    at.elapsed().as_secs_f64()
                ));
            }
        }
        tally.lock().unwrap().push((name, who));
    }
    ex.say(format!(
        "worker {who} finished {finished} jobs; the queue is empty"
    ));
    session.close().await;
    Ok(())
}

/// Every job finished exactly once, the dead worker's job by another.
fn check(tally: &[(String, char)], died: Option<(String, Instant)>) -> Result<String, String> {
    let mut times: BTreeMap<&str, usize> = BTreeMap::new();
    let mut per_worker: BTreeMap<char, usize> = BTreeMap::new();
    for (job, who) in tally {
        *times.entry(job).or_default() += 1;
        *per_worker.entry(*who).or_default() += 1;
    }
    if let Some((job, n)) = times.iter().find(|(_, n)| **n > 1) {
        return Err(format!("{job} was finished {n} times"));
    }
    if times.len() != JOBS {
        return Err(format!("{} of {JOBS} jobs were finished", times.len()));
    }
    let Some((dead, _)) = died else {
        return Err("worker C never died".into());
    };
    let redone_by = tally.iter().find(|(j, _)| *j == dead).map(|(_, w)| *w);
    if redone_by == Some('C') {
        return Err(format!("{dead} was finished by the worker that died"));
    }
    let shares: Vec<String> = per_worker.iter().map(|(w, n)| format!("{w} {n}")).collect();
    Ok(format!(
        "all {JOBS} jobs finished exactly once ({}); {dead}, held by C when it died, was finished by {}",
        shares.join(", "),
        redone_by.unwrap_or('?')
    ))
}
