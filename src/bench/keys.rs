//! The keys and values a benchmark writes: all under its prefix, sized as asked.

use crate::error::{Error, Result};

/// Produces the keys of a run: `PREFIX` + a zero-padded number of `key_size` digits.
#[derive(Debug, Clone)]
pub struct KeySpace {
    prefix: String,
    key_size: usize,
    size: u64,
    sequential: bool,
}

impl KeySpace {
    /// A key space of `size` distinct keys of `key_size` bytes after the prefix.
    pub fn new(prefix: &str, key_size: usize, size: u64, sequential: bool) -> Result<KeySpace> {
        if size == 0 {
            return Err(Error::usage("--key-space-size must be at least 1"));
        }
        let digits = (size - 1).max(1).ilog10() as usize + 1;
        if key_size < digits {
            return Err(Error::usage(format!(
                "--key-size {key_size} is too small for --key-space-size {size}: keys need {digits} bytes"
            )));
        }
        Ok(KeySpace {
            prefix: prefix.to_string(),
            key_size,
            size,
            sequential,
        })
    }

    /// The key for the `n`th request: in order with `--sequential-keys`, else at random.
    pub fn key(&self, n: u64, rng: &mut fastrand::Rng) -> Vec<u8> {
        let index = if self.sequential {
            n % self.size
        } else {
            rng.u64(0..self.size)
        };
        self.key_at(index)
    }

    /// The key with this index.
    pub fn key_at(&self, index: u64) -> Vec<u8> {
        format!("{}{:0width$}", self.prefix, index, width = self.key_size).into_bytes()
    }

    /// How many distinct keys there are.
    pub fn size(&self) -> u64 {
        self.size
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_padded_and_stay_in_the_space() {
        let ks = KeySpace::new("/b/", 8, 1000, true).unwrap();
        let mut rng = fastrand::Rng::with_seed(1);
        assert_eq!(ks.key(0, &mut rng), b"/b/00000000");
        assert_eq!(ks.key(1001, &mut rng), b"/b/00000001");
        let random = KeySpace::new("/b/", 4, 10, false).unwrap();
        for n in 0..100 {
            let k = String::from_utf8(random.key(n, &mut rng)).unwrap();
            assert!(k.len() == 7 && k[3..].parse::<u64>().unwrap() < 10, "{k}");
        }
        assert!(KeySpace::new("/b/", 2, 1000, false).is_err());
        assert!(KeySpace::new("/b/", 2, 0, false).is_err());
    }
}
