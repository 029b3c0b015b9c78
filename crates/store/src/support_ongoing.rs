//! Ongoing one-to-one support: requests, matching, the agreement, numbered
//! sessions, extensions and the closing summary; referrals to services with
//! their follow-up. The database keeps the session limit: a session is
//! inserted only while fewer than the agreed (plus extended) number exist and
//! the student confirmed, and each number is unique per support.
//!
//! The web layer decides who reads what (see `docs/support.md`); rows are
//! handed out by id.

use crate::db::{Db, on_db};
use crate::error::{OptionalRow, StoreError};
use crate::reports::{Count, ReportFilter, Reports};
use crate::support::NewBooking;
use crate::time::now_ms;
use hearth_domain::roles::PeerWorkerKind;
use hearth_domain::support::Agreement;
use hearth_domain::support_ongoing::{Candidate, Status, split_list};
use hearth_domain::{ServiceId, SiteId, UserId};
use tracing::instrument;
use uuid::Uuid;

pub struct Ongoing<'a> {
    pub(crate) db: &'a Db,
}

/// A peer worker's profile for matching; empty lists until they choose.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PeerProfile {
    pub topics: Vec<String>,
    pub languages: Vec<String>,
    pub availability: Vec<String>,
    pub open_to_new: bool,
    /// Whether the peer ever saved one.
    pub saved: bool,
}

/// A peer worker who could be matched at a site.
#[derive(Debug, Clone)]
pub struct PeerCandidate {
    pub user: UserId,
    pub name: String,
    pub candidate: Candidate,
}

#[derive(Debug, Clone)]
pub struct NewRequest {
    pub site: SiteId,
    pub student: UserId,
    pub referred_by: Option<UserId>,
    pub help_with: String,
    pub language: Option<String>,
    pub peer_kind: Option<PeerWorkerKind>,
    pub topics: Vec<String>,
    pub availability: Vec<String>,
}

/// One ongoing support with its counts.
#[derive(Debug, Clone)]
pub struct OngoingSupport {
    pub id: Uuid,
    pub site_id: SiteId,
    pub site_name: String,
    pub student_id: UserId,
    pub student_name: String,
    pub referred_by_name: Option<String>,
    pub help_with: String,
    pub language: Option<String>,
    pub peer_kind: Option<PeerWorkerKind>,
    pub topics: Vec<String>,
    pub availability: Vec<String>,
    pub peer_id: Option<UserId>,
    pub peer_name: Option<String>,
    pub agreed_sessions: Option<i32>,
    pub extended_sessions: i32,
    pub covers: Option<String>,
    pub confirmed_at: Option<i64>,
    pub closing_summary: Option<String>,
    pub closed_at: Option<i64>,
    /// `None` when the peer closed it; `withdrawn` or `ended-by-student`.
    pub closed_reason: Option<String>,
    /// The student's optional word to the peer when they ended it.
    pub closing_note: Option<String>,
    pub created_at: i64,
    /// Sessions scheduled so far, and of those how many have started.
    pub scheduled: i32,
    pub held: i32,
    /// The next session to come: its number and start.
    pub next: Option<(i32, i64)>,
}

impl OngoingSupport {
    pub fn status(&self) -> Status {
        Status::of(
            self.peer_id.is_some(),
            self.agreed_sessions.is_some(),
            self.confirmed_at.is_some(),
            self.closed_at.is_some(),
        )
    }

    /// The agreement, once proposed.
    pub fn agreement(&self) -> Option<Agreement> {
        self.agreed_sessions.map(|agreed| Agreement {
            agreed,
            extended: self.extended_sessions,
        })
    }
}

#[derive(Debug, Clone)]
pub struct OngoingSession {
    pub id: Uuid,
    pub number: i32,
    pub starts_at: i64,
    pub ends_at: i64,
    pub room_name: Option<String>,
    /// The calendar entry's SEQUENCE: 0, raised by each move.
    pub sequence: i32,
}

#[derive(Debug, Clone)]
pub struct Extension {
    pub id: Uuid,
    pub support_id: Uuid,
    pub site_id: SiteId,
    pub asked_by: Option<UserId>,
    pub asked_by_name: Option<String>,
    pub sessions: i32,
    pub reason: String,
    pub decision: Option<String>,
    pub decided_by_name: Option<String>,
    pub created_at: i64,
}

#[derive(Debug, Clone)]
pub struct NewReferral {
    pub site: Option<SiteId>,
    pub referrer: UserId,
    pub service: ServiceId,
    pub source: &'static str,
    pub source_id: Option<Uuid>,
    pub person: Option<UserId>,
    pub person_label: String,
    pub note: Option<String>,
    pub follow_up_at: i64,
}

#[derive(Debug, Clone)]
pub struct Referral {
    pub id: Uuid,
    pub site_id: Option<SiteId>,
    pub referrer_id: Option<UserId>,
    pub referrer_name: Option<String>,
    pub service_id: ServiceId,
    pub service_name: String,
    pub service_contact: Option<String>,
    pub source: String,
    pub source_id: Option<Uuid>,
    pub person_label: String,
    pub note: Option<String>,
    pub follow_up_at: i64,
    pub outcome: Option<String>,
    pub created_at: i64,
}

#[derive(sqlx::FromRow)]
struct SupportRow {
    id: Uuid,
    site_id: Uuid,
    site_name: String,
    student_id: Uuid,
    student_name: String,
    referred_by_name: Option<String>,
    help_with: String,
    language: Option<String>,
    peer_kind: Option<String>,
    topics: String,
    availability: String,
    peer_id: Option<Uuid>,
    peer_name: Option<String>,
    agreed_sessions: Option<i32>,
    extended_sessions: i32,
    covers: Option<String>,
    confirmed_at: Option<i64>,
    closing_summary: Option<String>,
    closed_at: Option<i64>,
    closed_reason: Option<String>,
    closing_note: Option<String>,
    created_at: i64,
    scheduled: i64,
    held: i64,
    next_number: Option<i32>,
    next_at: Option<i64>,
}

impl From<SupportRow> for OngoingSupport {
    fn from(r: SupportRow) -> Self {
        OngoingSupport {
            id: r.id,
            site_id: SiteId(r.site_id),
            site_name: r.site_name,
            student_id: UserId(r.student_id),
            student_name: r.student_name,
            referred_by_name: r.referred_by_name,
            help_with: r.help_with,
            language: r.language,
            peer_kind: r.peer_kind.and_then(|k| k.parse().ok()),
            topics: split_list(&r.topics),
            availability: split_list(&r.availability),
            peer_id: r.peer_id.map(UserId),
            peer_name: r.peer_name,
            agreed_sessions: r.agreed_sessions,
            extended_sessions: r.extended_sessions,
            covers: r.covers,
            confirmed_at: r.confirmed_at,
            closing_summary: r.closing_summary,
            closed_at: r.closed_at,
            closed_reason: r.closed_reason,
            closing_note: r.closing_note,
            created_at: r.created_at,
            scheduled: r.scheduled as i32,
            held: r.held as i32,
            next: r.next_number.zip(r.next_at),
        }
    }
}

/// `$1` is now: sessions started before it are held; the next is the first after.
const SUPPORT_SELECT: &str = "SELECT o.id, o.site_id, s.name AS site_name, o.student_id, st.display_name AS student_name, \
     rb.display_name AS referred_by_name, o.help_with, o.language, o.peer_kind, o.topics, o.availability, \
     o.peer_id, p.display_name AS peer_name, o.agreed_sessions, o.extended_sessions, o.covers, o.confirmed_at, \
     o.closing_summary, o.closed_at, o.closed_reason, o.closing_note, o.created_at, \
     CAST((SELECT COUNT(*) FROM support_ongoing_sessions x WHERE x.support_id = o.id) AS BIGINT) AS scheduled, \
     CAST((SELECT COUNT(*) FROM support_ongoing_sessions x WHERE x.support_id = o.id AND x.starts_at <= $1) AS BIGINT) AS held, \
     (SELECT MIN(x.number) FROM support_ongoing_sessions x WHERE x.support_id = o.id AND x.starts_at > $1) AS next_number, \
     (SELECT MIN(x.starts_at) FROM support_ongoing_sessions x WHERE x.support_id = o.id AND x.starts_at > $1) AS next_at \
     FROM support_ongoing o JOIN sites s ON s.id = o.site_id JOIN users st ON st.id = o.student_id \
     LEFT JOIN users p ON p.id = o.peer_id LEFT JOIN users rb ON rb.id = o.referred_by";

/// id, support, site, asked by, their name, sessions, reason, decision, decided by, created
type ExtensionRow = (
    Uuid,
    Uuid,
    Uuid,
    Option<Uuid>,
    Option<String>,
    i32,
    String,
    Option<String>,
    Option<String>,
    i64,
);

const EXTENSION_SELECT: &str = "SELECT e.id, e.support_id, o.site_id, e.asked_by, a.display_name, e.sessions, e.reason, \
     e.decision, d.display_name, e.created_at FROM support_ongoing_extensions e JOIN support_ongoing o ON o.id = e.support_id \
     LEFT JOIN users a ON a.id = e.asked_by LEFT JOIN users d ON d.id = e.decided_by";

fn extension(row: ExtensionRow) -> Extension {
    let (
        id,
        support_id,
        site,
        asked_by,
        asked_by_name,
        sessions,
        reason,
        decision,
        decided_by_name,
        created_at,
    ) = row;
    Extension {
        id,
        support_id,
        site_id: SiteId(site),
        asked_by: asked_by.map(UserId),
        asked_by_name,
        sessions,
        reason,
        decision,
        decided_by_name,
        created_at,
    }
}

#[derive(sqlx::FromRow)]
struct ReferralRow {
    id: Uuid,
    site_id: Option<Uuid>,
    referrer_id: Option<Uuid>,
    referrer_name: Option<String>,
    service_id: Uuid,
    service_name: String,
    service_contact: Option<String>,
    source: String,
    source_id: Option<Uuid>,
    person_label: String,
    note: Option<String>,
    follow_up_at: i64,
    outcome: Option<String>,
    created_at: i64,
}

impl From<ReferralRow> for Referral {
    fn from(r: ReferralRow) -> Self {
        Referral {
            id: r.id,
            site_id: r.site_id.map(SiteId),
            referrer_id: r.referrer_id.map(UserId),
            referrer_name: r.referrer_name,
            service_id: ServiceId(r.service_id),
            service_name: r.service_name,
            service_contact: r.service_contact,
            source: r.source,
            source_id: r.source_id,
            person_label: r.person_label,
            note: r.note,
            follow_up_at: r.follow_up_at,
            outcome: r.outcome,
            created_at: r.created_at,
        }
    }
}

const REFERRAL_SELECT: &str = "SELECT r.id, r.site_id, r.referrer_id, u.display_name AS referrer_name, r.service_id, \
     v.name AS service_name, v.contact AS service_contact, r.source, r.source_id, r.person_label, r.note, r.follow_up_at, \
     r.outcome, r.created_at FROM support_referrals r JOIN services v ON v.id = r.service_id \
     LEFT JOIN users u ON u.id = r.referrer_id";

fn joined(list: &[String]) -> String {
    list.join(",")
}

impl Ongoing<'_> {
    // --- peers' profiles and who can be matched ---

    #[instrument(level = "debug", skip_all)]
    pub async fn profile(&self, user: UserId) -> Result<PeerProfile, StoreError> {
        let row: Option<(String, String, String, bool)> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT topics, languages, availability, open_to_new FROM support_peer_profiles WHERE user_id = $1"
        )
        .bind(user.0)
        .fetch_optional(pool)
        .await?);
        Ok(match row {
            Some((topics, languages, availability, open_to_new)) => PeerProfile {
                topics: split_list(&topics),
                languages: split_list(&languages),
                availability: split_list(&availability),
                open_to_new,
                saved: true,
            },
            None => PeerProfile {
                open_to_new: true,
                ..PeerProfile::default()
            },
        })
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn save_profile(
        &self,
        user: UserId,
        profile: &PeerProfile,
    ) -> Result<(), StoreError> {
        on_db!(self.db, write |pool| sqlx::query(
            "INSERT INTO support_peer_profiles (user_id, topics, languages, availability, open_to_new, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (user_id) DO UPDATE SET topics = excluded.topics, \
             languages = excluded.languages, availability = excluded.availability, open_to_new = excluded.open_to_new, \
             updated_at = excluded.updated_at"
        )
        .bind(user.0)
        .bind(joined(&profile.topics))
        .bind(joined(&profile.languages))
        .bind(joined(&profile.availability))
        .bind(profile.open_to_new)
        .bind(now_ms())
        .execute(pool)
        .await.map(|r| r.rows_affected())?);
        Ok(())
    }

    /// Active peer workers serving `site` (or the whole organisation), by
    /// name, with their profile and how many supports they hold now.
    #[instrument(level = "debug", skip_all)]
    pub async fn candidates(&self, site: SiteId) -> Result<Vec<PeerCandidate>, StoreError> {
        type Row = (
            Uuid,
            String,
            String,
            Option<String>,
            Option<String>,
            Option<String>,
            Option<bool>,
            i64,
        );
        let rows: Vec<Row> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT u.id, u.display_name, g.role, u.language, f.topics, \
             CASE WHEN f.user_id IS NULL THEN NULL ELSE f.languages || '|' || f.availability END, f.open_to_new, \
             CAST((SELECT COUNT(*) FROM support_ongoing o WHERE o.peer_id = u.id AND o.closed_at IS NULL) AS BIGINT) \
             FROM role_grants g JOIN users u ON u.id = g.user_id LEFT JOIN support_peer_profiles f ON f.user_id = u.id \
             WHERE u.active AND g.role LIKE 'peer-worker:%' AND (g.scope_key = 'organisation' OR (g.site_id = $1 AND g.cohort_id IS NULL)) \
             ORDER BY u.display_name, u.id"
        )
        .bind(site.0)
        .fetch_all(pool)
        .await?);
        let mut out: Vec<PeerCandidate> = Vec::new();
        for (id, name, role, ui_language, topics, rest, open, caseload) in rows {
            let kind = role
                .strip_prefix("peer-worker:")
                .and_then(|k| k.parse::<PeerWorkerKind>().ok());
            if let Some(last) = out.last_mut()
                && last.user.0 == id
            {
                last.candidate.kinds.extend(kind);
                continue;
            }
            let (languages, availability) = match rest.as_deref().and_then(|r| r.split_once('|')) {
                Some((languages, availability)) => {
                    (split_list(languages), split_list(availability))
                }
                None => (ui_language.into_iter().collect(), Vec::new()),
            };
            out.push(PeerCandidate {
                user: UserId(id),
                name,
                candidate: Candidate {
                    kinds: kind.into_iter().collect(),
                    topics: topics.as_deref().map(split_list).unwrap_or_default(),
                    languages,
                    availability,
                    caseload: caseload as i32,
                    open_to_new: open.unwrap_or(true),
                },
            });
        }
        Ok(out)
    }

    // --- requests and supports ---

    #[instrument(level = "debug", skip_all)]
    pub async fn ask(&self, request: &NewRequest) -> Result<Uuid, StoreError> {
        let id = Uuid::now_v7();
        on_db!(self.db, write |pool| sqlx::query(
            "INSERT INTO support_ongoing (id, site_id, student_id, referred_by, help_with, language, peer_kind, topics, availability, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
        )
        .bind(id)
        .bind(request.site.0)
        .bind(request.student.0)
        .bind(request.referred_by.map(|u| u.0))
        .bind(&request.help_with)
        .bind(request.language.as_deref())
        .bind(request.peer_kind.map(|k| k.as_str()))
        .bind(joined(&request.topics))
        .bind(joined(&request.availability))
        .bind(now_ms())
        .execute(pool)
        .await.map(|r| r.rows_affected())?);
        Ok(id)
    }

    async fn select(
        &self,
        condition: &str,
        id: Option<Uuid>,
    ) -> Result<Vec<OngoingSupport>, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!(
            "{SUPPORT_SELECT} WHERE {condition} ORDER BY o.closed_at IS NOT NULL, o.created_at DESC LIMIT 500"
        ));
        let rows: Vec<SupportRow> = on_db!(
            self.db,
            read | pool
                | sqlx::query_as(sql)
                    .bind(now_ms())
                    .bind(id)
                    .fetch_all(pool)
                    .await?
        );
        Ok(rows.into_iter().map(OngoingSupport::from).collect())
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn get(&self, id: Uuid) -> Result<OngoingSupport, StoreError> {
        self.select("o.id = $2", Some(id)).await?.pop().found()
    }

    /// Supports a person asked for (or was referred to).
    #[instrument(level = "debug", skip_all)]
    pub async fn of_student(&self, student: UserId) -> Result<Vec<OngoingSupport>, StoreError> {
        self.select("o.student_id = $2", Some(student.0)).await
    }

    /// Supports a peer holds.
    #[instrument(level = "debug", skip_all)]
    pub async fn of_peer(&self, peer: UserId) -> Result<Vec<OngoingSupport>, StoreError> {
        self.select("o.peer_id = $2", Some(peer.0)).await
    }

    /// Every support, newest first; callers keep what the reader may see.
    #[instrument(level = "debug", skip_all)]
    pub async fn all(&self) -> Result<Vec<OngoingSupport>, StoreError> {
        self.select("($2 IS NULL OR o.id = $2)", None).await
    }

    /// Matches an open request to a peer; `NotFound` when it is no longer open.
    #[instrument(level = "debug", skip_all)]
    pub async fn assign(&self, id: Uuid, peer: UserId, by: UserId) -> Result<(), StoreError> {
        let done = on_db!(
            self.db,
            write
                | pool
                | sqlx::query(
                    "UPDATE support_ongoing SET peer_id = $2, matched_by = $3, matched_at = $4 \
             WHERE id = $1 AND peer_id IS NULL AND closed_at IS NULL AND student_id <> $2"
                )
                .bind(id)
                .bind(peer.0)
                .bind(by.0)
                .bind(now_ms())
                .execute(pool)
                .await
                .map(|r| r.rows_affected())?
        );
        if done == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// The peer proposes (or changes, until confirmed) the agreement.
    #[instrument(level = "debug", skip_all)]
    pub async fn propose(
        &self,
        id: Uuid,
        peer: UserId,
        sessions: i32,
        covers: &str,
    ) -> Result<(), StoreError> {
        let done = on_db!(self.db, write |pool| sqlx::query(
            "UPDATE support_ongoing SET agreed_sessions = $3, covers = $4, proposed_at = $5 \
             WHERE id = $1 AND peer_id = $2 AND confirmed_at IS NULL AND closed_at IS NULL"
        )
        .bind(id)
        .bind(peer.0)
        .bind(sessions)
        .bind(covers)
        .bind(now_ms())
        .execute(pool)
        .await.map(|r| r.rows_affected())?);
        if done == 0 {
            return Err(StoreError::Conflict("agreement"));
        }
        Ok(())
    }

    /// The student confirms the proposed agreement.
    #[instrument(level = "debug", skip_all)]
    pub async fn confirm(&self, id: Uuid, student: UserId) -> Result<(), StoreError> {
        let done = on_db!(self.db, write |pool| sqlx::query(
            "UPDATE support_ongoing SET confirmed_at = $3 \
             WHERE id = $1 AND student_id = $2 AND agreed_sessions IS NOT NULL AND confirmed_at IS NULL AND closed_at IS NULL"
        )
        .bind(id)
        .bind(student.0)
        .bind(now_ms())
        .execute(pool)
        .await.map(|r| r.rows_affected())?);
        if done == 0 {
            return Err(StoreError::Conflict("agreement"));
        }
        Ok(())
    }

    /// Schedules the next session, booking `room` for it when given.
    /// `Conflict("room")` when the room is taken; `Conflict("limit")` when the
    /// agreement is not confirmed, the support is closed or every agreed
    /// session is scheduled (then nothing is booked either).
    #[instrument(level = "debug", skip_all)]
    pub async fn schedule(
        &self,
        id: Uuid,
        starts_at: i64,
        ends_at: i64,
        room: Option<(Uuid, String)>,
        by: UserId,
    ) -> Result<(Uuid, i32), StoreError> {
        let support = crate::support::Support { db: self.db };
        let booking = match room {
            Some((room, purpose)) => Some(
                support
                    .book(&NewBooking {
                        room,
                        starts_at,
                        ends_at,
                        purpose,
                        booked_by: Some(by),
                    })
                    .await?,
            ),
            None => None,
        };
        let inserted = self
            .insert_session(id, starts_at, ends_at, booking, by)
            .await;
        if !matches!(inserted, Ok(Some(_)))
            && let Some(booking) = booking
        {
            self.unbook(booking).await?;
        }
        inserted?.ok_or(StoreError::Conflict("limit"))
    }

    async fn insert_session(
        &self,
        id: Uuid,
        starts_at: i64,
        ends_at: i64,
        booking: Option<Uuid>,
        by: UserId,
    ) -> Result<Option<(Uuid, i32)>, StoreError> {
        // The support's row is touched first: on PostgreSQL its lock makes
        // schedulers and cancellations (which renumber) of one support take
        // turns, so the count below always sees the numbers as they are.
        // The unique number still refuses a duplicate; then it tries again.
        for _ in 0..3 {
            let session = Uuid::now_v7();
            let row: Result<Option<(i32,)>, sqlx::Error> = on_db!(
                self.db,
                write
                    | pool
                    | {
                        async {
                            let mut tx = pool.begin().await?;
                            sqlx::query(
                                "UPDATE support_ongoing SET sessions_version = sessions_version + 1 WHERE id = $1",
                            )
                            .bind(id)
                            .execute(&mut *tx)
                            .await?;
                            let row: Option<(i32,)> = sqlx::query_as(
                                "INSERT INTO support_ongoing_sessions (id, support_id, number, starts_at, ends_at, booking_id, created_by, created_at) \
                                 SELECT $1, o.id, CAST((SELECT COUNT(*) FROM support_ongoing_sessions x WHERE x.support_id = o.id) AS INTEGER) + 1, \
                                 $3, $4, $5, $6, $7 FROM support_ongoing o WHERE o.id = $2 AND o.confirmed_at IS NOT NULL AND o.closed_at IS NULL \
                                 AND (SELECT COUNT(*) FROM support_ongoing_sessions x WHERE x.support_id = o.id) < o.agreed_sessions + o.extended_sessions \
                                 RETURNING number",
                            )
                            .bind(session)
                            .bind(id)
                            .bind(starts_at)
                            .bind(ends_at)
                            .bind(booking)
                            .bind(by.0)
                            .bind(now_ms())
                            .fetch_optional(&mut *tx)
                            .await?;
                            tx.commit().await?;
                            Ok(row)
                        }
                        .await
                    }
            );
            match row.map_err(StoreError::unique("number")) {
                Ok(row) => return Ok(row.map(|(number,)| (session, number))),
                Err(StoreError::Conflict(_)) => continue,
                Err(other) => return Err(other),
            }
        }
        Ok(None)
    }

    async fn unbook(&self, booking: Uuid) -> Result<(), StoreError> {
        on_db!(
            self.db,
            write
                | pool
                | sqlx::query("DELETE FROM support_bookings WHERE id = $1")
                    .bind(booking)
                    .execute(pool)
                    .await
                    .map(|r| r.rows_affected())?
        );
        Ok(())
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn sessions(&self, id: Uuid) -> Result<Vec<OngoingSession>, StoreError> {
        let rows: Vec<(Uuid, i32, i64, i64, Option<String>, i32)> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT x.id, x.number, x.starts_at, x.ends_at, r.name, x.sequence FROM support_ongoing_sessions x \
             LEFT JOIN support_bookings b ON b.id = x.booking_id LEFT JOIN support_rooms r ON r.id = b.room_id \
             WHERE x.support_id = $1 ORDER BY x.number"
        )
        .bind(id)
        .fetch_all(pool)
        .await?);
        Ok(rows
            .into_iter()
            .map(
                |(id, number, starts_at, ends_at, room_name, sequence)| OngoingSession {
                    id,
                    number,
                    starts_at,
                    ends_at,
                    room_name,
                    sequence,
                },
            )
            .collect())
    }

    // --- extensions ---

    /// The peer asks for more sessions; `Conflict("extension")` while one waits
    /// or when the support is not running.
    #[instrument(level = "debug", skip_all)]
    pub async fn ask_extension(
        &self,
        id: Uuid,
        peer: UserId,
        sessions: i32,
        reason: &str,
    ) -> Result<Uuid, StoreError> {
        let extension = Uuid::now_v7();
        let done = on_db!(self.db, write |pool| sqlx::query(
            "INSERT INTO support_ongoing_extensions (id, support_id, asked_by, sessions, reason, created_at) \
             SELECT $1, o.id, $3, $4, $5, $6 FROM support_ongoing o WHERE o.id = $2 AND o.peer_id = $3 \
             AND o.confirmed_at IS NOT NULL AND o.closed_at IS NULL \
             AND NOT EXISTS (SELECT 1 FROM support_ongoing_extensions e WHERE e.support_id = o.id AND e.decision IS NULL)"
        )
        .bind(extension)
        .bind(id)
        .bind(peer.0)
        .bind(sessions)
        .bind(reason)
        .bind(now_ms())
        .execute(pool)
        .await.map(|r| r.rows_affected())?);
        if done == 0 {
            return Err(StoreError::Conflict("extension"));
        }
        Ok(extension)
    }

    async fn extensions_where(
        &self,
        condition: &str,
        id: Option<Uuid>,
    ) -> Result<Vec<Extension>, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!(
            "{EXTENSION_SELECT} WHERE {condition} ORDER BY e.created_at"
        ));
        let rows: Vec<ExtensionRow> = on_db!(
            self.db,
            read | pool | sqlx::query_as(sql).bind(id).fetch_all(pool).await?
        );
        Ok(rows.into_iter().map(extension).collect())
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn extensions(&self, support: Uuid) -> Result<Vec<Extension>, StoreError> {
        self.extensions_where("e.support_id = $1", Some(support))
            .await
    }

    /// Extensions waiting for a decision, oldest first (callers keep those of
    /// the sites the reader supervises).
    #[instrument(level = "debug", skip_all)]
    pub async fn waiting_extensions(&self) -> Result<Vec<Extension>, StoreError> {
        self.extensions_where(
            "($1 IS NULL OR e.id = $1) AND e.decision IS NULL AND o.closed_at IS NULL",
            None,
        )
        .await
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn extension(&self, id: Uuid) -> Result<Extension, StoreError> {
        self.extensions_where("e.id = $1", Some(id))
            .await?
            .pop()
            .found()
    }

    /// Decides a waiting extension; an approval raises the support's number
    /// of sessions in the same transaction. `Conflict("decided")` when it was
    /// decided already.
    #[instrument(level = "debug", skip_all)]
    pub async fn decide_extension(
        &self,
        id: Uuid,
        supervisor: UserId,
        approved: bool,
    ) -> Result<(), StoreError> {
        let decision = if approved { "approved" } else { "declined" };
        let now = now_ms();
        let decided: Result<bool, sqlx::Error> = on_db!(
            self.db,
            write
                | pool
                | {
                    async {
                        let mut tx = pool.begin().await?;
                        let row: Option<(Uuid, i32)> = sqlx::query_as(
                            "UPDATE support_ongoing_extensions SET decision = $2, decided_by = $3, decided_at = $4 \
                             WHERE id = $1 AND decision IS NULL RETURNING support_id, sessions",
                        )
                        .bind(id)
                        .bind(decision)
                        .bind(supervisor.0)
                        .bind(now)
                        .fetch_optional(&mut *tx)
                        .await?;
                        let Some((support, sessions)) = row else {
                            return Ok(false);
                        };
                        if approved {
                            sqlx::query(
                                "UPDATE support_ongoing SET extended_sessions = extended_sessions + $2 WHERE id = $1",
                            )
                            .bind(support)
                            .bind(sessions)
                            .execute(&mut *tx)
                            .await?;
                        }
                        tx.commit().await?;
                        Ok(true)
                    }
                    .await
                }
        );
        if !decided? {
            return Err(StoreError::Conflict("decided"));
        }
        Ok(())
    }

    // --- referrals ---

    #[instrument(level = "debug", skip_all)]
    pub async fn refer(&self, referral: &NewReferral) -> Result<Uuid, StoreError> {
        let id = Uuid::now_v7();
        on_db!(self.db, write |pool| sqlx::query(
            "INSERT INTO support_referrals (id, site_id, referrer_id, service_id, source, source_id, person_id, person_label, note, \
             follow_up_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
        )
        .bind(id)
        .bind(referral.site.map(|s| s.0))
        .bind(referral.referrer.0)
        .bind(referral.service.0)
        .bind(referral.source)
        .bind(referral.source_id)
        .bind(referral.person.map(|u| u.0))
        .bind(&referral.person_label)
        .bind(referral.note.as_deref())
        .bind(referral.follow_up_at)
        .bind(now_ms())
        .execute(pool)
        .await.map(|r| r.rows_affected())?);
        Ok(id)
    }

    async fn referrals_where(
        &self,
        condition: &str,
        value: Uuid,
    ) -> Result<Vec<Referral>, StoreError> {
        let sql = sqlx::AssertSqlSafe(format!(
            "{REFERRAL_SELECT} WHERE {condition} ORDER BY r.outcome IS NOT NULL, r.follow_up_at, r.id LIMIT 300"
        ));
        let rows: Vec<ReferralRow> = on_db!(
            self.db,
            read | pool | sqlx::query_as(sql).bind(value).fetch_all(pool).await?
        );
        Ok(rows.into_iter().map(Referral::from).collect())
    }

    #[instrument(level = "debug", skip_all)]
    pub async fn referral(&self, id: Uuid) -> Result<Referral, StoreError> {
        self.referrals_where("r.id = $1", id).await?.pop().found()
    }

    /// The referrals someone made, those still to check first.
    #[instrument(level = "debug", skip_all)]
    pub async fn referrals_by(&self, referrer: UserId) -> Result<Vec<Referral>, StoreError> {
        self.referrals_where("r.referrer_id = $1", referrer.0).await
    }

    /// Referrals made from one session log, support or event.
    #[instrument(level = "debug", skip_all)]
    pub async fn referrals_from(&self, source_id: Uuid) -> Result<Vec<Referral>, StoreError> {
        self.referrals_where("r.source_id = $1", source_id).await
    }

    /// The referrer records how it turned out; `NotFound` for anyone else.
    #[instrument(level = "debug", skip_all)]
    pub async fn record_outcome(
        &self,
        id: Uuid,
        referrer: UserId,
        outcome: &str,
    ) -> Result<(), StoreError> {
        let done = on_db!(self.db, write |pool| sqlx::query(
            "UPDATE support_referrals SET outcome = $3, outcome_at = $4 WHERE id = $1 AND referrer_id = $2"
        )
        .bind(id)
        .bind(referrer.0)
        .bind(outcome)
        .bind(now_ms())
        .execute(pool)
        .await.map(|r| r.rows_affected())?);
        if done == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }
}

/// Ongoing supports and referrals as reports count them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OngoingFigures {
    /// Supports started in the period: still open, and closed since.
    pub open: Count,
    pub closed: Count,
    /// Referrals made in the period, per service, by name.
    pub referrals: Vec<(String, Count)>,
}

impl Reports<'_> {
    /// Ongoing supports started in the filter's days at its sites, open and
    /// closed, and referrals by service: counts only, small ones hidden.
    #[instrument(level = "debug", skip_all)]
    pub async fn ongoing_support(
        &self,
        filter: &ReportFilter,
    ) -> Result<OngoingFigures, StoreError> {
        let zone = self.time_zone().await?;
        let (from, to) = Self::bounds(filter, &zone)?;
        let supports: Vec<(Uuid, bool)> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT site_id, closed_at IS NOT NULL FROM support_ongoing WHERE ($1 IS NULL OR site_id = $1) \
             AND ($2 IS NULL OR created_at >= $2) AND ($3 IS NULL OR created_at < $3)"
        )
        .bind(filter.site.map(|s| s.0))
        .bind(from)
        .bind(to)
        .fetch_all(pool)
        .await?);
        let (mut open, mut closed) = (0, 0);
        for (site, is_closed) in supports {
            if Self::allowed(filter, Some(site)) {
                if is_closed {
                    closed += 1;
                } else {
                    open += 1;
                }
            }
        }
        let referrals: Vec<(Option<Uuid>, String)> = on_db!(self.db, read |pool| sqlx::query_as(
            "SELECT r.site_id, v.name FROM support_referrals r JOIN services v ON v.id = r.service_id \
             WHERE ($1 IS NULL OR r.site_id = $1) AND ($2 IS NULL OR r.created_at >= $2) AND ($3 IS NULL OR r.created_at < $3)"
        )
        .bind(filter.site.map(|s| s.0))
        .bind(from)
        .bind(to)
        .fetch_all(pool)
        .await?);
        let mut by_service: std::collections::BTreeMap<String, i64> = Default::default();
        for (site, service) in referrals {
            if Self::allowed(filter, site) {
                *by_service.entry(service).or_default() += 1;
            }
        }
        Ok(OngoingFigures {
            open: Count::of(open, true),
            closed: Count::of(closed, true),
            referrals: by_service
                .into_iter()
                .map(|(name, n)| (name, Count::of(n, true)))
                .collect(),
        })
    }
}
