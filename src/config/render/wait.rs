//! `--wait MIN[:MAX]`: consul-template's debounce. A render waits until the tree has been
//! quiet for MIN, and no longer than MAX (4 × MIN when not given) after the first change.

use std::time::Duration;

use crate::error::{Error, Result};
use crate::units::parse_duration;

/// The longest wait taken: beyond a day a watch that never renders is a typo.
const LONGEST: Duration = Duration::from_secs(24 * 3600);

/// How long a render waits for the tree to settle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Wait {
    /// Quiet time needed.
    pub min: Duration,
    /// The longest delay after the first change.
    pub max: Duration,
}

impl Wait {
    /// `MIN` or `MIN:MAX` (`2s`, `500ms:5s`).
    pub fn parse(text: &str) -> Result<Wait> {
        let hint = "give MIN or MIN:MAX, such as 2s or 500ms:5s (MAX defaults to 4 x MIN)";
        let one = |part: &str| -> Result<Duration> {
            let d = parse_duration(part.trim())
                .map_err(|e| Error::usage_with_hint(format!("--wait {text:?}: {e}"), hint))?;
            if d.is_zero() {
                return Err(Error::usage_with_hint(
                    format!("--wait {text:?}: a wait of 0 is no wait"),
                    "leave --wait out to render as soon as a change arrives",
                ));
            }
            if d > LONGEST {
                return Err(Error::usage(format!(
                    "--wait {text:?}: the longest wait taken is 24h"
                )));
            }
            Ok(d)
        };
        let (min, max) = match text.split_once(':') {
            Some((min, max)) => (one(min)?, one(max)?),
            None => {
                let min = one(text)?;
                (min, (min * 4).min(LONGEST))
            }
        };
        if max < min {
            return Err(Error::usage_with_hint(
                format!("--wait {text:?}: MAX is shorter than MIN"),
                hint,
            ));
        }
        Ok(Wait { min, max })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn min_max_and_bad_waits() {
        let w = Wait::parse("2s").unwrap();
        assert_eq!(
            (w.min, w.max),
            (Duration::from_secs(2), Duration::from_secs(8))
        );
        let w = Wait::parse("500ms:5s").unwrap();
        assert_eq!(w.max, Duration::from_secs(5));
        for bad in [
            "0",
            "0s",
            "5s:1s",
            "",
            "x",
            "1s:",
            "9999999h",
            "1s:9999999h",
        ] {
            let e = Wait::parse(bad).unwrap_err();
            assert!(matches!(e, Error::Usage { .. }), "{bad}: {e}");
        }
    }
}
