//! One-to-one support: what a walk-in may give, how rooms are booked, what a
//! session log holds. Input is parsed here; the store and the web only pass
//! the parsed values on.

use crate::input::InputError;

/// Rooms are booked by the quarter hour: each booking holds every quarter it
/// covers, and the database refuses a quarter held twice.
pub const SLOT_MS: i64 = 15 * 60 * 1000;

/// The longest booking or shift: a working day.
pub const MAX_SPAN_MS: i64 = 12 * 60 * 60 * 1000;

/// The quarter hours a booking from `starts_at` to `ends_at` holds.
pub fn slots(starts_at: i64, ends_at: i64) -> Vec<i64> {
    (starts_at..ends_at).step_by(SLOT_MS as usize).collect()
}

/// A booking's or shift's times: on quarter hours, the end after the start,
/// at most a working day long.
pub fn span(starts_at: i64, ends_at: i64) -> Result<(i64, i64), InputError> {
    if starts_at % SLOT_MS != 0 || ends_at % SLOT_MS != 0 {
        return Err(InputError::new("support-error-quarter-hours"));
    }
    if ends_at <= starts_at {
        return Err(InputError::new("support-error-end-before-start"));
    }
    if ends_at - starts_at > MAX_SPAN_MS {
        return Err(InputError::new("support-error-too-long"));
    }
    Ok((starts_at, ends_at))
}

/// What a walk-in gives: a first name or a nickname, nothing else.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Nickname(String);

impl Nickname {
    pub const MAX_CHARS: usize = 40;

    pub fn parse(raw: &str) -> Result<Self, InputError> {
        let name = raw.trim();
        if name.is_empty() {
            return Err(InputError::new("support-error-nickname-required"));
        }
        if name.chars().count() > Self::MAX_CHARS {
            return Err(InputError::new("support-error-nickname-long"));
        }
        if name.chars().any(char::is_control) {
            return Err(InputError::new("error-name-invalid"));
        }
        Ok(Self(name.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// How a conversation came about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogKind {
    DropIn,
    Ongoing,
    Chat,
}

impl LogKind {
    pub const ALL: [LogKind; 3] = [LogKind::DropIn, LogKind::Ongoing, LogKind::Chat];

    pub fn as_str(self) -> &'static str {
        match self {
            LogKind::DropIn => "drop-in",
            LogKind::Ongoing => "ongoing",
            LogKind::Chat => "chat",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, InputError> {
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == raw)
            .ok_or(InputError::new("error-choose-one"))
    }
}

/// A session's length in minutes: 1 to 240.
pub fn minutes(raw: &str) -> Result<i32, InputError> {
    match raw.trim().parse::<i32>() {
        Ok(m) if (1..=240).contains(&m) => Ok(m),
        _ => Err(InputError::new("support-error-minutes")),
    }
}

/// A room's capacity: 1 to 200 people.
pub fn capacity(raw: &str) -> Result<i32, InputError> {
    match raw.trim().parse::<i32>() {
        Ok(c) if (1..=200).contains(&c) => Ok(c),
        _ => Err(InputError::new("support-error-capacity")),
    }
}

/// How many peers a shift needs: 1 to 20.
pub fn places(raw: &str) -> Result<i32, InputError> {
    match raw.trim().parse::<i32>() {
        Ok(c) if (1..=20).contains(&c) => Ok(c),
        _ => Err(InputError::new("support-error-places")),
    }
}

/// One day's opening hours, `HH:MM` to `HH:MM`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayHours {
    /// 1 = Monday ... 7 = Sunday.
    pub weekday: i8,
    pub opens: jiff::civil::Time,
    pub closes: jiff::civil::Time,
}

/// A day's hours typed as `09:00-17:00`; empty means closed.
pub fn day_hours(weekday: i8, raw: &str) -> Result<Option<DayHours>, InputError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let invalid = InputError::new("support-error-hours");
    let (opens, closes) = raw.split_once('-').ok_or(invalid.clone())?;
    let opens: jiff::civil::Time = opens.trim().parse().map_err(|_| invalid.clone())?;
    let closes: jiff::civil::Time = closes.trim().parse().map_err(|_| invalid.clone())?;
    if closes <= opens {
        return Err(invalid);
    }
    Ok(Some(DayHours {
        weekday,
        opens,
        closes,
    }))
}

/// The most sessions an agreement may hold before any extension.
pub const MAX_AGREED_SESSIONS: i32 = 12;

/// What ongoing support agrees at the start: how many sessions, and how many
/// more a supervisor approved since. The length is known from the onset
/// (`seeds/003`): a session past it is refused until an extension is approved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Agreement {
    pub agreed: i32,
    pub extended: i32,
}

/// Why a session or an extension is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgreementError {
    /// Every agreed session is held: only a supervisor's extension adds more.
    LimitReached,
    /// An extension needs a supervisor's approval.
    NeedsSupervisor,
}

impl Agreement {
    /// A new agreement for `raw` sessions: 1 to [`MAX_AGREED_SESSIONS`].
    pub fn parse(raw: &str) -> Result<Agreement, InputError> {
        match raw.trim().parse::<i32>() {
            Ok(n) if (1..=MAX_AGREED_SESSIONS).contains(&n) => Ok(Agreement {
                agreed: n,
                extended: 0,
            }),
            _ => Err(InputError::new("support-error-sessions")),
        }
    }

    pub fn total(self) -> i32 {
        self.agreed + self.extended
    }

    /// The number of the next session ("session N of M"), after `held`.
    pub fn next_session(self, held: i32) -> Result<(i32, i32), AgreementError> {
        if held >= self.total() {
            Err(AgreementError::LimitReached)
        } else {
            Ok((held + 1, self.total()))
        }
    }

    /// Adds `more` sessions; only with a supervisor's approval, at most
    /// [`MAX_AGREED_SESSIONS`] at a time.
    pub fn extend(
        self,
        more: i32,
        approved_by_supervisor: bool,
    ) -> Result<Agreement, AgreementError> {
        if !approved_by_supervisor {
            return Err(AgreementError::NeedsSupervisor);
        }
        Ok(Agreement {
            agreed: self.agreed,
            extended: self.extended + more.clamp(1, MAX_AGREED_SESSIONS),
        })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn bookings_hold_quarter_hours() {
        let hour = 4 * SLOT_MS;
        assert_eq!(slots(hour, 2 * hour).len(), 4);
        assert!(span(hour, 2 * hour).is_ok());
        assert!(span(hour + 1, 2 * hour).is_err());
        assert!(span(2 * hour, hour).is_err());
        assert!(span(0, 13 * hour).is_err());
    }

    #[test]
    fn a_walk_in_gives_only_a_short_name() {
        assert_eq!(Nickname::parse("  Sky ").unwrap().as_str(), "Sky");
        assert!(Nickname::parse("").is_err());
        assert!(Nickname::parse(&"x".repeat(41)).is_err());
    }

    #[test]
    fn sessions_stop_at_the_agreed_number_until_a_supervisor_extends() {
        let six = Agreement::parse("6").unwrap();
        assert_eq!(six.next_session(2), Ok((3, 6)));
        assert_eq!(six.next_session(6), Err(AgreementError::LimitReached));
        assert_eq!(six.extend(2, false), Err(AgreementError::NeedsSupervisor));
        let eight = six.extend(2, true).unwrap();
        assert_eq!(eight.next_session(6), Ok((7, 8)));
        assert!(Agreement::parse("0").is_err());
        assert!(Agreement::parse("13").is_err());
    }

    #[test]
    fn hours_parse() {
        let hours = day_hours(1, "09:00-17:30").unwrap().unwrap();
        assert_eq!(hours.opens.hour(), 9);
        assert_eq!(day_hours(2, "").unwrap(), None);
        assert!(day_hours(3, "17:00-09:00").is_err());
        assert!(day_hours(3, "nine to five").is_err());
        assert!(minutes("0").is_err());
        assert_eq!(minutes("45"), Ok(45));
        assert_eq!(LogKind::parse("chat"), Ok(LogKind::Chat));
    }
}
