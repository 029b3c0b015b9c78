//! Reports: counts built from activity and attendance rows (never from what
//! people wrote). The reports page, its CSV downloads and `hearth report`
//! all call this one module, so they cannot disagree.
//!
//! Figures from one-to-one support and peer support groups (drop-in visits by
//! hour of the week, ongoing supports, referrals by service) will be further
//! methods here returning rows of [`Count`]s, so they get the same small-count
//! rule and plug into the page and the CLI the same way.

use crate::db::{Db, on_db};
use crate::error::StoreError;
use crate::time::timestamp;
use hearth_domain::{PhaseId, ProgrammeId, SiteId};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use tracing::instrument;
use uuid::Uuid;

pub struct Reports<'a> {
    pub(crate) db: &'a Db,
}

/// Counts below this, in figures about support or wellbeing, are shown only
/// as "fewer than 5", so nobody can be picked out of a small group.
pub const SMALL_COUNT: i64 = 5;

/// A number as a report may show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Count {
    Shown(i64),
    /// More than none but fewer than [`SMALL_COUNT`], in a sensitive figure.
    FewerThanFive,
}

impl Count {
    /// `n`, hidden when the figure is sensitive and `n` is small (zero is
    /// shown: it tells nothing about anyone).
    pub fn of(n: i64, sensitive: bool) -> Count {
        if sensitive && n > 0 && n < SMALL_COUNT {
            Count::FewerThanFive
        } else {
            Count::Shown(n)
        }
    }

    pub fn value(self) -> Option<i64> {
        match self {
            Count::Shown(n) => Some(n),
            Count::FewerThanFive => None,
        }
    }

    /// As CSV and the CLI write it.
    pub fn text(self) -> String {
        match self {
            Count::Shown(n) => n.to_string(),
            Count::FewerThanFive => "<5".to_owned(),
        }
    }
}

impl Serialize for Count {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Count::Shown(n) => serializer.serialize_i64(*n),
            Count::FewerThanFive => serializer.serialize_str("<5"),
        }
    }
}

/// What a report covers. Dates are the organisation's calendar days, both ends included.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportFilter {
    pub programme: Option<ProgrammeId>,
    pub phase: Option<PhaseId>,
    pub site: Option<SiteId>,
    pub site_kind: Option<String>,
    pub kind: Option<String>,
    pub from: Option<jiff::civil::Date>,
    pub to: Option<jiff::civil::Date>,
    /// Only these sites (a site coordinator's own); `None` is every site.
    pub within: Option<Vec<SiteId>>,
}

/// How activity counts are broken down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Dimension {
    Kind,
    Site,
    Month,
}

impl Dimension {
    pub const ALL: [Dimension; 3] = [Dimension::Kind, Dimension::Site, Dimension::Month];

    pub fn as_str(self) -> &'static str {
        match self {
            Dimension::Kind => "kind",
            Dimension::Site => "site",
            Dimension::Month => "month",
        }
    }

    /// `kind,site,month` (any order, each at most once; empty means totals only).
    pub fn parse_list(text: &str) -> Result<Vec<Dimension>, String> {
        let mut by = Vec::new();
        for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let dimension = match part.to_lowercase().as_str() {
                "kind" => Dimension::Kind,
                "site" => Dimension::Site,
                "month" => Dimension::Month,
                _ => return Err(part.to_owned()),
            };
            if !by.contains(&dimension) {
                by.push(dimension);
            }
        }
        by.sort();
        Ok(by)
    }
}

/// One line of an activity report: the breakdown's values, then the counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActivityRow {
    /// The kind's slug, when broken down by kind.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// The site's name ("" for activities without a site).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub site: Option<String>,
    /// `YYYY-MM` in the organisation's time zone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub month: Option<String>,
    pub activities: i64,
    /// Different people who came (head counts do not add to this).
    pub people: Count,
    /// Times anyone came: each person at each activity, plus head counts.
    pub attendances: Count,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActivityReport {
    pub rows: Vec<ActivityRow>,
    pub total: ActivityRow,
}

/// One training cohort's progress through its curriculum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrainingCompletion {
    pub cohort: String,
    pub site: String,
    pub modules: i64,
    pub trainees: i64,
    /// Trainees with every module signed off.
    pub completed: i64,
    pub modules_signed: i64,
}

/// A live event somebody came to, with its feedback.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventHeld {
    pub title: String,
    /// `YYYY-MM-DD` in the organisation's time zone.
    pub date: String,
    pub site: String,
    pub people: i64,
    pub answers: i64,
    /// The average rating (1-5), only from [`SMALL_COUNT`] answers on.
    pub average: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventsReport {
    pub events: Vec<EventHeld>,
    pub held: i64,
    pub answers: i64,
    pub average: Option<f64>,
}

/// The joins and conditions every activity figure shares; parameters $1-$7
/// are bound by [`bind_filter!`] in this order. An online training session's
/// live room keeps its own attendance row only to prefill the session's
/// register; the session itself counts (as training), so the room does not.
const ACTIVITY_JOINS: &str = " FROM activities a \
     LEFT JOIN sites s ON s.id = a.site_id \
     LEFT JOIN phases p ON p.id = a.phase_id \
     LEFT JOIN cohorts c ON c.id = a.cohort_id";
const ACTIVITY_WHERE: &str = " WHERE ($1 IS NULL OR a.phase_id = $1) \
     AND ($2 IS NULL OR COALESCE(p.programme_id, c.programme_id) = $2) \
     AND ($3 IS NULL OR a.site_id = $3) \
     AND ($4 IS NULL OR s.kind = $4) \
     AND ($5 IS NULL OR a.kind = $5) \
     AND ($6 IS NULL OR a.occurred_at >= $6) \
     AND ($7 IS NULL OR a.occurred_at < $7) \
     AND (a.event_id IS NULL OR a.event_id NOT IN (SELECT event_id FROM delivery_events))";

macro_rules! bind_filter {
    ($query:expr, $filter:expr, $bounds:expr) => {
        $query
            .bind($filter.phase.map(|p| p.0))
            .bind($filter.programme.map(|p| p.0))
            .bind($filter.site.map(|s| s.0))
            .bind($filter.site_kind.as_deref())
            .bind($filter.kind.as_deref())
            .bind($bounds.0)
            .bind($bounds.1)
    };
}

type RawAttendance = (
    Uuid,
    String,
    Option<Uuid>,
    Option<String>,
    i64,
    Option<i64>,
    Option<Uuid>,
);

#[derive(Default)]
struct Tally {
    activities: HashSet<Uuid>,
    people: HashSet<Uuid>,
    attendances: i64,
    sensitive: bool,
}

impl Tally {
    fn row(
        &self,
        kind: Option<String>,
        site: Option<String>,
        month: Option<String>,
    ) -> ActivityRow {
        ActivityRow {
            kind,
            site,
            month,
            activities: self.activities.len() as i64,
            people: Count::of(self.people.len() as i64, self.sensitive),
            attendances: Count::of(self.attendances, self.sensitive),
        }
    }
}

impl Reports<'_> {
    pub(crate) async fn time_zone(&self) -> Result<jiff::tz::TimeZone, StoreError> {
        let zone: Option<(String,)> = on_db!(
            self.db,
            read | pool
                | sqlx::query_as("SELECT time_zone FROM organisation ORDER BY created_at LIMIT 1")
                    .fetch_optional(pool)
                    .await?
        );
        Ok(zone
            .and_then(|(z,)| jiff::tz::TimeZone::get(&z).ok())
            .unwrap_or(jiff::tz::TimeZone::UTC))
    }

    /// The first and after-last millisecond of the filter's days.
    pub(crate) fn bounds(
        filter: &ReportFilter,
        zone: &jiff::tz::TimeZone,
    ) -> Result<(Option<i64>, Option<i64>), StoreError> {
        let start = |day: jiff::civil::Date| -> Result<i64, StoreError> {
            day.to_zoned_datetime(zone.clone())
                .map(|z| z.timestamp().as_millisecond())
                .map_err(|e| StoreError::Corrupt(e.to_string()))
        };
        let from = filter.from.map(start).transpose()?;
        let to = match filter.to {
            Some(day) => Some(start(
                day.tomorrow()
                    .map_err(|e| StoreError::Corrupt(e.to_string()))?,
            )?),
            None => None,
        };
        Ok((from, to))
    }

    pub(crate) fn allowed(filter: &ReportFilter, site: Option<Uuid>) -> bool {
        match &filter.within {
            None => true,
            Some(sites) => site.is_some_and(|s| sites.iter().any(|w| w.0 == s)),
        }
    }

    /// Unique people, attendances and activities, broken down by `by`.
    #[instrument(level = "debug", skip_all)]
    pub async fn activity(
        &self,
        filter: &ReportFilter,
        by: &[Dimension],
    ) -> Result<ActivityReport, StoreError> {
        let mut reports = self.activity_breakdowns(filter, &[by]).await?;
        reports.pop().ok_or(StoreError::NotFound)
    }

    /// Several breakdowns of the same figures from one read of the
    /// attendance rows (a page shows by kind, by site and by month at once;
    /// unique people cannot be added up from a finer breakdown).
    #[instrument(level = "debug", skip_all)]
    pub async fn activity_breakdowns(
        &self,
        filter: &ReportFilter,
        breakdowns: &[&[Dimension]],
    ) -> Result<Vec<ActivityReport>, StoreError> {
        let zone = self.time_zone().await?;
        let bounds = Self::bounds(filter, &zone)?;
        let kinds: HashMap<String, (i32, bool)> = crate::activity::Activities { db: self.db }
            .kinds()
            .await?
            .into_iter()
            .map(|k| (k.slug, (k.position, k.sensitive)))
            .collect();
        let sql = format!(
            "SELECT a.id, a.kind, a.site_id, s.name, a.occurred_at, a.head_count, t.user_id{ACTIVITY_JOINS} \
             LEFT JOIN attendance t ON t.activity_id = a.id AND t.status <> 'absent'{ACTIVITY_WHERE} \
             ORDER BY a.occurred_at"
        );
        let mut rows: Vec<RawAttendance> = on_db!(
            self.db,
            read | pool
                | bind_filter!(
                    sqlx::query_as(sqlx::AssertSqlSafe(sql.clone())),
                    filter,
                    bounds
                )
                .fetch_all(pool)
                .await?
        );
        rows.retain(|row| Self::allowed(filter, row.2));
        // Each activity's month, worked out once rather than for every attendee.
        let mut months: HashMap<Uuid, String> = HashMap::new();
        for row in &rows {
            months.entry(row.0).or_insert_with(|| {
                timestamp(row.4)
                    .to_zoned_datetime(zone.clone())
                    .strftime("%Y-%m")
                    .to_string()
            });
        }
        Ok(breakdowns
            .iter()
            .map(|by| Self::tally(&rows, by, &kinds, &months))
            .collect())
    }

    fn tally(
        rows: &[RawAttendance],
        by: &[Dimension],
        kinds: &HashMap<String, (i32, bool)>,
        months: &HashMap<Uuid, String>,
    ) -> ActivityReport {
        // Key: kind position and slug, site name and id, month.
        type Key<'a> = (i32, &'a str, &'a str, Option<Uuid>, &'a str);
        let mut groups: BTreeMap<Key, Tally> = BTreeMap::new();
        let mut total = Tally::default();
        let mut head_counted: HashSet<Uuid> = HashSet::new();
        let has = |d: Dimension| by.contains(&d);
        let (by_kind, by_site, by_month) = (
            has(Dimension::Kind),
            has(Dimension::Site),
            has(Dimension::Month),
        );
        for (activity, kind, site_id, site_name, _, head_count, user) in rows {
            let (position, sensitive) = kinds.get(kind).copied().unwrap_or((i32::MAX, false));
            let key: Key = (
                if by_kind { position } else { 0 },
                if by_kind { kind.as_str() } else { "" },
                if by_site {
                    site_name.as_deref().unwrap_or_default()
                } else {
                    ""
                },
                if by_site { *site_id } else { None },
                if by_month {
                    months.get(activity).map_or("", String::as_str)
                } else {
                    ""
                },
            );
            let first_time = head_counted.insert(*activity);
            for tally in [groups.entry(key).or_default(), &mut total] {
                tally.activities.insert(*activity);
                tally.sensitive |= sensitive;
                if let Some(user) = user {
                    tally.people.insert(*user);
                    tally.attendances += 1;
                }
                if first_time {
                    tally.attendances += head_count.unwrap_or(0);
                }
            }
        }
        let rows = groups
            .into_iter()
            .map(|((_, kind, site, _, month), tally)| {
                tally.row(
                    by_kind.then(|| kind.to_owned()),
                    by_site.then(|| site.to_owned()),
                    by_month.then(|| month.to_owned()),
                )
            })
            .collect();
        ActivityReport {
            rows,
            total: total.row(None, None, None),
        }
    }

    /// Each training cohort's trainees and how many finished every module.
    /// Completion is where people stand now, so the date range does not apply.
    #[instrument(level = "debug", skip_all)]
    pub async fn training_completion(
        &self,
        filter: &ReportFilter,
    ) -> Result<Vec<TrainingCompletion>, StoreError> {
        if filter
            .kind
            .as_deref()
            .is_some_and(|k| k != "training-session")
        {
            return Ok(Vec::new());
        }
        type Row = (Uuid, String, Uuid, String, i64, Option<Uuid>, i64);
        let rows: Vec<Row> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT c.id, c.name, c.site_id, s.name, \
             CAST((SELECT COUNT(*) FROM curriculum_modules m WHERE m.curriculum_id = cc.curriculum_id) AS BIGINT), \
             g.user_id, \
             CAST((SELECT COUNT(*) FROM module_signoffs ms WHERE ms.cohort_id = c.id AND ms.user_id = g.user_id) AS BIGINT) \
             FROM cohort_curricula cc JOIN cohorts c ON c.id = cc.cohort_id JOIN sites s ON s.id = c.site_id \
             LEFT JOIN role_grants g ON g.cohort_id = c.id AND g.role = 'participant' \
             WHERE ($1 IS NULL OR c.phase_id = $1) AND ($2 IS NULL OR c.programme_id = $2) \
             AND ($3 IS NULL OR c.site_id = $3) AND ($4 IS NULL OR s.kind = $4) \
             ORDER BY c.name, c.id"
        )
        .bind(filter.phase.map(|p| p.0))
        .bind(filter.programme.map(|p| p.0))
        .bind(filter.site.map(|s| s.0))
        .bind(filter.site_kind.as_deref())
        .fetch_all(pool)
        .await?);
        let mut out: Vec<(Uuid, TrainingCompletion)> = Vec::new();
        for (cohort, name, site_id, site, modules, trainee, signed) in rows {
            if !Self::allowed(filter, Some(site_id)) {
                continue;
            }
            if out.last().is_none_or(|(id, _)| *id != cohort) {
                out.push((
                    cohort,
                    TrainingCompletion {
                        cohort: name,
                        site,
                        modules,
                        trainees: 0,
                        completed: 0,
                        modules_signed: 0,
                    },
                ));
            }
            if let (Some((_, line)), Some(_)) = (out.last_mut(), trainee) {
                line.trainees += 1;
                line.modules_signed += signed;
                if modules > 0 && signed >= modules {
                    line.completed += 1;
                }
            }
        }
        Ok(out.into_iter().map(|(_, line)| line).collect())
    }

    /// Live events somebody came to, with how many came and their feedback.
    #[instrument(level = "debug", skip_all)]
    pub async fn events(&self, filter: &ReportFilter) -> Result<EventsReport, StoreError> {
        let zone = self.time_zone().await?;
        let bounds = Self::bounds(filter, &zone)?;
        let sql = format!(
            "SELECT a.title, a.occurred_at, a.site_id, s.name, \
             CAST((SELECT COUNT(*) FROM attendance t WHERE t.activity_id = a.id AND t.status <> 'absent') AS BIGINT), \
             CAST((SELECT COUNT(*) FROM event_feedback f WHERE f.event_id = a.event_id) AS BIGINT), \
             CAST((SELECT COALESCE(SUM(f.rating), 0) FROM event_feedback f WHERE f.event_id = a.event_id) AS BIGINT)\
             {ACTIVITY_JOINS}{ACTIVITY_WHERE} AND a.event_id IS NOT NULL ORDER BY a.occurred_at"
        );
        type Row = (String, i64, Option<Uuid>, Option<String>, i64, i64, i64);
        let rows: Vec<Row> = on_db!(
            self.db,
            read | pool
                | bind_filter!(
                    sqlx::query_as(sqlx::AssertSqlSafe(sql.clone())),
                    filter,
                    bounds
                )
                .fetch_all(pool)
                .await?
        );
        let average = |sum: i64, answers: i64| {
            (answers >= SMALL_COUNT).then(|| (sum as f64 / answers as f64 * 10.0).round() / 10.0)
        };
        let mut events = Vec::new();
        let (mut answers, mut sum) = (0, 0);
        for (title, at, site_id, site, people, count, total) in rows {
            if !Self::allowed(filter, site_id) {
                continue;
            }
            answers += count;
            sum += total;
            events.push(EventHeld {
                title,
                date: timestamp(at)
                    .to_zoned_datetime(zone.clone())
                    .strftime("%Y-%m-%d")
                    .to_string(),
                site: site.unwrap_or_default(),
                people,
                answers: count,
                average: average(total, count),
            });
        }
        Ok(EventsReport {
            held: events.len() as i64,
            events,
            answers,
            average: average(sum, answers),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_sensitive_counts_are_hidden_but_zero_is_not() {
        assert_eq!(Count::of(3, true), Count::FewerThanFive);
        assert_eq!(Count::of(3, false), Count::Shown(3));
        assert_eq!(Count::of(0, true), Count::Shown(0));
        assert_eq!(Count::of(5, true), Count::Shown(5));
        assert_eq!(Count::FewerThanFive.text(), "<5");
        assert_eq!(
            serde_json::to_string(&Count::FewerThanFive).ok().as_deref(),
            Some("\"<5\"")
        );
    }

    #[test]
    fn dimensions_parse_in_a_fixed_order() {
        assert_eq!(
            Dimension::parse_list("month, KIND,site,kind"),
            Ok(vec![Dimension::Kind, Dimension::Site, Dimension::Month])
        );
        assert_eq!(Dimension::parse_list(""), Ok(vec![]));
        assert_eq!(
            Dimension::parse_list("kind,colour"),
            Err("colour".to_owned())
        );
    }
}
