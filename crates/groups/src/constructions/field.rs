//! Finite fields GF(p^k), elements numbered `0..q`.
//!
//! Prime fields use modular arithmetic; prime-power fields use tables built from
//! a primitive polynomial found by search (q is small here, so tables are cheap).

/// Largest prime-power order for which tables are built.
const MAX_TABLE_ORDER: usize = 1024;

/// A finite field of order `q`.
#[derive(Debug, Clone)]
pub struct Field {
    q: usize,
    tables: Option<(Vec<u16>, Vec<u16>)>,
}

/// `Some((p, k))` when `q = p^k` for a prime `p` and `k >= 1`.
pub fn prime_power(q: usize) -> Option<(usize, u32)> {
    if q < 2 {
        return None;
    }
    let p = (2..=q).find(|d| q.is_multiple_of(*d))?;
    let mut rest = q;
    let mut k = 0;
    while rest.is_multiple_of(p) {
        rest /= p;
        k += 1;
    }
    (rest == 1).then_some((p, k))
}

impl Field {
    /// The field of order `q`, or `None` when `q` is not a prime power (or too
    /// large for tables while not prime).
    pub fn new(q: usize) -> Option<Field> {
        let (p, k) = prime_power(q)?;
        if k == 1 {
            return Some(Field { q, tables: None });
        }
        if q > MAX_TABLE_ORDER {
            return None;
        }
        let k = k as usize;
        // Search a monic polynomial of degree k for which x has order q-1.
        for tail in 0..q {
            let poly = digits(tail, p, k); // coefficients of x^0..x^(k-1)
            if let Some(exp) = powers_of_x(&poly, p, k, q) {
                let mut log = vec![0usize; q];
                for (i, &e) in exp.iter().enumerate() {
                    log[e] = i;
                }
                let mut add = vec![0u16; q * q];
                let mut mul = vec![0u16; q * q];
                for a in 0..q {
                    for b in 0..q {
                        let da = digits(a, p, k);
                        let db = digits(b, p, k);
                        let sum: Vec<usize> =
                            da.iter().zip(&db).map(|(x, y)| (x + y) % p).collect();
                        add[a * q + b] = undigits(&sum, p) as u16;
                        mul[a * q + b] = if a == 0 || b == 0 {
                            0
                        } else {
                            exp[(log[a] + log[b]) % (q - 1)] as u16
                        };
                    }
                }
                return Some(Field {
                    q,
                    tables: Some((add, mul)),
                });
            }
        }
        None
    }

    /// Whether [`Field::new`] succeeds for `q`, without building tables.
    pub fn constructible(q: usize) -> bool {
        prime_power(q).is_some_and(|(_, k)| k == 1 || q <= MAX_TABLE_ORDER)
    }

    /// The order of the field.
    pub fn order(&self) -> usize {
        self.q
    }

    /// `a + b`.
    #[inline]
    pub fn add(&self, a: usize, b: usize) -> usize {
        match &self.tables {
            None => (a + b) % self.q,
            Some((add, _)) => usize::from(add[a * self.q + b]),
        }
    }

    /// `a * b`.
    #[inline]
    pub fn mul(&self, a: usize, b: usize) -> usize {
        match &self.tables {
            None => ((a as u64 * b as u64) % self.q as u64) as usize,
            Some((_, mul)) => usize::from(mul[a * self.q + b]),
        }
    }
}

fn digits(mut x: usize, p: usize, k: usize) -> Vec<usize> {
    let mut d = vec![0; k];
    for slot in d.iter_mut() {
        *slot = x % p;
        x /= p;
    }
    d
}

fn undigits(d: &[usize], p: usize) -> usize {
    d.iter().rev().fold(0, |acc, &x| acc * p + x)
}

/// Successive powers x^0..x^(q-2) modulo x^k - poly, if x is primitive.
fn powers_of_x(poly: &[usize], p: usize, k: usize, q: usize) -> Option<Vec<usize>> {
    if poly[0] == 0 {
        return None; // divisible by x: not irreducible
    }
    let mut current = vec![0usize; k];
    current[0] = 1;
    let mut seen = vec![false; q];
    let mut exp = Vec::with_capacity(q - 1);
    for _ in 0..q - 1 {
        let value = undigits(&current, p);
        if seen[value] || value == 0 {
            return None;
        }
        seen[value] = true;
        exp.push(value);
        // Multiply by x: shift up, then replace x^k by poly (x^k = sum poly_i x^i).
        let top = current[k - 1];
        for i in (1..k).rev() {
            current[i] = current[i - 1];
        }
        current[0] = 0;
        for i in 0..k {
            current[i] = (current[i] + top * poly[i]) % p;
        }
    }
    Some(exp)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn field_axioms_hold_for_small_orders() {
        for q in [2, 3, 4, 5, 7, 8, 9, 16, 25, 27] {
            let f = Field::new(q).unwrap();
            for a in 0..q {
                assert_eq!(f.add(a, 0), a);
                assert_eq!(f.mul(a, 1), a);
                for b in 0..q {
                    assert_eq!(f.add(a, b), f.add(b, a));
                    assert_eq!(f.mul(a, b), f.mul(b, a));
                    for c in 0..q {
                        assert_eq!(
                            f.mul(a, f.add(b, c)),
                            f.add(f.mul(a, b), f.mul(a, c)),
                            "q={q}"
                        );
                    }
                }
                if a != 0 {
                    assert!((0..q).any(|b| f.mul(a, b) == 1), "q={q} a={a}");
                }
            }
        }
        assert!(Field::new(6).is_none());
        assert!(Field::new(10).is_none());
        assert_eq!(prime_power(49), Some((7, 2)));
    }
}
