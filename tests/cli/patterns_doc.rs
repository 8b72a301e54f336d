//! docs/patterns.md, the learning path, run as it is written: every ```sh block of it against
//! a real etcd, one after another.

use crate::readme::walk_every_block;
use crate::support::Etcd;

#[test]
fn every_shell_block_of_the_patterns_guide_runs_as_written() {
    let etcd = Etcd::single();
    walk_every_block("docs/patterns.md", &etcd);
}
