//! Units as users write and read them: durations (one parser and one upper bound for every
//! flag, variable and config field, so that no deadline computed from a user's duration can
//! overflow) and points in time (one RFC 3339 form for every JSON `time`).

use std::time::Duration;

/// The longest duration etcdkit takes anywhere: 10 years (`10y`). Longer ones are mistakes.
pub const MAX_DURATION: Duration = Duration::from_secs(10 * 31_557_600);

/// A point in time as every JSON `time` and `..._at` field has it: RFC 3339, UTC, milliseconds.
pub fn time(t: std::time::SystemTime) -> String {
    humantime::format_rfc3339_millis(t).to_string()
}

/// Now, as [`time`] writes it.
pub fn now() -> String {
    time(std::time::SystemTime::now())
}

/// A duration field of a config file: [`parse_duration`], and on failure one usage error that
/// says where (`what`, e.g. ``rule X: invalid `for` ``) and what durations look like.
pub fn config_duration(what: &str, text: &str) -> crate::error::Result<Duration> {
    parse_duration(text).map_err(|e| {
        crate::error::Error::usage_with_hint(
            format!("{what} {text:?}: {e}"),
            "durations look like 500ms, 30s, 5m or 1h30m",
        )
    })
}

/// Parses a duration like `500ms`, `2s`, `1m30s` or `1h`; a bare number is seconds. Refuses
/// negative durations and anything over [`MAX_DURATION`]. The error says what is wrong without
/// repeating the text, for a message that names the flag, variable or field.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    if text.starts_with("--") {
        return Err(format!("a duration is missing: {text} is a flag"));
    }
    if let Some(positive) = text.strip_prefix('-') {
        return Err(format!(
            "a duration cannot be negative: give one like {positive}"
        ));
    }
    let too_long = || "too long: the most is 10y (10 years)".to_string();
    if let Ok(seconds) = text.parse::<f64>() {
        if seconds.is_finite() && seconds >= 0.0 {
            if seconds > MAX_DURATION.as_secs_f64() {
                return Err(too_long());
            }
            return Ok(Duration::from_secs_f64(seconds));
        }
    }
    let parsed = humantime::parse_duration(text).map_err(|e| match e {
        humantime::DurationError::NumberOverflow => too_long(),
        _ => "not a duration: use a number with a unit, like 500ms, 2s or 1m".to_string(),
    })?;
    if parsed > MAX_DURATION {
        return Err(too_long());
    }
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_in_human_form() {
        assert_eq!(parse_duration("500ms").unwrap(), Duration::from_millis(500));
        assert_eq!(parse_duration("2s").unwrap(), Duration::from_secs(2));
        assert_eq!(parse_duration("1m30s").unwrap(), Duration::from_secs(90));
        assert_eq!(parse_duration("1.5").unwrap(), Duration::from_millis(1500));
        assert_eq!(parse_duration("10y").unwrap(), MAX_DURATION);
        assert!(parse_duration("soon")
            .unwrap_err()
            .contains("not a duration"));
        assert!(parse_duration("").unwrap_err().contains("not a duration"));
        for huge in [
            "18446744073709551615s",
            "18446744073709551615",
            "8000y",
            "10y1s",
            "1e30",
            "1e300",
            "584942417355y",
            "99999999999999999999999999h",
        ] {
            let e = parse_duration(huge).unwrap_err();
            assert!(e.contains("too long"), "{huge}: {e}");
        }
    }

    #[test]
    fn durations_are_never_negative() {
        assert!(parse_duration("-1")
            .unwrap_err()
            .contains("cannot be negative"));
        assert!(parse_duration("-1s")
            .unwrap_err()
            .contains("cannot be negative"));
        assert!(parse_duration("--no-wait")
            .unwrap_err()
            .contains("is a flag"));
    }
}
