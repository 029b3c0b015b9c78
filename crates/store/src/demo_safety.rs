//! Demo data for the drop-in heat map: four past weeks of walk-ins seen at
//! the Student Centre, busiest around lunchtime. Their nicknames are already
//! forgotten, as the retention pass does a day after a visit.

use crate::Store;
use crate::db::on_db;
use crate::error::StoreError;
use uuid::Uuid;

/// Walk-ins seen per weekday (Monday first) and opening hour (10:00-15:00)
/// over the four weeks.
const VISITS: [[i64; 6]; 5] = [
    [2, 4, 9, 7, 3, 1],
    [3, 5, 11, 8, 4, 2],
    [1, 3, 8, 6, 5, 2],
    [4, 6, 12, 9, 3, 1],
    [2, 2, 6, 4, 1, 0],
];

pub(crate) async fn load(store: &Store, zone: &str) -> Result<(), StoreError> {
    let Some(centre) = store.support().locations().await?.into_iter().next() else {
        return Ok(());
    };
    let tz = jiff::tz::TimeZone::get(zone).unwrap_or(jiff::tz::TimeZone::UTC);
    let today = jiff::Timestamp::now().to_zoned_datetime(tz.clone()).date();
    let this_monday = today
        .checked_sub(jiff::Span::new().days(i64::from(today.weekday().to_monday_zero_offset())))
        .unwrap_or(today);
    let mut rows = Vec::new();
    for (day, hours) in VISITS.iter().enumerate() {
        for (slot, total) in hours.iter().enumerate() {
            // Spread each cell's visits over the four past weeks.
            for visit in 0..*total {
                let week = visit % 4 + 1;
                let Ok(date) = this_monday
                    .checked_sub(jiff::Span::new().weeks(week))
                    .and_then(|d| d.checked_add(jiff::Span::new().days(day as i64)))
                else {
                    continue;
                };
                let minute = (visit * 7 % 50) as i8;
                let time = jiff::civil::Time::constant(10 + slot as i8, 0, 0, 0)
                    .with()
                    .minute(minute)
                    .build()
                    .unwrap_or(jiff::civil::Time::midnight());
                let Ok(at) = date.to_datetime(time).to_zoned_datetime(tz.clone()) else {
                    continue;
                };
                rows.push(at.timestamp().as_millisecond());
            }
        }
    }
    on_db!(
        store.db(),
        write | pool | {
            let mut tx = pool.begin().await?;
            for added in &rows {
                sqlx::query(
                    "INSERT INTO support_queue (id, location_id, name, source, added_at, taken_at) \
                         VALUES ($1, $2, '', 'check-in', $3, $4)",
                )
                .bind(Uuid::now_v7())
                .bind(centre.id)
                .bind(added)
                .bind(added + 5 * 60_000)
                .execute(&mut *tx)
                .await?;
            }
            tx.commit().await?;
        }
    );
    Ok(())
}
