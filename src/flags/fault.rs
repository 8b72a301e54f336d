//! The fault type naming where a flag definition or a rule is wrong.

use std::fmt;

/// A definition or rule fault: the JSON path of the offending element and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fault {
    /// Dotted JSON path, e.g. `flags.my-flag.targeting.if[0].in[1]`.
    pub path: String,
    /// Human-readable description of the fault.
    pub message: String,
}

impl Fault {
    /// Builds a fault at `path`.
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

impl std::error::Error for Fault {}
