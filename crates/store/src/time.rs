//! Times are stored as milliseconds since the Unix epoch, UTC.

/// Now, in stored form.
pub fn now_ms() -> i64 {
    jiff::Timestamp::now().as_millisecond()
}

/// A stored time as a jiff timestamp (out-of-range values clamp to the epoch).
pub fn timestamp(ms: i64) -> jiff::Timestamp {
    jiff::Timestamp::from_millisecond(ms).unwrap_or(jiff::Timestamp::UNIX_EPOCH)
}
