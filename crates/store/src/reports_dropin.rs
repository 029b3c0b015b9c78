//! The drop-in heat map (issue 9): walk-ins seen, by weekday and hour of
//! arrival in the organisation's time zone. It reads the walk-in queue (who
//! was taken, when they arrived), never names, and every cell is a figure
//! about support, so counts below [`SMALL_COUNT`](crate::SMALL_COUNT) are hidden.

use crate::db::on_db;
use crate::error::StoreError;
use crate::reports::{Count, ReportFilter, Reports};
use crate::time::timestamp;
use tracing::instrument;
use uuid::Uuid;

/// Visits by weekday (0 = Monday) and hour (0-23).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DropInHours {
    pub cells: [[Count; 24]; 7],
    /// The raw total (a sum of hidden cells would give them away, so the
    /// page shows it through the same rule).
    pub total: Count,
    /// The first and last hour with any visit, for a compact chart.
    pub hours: Option<(usize, usize)>,
}

impl Reports<'_> {
    /// Walk-ins seen at drop-in locations, within the filter's sites and days.
    /// Drop-ins belong to no programme or phase, and count as the
    /// `one-to-one` kind: another programme, phase or kind gives nothing.
    #[instrument(level = "debug", skip_all)]
    pub async fn drop_in_hours(&self, filter: &ReportFilter) -> Result<DropInHours, StoreError> {
        let mut raw = [[0i64; 24]; 7];
        let relevant = filter.programme.is_none()
            && filter.phase.is_none()
            && filter.kind.as_deref().is_none_or(|k| k == "one-to-one");
        if relevant {
            let zone = self.time_zone().await?;
            let (from, to) = Self::bounds(filter, &zone)?;
            let rows: Vec<(Uuid, i64)> = on_db!(self.db, read |pool| sqlx::query_as(
                "SELECT l.site_id, q.added_at FROM support_queue q JOIN support_locations l ON l.id = q.location_id \
                 JOIN sites s ON s.id = l.site_id WHERE q.taken_at IS NOT NULL \
                 AND ($1 IS NULL OR l.site_id = $1) AND ($2 IS NULL OR s.kind = $2) \
                 AND ($3 IS NULL OR q.added_at >= $3) AND ($4 IS NULL OR q.added_at < $4)"
            )
            .bind(filter.site.map(|s| s.0))
            .bind(filter.site_kind.as_deref())
            .bind(from)
            .bind(to)
            .fetch_all(pool)
            .await?);
            for (site, at) in rows {
                if !Self::allowed(filter, Some(site)) {
                    continue;
                }
                let local = timestamp(at).to_zoned_datetime(zone.clone());
                let day = usize::from(local.weekday().to_monday_zero_offset() as u8);
                let hour = usize::try_from(local.hour()).unwrap_or(0);
                if let Some(cell) = raw.get_mut(day).and_then(|d| d.get_mut(hour)) {
                    *cell += 1;
                }
            }
        }
        let mut cells = [[Count::Shown(0); 24]; 7];
        let mut first = None;
        let mut last = None;
        let mut total = 0;
        for (day, hours) in raw.iter().enumerate() {
            for (hour, n) in hours.iter().enumerate() {
                cells[day][hour] = Count::of(*n, true);
                total += n;
                if *n > 0 {
                    first = Some(first.map_or(hour, |f: usize| f.min(hour)));
                    last = Some(last.map_or(hour, |l: usize| l.max(hour)));
                }
            }
        }
        Ok(DropInHours {
            cells,
            total: Count::of(total, true),
            hours: first.zip(last),
        })
    }
}
