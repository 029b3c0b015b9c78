//! Peer support groups: the group, its members and their roles, asking to
//! join, its versioned ground rules, and links between groups that cooperate.

use crate::db::{Db, on_db};
use crate::error::{OptionalRow, StoreError};
use crate::time::now_ms;
use hearth_domain::roles::Scope;
use hearth_domain::support_groups::{GroupRole, SupportGroupId};
use hearth_domain::{SiteId, UserId};
use tracing::instrument;
use uuid::Uuid;

pub struct SupportGroups<'a> {
    pub(crate) db: &'a Db,
}

#[derive(Debug, Clone)]
pub struct SupportGroup {
    pub id: SupportGroupId,
    /// `None`: the group belongs to the whole network.
    pub site_id: Option<SiteId>,
    pub site_name: Option<String>,
    pub name: String,
    pub purpose: String,
    pub description: String,
    pub contact: String,
    pub formal: bool,
    pub archived: bool,
}

impl SupportGroup {
    /// Where the group lives, for the policy: its site, or the organisation.
    pub fn scope(&self) -> Scope {
        self.site_id.map_or(Scope::Organisation, Scope::Site)
    }
}

#[derive(Debug, Clone)]
pub struct NewSupportGroup {
    pub site_id: Option<SiteId>,
    pub name: String,
    pub purpose: String,
    pub description: String,
    pub contact: String,
    pub formal: bool,
}

/// A group in the directory or the network view.
#[derive(Debug, Clone)]
pub struct GroupSummary {
    pub group: SupportGroup,
    pub members: i64,
    pub facilitators: Vec<String>,
    /// Asking to join, not yet decided.
    pub open_requests: i64,
}

#[derive(Debug, Clone)]
pub struct GroupMember {
    pub user_id: UserId,
    pub name: String,
    pub role: GroupRole,
    pub joined_at: i64,
}

#[derive(Debug, Clone)]
pub struct JoinRequest {
    pub id: Uuid,
    pub user_id: UserId,
    pub name: String,
    pub message: Option<String>,
    pub asked_at: i64,
}

/// What became of a decided request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Accepted,
    Declined,
}

/// A link between two groups, seen from one of them.
#[derive(Debug, Clone)]
pub struct GroupLink {
    pub other: SupportGroupId,
    pub other_name: String,
    pub other_site: Option<String>,
    pub agreed: bool,
    /// This group asked; the other has not agreed yet.
    pub proposed_by_us: bool,
}

/// A link in the network view.
#[derive(Debug, Clone)]
pub struct NetworkLink {
    pub first: SupportGroupId,
    pub first_name: String,
    pub second: SupportGroupId,
    pub second_name: String,
    pub agreed: bool,
}

#[derive(sqlx::FromRow)]
struct GroupRow {
    id: Uuid,
    site_id: Option<Uuid>,
    site_name: Option<String>,
    name: String,
    purpose: String,
    description: String,
    contact: String,
    formal: bool,
    archived_at: Option<i64>,
}

impl From<GroupRow> for SupportGroup {
    fn from(row: GroupRow) -> Self {
        SupportGroup {
            id: SupportGroupId(row.id),
            site_id: row.site_id.map(SiteId),
            site_name: row.site_name,
            name: row.name,
            purpose: row.purpose,
            description: row.description,
            contact: row.contact,
            formal: row.formal,
            archived: row.archived_at.is_some(),
        }
    }
}

const GROUP_SELECT: &str = "SELECT g.id, g.site_id, s.name AS site_name, g.name, g.purpose, g.description, \
     g.contact, g.formal, g.archived_at FROM support_groups g LEFT JOIN sites s ON s.id = g.site_id";

fn role(text: &str) -> Result<GroupRole, StoreError> {
    text.parse()
        .map_err(|_| StoreError::Corrupt(format!("support group role {text}")))
}

/// The pair in its stored order.
fn ordered(a: SupportGroupId, b: SupportGroupId) -> (SupportGroupId, SupportGroupId) {
    if a < b { (a, b) } else { (b, a) }
}

impl SupportGroups<'_> {
    /// A new group with its first facilitator.
    #[instrument(level = "debug", skip_all)]
    pub async fn create(
        &self,
        group: &NewSupportGroup,
        facilitator: UserId,
        created_by: UserId,
    ) -> Result<SupportGroupId, StoreError> {
        let id = SupportGroupId::new();
        let now = now_ms();
        on_db!(
            self.db,
            write
                | pool
                | {
                    let mut tx = pool.begin().await?;
                    sqlx::query(
                "INSERT INTO support_groups (id, site_id, name, purpose, description, contact, formal, created_by, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            )
            .bind(id.0)
            .bind(group.site_id.map(|s| s.0))
            .bind(&group.name)
            .bind(&group.purpose)
            .bind(&group.description)
            .bind(&group.contact)
            .bind(group.formal)
            .bind(created_by.0)
            .bind(now)
            .execute(&mut *tx)
            .await?;
                    sqlx::query(
                "INSERT INTO support_group_members (group_id, user_id, role, joined_at) VALUES ($1, $2, $3, $4)",
            )
            .bind(id.0)
            .bind(facilitator.0)
            .bind(GroupRole::Facilitator.as_str())
            .bind(now)
            .execute(&mut *tx)
            .await?;
                    tx.commit().await?;
                }
        );
        Ok(id)
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn update(
        &self,
        id: SupportGroupId,
        group: &NewSupportGroup,
    ) -> Result<(), StoreError> {
        let done = on_db!(self.db, write |pool| sqlx::query(
            "UPDATE support_groups SET site_id = $2, name = $3, purpose = $4, description = $5, contact = $6, formal = $7 WHERE id = $1"
        )
        .bind(id.0)
        .bind(group.site_id.map(|s| s.0))
        .bind(&group.name)
        .bind(&group.purpose)
        .bind(&group.description)
        .bind(&group.contact)
        .bind(group.formal)
        .execute(pool)
        .await?
        .rows_affected());
        if done == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn get(&self, id: SupportGroupId) -> Result<SupportGroup, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!("{GROUP_SELECT} WHERE g.id = $1"));
        let row: Option<GroupRow> = on_db!(
            self.db,
            read | pool | sqlx::query_as(sql).bind(id.0).fetch_optional(pool).await?
        );
        Ok(row.found()?.into())
    }

    /// Every group that is not archived, by site then name, with its counts.
    #[instrument(level = "debug", skip_all)]
    pub async fn directory(&self) -> Result<Vec<GroupSummary>, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!(
            "{GROUP_SELECT} WHERE g.archived_at IS NULL ORDER BY s.name IS NOT NULL, s.name, g.name"
        ));
        let rows: Vec<GroupRow> = on_db!(
            self.db,
            read | pool | sqlx::query_as(sql).fetch_all(pool).await?
        );
        let members: Vec<(Uuid, String, String)> = on_db!(
            self.db,
            read | pool
                | sqlx::query_as(
                    "SELECT m.group_id, m.role, u.display_name FROM support_group_members m \
             JOIN users u ON u.id = m.user_id ORDER BY u.display_name"
                )
                .fetch_all(pool)
                .await?
        );
        let requests: Vec<(Uuid, i64)> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT group_id, CAST(COUNT(*) AS BIGINT) FROM support_group_requests WHERE decided_at IS NULL GROUP BY group_id"
        )
        .fetch_all(pool)
        .await?);
        Ok(rows
            .into_iter()
            .map(|row| {
                let group = SupportGroup::from(row);
                let mine = members.iter().filter(|(g, _, _)| *g == group.id.0);
                let facilitators = mine
                    .clone()
                    .filter(|(_, r, _)| r == GroupRole::Facilitator.as_str())
                    .map(|(_, _, name)| name.clone())
                    .collect();
                GroupSummary {
                    members: mine.count() as i64,
                    facilitators,
                    open_requests: requests
                        .iter()
                        .find(|(g, _)| *g == group.id.0)
                        .map_or(0, |(_, n)| *n),
                    group,
                }
            })
            .collect())
    }

    /// The groups a person belongs to, with their role in each.
    #[instrument(level = "debug", skip_all)]
    pub async fn groups_of(
        &self,
        user: UserId,
    ) -> Result<Vec<(SupportGroup, GroupRole)>, StoreError> {
        let sql = "SELECT g.id, g.site_id, s.name AS site_name, g.name, g.purpose, g.description, g.contact, g.formal, \
             g.archived_at, m.role FROM support_groups g LEFT JOIN sites s ON s.id = g.site_id \
             JOIN support_group_members m ON m.group_id = g.id \
             WHERE m.user_id = $1 AND g.archived_at IS NULL ORDER BY g.name";
        #[derive(sqlx::FromRow)]
        struct Row {
            #[sqlx(flatten)]
            group: GroupRow,
            role: String,
        }
        let rows: Vec<Row> = on_db!(
            self.db,
            read | pool | sqlx::query_as(sql).bind(user.0).fetch_all(pool).await?
        );
        rows.into_iter()
            .map(|row| Ok((row.group.into(), role(&row.role)?)))
            .collect()
    }

    /// The person's role in the group, if they belong to it.
    #[instrument(level = "debug", skip_all)]
    pub async fn standing(
        &self,
        group: SupportGroupId,
        user: UserId,
    ) -> Result<Option<GroupRole>, StoreError> {
        let found: Option<(String,)> =
            on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT role FROM support_group_members WHERE group_id = $1 AND user_id = $2"
        )
        .bind(group.0)
        .bind(user.0)
        .fetch_optional(pool)
        .await?);
        found.map(|(r,)| role(&r)).transpose()
    }

    /// Facilitators first, then co-facilitators, then members, each by name.
    #[instrument(level = "debug", skip_all)]
    pub async fn members(&self, group: SupportGroupId) -> Result<Vec<GroupMember>, StoreError> {
        let rows: Vec<(Uuid, String, String, i64)> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT m.user_id, u.display_name, m.role, m.joined_at FROM support_group_members m \
             JOIN users u ON u.id = m.user_id WHERE m.group_id = $1 \
             ORDER BY CASE m.role WHEN 'facilitator' THEN 0 WHEN 'co-facilitator' THEN 1 ELSE 2 END, u.display_name"
        )
        .bind(group.0)
        .fetch_all(pool)
        .await?);
        rows.into_iter()
            .map(|(user, name, r, joined_at)| {
                Ok(GroupMember {
                    user_id: UserId(user),
                    name,
                    role: role(&r)?,
                    joined_at,
                })
            })
            .collect()
    }

    /// Adds someone directly (the demo, and accepting a request); a member
    /// already there keeps their role.
    #[instrument(level = "debug", skip_all)]
    pub async fn add_member(
        &self,
        group: SupportGroupId,
        user: UserId,
        role: GroupRole,
    ) -> Result<(), StoreError> {
        on_db!(self.db, write |pool| sqlx::query(
            "INSERT INTO support_group_members (group_id, user_id, role, joined_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (group_id, user_id) DO NOTHING"
        )
        .bind(group.0)
        .bind(user.0)
        .bind(role.as_str())
        .bind(now_ms())
        .execute(pool)
        .await?
        .rows_affected());
        Ok(())
    }

    /// Changes a member's role; `NotFound` when they are not a member.
    #[instrument(level = "debug", skip_all)]
    pub async fn set_role(
        &self,
        group: SupportGroupId,
        user: UserId,
        role: GroupRole,
    ) -> Result<(), StoreError> {
        let done = on_db!(self.db, write |pool| sqlx::query(
            "UPDATE support_group_members SET role = $3 WHERE group_id = $1 AND user_id = $2"
        )
        .bind(group.0)
        .bind(user.0)
        .bind(role.as_str())
        .execute(pool)
        .await?
        .rows_affected());
        if done == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn remove_member(
        &self,
        group: SupportGroupId,
        user: UserId,
    ) -> Result<(), StoreError> {
        on_db!(
            self.db,
            write
                | pool
                | sqlx::query(
                    "DELETE FROM support_group_members WHERE group_id = $1 AND user_id = $2"
                )
                .bind(group.0)
                .bind(user.0)
                .execute(pool)
                .await?
                .rows_affected()
        );
        Ok(())
    }

    /// Asks to join; `Conflict("request")` when an earlier request is still open.
    #[instrument(level = "debug", skip_all)]
    pub async fn ask_to_join(
        &self,
        group: SupportGroupId,
        user: UserId,
        message: Option<&str>,
    ) -> Result<Uuid, StoreError> {
        let id = Uuid::now_v7();
        on_db!(self.db, write |pool| sqlx::query(
            "INSERT INTO support_group_requests (id, group_id, user_id, message, asked_at) VALUES ($1, $2, $3, $4, $5)"
        )
        .bind(id)
        .bind(group.0)
        .bind(user.0)
        .bind(message)
        .bind(now_ms())
        .execute(pool)
        .await
        .map_err(StoreError::unique("request"))?
        .rows_affected());
        Ok(id)
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn open_requests(
        &self,
        group: SupportGroupId,
    ) -> Result<Vec<JoinRequest>, StoreError> {
        let rows: Vec<(Uuid, Uuid, String, Option<String>, i64)> =
            on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT r.id, r.user_id, u.display_name, r.message, r.asked_at FROM support_group_requests r \
             JOIN users u ON u.id = r.user_id WHERE r.group_id = $1 AND r.decided_at IS NULL ORDER BY r.asked_at"
        )
        .bind(group.0)
        .fetch_all(pool)
        .await?);
        Ok(rows
            .into_iter()
            .map(|(id, user, name, message, asked_at)| JoinRequest {
                id,
                user_id: UserId(user),
                name,
                message,
                asked_at,
            })
            .collect())
    }

    /// Whether the person has asked and is waiting for an answer.
    #[instrument(level = "debug", skip_all)]
    pub async fn has_open_request(
        &self,
        group: SupportGroupId,
        user: UserId,
    ) -> Result<bool, StoreError> {
        let found: Option<(Uuid,)> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT id FROM support_group_requests WHERE group_id = $1 AND user_id = $2 AND decided_at IS NULL"
        )
        .bind(group.0)
        .bind(user.0)
        .fetch_optional(pool)
        .await?);
        Ok(found.is_some())
    }

    /// Accepts (the person becomes a member) or declines an open request, in
    /// one transaction. Returns who asked; `NotFound` when the request is not
    /// open in this group (already decided, or another group's).
    #[instrument(level = "debug", skip_all)]
    pub async fn decide(
        &self,
        group: SupportGroupId,
        request: Uuid,
        decision: Decision,
        decided_by: UserId,
    ) -> Result<UserId, StoreError> {
        let now = now_ms();
        let word = match decision {
            Decision::Accepted => "accepted",
            Decision::Declined => "declined",
        };
        let asker: Option<(Uuid,)> = on_db!(
            self.db,
            write
                | pool
                | {
                    let mut tx = pool.begin().await?;
                    let asker: Option<(Uuid,)> = sqlx::query_as(
                "UPDATE support_group_requests SET decision = $3, decided_by = $4, decided_at = $5 \
                 WHERE id = $1 AND group_id = $2 AND decided_at IS NULL RETURNING user_id",
            )
            .bind(request)
            .bind(group.0)
            .bind(word)
            .bind(decided_by.0)
            .bind(now)
            .fetch_optional(&mut *tx)
            .await?;
                    if let (Some((user,)), Decision::Accepted) = (&asker, decision) {
                        sqlx::query(
                    "INSERT INTO support_group_members (group_id, user_id, role, joined_at) VALUES ($1, $2, $3, $4) \
                     ON CONFLICT (group_id, user_id) DO NOTHING",
                )
                .bind(group.0)
                .bind(user)
                .bind(GroupRole::Member.as_str())
                .bind(now)
                .execute(&mut *tx)
                .await?;
                    }
                    tx.commit().await?;
                    asker
                }
        );
        asker.map(|(u,)| UserId(u)).found()
    }

    /// The newest version of the group's ground rules.
    #[instrument(level = "debug", skip_all)]
    pub async fn ground_rules(
        &self,
        group: SupportGroupId,
    ) -> Result<Option<(i32, String)>, StoreError> {
        Ok(on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT version, text FROM support_group_ground_rules WHERE group_id = $1 ORDER BY version DESC LIMIT 1"
        )
        .bind(group.0)
        .fetch_optional(pool)
        .await?))
    }

    /// A new version of the ground rules; earlier versions are kept.
    #[instrument(level = "debug", skip_all)]
    pub async fn set_ground_rules(
        &self,
        group: SupportGroupId,
        text: &str,
        by: UserId,
    ) -> Result<(), StoreError> {
        on_db!(self.db, write |pool| sqlx::query(
            "INSERT INTO support_group_ground_rules (group_id, version, text, created_at, created_by) \
             VALUES ($1, (SELECT COALESCE(MAX(version), 0) + 1 FROM support_group_ground_rules WHERE group_id = $1), $2, $3, $4)"
        )
        .bind(group.0)
        .bind(text)
        .bind(now_ms())
        .bind(by.0)
        .execute(pool)
        .await?
        .rows_affected());
        Ok(())
    }

    /// One group's links, agreed and waiting.
    #[instrument(level = "debug", skip_all)]
    pub async fn links(&self, group: SupportGroupId) -> Result<Vec<GroupLink>, StoreError> {
        type Row = (Uuid, String, Option<String>, Option<i64>, Option<Uuid>);
        let rows: Vec<Row> =
            on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT o.id, o.name, s.name, l.agreed_at, l.proposed_by_group FROM support_group_links l \
             JOIN support_groups o ON o.id = CASE WHEN l.group_a = $1 THEN l.group_b ELSE l.group_a END \
             LEFT JOIN sites s ON s.id = o.site_id \
             WHERE l.group_a = $1 OR l.group_b = $1 ORDER BY o.name"
        )
        .bind(group.0)
        .fetch_all(pool)
        .await?);
        Ok(rows
            .into_iter()
            .map(|(other, name, site, agreed_at, by)| GroupLink {
                other: SupportGroupId(other),
                other_name: name,
                other_site: site,
                agreed: agreed_at.is_some(),
                proposed_by_us: by == Some(group.0),
            })
            .collect())
    }

    /// Every link, for the network view.
    #[instrument(level = "debug", skip_all)]
    pub async fn all_links(&self) -> Result<Vec<NetworkLink>, StoreError> {
        let rows: Vec<(Uuid, String, Uuid, String, Option<i64>)> = on_db!(
            self.db,
            read | pool
                | sqlx::query_as(
                    "SELECT a.id, a.name, b.id, b.name, l.agreed_at FROM support_group_links l \
             JOIN support_groups a ON a.id = l.group_a JOIN support_groups b ON b.id = l.group_b \
             ORDER BY a.name, b.name"
                )
                .fetch_all(pool)
                .await?
        );
        Ok(rows
            .into_iter()
            .map(|(a, a_name, b, b_name, agreed_at)| NetworkLink {
                first: SupportGroupId(a),
                first_name: a_name,
                second: SupportGroupId(b),
                second_name: b_name,
                agreed: agreed_at.is_some(),
            })
            .collect())
    }

    /// `from`'s facilitator asks `to` to cooperate. When `to` had already
    /// asked `from`, this is their agreement and the link is made. Returns
    /// whether the link is now agreed.
    #[instrument(level = "debug", skip_all)]
    pub async fn propose_link(
        &self,
        from: SupportGroupId,
        to: SupportGroupId,
        by: UserId,
    ) -> Result<bool, StoreError> {
        let (a, b) = ordered(from, to);
        let now = now_ms();
        on_db!(
            self.db,
            write
                | pool
                | {
                    let mut tx = pool.begin().await?;
                    sqlx::query(
                "INSERT INTO support_group_links (group_a, group_b, proposed_by_group, proposed_by, proposed_at) \
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT (group_a, group_b) DO NOTHING",
            )
            .bind(a.0)
            .bind(b.0)
            .bind(from.0)
            .bind(by.0)
            .bind(now)
            .execute(&mut *tx)
            .await?;
                    // The other side asked first: asking back is agreeing.
                    sqlx::query(
                "UPDATE support_group_links SET agreed_at = $4, agreed_by = $5 \
                 WHERE group_a = $1 AND group_b = $2 AND proposed_by_group <> $3 AND agreed_at IS NULL",
            )
            .bind(a.0)
            .bind(b.0)
            .bind(from.0)
            .bind(now)
            .bind(by.0)
            .execute(&mut *tx)
            .await?;
                    tx.commit().await?;
                }
        );
        self.link_agreed(from, to).await
    }

    /// Whether the two groups are linked and both agreed.
    #[instrument(level = "debug", skip_all)]
    pub async fn link_agreed(
        &self,
        first: SupportGroupId,
        second: SupportGroupId,
    ) -> Result<bool, StoreError> {
        let (a, b) = ordered(first, second);
        let found: Option<(Option<i64>,)> =
            on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT agreed_at FROM support_group_links WHERE group_a = $1 AND group_b = $2"
        )
        .bind(a.0)
        .bind(b.0)
        .fetch_optional(pool)
        .await?);
        Ok(found.is_some_and(|(at,)| at.is_some()))
    }

    /// A coordinator connects two groups at once.
    #[instrument(level = "debug", skip_all)]
    pub async fn connect(
        &self,
        first: SupportGroupId,
        second: SupportGroupId,
        by: UserId,
    ) -> Result<(), StoreError> {
        let (a, b) = ordered(first, second);
        let now = now_ms();
        on_db!(self.db, write |pool| sqlx::query(
            "INSERT INTO support_group_links (group_a, group_b, proposed_by_group, proposed_by, proposed_at, agreed_by, agreed_at) \
             VALUES ($1, $2, NULL, $3, $4, $3, $4) \
             ON CONFLICT (group_a, group_b) DO UPDATE SET agreed_by = $3, agreed_at = $4 WHERE support_group_links.agreed_at IS NULL"
        )
        .bind(a.0)
        .bind(b.0)
        .bind(by.0)
        .bind(now)
        .execute(pool)
        .await?
        .rows_affected());
        Ok(())
    }

    /// Ends a link (or withdraws a request to cooperate).
    #[instrument(level = "debug", skip_all)]
    pub async fn unlink(
        &self,
        first: SupportGroupId,
        second: SupportGroupId,
    ) -> Result<(), StoreError> {
        let (a, b) = ordered(first, second);
        on_db!(
            self.db,
            write
                | pool
                | sqlx::query(
                    "DELETE FROM support_group_links WHERE group_a = $1 AND group_b = $2"
                )
                .bind(a.0)
                .bind(b.0)
                .execute(pool)
                .await?
                .rows_affected()
        );
        Ok(())
    }
}

/// The demo's peer support groups (`seeds/001`): "I'm here" at the school
/// with nine members, and a few more across the sites for the network view.
pub(crate) async fn load_demo(
    store: &crate::Store,
    school: SiteId,
    municipality: SiteId,
    campus: SiteId,
) -> Result<(), StoreError> {
    let person = |email: &'static str| async move {
        let email = hearth_domain::input::Email::parse(email)
            .map_err(|e| StoreError::Corrupt(e.to_string()))?;
        store
            .people()
            .find_by_email(&email)
            .await?
            .map(|p| p.id)
            .found()
    };
    let groups = store.support_groups();
    let teuta = person("teacher@demo.example").await?;
    let here = groups
        .create(
            &NewSupportGroup {
                site_id: Some(school),
                name: "I'm here".into(),
                purpose: "Teachers and psychologists of the school supporting each other, and \
                          pupils in need: we meet monthly to share what works, look after \
                          ourselves and plan together."
                    .into(),
                description:
                    "Pupils in need: any of us is here for you. Look for the \"I'm here\" \
                              badge on a teacher's door."
                        .into(),
                contact: "Ask any member in the staff room, or the school psychologist.".into(),
                formal: true,
            },
            teuta,
            teuta,
        )
        .await?;
    let members = [
        ("arta@demo.example", GroupRole::CoFacilitator),
        ("blerim@demo.example", GroupRole::Member),
        ("dafina@demo.example", GroupRole::Member),
        ("egzon@demo.example", GroupRole::Member),
        ("fjolla@demo.example", GroupRole::Member),
        ("granit@demo.example", GroupRole::Member),
        ("hana@demo.example", GroupRole::Member),
        ("ilir@demo.example", GroupRole::Member),
    ];
    for (email, role) in members {
        groups.add_member(here, person(email).await?, role).await?;
    }
    // Someone waiting for an answer, so the facilitator sees how joining works.
    groups
        .ask_to_join(
            here,
            person("jeta@demo.example").await?,
            Some("I teach Year 7 and would like to learn from colleagues."),
        )
        .await?;

    let mentor = person("municipality@demo.example").await?;
    let together = groups
        .create(
            &NewSupportGroup {
                site_id: Some(municipality),
                name: "Together for our pupils".into(),
                purpose: "Learning-community staff of the municipality: case discussions and \
                          self-care."
                    .into(),
                description: "Staff of the municipality's learning communities who support \
                              children returning from migration."
                    .into(),
                contact: "The municipality's education office.".into(),
                formal: true,
            },
            person("kaltrina@demo.example").await?,
            mentor,
        )
        .await?;
    for email in ["ilir@demo.example", "jeta@demo.example"] {
        groups
            .add_member(together, person(email).await?, GroupRole::Member)
            .await?;
    }
    let fatima = person("facilitator@demo.example").await?;
    let circle = groups
        .create(
            &NewSupportGroup {
                site_id: Some(campus),
                name: "Riverside peer supporters' circle".into(),
                purpose: "Peer supporters on campus meet for supervision-free mutual support and \
                          to share what they learn."
                    .into(),
                description: "For students who give peer support on campus.".into(),
                contact: "peers@riverside.example".into(),
                formal: false,
            },
            fatima,
            fatima,
        )
        .await?;
    groups
        .add_member(
            circle,
            person("peer@demo.example").await?,
            GroupRole::Member,
        )
        .await?;
    groups
        .add_member(
            circle,
            person("maya@demo.example").await?,
            GroupRole::Member,
        )
        .await?;
    let network = groups
        .create(
            &NewSupportGroup {
                site_id: None,
                name: "Facilitators across the network".into(),
                purpose: "Facilitators of every group: tea and chat online, and help with \
                          running a group."
                    .into(),
                description: "For the facilitators of the network's peer support groups.".into(),
                contact: "Ask the programme coordinator.".into(),
                formal: false,
            },
            person("coordinator@demo.example").await?,
            person("coordinator@demo.example").await?,
        )
        .await?;
    for email in ["teacher@demo.example", "kaltrina@demo.example"] {
        groups
            .add_member(network, person(email).await?, GroupRole::Member)
            .await?;
    }
    let coordinator = person("coordinator@demo.example").await?;
    groups.connect(here, together, coordinator).await?;
    demo_meetings(store, here, together, teuta).await?;
    // A request still waiting for the "I'm here" facilitators' answer.
    groups.propose_link(circle, here, fatima).await?;
    Ok(())
}

/// "I'm here" met last month (minutes, attendance, an action item for its
/// co-facilitator) and meets next week; the municipality's group met recently.
async fn demo_meetings(
    store: &crate::Store,
    here: SupportGroupId,
    together: SupportGroupId,
    teuta: UserId,
) -> Result<(), StoreError> {
    use crate::activity::AttendanceStatus;
    use crate::support_groups_meetings::NewMeeting;
    use hearth_domain::support_groups::monthly_meeting_template;
    let zone = "Europe/Belgrade";
    let corrupt = |e: jiff::Error| StoreError::Corrupt(e.to_string());
    let today = jiff::Timestamp::now()
        .to_zoned_datetime(jiff::tz::TimeZone::get(zone).unwrap_or(jiff::tz::TimeZone::UTC))
        .date();
    let at = |date: jiff::civil::Date| -> Result<i64, StoreError> {
        Ok(date
            .at(14, 0, 0, 0)
            .in_tz(zone)
            .map_err(corrupt)?
            .timestamp()
            .as_millisecond())
    };
    let month_ago = today
        .checked_sub(jiff::Span::new().days(28))
        .map_err(corrupt)?;
    let next_week = today
        .checked_add(jiff::Span::new().days(7))
        .map_err(corrupt)?;
    // The next one is in the staff room and online too, for members at home.
    let meeting = |starts_at: i64, online: bool| NewMeeting {
        title: "Takimi mujor i grupit \"I'm here\"".into(),
        starts_at,
        time_zone: zone.into(),
        place: Some("Salla e mësuesve (the staff room)".into()),
        online,
        agenda: monthly_meeting_template(true),
    };
    let meetings = store.support_group_meetings();
    // Two single meetings, not a series: the next date was agreed at the last one.
    let past = meetings
        .schedule(here, &[meeting(at(month_ago)?, false)], teuta)
        .await?;
    meetings
        .schedule(here, &[meeting(at(next_week)?, true)], teuta)
        .await?;
    let past = meetings.get(here, past.first().copied().found()?).await?;
    meetings
        .set_minutes(
            past.id,
            Some(
                "Our first monthly meeting. Everyone presented \"This is who I am\".\n\
                 Group matters: Teuta facilitates, Arta co-facilitates; we promote the group to pupils with a door badge.\n\
                 World Café on discipline, concentration, environment, motivation and bullying: the hosts' notes are kept.\n\
                 We agreed to meet again next month.",
            ),
        )
        .await?;
    if let Some(activity) = past.activity_id {
        for member in store.support_groups().members(here).await? {
            let status = if member.name == "Hana Kelmendi" {
                AttendanceStatus::Absent
            } else {
                AttendanceStatus::Present
            };
            store
                .activities()
                .mark(activity, member.user_id, status, None)
                .await?;
        }
    }
    let arta = store
        .support_groups()
        .members(here)
        .await?
        .into_iter()
        .find(|m| m.role == GroupRole::CoFacilitator)
        .map(|m| m.user_id)
        .found()?;
    meetings
        .add_action(
            past.id,
            "Make the \"I'm here\" door badges for members' classrooms",
            arta,
            &next_week.to_string(),
        )
        .await?;
    let three_weeks_ago = today
        .checked_sub(jiff::Span::new().days(21))
        .map_err(corrupt)?;
    meetings
        .schedule(
            together,
            &[NewMeeting {
                title: "Case discussion and self-care".into(),
                starts_at: at(three_weeks_ago)?,
                time_zone: zone.into(),
                place: Some("Municipality education office".into()),
                online: false,
                agenda: vec![
                    hearth_domain::support_groups::AgendaItem::new(
                        hearth_domain::support_groups::AgendaKind::TeaAndChat,
                        "Tea and chat",
                        15,
                    ),
                    hearth_domain::support_groups::AgendaItem::new(
                        hearth_domain::support_groups::AgendaKind::DiscussionTopic,
                        "Children returning from migration",
                        45,
                    ),
                ],
            }],
            teuta,
        )
        .await?;
    Ok(())
}
