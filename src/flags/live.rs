//! A flag set kept current from etcd: read at one revision, then followed through the watch
//! layer (member loss, compaction), each revision's set compiled once into an [`Evaluator`].
//! Evaluations never go to etcd: `flags serve` and library callers evaluate from here.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::watch;

use super::document::{assemble, Assembled};
use serde_json::Value;

use super::definition::validate_document;
use super::evaluate::{Context, Evaluator, EvaluatorOptions};
use super::resolution::{ErrorCode, Resolution};
use crate::config::{Root, TreeFollow, Watched};
use crate::conn::Target;
use crate::error::Result;

/// The flag set at one revision, ready to evaluate.
#[derive(Debug)]
pub struct Current {
    /// The flag set as stored, and flagd's document of it.
    pub assembled: Assembled,
    /// Every valid flag compiled.
    pub evaluator: Evaluator,
    /// flagd's document as JSON text (what the gRPC sync sends).
    pub document: Arc<String>,
}

impl Current {
    /// The set in `assembled`, compiled with `options`.
    pub fn new(assembled: Assembled, options: EvaluatorOptions) -> Current {
        // Every flag in the document passed validation one by one; a set that does not pass as
        // a whole (a shared rule gone bad since) is compiled without its flags.
        let set = validate_document(&assembled.document).unwrap_or_default();
        let evaluator = Evaluator::new(&set, options);
        let document = Arc::new(assembled.document.to_string());
        Current {
            assembled,
            evaluator,
            document,
        }
    }

    /// The store revision the set is at.
    pub fn revision(&self) -> i64 {
        self.assembled.revision
    }

    /// Flag `key` evaluated for `context`: OpenFeature's result (no value where the caller's
    /// default applies). A flag stored broken by another tool is a parse error.
    pub fn resolve(&self, key: &str, context: &Context) -> Resolution {
        match self.assembled.broken.get(key) {
            Some(fault) => Resolution::error(
                None,
                ErrorCode::ParseError,
                format!("the stored flag is not valid: {fault}"),
                Default::default(),
            ),
            None => self.evaluator.evaluate(key, context),
        }
    }

    /// The flag keys, valid or not, in order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.assembled.revisions.keys().map(String::as_str)
    }

    /// The flag set's metadata.
    pub fn metadata(&self) -> Option<&Value> {
        self.assembled.document.get("metadata")
    }
}

/// A flag set followed from etcd; dropping it stops the follow.
pub struct Live {
    current: watch::Receiver<Arc<Current>>,
    task: tokio::task::JoinHandle<()>,
}

impl Live {
    /// Reads the flag set under `root` and starts following it. An unreachable cluster at the
    /// start is an error after `give_up_after`; once started the follow waits for a member as
    /// long as it takes.
    pub async fn start(
        target: &Target,
        root: Root,
        options: EvaluatorOptions,
        give_up_after: Option<Duration>,
    ) -> Result<Live> {
        let mut follow =
            TreeFollow::start(target, root, &Watched::Prefix(String::new()), give_up_after).await?;
        follow.set_give_up_after(None);
        let first = Current::new(assemble(follow.tree()), options);
        let (tx, current) = watch::channel(Arc::new(first));
        let task = tokio::spawn(async move {
            // Ends when the follow meets an error it cannot mend (credentials revoked) or
            // every receiver is gone; what was read last stays served.
            while let Ok(_changes) = follow.next().await {
                let next = Current::new(assemble(follow.tree()), options);
                if tx.send(Arc::new(next)).is_err() {
                    break;
                }
            }
        });
        Ok(Live { current, task })
    }

    /// The flag set now.
    pub fn current(&self) -> Arc<Current> {
        self.current.borrow().clone()
    }

    /// A receiver that sees every new revision of the set.
    pub fn subscribe(&self) -> watch::Receiver<Arc<Current>> {
        self.current.clone()
    }

    /// Whether the follow still runs.
    pub fn is_following(&self) -> bool {
        !self.task.is_finished()
    }

    /// Waits until the set is at `revision` or later.
    pub async fn wait_for_revision(&self, revision: i64) -> Arc<Current> {
        let mut rx = self.current.clone();
        let reached = rx
            .wait_for(|c| c.revision() >= revision)
            .await
            .map(|c| c.clone());
        reached.unwrap_or_else(|_| self.current())
    }
}

impl Drop for Live {
    fn drop(&mut self) {
        self.task.abort();
    }
}
