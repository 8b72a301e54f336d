//! MurmurHash3 x86_32, the hash flagd's `fractional` operation buckets with.

const C1: u32 = 0xcc9e_2d51;
const C2: u32 = 0x1b87_3593;

/// Incremental MurmurHash3 x86_32, so that a key made of several parts
/// (flag key + targeting key) is hashed without concatenating them.
#[derive(Debug, Clone)]
pub struct Murmur3 {
    h: u32,
    tail: [u8; 4],
    tail_len: usize,
    total: usize,
}

#[inline]
fn mix_k(k: u32) -> u32 {
    k.wrapping_mul(C1).rotate_left(15).wrapping_mul(C2)
}

impl Murmur3 {
    /// Starts a hash with `seed`.
    pub fn new(seed: u32) -> Self {
        Self {
            h: seed,
            tail: [0; 4],
            tail_len: 0,
            total: 0,
        }
    }

    #[inline]
    fn block(&mut self, k: u32) {
        self.h ^= mix_k(k);
        self.h = self
            .h
            .rotate_left(13)
            .wrapping_mul(5)
            .wrapping_add(0xe654_6b64);
    }

    /// Feeds more bytes.
    pub fn update(&mut self, mut data: &[u8]) -> &mut Self {
        self.total += data.len();
        if self.tail_len > 0 {
            while self.tail_len < 4 && !data.is_empty() {
                self.tail[self.tail_len] = data[0];
                self.tail_len += 1;
                data = &data[1..];
            }
            if self.tail_len < 4 {
                return self;
            }
            self.block(u32::from_le_bytes(self.tail));
            self.tail_len = 0;
        }
        let mut chunks = data.chunks_exact(4);
        for c in &mut chunks {
            self.block(u32::from_le_bytes([c[0], c[1], c[2], c[3]]));
        }
        let rest = chunks.remainder();
        self.tail[..rest.len()].copy_from_slice(rest);
        self.tail_len = rest.len();
        self
    }

    /// Finishes the hash.
    pub fn finish(&self) -> u32 {
        let mut h = self.h;
        if self.tail_len > 0 {
            let mut k = 0u32;
            for i in (0..self.tail_len).rev() {
                k = (k << 8) | u32::from(self.tail[i]);
            }
            h ^= mix_k(k);
        }
        // The length is mixed in modulo 2^32, as the reference does.
        h ^= self.total as u32;
        h ^= h >> 16;
        h = h.wrapping_mul(0x85eb_ca6b);
        h ^= h >> 13;
        h = h.wrapping_mul(0xc2b2_ae35);
        h ^ (h >> 16)
    }
}

/// MurmurHash3 x86_32 of `data` with `seed`.
pub fn murmur3_32(data: &[u8], seed: u32) -> u32 {
    Murmur3::new(seed).update(data).finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edge_vectors() {
        for (key, want) in [
            ("ejOoVL", 0u32),
            ("bY9fO-", 1),
            ("SI7p-", 2_147_483_647),
            ("6LvT0", 2_147_483_648),
            ("ceQdGm", 4_294_967_295),
        ] {
            assert_eq!(murmur3_32(key.as_bytes(), 0), want, "{key}");
        }
    }

    #[test]
    fn known_vectors() {
        assert_eq!(murmur3_32(b"", 0), 0);
        assert_eq!(murmur3_32(b"", 1), 0x514e_28b7);
        assert_eq!(murmur3_32(b"hello", 0), 0x248b_fa47);
        assert_eq!(murmur3_32(b"Hello, world!", 1234), 0xfaf6_cdb3);
    }

    #[test]
    fn incremental_matches_one_shot() {
        let s = b"fractional-flagjon@company.com with a longer tail";
        for split in 0..s.len() {
            let mut h = Murmur3::new(7);
            h.update(&s[..split]).update(&s[split..]);
            assert_eq!(h.finish(), murmur3_32(s, 7));
        }
    }
}
