//! A parser for the Prometheus text exposition format, as etcd's `/metrics` serves it.
//!
//! Only what etcd emits: `name{label="value",...} value [timestamp]` lines, `# HELP` and
//! `# TYPE` comments (skipped), escaped label values, and the special values NaN and ±Inf.

/// One sample line.
#[derive(Debug, Clone, PartialEq)]
pub struct Sample {
    /// The metric name, e.g. `etcd_server_has_leader`.
    pub name: String,
    /// Label pairs in the order they appeared.
    pub labels: Vec<(String, String)>,
    /// The value.
    pub value: f64,
}

impl Sample {
    /// The value of a label, if the sample has it.
    pub fn label(&self, name: &str) -> Option<&str> {
        self.labels
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// All samples of one scrape.
#[derive(Debug, Clone, Default)]
pub struct Samples(pub Vec<Sample>);

impl Samples {
    /// The value of the first sample with this name (for metrics without labels).
    pub fn value(&self, name: &str) -> Option<f64> {
        self.0.iter().find(|s| s.name == name).map(|s| s.value)
    }

    /// Every sample with this name.
    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Sample> + 'a {
        self.0.iter().filter(move |s| s.name == name)
    }
}

/// Parses a whole scrape. Lines that are not samples are skipped; a malformed sample line is
/// skipped too, so that one odd metric cannot hide all the others.
pub fn parse(text: &str) -> Samples {
    Samples(text.lines().filter_map(parse_line).collect())
}

fn parse_line(line: &str) -> Option<Sample> {
    let line = line.trim();
    if line.is_empty() || line.starts_with('#') {
        return None;
    }
    let name_end = line.find(|c: char| c == '{' || c.is_whitespace())?;
    let name = &line[..name_end];
    let mut rest = &line[name_end..];
    let mut labels = Vec::new();
    if let Some(after) = rest.strip_prefix('{') {
        let (parsed, remainder) = parse_labels(after)?;
        labels = parsed;
        rest = remainder;
    }
    let value = rest.split_whitespace().next()?;
    Some(Sample {
        name: name.to_string(),
        labels,
        value: parse_value(value)?,
    })
}

/// Parses `k="v",k2="v2"}` and returns the labels and what follows the `}`.
fn parse_labels(mut s: &str) -> Option<(Vec<(String, String)>, &str)> {
    let mut labels = Vec::new();
    loop {
        s = s.trim_start_matches([',', ' ']);
        if let Some(rest) = s.strip_prefix('}') {
            return Some((labels, rest));
        }
        let (key, after_eq) = s.split_once('=')?;
        let mut chars = after_eq.strip_prefix('"')?.char_indices();
        let mut value = String::new();
        let end = loop {
            let (i, c) = chars.next()?;
            match c {
                '\\' => match chars.next()?.1 {
                    'n' => value.push('\n'),
                    other => value.push(other),
                },
                '"' => break i,
                c => value.push(c),
            }
        };
        labels.push((key.trim().to_string(), value));
        s = &after_eq[1 + end + 1..];
    }
}

fn parse_value(v: &str) -> Option<f64> {
    match v {
        "+Inf" | "Inf" => Some(f64::INFINITY),
        "-Inf" => Some(f64::NEG_INFINITY),
        "NaN" => Some(f64::NAN),
        _ => v.parse().ok(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_names_labels_and_values() {
        let s = parse(
            "# HELP x y\n# TYPE x gauge\nx 1\n\
             etcd_server_version{server_version=\"3.4.23\"} 1\n\
             h_bucket{le=\"+Inf\",a=\"q\\\"uote\"} 2.5e+02 1700000000\n\
             bad{oops 1\n",
        );
        assert_eq!(s.value("x"), Some(1.0));
        let v = s.all("etcd_server_version").next().unwrap();
        assert_eq!(v.label("server_version"), Some("3.4.23"));
        let h = s.all("h_bucket").next().unwrap();
        assert_eq!(h.label("le"), Some("+Inf"));
        assert_eq!(h.label("a"), Some("q\"uote"));
        assert_eq!(h.value, 250.0);
        assert_eq!(s.0.len(), 3, "the malformed line is skipped");
    }

    #[test]
    fn parses_real_etcd_dumps() {
        for (file, version) in [
            ("metrics-3.4.23.txt", "3.4.23"),
            ("metrics-3.4.23-cluster-c1.txt", "3.4.23"),
            ("metrics-3.5.1.txt", "3.5.1"),
        ] {
            let path = format!("{}/tests/data/{file}", env!("CARGO_MANIFEST_DIR"));
            let text = std::fs::read_to_string(path).unwrap();
            let samples = parse(&text);
            let sample_lines = text
                .lines()
                .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
                .count();
            assert_eq!(samples.0.len(), sample_lines, "{file}: every sample parses");
            assert_eq!(
                samples.value("etcd_server_quota_backend_bytes"),
                Some(2_147_483_648.0)
            );
            let v = samples.all("etcd_server_version").next().unwrap();
            assert_eq!(v.label("server_version"), Some(version), "{file}");
        }
    }
}
