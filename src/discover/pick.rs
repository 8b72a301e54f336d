//! Choosing instances to send a request to: at random, in turn, or by weight.

use std::str::FromStr;

use super::record::Instance;
use crate::error::{Error, Result};

/// How [`pick`] chooses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Strategy {
    /// Any instance, each as likely as the others.
    #[default]
    Random,
    /// The next instance (by ID) after the one picked last time.
    RoundRobin,
    /// At random, in proportion to the instances' weights.
    Weighted,
}

impl Strategy {
    /// The strategy's name, as `--strategy` takes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Strategy::Random => "random",
            Strategy::RoundRobin => "round-robin",
            Strategy::Weighted => "weighted",
        }
    }
}

impl FromStr for Strategy {
    type Err = Error;

    fn from_str(s: &str) -> Result<Strategy> {
        match s {
            "random" => Ok(Strategy::Random),
            "round-robin" | "roundrobin" | "rr" => Ok(Strategy::RoundRobin),
            "weighted" => Ok(Strategy::Weighted),
            other => Err(Error::usage(format!(
                "unknown strategy {other:?}: use random, round-robin or weighted"
            ))),
        }
    }
}

/// Up to `count` different instances of `instances`, chosen by `strategy`. `turn` counts the
/// picks made before (round-robin starts at instance `turn` modulo their number).
pub fn pick(instances: &[Instance], strategy: Strategy, count: usize, turn: u64) -> Vec<&Instance> {
    let n = instances.len();
    let count = count.min(n);
    if count == 0 {
        return Vec::new();
    }
    let mut sorted: Vec<&Instance> = instances.iter().collect();
    sorted.sort_by(|a, b| a.id.cmp(&b.id));
    match strategy {
        Strategy::RoundRobin => {
            let start = (turn % n as u64) as usize;
            (0..count).map(|i| sorted[(start + i) % n]).collect()
        }
        Strategy::Random => {
            fastrand::shuffle(&mut sorted);
            sorted.truncate(count);
            sorted
        }
        Strategy::Weighted => {
            let mut left = sorted;
            let mut chosen = Vec::with_capacity(count);
            while chosen.len() < count {
                let total: u64 = left.iter().map(|i| u64::from(i.weight.max(1))).sum();
                let mut r = fastrand::u64(0..total);
                let at = left
                    .iter()
                    .position(|i| {
                        let w = u64::from(i.weight.max(1));
                        if r < w {
                            return true;
                        }
                        r -= w;
                        false
                    })
                    .expect("r is below the total");
                chosen.push(left.remove(at));
            }
            chosen
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::discover::check::Health;

    fn at(id: &str, weight: u32) -> Instance {
        Instance {
            service: "api".into(),
            id: id.into(),
            addr: format!("{id}:80"),
            tags: vec![],
            meta: Default::default(),
            weight,
            health: Health::Passing,
            drained: false,
            registered_at: String::new(),
            check: None,
        }
    }

    fn ids(picked: Vec<&Instance>) -> Vec<&str> {
        picked.into_iter().map(|i| i.id.as_str()).collect()
    }

    #[test]
    fn round_robin_goes_through_the_instances_in_turn() {
        let all = [at("c", 1), at("a", 1), at("b", 1)];
        let turns: Vec<Vec<&str>> = (0..4)
            .map(|t| ids(pick(&all, Strategy::RoundRobin, 1, t)))
            .collect();
        assert_eq!(turns, [["a"], ["b"], ["c"], ["a"]]);
        assert_eq!(ids(pick(&all, Strategy::RoundRobin, 2, 2)), ["c", "a"]);
    }

    #[test]
    fn picks_are_different_instances_and_never_more_than_there_are() {
        let all = [at("a", 1), at("b", 5), at("c", 1)];
        for strategy in [Strategy::Random, Strategy::Weighted, Strategy::RoundRobin] {
            let mut got = ids(pick(&all, strategy, 10, 7));
            got.sort();
            assert_eq!(got, ["a", "b", "c"], "{strategy:?}");
        }
        assert!(pick(&[], Strategy::Random, 1, 0).is_empty());
    }

    #[test]
    fn weighted_picks_follow_the_weights() {
        fastrand::seed(7);
        let all = [at("light", 1), at("heavy", 9)];
        let heavy = (0..2000)
            .filter(|_| pick(&all, Strategy::Weighted, 1, 0)[0].id == "heavy")
            .count();
        // 90% expected; far outside 80–97% means the weights are not used.
        assert!((1600..1940).contains(&heavy), "{heavy}");
    }

    #[test]
    fn strategies_parse_and_an_unknown_one_says_which_exist() {
        assert_eq!(
            "round-robin".parse::<Strategy>().unwrap(),
            Strategy::RoundRobin
        );
        let e = "fastest".parse::<Strategy>().unwrap_err().to_string();
        assert!(e.contains("random, round-robin or weighted"), "{e}");
    }
}
