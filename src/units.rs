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

/// A duration as a config file writes it (`for = "30s"`, `group_wait: 10s`): deserialized by
/// [`parse_duration`], so a bad one is refused by the file's parser with its line (TOML) or its
/// path (YAML), and serialized back as human text (`1h 30m`). Only text is taken, as before:
/// TOML's `5` (a number) is refused; YAML's plain `5` is text there, so it is 5 seconds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct HumanDuration(pub Duration);

impl HumanDuration {
    /// The duration.
    pub fn get(self) -> Duration {
        self.0
    }
}

impl From<HumanDuration> for Duration {
    fn from(d: HumanDuration) -> Duration {
        d.0
    }
}

impl From<Duration> for HumanDuration {
    fn from(d: Duration) -> HumanDuration {
        HumanDuration(d)
    }
}

impl std::fmt::Display for HumanDuration {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", humantime::format_duration(self.0))
    }
}

impl std::str::FromStr for HumanDuration {
    type Err = String;

    /// [`parse_duration`], with an error that shows the text (a config file's parser names
    /// the field and its place around it).
    fn from_str(text: &str) -> Result<HumanDuration, String> {
        parse_duration(text)
            .map(HumanDuration)
            .map_err(|e| format!("{text:?}: {e}"))
    }
}

impl serde::Serialize for HumanDuration {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for HumanDuration {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Text;
        impl serde::de::Visitor<'_> for Text {
            type Value = HumanDuration;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(HUMAN_FORMS)
            }

            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<HumanDuration, E> {
                text.parse().map_err(E::custom)
            }
        }
        deserializer.deserialize_str(Text)
    }
}

/// What a duration looks like, for messages.
const HUMAN_FORMS: &str = "a duration such as \"500ms\", \"30s\", \"5m\" or \"1h30m\"";

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
    fn a_human_duration_reads_and_writes_text() {
        let d: HumanDuration = serde_json::from_str("\"1h30m\"").unwrap();
        assert_eq!(d.get(), Duration::from_secs(5400));
        assert_eq!(serde_json::to_string(&d).unwrap(), "\"1h 30m\"");
        let back: HumanDuration =
            serde_json::from_str(&serde_json::to_string(&d).unwrap()).unwrap();
        assert_eq!(back, d);
        assert_eq!(HumanDuration(Duration::ZERO).to_string(), "0s");
        let e = serde_json::from_str::<HumanDuration>("\"8000y\"").unwrap_err();
        assert!(
            e.to_string()
                .starts_with("\"8000y\": too long: the most is 10y"),
            "{e}"
        );
        let e = serde_json::from_str::<HumanDuration>("30").unwrap_err();
        assert!(
            e.to_string()
                .contains("expected a duration such as \"500ms\""),
            "{e}"
        );
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
