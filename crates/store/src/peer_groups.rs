//! A cohort's peer groups, the labels used to balance them, and their history.

use crate::db::{Db, on_db};
use crate::error::{OptionalRow, StoreError};
use crate::time::now_ms;
use hearth_domain::{CohortId, UserId};
use std::collections::BTreeMap;
use tracing::instrument;
use uuid::Uuid;

pub struct PeerGroups<'a> {
    pub(crate) db: &'a Db,
}

/// Keep two people apart, or together, when forming groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PairKind {
    Apart,
    Together,
}

impl PairKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PairKind::Apart => "apart",
            PairKind::Together => "together",
        }
    }
}

#[derive(Debug, Clone)]
pub struct MemberPair {
    pub first: UserId,
    pub second: UserId,
    pub kind: PairKind,
}

/// One saved group.
#[derive(Debug, Clone)]
pub struct PeerGroup {
    pub id: Uuid,
    pub position: i32,
    pub name: String,
    pub members: Vec<UserId>,
}

/// One save of a cohort's groups.
#[derive(Debug, Clone)]
pub struct Arrangement {
    pub id: Uuid,
    pub saved_at: i64,
    pub saved_by_name: Option<String>,
    pub groups: Vec<PeerGroup>,
}

/// One peer group found by its id, with where it belongs.
#[derive(Debug, Clone)]
pub struct PeerGroupRef {
    pub id: Uuid,
    pub cohort_id: CohortId,
    pub name: String,
    /// Whether it is one of the cohort's groups now (not an earlier save's).
    pub current: bool,
}

/// Which new group each channel of the previous groups moves to: the one
/// that keeps most of its members (ties go to the same place in the list).
/// A new group takes one channel at most, and a channel none of whose
/// people are in any new group stays with its old group (still stored,
/// still readable by the people who wrote it).
/// `old`: (conversation, position, members); `new`: members by position.
pub(crate) fn channel_successors(
    old: &[(Uuid, usize, Vec<UserId>)],
    new: &[Vec<UserId>],
) -> Vec<(Uuid, usize)> {
    let mut candidates: Vec<(usize, bool, Uuid, usize)> = Vec::new();
    for (conversation, position, members) in old {
        for (index, group) in new.iter().enumerate() {
            let kept = members.iter().filter(|m| group.contains(m)).count();
            if kept > 0 {
                candidates.push((kept, index == *position, *conversation, index));
            }
        }
    }
    // Most members kept first, then the same place, then a stable order.
    candidates.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then(b.1.cmp(&a.1))
            .then(a.2.cmp(&b.2))
            .then(a.3.cmp(&b.3))
    });
    let mut moved: Vec<(Uuid, usize)> = Vec::new();
    for (_, _, conversation, index) in candidates {
        if moved.iter().any(|(c, i)| *c == conversation || *i == index) {
            continue;
        }
        moved.push((conversation, index));
    }
    moved
}

/// Groups to save: a name and members each, in order.
#[derive(Debug, Clone)]
pub struct NewGroup {
    pub name: String,
    pub members: Vec<UserId>,
}

impl PeerGroups<'_> {
    /// Every label of every member: user -> label -> value.
    #[instrument(level = "debug", skip_all)]
    pub async fn labels(
        &self,
        cohort: CohortId,
    ) -> Result<BTreeMap<UserId, BTreeMap<String, String>>, StoreError> {
        let rows: Vec<(Uuid, String, String)> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT user_id, label, value FROM member_labels WHERE cohort_id = $1 ORDER BY label"
        )
        .bind(cohort.0)
        .fetch_all(pool)
        .await?);
        let mut labels: BTreeMap<UserId, BTreeMap<String, String>> = BTreeMap::new();
        for (user, label, value) in rows {
            labels.entry(UserId(user)).or_default().insert(label, value);
        }
        Ok(labels)
    }

    /// Replaces the cohort's labels with these, in one transaction.
    #[instrument(level = "debug", skip_all)]
    pub async fn replace_labels(
        &self,
        cohort: CohortId,
        labels: &[(UserId, String, String)],
    ) -> Result<(), StoreError> {
        on_db!(
            self.db,
            write
                | pool
                | {
                    let mut tx = pool.begin().await?;
                    sqlx::query("DELETE FROM member_labels WHERE cohort_id = $1")
                        .bind(cohort.0)
                        .execute(&mut *tx)
                        .await?;
                    for (user, label, value) in labels {
                        sqlx::query("INSERT INTO member_labels (cohort_id, user_id, label, value) VALUES ($1, $2, $3, $4)")
                    .bind(cohort.0)
                    .bind(user.0)
                    .bind(label)
                    .bind(value)
                    .execute(&mut *tx)
                    .await?;
                    }
                    tx.commit().await?;
                }
        );
        Ok(())
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn pairs(&self, cohort: CohortId) -> Result<Vec<MemberPair>, StoreError> {
        let rows: Vec<(Uuid, Uuid, String)> =
            on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT first_user, second_user, kind FROM member_pairs WHERE cohort_id = $1"
        )
        .bind(cohort.0)
        .fetch_all(pool)
        .await?);
        Ok(rows
            .into_iter()
            .map(|(first, second, kind)| MemberPair {
                first: UserId(first),
                second: UserId(second),
                kind: if kind == "together" {
                    PairKind::Together
                } else {
                    PairKind::Apart
                },
            })
            .collect())
    }

    /// Replaces the cohort's keep-apart and keep-together pairs.
    #[instrument(level = "debug", skip_all)]
    pub async fn replace_pairs(
        &self,
        cohort: CohortId,
        pairs: &[MemberPair],
    ) -> Result<(), StoreError> {
        on_db!(
            self.db,
            write
                | pool
                | {
                    let mut tx = pool.begin().await?;
                    sqlx::query("DELETE FROM member_pairs WHERE cohort_id = $1")
                        .bind(cohort.0)
                        .execute(&mut *tx)
                        .await?;
                    for pair in pairs {
                        sqlx::query(
                    "INSERT INTO member_pairs (cohort_id, first_user, second_user, kind) VALUES ($1, $2, $3, $4) \
                     ON CONFLICT (cohort_id, first_user, second_user) DO UPDATE SET kind = excluded.kind",
                )
                .bind(cohort.0)
                .bind(pair.first.0)
                .bind(pair.second.0)
                .bind(pair.kind.as_str())
                .execute(&mut *tx)
                .await?;
                    }
                    tx.commit().await?;
                }
        );
        Ok(())
    }

    /// Saves a new arrangement; it becomes the cohort's current groups.
    /// Each channel of the groups it replaces moves to its successor (see
    /// [`channel_successors`]) in the same transaction, so re-forming the
    /// groups never leaves what people wrote behind an old group.
    #[instrument(level = "debug", skip_all)]
    pub async fn save(
        &self,
        cohort: CohortId,
        saved_by: UserId,
        groups: &[NewGroup],
    ) -> Result<Uuid, StoreError> {
        let arrangement = Uuid::now_v7();
        let ids: Vec<Uuid> = groups.iter().map(|_| Uuid::now_v7()).collect();
        let new_members: Vec<Vec<UserId>> = groups.iter().map(|g| g.members.clone()).collect();
        on_db!(
            self.db,
            write
                | pool
                | {
                    let mut tx = pool.begin().await?;
                    // The channels of the groups being replaced, with their people.
                    let channels: Vec<(Uuid, Uuid, i32)> = sqlx::query_as(
                        "SELECT c.id, g.id, g.position FROM conversations c JOIN peer_groups g ON g.id = c.peer_group_id \
                         WHERE g.arrangement_id = (SELECT a.id FROM peer_group_arrangements a WHERE a.cohort_id = $1 \
                             ORDER BY a.saved_at DESC, a.id DESC LIMIT 1)",
                    )
                    .bind(cohort.0)
                    .fetch_all(&mut *tx)
                    .await?;
                    let mut old = Vec::new();
                    for (conversation, group, position) in channels {
                        let members: Vec<(Uuid,)> = sqlx::query_as(
                            "SELECT user_id FROM peer_group_members WHERE group_id = $1",
                        )
                        .bind(group)
                        .fetch_all(&mut *tx)
                        .await?;
                        old.push((
                            conversation,
                            usize::try_from(position).unwrap_or(usize::MAX),
                            members.into_iter().map(|(u,)| UserId(u)).collect(),
                        ));
                    }
                    sqlx::query("INSERT INTO peer_group_arrangements (id, cohort_id, saved_at, saved_by) VALUES ($1, $2, $3, $4)")
                .bind(arrangement)
                .bind(cohort.0)
                .bind(now_ms())
                .bind(saved_by.0)
                .execute(&mut *tx)
                .await?;
                    for (position, (group, id)) in groups.iter().zip(&ids).enumerate() {
                        sqlx::query("INSERT INTO peer_groups (id, arrangement_id, cohort_id, position, name) VALUES ($1, $2, $3, $4, $5)")
                    .bind(id)
                    .bind(arrangement)
                    .bind(cohort.0)
                    .bind(i32::try_from(position).unwrap_or(i32::MAX))
                    .bind(&group.name)
                    .execute(&mut *tx)
                    .await?;
                        for member in &group.members {
                            sqlx::query("INSERT INTO peer_group_members (group_id, user_id) VALUES ($1, $2)")
                        .bind(id)
                        .bind(member.0)
                        .execute(&mut *tx)
                        .await?;
                        }
                    }
                    for (conversation, index) in channel_successors(&old, &new_members) {
                        let Some(successor) = ids.get(index) else {
                            continue;
                        };
                        sqlx::query("UPDATE conversations SET peer_group_id = $1 WHERE id = $2")
                            .bind(successor)
                            .bind(conversation)
                            .execute(&mut *tx)
                            .await?;
                    }
                    tx.commit().await?;
                }
        );
        Ok(arrangement)
    }

    /// One peer group by its id (in any save of its cohort's groups).
    #[instrument(level = "debug", skip_all)]
    pub async fn group(&self, id: Uuid) -> Result<PeerGroupRef, StoreError> {
        let row: Option<(Uuid, Uuid, String, bool)> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT g.id, g.cohort_id, g.name, g.arrangement_id = (SELECT a.id FROM peer_group_arrangements a \
                 WHERE a.cohort_id = g.cohort_id ORDER BY a.saved_at DESC, a.id DESC LIMIT 1) \
             FROM peer_groups g WHERE g.id = $1"
        )
        .bind(id)
        .fetch_optional(pool)
        .await?);
        let (id, cohort, name, current) = row.found()?;
        Ok(PeerGroupRef {
            id,
            cohort_id: CohortId(cohort),
            name,
            current,
        })
    }

    /// A peer group's members with their names (for mentions and emails).
    #[instrument(level = "debug", skip_all)]
    pub async fn members_named(&self, group: Uuid) -> Result<Vec<(UserId, String)>, StoreError> {
        let rows: Vec<(Uuid, String)> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT u.id, u.display_name FROM peer_group_members m JOIN users u ON u.id = m.user_id \
             WHERE m.group_id = $1 AND u.active ORDER BY u.name_search"
        )
        .bind(group)
        .fetch_all(pool)
        .await?);
        Ok(rows
            .into_iter()
            .map(|(id, name)| (UserId(id), name))
            .collect())
    }

    /// Whether someone is in a peer group.
    #[instrument(level = "debug", skip_all)]
    pub async fn is_member(&self, group: Uuid, user: UserId) -> Result<bool, StoreError> {
        let row: (i64,) =
            on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT COUNT(*) FROM peer_group_members WHERE group_id = $1 AND user_id = $2"
        )
        .bind(group)
        .bind(user.0)
        .fetch_one(pool)
        .await?);
        Ok(row.0 > 0)
    }

    /// Every arrangement of the cohort, newest first, with its groups.
    #[instrument(level = "debug", skip_all)]
    pub async fn history(&self, cohort: CohortId) -> Result<Vec<Arrangement>, StoreError> {
        let arrangements: Vec<(Uuid, i64, Option<String>)> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT a.id, a.saved_at, u.display_name FROM peer_group_arrangements a \
             LEFT JOIN users u ON u.id = a.saved_by WHERE a.cohort_id = $1 ORDER BY a.saved_at DESC, a.id DESC"
        )
        .bind(cohort.0)
        .fetch_all(pool)
        .await?);
        let groups: Vec<(Uuid, Uuid, i32, String)> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT id, arrangement_id, position, name FROM peer_groups WHERE cohort_id = $1 ORDER BY position"
        )
        .bind(cohort.0)
        .fetch_all(pool)
        .await?);
        let members: Vec<(Uuid, Uuid)> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT m.group_id, m.user_id FROM peer_group_members m JOIN peer_groups g ON g.id = m.group_id \
             JOIN users u ON u.id = m.user_id WHERE g.cohort_id = $1 ORDER BY u.name_search"
        )
        .bind(cohort.0)
        .fetch_all(pool)
        .await?);
        // Grouped once: a large cohort has thousands of members in its groups.
        let mut members_of: std::collections::HashMap<Uuid, Vec<UserId>> =
            std::collections::HashMap::new();
        for (group, user) in members {
            members_of.entry(group).or_default().push(UserId(user));
        }
        let mut groups_of: std::collections::HashMap<Uuid, Vec<PeerGroup>> =
            std::collections::HashMap::new();
        for (group, arrangement, position, name) in groups {
            groups_of.entry(arrangement).or_default().push(PeerGroup {
                id: group,
                position,
                name,
                members: members_of.remove(&group).unwrap_or_default(),
            });
        }
        Ok(arrangements
            .into_iter()
            .map(|(id, saved_at, saved_by_name)| Arrangement {
                id,
                saved_at,
                saved_by_name,
                groups: groups_of.remove(&id).unwrap_or_default(),
            })
            .collect())
    }

    /// Saves (or rewrites) someone's introduction to their group.
    #[instrument(level = "debug", skip_all)]
    pub async fn introduce(
        &self,
        cohort: CohortId,
        user: UserId,
        text: &str,
    ) -> Result<(), StoreError> {
        on_db!(self.db, write |pool| sqlx::query(
            "INSERT INTO introductions (cohort_id, user_id, text, updated_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (cohort_id, user_id) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at"
        )
        .bind(cohort.0)
        .bind(user.0)
        .bind(text)
        .bind(now_ms())
        .execute(pool)
        .await
        .map(|done| done.rows_affected())?);
        Ok(())
    }

    /// The introductions of these people in this cohort (the caller decides who may read them).
    #[instrument(level = "debug", skip_all)]
    pub async fn introductions(
        &self,
        cohort: CohortId,
        people: &[UserId],
    ) -> Result<BTreeMap<UserId, String>, StoreError> {
        let rows: Vec<(Uuid, String)> = on_db!(
            self.db,
            read | pool
                | sqlx::query_as("SELECT user_id, text FROM introductions WHERE cohort_id = $1")
                    .bind(cohort.0)
                    .fetch_all(pool)
                    .await?
        );
        Ok(rows
            .into_iter()
            .map(|(u, t)| (UserId(u), t))
            .filter(|(u, _)| people.contains(u))
            .collect())
    }

    /// Someone's group in an arrangement (or, with none given, in the cohort's
    /// current one): a single indexed query, as every live connection asks it.
    #[instrument(level = "debug", skip_all)]
    pub async fn group_of(
        &self,
        cohort: CohortId,
        arrangement: Option<Uuid>,
        user: UserId,
    ) -> Result<Option<Uuid>, StoreError> {
        let row: Option<(Uuid,)> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT g.id FROM peer_group_members m JOIN peer_groups g ON g.id = m.group_id \
             WHERE m.user_id = $1 AND g.arrangement_id = COALESCE($2, \
                 (SELECT a.id FROM peer_group_arrangements a WHERE a.cohort_id = $3 ORDER BY a.saved_at DESC, a.id DESC LIMIT 1))"
        )
        .bind(user.0)
        .bind(arrangement)
        .bind(cohort.0)
        .fetch_optional(pool)
        .await?);
        Ok(row.map(|(id,)| id))
    }

    /// The current groups, if any were saved.
    #[instrument(level = "debug", skip_all)]
    pub async fn current(&self, cohort: CohortId) -> Result<Option<Arrangement>, StoreError> {
        Ok(self.history(cohort).await?.into_iter().next())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_channel_follows_most_of_its_people() {
        let people: Vec<UserId> = (0..6).map(|_| UserId::new()).collect();
        let (a, b) = (Uuid::now_v7(), Uuid::now_v7());
        let old = vec![
            (a, 0, vec![people[0], people[1], people[2]]),
            (b, 1, vec![people[3], people[4], people[5]]),
        ];
        // The groups swapped places and one person moved: each channel
        // follows the group that kept most of its people.
        let new = vec![
            vec![people[3], people[4], people[2]],
            vec![people[0], people[1], people[5]],
        ];
        let mut moved = channel_successors(&old, &new);
        moved.sort_by_key(|(c, _)| *c == b);
        assert_eq!(moved, vec![(a, 1), (b, 0)]);
        // Two groups merged: one channel goes on, the other stays where it was.
        let merged = vec![people.clone()];
        assert_eq!(channel_successors(&old, &merged).len(), 1);
        // Nobody kept: nothing moves.
        assert!(channel_successors(&old, &[vec![UserId::new(), UserId::new()]]).is_empty());
    }
}
