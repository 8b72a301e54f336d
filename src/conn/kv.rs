//! Reads, transactions and deletes that are safe to send twice, sent with
//! [`ConnectOptions::retry_idempotent`] so that a leader election or a member going away in the
//! middle does not fail them.

use etcd_client::{
    DeleteOptions, DeleteResponse, GetOptions, GetResponse, KvClient, Txn, TxnResponse,
};

use super::ConnectOptions;
use crate::error::Result;

impl ConnectOptions {
    /// A range read, retried through passing trouble.
    pub async fn get_with_retry(
        &self,
        kv: &KvClient,
        key: impl Into<Vec<u8>>,
        options: Option<GetOptions>,
    ) -> Result<GetResponse> {
        let key = key.into();
        self.retry_idempotent(|| {
            let (mut c, k, o) = (kv.clone(), key.clone(), options.clone());
            async move { c.get(k, o).await }
        })
        .await
    }

    /// A transaction, retried through passing trouble: only for transactions whose second
    /// application changes nothing (guarded puts, reads).
    pub async fn txn_with_retry(&self, kv: &KvClient, txn: Txn) -> Result<TxnResponse> {
        self.retry_idempotent(|| {
            let (mut c, t) = (kv.clone(), txn.clone());
            async move { c.txn(t).await }
        })
        .await
    }

    /// A delete, retried through passing trouble (deleting twice deletes once).
    pub async fn delete_with_retry(
        &self,
        kv: &KvClient,
        key: impl Into<Vec<u8>>,
        options: Option<DeleteOptions>,
    ) -> Result<DeleteResponse> {
        let key = key.into();
        self.retry_idempotent(|| {
            let (mut c, k, o) = (kv.clone(), key.clone(), options.clone());
            async move { c.delete(k, o).await }
        })
        .await
    }
}
