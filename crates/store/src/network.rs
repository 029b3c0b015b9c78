//! The network of peer support groups (issue 8): what each group is about,
//! the shared library, field visits (counted in the reports as activities of
//! the kind `field-visit`), and joint meetings between groups.

use crate::activity::NewActivity;
use crate::db::{Db, on_db};
use crate::error::{OptionalRow, StoreError};
use crate::time::now_ms;
use hearth_domain::support_groups::SupportGroupId;
use hearth_domain::{FileId, SiteId, UserId};
use std::collections::HashMap;
use tracing::instrument;
use uuid::Uuid;

pub struct Network<'a> {
    pub(crate) db: &'a Db,
}

impl crate::Store {
    pub fn network(&self) -> Network<'_> {
        Network { db: self.db() }
    }
}

#[derive(Debug, Clone)]
pub struct Resource {
    pub id: Uuid,
    pub title: String,
    pub description: String,
    pub url: Option<String>,
    pub file_id: Option<FileId>,
    pub file_name: Option<String>,
    pub tags: Vec<String>,
    pub added_by: Option<String>,
    pub added_by_id: Option<UserId>,
    pub added_at: i64,
}

#[derive(Debug, Clone)]
pub struct NewResource {
    pub title: String,
    pub description: String,
    pub url: Option<String>,
    pub file_id: Option<FileId>,
    pub tags: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct FieldVisit {
    pub id: Uuid,
    pub group_id: SupportGroupId,
    pub group_name: String,
    pub visited_on: String,
    pub visitors: String,
    pub observations: String,
    pub support_needs: String,
    pub capacity_needs: String,
    pub follow_up: String,
    pub recorded_by: Option<String>,
}

#[derive(Debug, Clone)]
pub struct NewFieldVisit {
    pub visited_on: jiff::civil::Date,
    /// Noon on that day in the organisation's zone, for the activity row.
    pub occurred_at: i64,
    pub visitors: String,
    pub observations: String,
    pub support_needs: String,
    pub capacity_needs: String,
    pub follow_up: String,
}

/// A meeting of another group this group is invited to.
#[derive(Debug, Clone)]
pub struct JointMeeting {
    pub meeting_id: Uuid,
    pub host_group: SupportGroupId,
    pub host_name: String,
    pub title: String,
    pub starts_at: i64,
    pub place: Option<String>,
    pub online: bool,
}

type ResourceRow = (
    Uuid,
    String,
    String,
    Option<String>,
    Option<Uuid>,
    Option<String>,
    String,
    Option<String>,
    Option<Uuid>,
    i64,
);

type JointRow = (Uuid, Uuid, String, String, i64, Option<String>, bool);

type VisitRow = (
    Uuid,
    Uuid,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    Option<String>,
);

const VISIT_SELECT: &str = "SELECT v.id, v.group_id, g.name, v.visited_on, v.visitors, v.observations, \
     v.support_needs, v.capacity_needs, v.follow_up, u.display_name FROM field_visits v \
     JOIN support_groups g ON g.id = v.group_id LEFT JOIN users u ON u.id = v.recorded_by";

fn visit(row: VisitRow) -> FieldVisit {
    let (id, group, group_name, on, visitors, observations, support, capacity, follow_up, by) = row;
    FieldVisit {
        id,
        group_id: SupportGroupId(group),
        group_name,
        visited_on: on,
        visitors,
        observations,
        support_needs: support,
        capacity_needs: capacity,
        follow_up,
        recorded_by: by,
    }
}

impl Network<'_> {
    /// Replaces a group's themes.
    #[instrument(level = "debug", skip_all)]
    pub async fn set_themes(
        &self,
        group: SupportGroupId,
        themes: &[String],
    ) -> Result<(), StoreError> {
        on_db!(
            self.db,
            write
                | pool
                | {
                    let mut tx = pool.begin().await?;
                    sqlx::query("DELETE FROM support_group_themes WHERE group_id = $1")
                        .bind(group.0)
                        .execute(&mut *tx)
                        .await?;
                    for theme in themes {
                        sqlx::query(
                            "INSERT INTO support_group_themes (group_id, theme) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                        )
                        .bind(group.0)
                        .bind(theme)
                        .execute(&mut *tx)
                        .await?;
                    }
                    tx.commit().await?;
                }
        );
        Ok(())
    }

    /// Every group's themes, alphabetically.
    #[instrument(level = "debug", skip_all)]
    pub async fn themes(&self) -> Result<HashMap<SupportGroupId, Vec<String>>, StoreError> {
        let rows: Vec<(Uuid, String)> = on_db!(
            self.db,
            read | pool
                | sqlx::query_as(
                    "SELECT group_id, theme FROM support_group_themes ORDER BY group_id, theme"
                )
                .fetch_all(pool)
                .await?
        );
        let mut themes: HashMap<SupportGroupId, Vec<String>> = HashMap::new();
        for (group, theme) in rows {
            themes.entry(SupportGroupId(group)).or_default().push(theme);
        }
        Ok(themes)
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn add_resource(
        &self,
        resource: &NewResource,
        added_by: UserId,
    ) -> Result<Uuid, StoreError> {
        let id = Uuid::now_v7();
        on_db!(self.db, write |pool| sqlx::query(
            "INSERT INTO network_resources (id, title, description, url, file_id, tags, added_by, added_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
        )
        .bind(id)
        .bind(&resource.title)
        .bind(&resource.description)
        .bind(resource.url.as_deref())
        .bind(resource.file_id.map(|f| f.0))
        .bind(resource.tags.join(","))
        .bind(added_by.0)
        .bind(now_ms())
        .execute(pool)
        .await?
        .rows_affected());
        Ok(id)
    }

    /// The library, newest first; with a tag, only what carries it.
    #[instrument(level = "debug", skip_all)]
    pub async fn resources(&self, tag: Option<&str>) -> Result<Vec<Resource>, StoreError> {
        let rows: Vec<ResourceRow> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT r.id, r.title, r.description, r.url, r.file_id, f.name, r.tags, u.display_name, r.added_by, r.added_at \
             FROM network_resources r LEFT JOIN files f ON f.id = r.file_id LEFT JOIN users u ON u.id = r.added_by \
             ORDER BY r.added_at DESC"
        )
        .fetch_all(pool)
        .await?);
        Ok(rows
            .into_iter()
            .map(
                |(id, title, description, url, file, file_name, tags, by, by_id, at)| Resource {
                    id,
                    title,
                    description,
                    url,
                    file_id: file.map(FileId),
                    file_name,
                    tags: tags
                        .split(',')
                        .filter(|t| !t.is_empty())
                        .map(str::to_owned)
                        .collect(),
                    added_by: by,
                    added_by_id: by_id.map(UserId),
                    added_at: at,
                },
            )
            .filter(|r| tag.is_none_or(|tag| r.tags.iter().any(|t| t == tag)))
            .collect())
    }

    /// The file of a library resource (`NotFound` for any other file).
    #[instrument(level = "debug", skip_all)]
    pub async fn resource_file(&self, file: FileId) -> Result<(), StoreError> {
        let row: Option<(Uuid,)> = on_db!(
            self.db,
            read | pool
                | sqlx::query_as("SELECT id FROM network_resources WHERE file_id = $1")
                    .bind(file.0)
                    .fetch_optional(pool)
                    .await?
        );
        row.found().map(|_| ())
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn remove_resource(&self, id: Uuid) -> Result<(), StoreError> {
        let removed = on_db!(
            self.db,
            write
                | pool
                | sqlx::query("DELETE FROM network_resources WHERE id = $1")
                    .bind(id)
                    .execute(pool)
                    .await?
                    .rows_affected()
        );
        if removed == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// Records a field visit and its activity row (kind `field-visit`, at the
    /// group's site) so reports count it.
    #[instrument(level = "debug", skip_all)]
    pub async fn record_visit(
        &self,
        group: SupportGroupId,
        site: Option<SiteId>,
        title: &str,
        visit: &NewFieldVisit,
        recorded_by: UserId,
    ) -> Result<Uuid, StoreError> {
        let activity = crate::activity::Activities { db: self.db }
            .record(&NewActivity {
                kind: "field-visit",
                title,
                site_id: site,
                cohort_id: None,
                phase_id: None,
                occurred_at: visit.occurred_at,
            })
            .await?;
        let id = Uuid::now_v7();
        on_db!(self.db, write |pool| sqlx::query(
            "INSERT INTO field_visits (id, group_id, visited_on, visitors, observations, support_needs, capacity_needs, \
             follow_up, activity_id, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
        )
        .bind(id)
        .bind(group.0)
        .bind(visit.visited_on.to_string())
        .bind(&visit.visitors)
        .bind(&visit.observations)
        .bind(&visit.support_needs)
        .bind(&visit.capacity_needs)
        .bind(&visit.follow_up)
        .bind(activity)
        .bind(recorded_by.0)
        .bind(now_ms())
        .execute(pool)
        .await?
        .rows_affected());
        Ok(id)
    }

    /// A group's visits, newest first.
    #[instrument(level = "debug", skip_all)]
    pub async fn visits(&self, group: SupportGroupId) -> Result<Vec<FieldVisit>, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!(
            "{VISIT_SELECT} WHERE v.group_id = $1 ORDER BY v.visited_on DESC, v.recorded_at DESC"
        ));
        let rows: Vec<VisitRow> = on_db!(
            self.db,
            read | pool | sqlx::query_as(sql).bind(group.0).fetch_all(pool).await?
        );
        Ok(rows.into_iter().map(visit).collect())
    }

    /// Every visit, newest first (the caller keeps what the reader may see).
    #[instrument(level = "debug", skip_all)]
    pub async fn all_visits(&self) -> Result<Vec<FieldVisit>, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!(
            "{VISIT_SELECT} ORDER BY v.visited_on DESC, v.recorded_at DESC"
        ));
        let rows: Vec<VisitRow> = on_db!(
            self.db,
            read | pool | sqlx::query_as(sql).fetch_all(pool).await?
        );
        Ok(rows.into_iter().map(visit).collect())
    }

    /// Invites another group to a meeting (a joint meeting).
    #[instrument(level = "debug", skip_all)]
    pub async fn invite_group(
        &self,
        meeting: Uuid,
        group: SupportGroupId,
    ) -> Result<(), StoreError> {
        on_db!(self.db, write |pool| sqlx::query(
            "INSERT INTO meeting_guest_groups (meeting_id, group_id, invited_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING"
        )
        .bind(meeting)
        .bind(group.0)
        .bind(now_ms())
        .execute(pool)
        .await?
        .rows_affected());
        Ok(())
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn guest_groups(
        &self,
        meeting: Uuid,
    ) -> Result<Vec<(SupportGroupId, String)>, StoreError> {
        let rows: Vec<(Uuid, String)> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT g.id, g.name FROM meeting_guest_groups m JOIN support_groups g ON g.id = m.group_id \
             WHERE m.meeting_id = $1 ORDER BY g.name"
        )
        .bind(meeting)
        .fetch_all(pool)
        .await?);
        Ok(rows
            .into_iter()
            .map(|(g, n)| (SupportGroupId(g), n))
            .collect())
    }

    /// Meetings of other groups that `group` is invited to, soonest first.
    #[instrument(level = "debug", skip_all)]
    pub async fn joint_meetings_for(
        &self,
        group: SupportGroupId,
    ) -> Result<Vec<JointMeeting>, StoreError> {
        let rows: Vec<JointRow> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT m.id, g.id, g.name, m.title, m.starts_at, m.place, m.online FROM meeting_guest_groups j \
             JOIN support_group_meetings m ON m.id = j.meeting_id JOIN support_groups g ON g.id = m.group_id \
             WHERE j.group_id = $1 AND m.cancelled_at IS NULL ORDER BY m.starts_at"
        )
        .bind(group.0)
        .fetch_all(pool)
        .await?);
        Ok(rows
            .into_iter()
            .map(
                |(meeting_id, host, host_name, title, starts_at, place, online)| JointMeeting {
                    meeting_id,
                    host_group: SupportGroupId(host),
                    host_name,
                    title,
                    starts_at,
                    place,
                    online,
                },
            )
            .collect())
    }
}
