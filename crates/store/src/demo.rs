//! The demo organisation: enough of a real programme that a newcomer sees
//! what Hearth is for the moment they sign in.

use crate::Store;
use crate::error::StoreError;
use crate::events::NewEvent;
use crate::org::{NewCohort, NewSite};
use crate::password;
use crate::peer_groups::NewGroup;
use crate::services::NewService;
use hearth_domain::input::{Email, Name};
use hearth_domain::live::RunSheet;
use hearth_domain::org::{ServiceKind, SiteKind};
use hearth_domain::roles::{PeerWorkerKind, Role, RoleGrant, Scope};
use hearth_domain::{CohortId, SiteId, UserId};

/// Every demo account signs in with this password.
pub const DEMO_PASSWORD: &str = "hearth-demo";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DemoOutcome {
    Loaded,
    /// The database already had people in it, so nothing was added.
    AlreadyHasData,
}

const PARTICIPANTS: &[(&str, &str)] = &[
    ("Arta Krasniqi", "sq"),
    ("Blerim Gashi", "sq"),
    ("Dafina Berisha", "sq"),
    ("Egzon Hoxha", "sq"),
    ("Fjolla Morina", "sq"),
    ("Granit Shala", "sq"),
    ("Hana Kelmendi", "sq"),
    ("Ilir Bytyqi", "sq"),
    ("Jeta Rexhepi", "sq"),
    ("Kaltrina Osmani", "sq"),
    ("Leon Murphy", "en"),
    ("Maya Chen", "en"),
    ("Noah Patel", "en"),
    ("Olivia Brooks", "en"),
    ("Priya Nair", "en"),
    ("Quinn O'Neill", "en"),
    ("Rosa Alvarez", "en"),
    ("Samir Haddad", "en"),
    ("Tara Singh", "en"),
    ("Uma Okafor", "en"),
    ("Victor Lund", "en"),
    ("Wren Taylor", "en"),
    ("Yusuf Demir", "en"),
];

/// Email, name, language and the roles a demo account holds.
type DemoPerson<'a> = (&'a str, &'a str, &'a str, &'a [(Role, Scope)]);

pub(crate) async fn load(store: &Store) -> Result<DemoOutcome, StoreError> {
    if store.people().count().await? > 0 {
        return Ok(DemoOutcome::AlreadyHasData);
    }
    store
        .org()
        .ensure_organisation("Hearth Demo Network", "Europe/Belgrade", true)
        .await?;
    store
        .org()
        .update_organisation(
            "Hearth Demo Network",
            "Europe/Belgrade",
            "If you or someone near you is in danger now, call 112. You do not have to go through this alone.",
        )
        .await?;

    // One hash for every demo account: they share the demo password, and
    // hashing thirty times would make `--demo` start slowly.
    let hash = password::hash(DEMO_PASSWORD)
        .await
        .map_err(|e| StoreError::Corrupt(e.to_string()))?;

    let org = store.org();
    let school = org
        .create_site(&NewSite {
            name: "Xheladin Rekaliu School".into(),
            kind: SiteKind::School,
            address: Some("Podujevë/Podujevo".into()),
        })
        .await?;
    let municipality = org
        .create_site(&NewSite {
            name: "Podujevë Municipality".into(),
            kind: SiteKind::Municipality,
            address: Some("Podujevë/Podujevo".into()),
        })
        .await?;
    let campus = org
        .create_site(&NewSite {
            name: "Riverside Campus".into(),
            kind: SiteKind::Campus,
            address: Some("Student Centre, 12 College Road".into()),
        })
        .await?;
    org.create_site(&NewSite {
        name: "Northside Community Centre".into(),
        kind: SiteKind::CommunityCentre,
        address: None,
    })
    .await?;

    let field = org
        .create_programme(
            "Peer to Peer Support in Schools",
            Some("Building the capacity of teachers and learning-community staff to support pupils, then peer support groups that keep going."),
        )
        .await?;
    let phase_one = org
        .add_phase(
            field,
            "Field Phase I: coaching",
            Some("2026-02-01"),
            Some("2026-06-30"),
        )
        .await?;
    org.add_phase(
        field,
        "Field Phase II: peer support groups",
        Some("2026-09-01"),
        Some("2027-01-31"),
    )
    .await?;
    let campus_programme = org
        .create_programme(
            "Campus Peer Support",
            Some("Online dialogue events and peer support training for students."),
        )
        .await?;
    let autumn = org
        .add_phase(
            campus_programme,
            "Autumn term",
            Some("2026-09-14"),
            Some("2026-12-18"),
        )
        .await?;

    let dialogue = org
        .create_cohort(&NewCohort {
            name: "Autumn dialogue cohort".into(),
            programme_id: campus_programme,
            phase_id: Some(autumn),
            site_id: campus,
            starts_on: Some("2026-09-21".into()),
            ends_on: Some("2026-12-14".into()),
        })
        .await?;
    let teachers = org
        .create_cohort(&NewCohort {
            name: "Teachers' wellbeing coaching".into(),
            programme_id: field,
            phase_id: Some(phase_one),
            site_id: school,
            starts_on: Some("2026-03-02".into()),
            ends_on: Some("2026-06-15".into()),
        })
        .await?;

    let cohort_scope = |cohort: CohortId, site: SiteId| Scope::Cohort { cohort, site };
    let staff: &[DemoPerson] = &[
        (
            "admin@demo.example",
            "Alex Admin",
            "en",
            &[(Role::Administrator, Scope::Organisation)],
        ),
        (
            "coordinator@demo.example",
            "Drita Coordinator",
            "en",
            &[(Role::Coordinator, Scope::Organisation)],
        ),
        (
            "supervisor@demo.example",
            "Sam Supervisor",
            "en",
            &[(Role::Supervisor, Scope::Site(campus))],
        ),
        (
            "safeguarding@demo.example",
            "Sara Safeguarding",
            "en",
            &[(Role::SafeguardingLead, Scope::Site(campus))],
        ),
        (
            "facilitator@demo.example",
            "Fatima Facilitator",
            "en",
            &[
                (
                    Role::Facilitator,
                    Scope::Cohort {
                        cohort: dialogue,
                        site: campus,
                    },
                ),
                (
                    Role::Facilitator,
                    Scope::Cohort {
                        cohort: teachers,
                        site: school,
                    },
                ),
            ],
        ),
        (
            "peer@demo.example",
            "Pat Peer",
            "en",
            &[
                (
                    Role::PeerWorker(PeerWorkerKind::PeerSupportWorker),
                    Scope::Site(campus),
                ),
                (
                    Role::Participant,
                    Scope::Cohort {
                        cohort: dialogue,
                        site: campus,
                    },
                ),
            ],
        ),
        (
            "participant@demo.example",
            "Parveen Participant",
            "en",
            &[(
                Role::Participant,
                Scope::Cohort {
                    cohort: dialogue,
                    site: campus,
                },
            )],
        ),
        (
            "teacher@demo.example",
            "Teuta Teacher",
            "sq",
            &[(
                Role::Participant,
                Scope::Cohort {
                    cohort: teachers,
                    site: school,
                },
            )],
        ),
        (
            "municipality@demo.example",
            "Mentor Municipality",
            "en",
            &[(Role::Coordinator, Scope::Site(municipality))],
        ),
    ];
    for (email, name, language, grants) in staff {
        let id = create_person(store, email, name, language, &hash).await?;
        for (role, scope) in grants.iter() {
            store
                .people()
                .add_grant(
                    id,
                    RoleGrant {
                        role: *role,
                        scope: *scope,
                    },
                )
                .await?;
        }
    }
    for (index, (name, language)) in PARTICIPANTS.iter().enumerate() {
        let first = name
            .split(' ')
            .next()
            .unwrap_or("participant")
            .to_lowercase();
        let email = format!("{first}@demo.example");
        let id = create_person(store, &email, name, language, &hash).await?;
        // Albanian speakers join the teachers' cohort too, so both cohorts are lively.
        let cohort = if index % 3 == 0 && *language == "sq" {
            teachers
        } else {
            dialogue
        };
        let site = if cohort == teachers { school } else { campus };
        store
            .people()
            .add_grant(
                id,
                RoleGrant {
                    role: Role::Participant,
                    scope: cohort_scope(cohort, site),
                },
            )
            .await?;
    }

    // The autumn cohort's peer groups and its next fishbowl, so a newcomer can run one at once.
    let members = store.org().cohort_members(dialogue).await?;
    let participants: Vec<UserId> = members
        .iter()
        .filter(|m| m.role == Role::Participant)
        .map(|m| m.user_id)
        .collect();
    let group_count = participants.len().div_ceil(5).max(1);
    let names = ["Oak", "Birch", "Willow", "Rowan", "Cedar", "Maple"];
    let groups: Vec<NewGroup> = (0..group_count)
        .map(|g| NewGroup {
            name: names
                .get(g)
                .map_or_else(|| format!("Group {}", g + 1), |n| (*n).to_owned()),
            members: participants
                .iter()
                .skip(g)
                .step_by(group_count)
                .copied()
                .collect(),
        })
        .collect();
    let facilitator = members
        .iter()
        .find(|m| m.role == Role::Facilitator)
        .map(|m| m.user_id);
    if let Some(facilitator) = facilitator {
        store
            .peer_groups()
            .save(dialogue, facilitator, &groups)
            .await?;
        let tomorrow = jiff::Timestamp::now()
            .to_zoned_datetime(
                jiff::tz::TimeZone::get("Europe/Belgrade").unwrap_or(jiff::tz::TimeZone::UTC),
            )
            .date()
            .tomorrow()
            .map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let starts_at = tomorrow
            .at(18, 0, 0, 0)
            .in_tz("Europe/Belgrade")
            .map(|zoned| zoned.timestamp().as_millisecond())
            .map_err(|e| StoreError::Corrupt(e.to_string()))?;
        store
            .events()
            .create(&NewEvent {
                audience: crate::Audience::Cohort(dialogue),
                title: "Autumn fishbowl: what helps when things are hard".into(),
                starts_at,
                time_zone: "Europe/Belgrade".into(),
                run_sheet: RunSheet::fishbowl(),
                created_by: facilitator,
            })
            .await?;
    }

    load_training(store, campus, campus_programme, autumn, &hash).await?;
    crate::support_demo::load(store, campus, "Europe/Belgrade").await?;
    // Past drop-in visits for the reports' heat map (issues 7 and 9).
    crate::demo_safety::load(store, "Europe/Belgrade").await?;
    crate::support_groups::load_demo(store, school, municipality, campus).await?;
    crate::demo_conversations::load(store).await?;
    crate::demo_meetings::load(store).await?;

    let services = store.services();
    let crisis = [
        (
            "Emergency services",
            ServiceKind::Intervention,
            "112",
            "Day and night",
            "Albanian, Serbian, English",
            None,
            true,
        ),
        (
            "Campus crisis line",
            ServiceKind::Intervention,
            "+44 20 7946 0000",
            "Day and night",
            "English",
            Some(campus),
            true,
        ),
        (
            "Student counselling (one-to-one)",
            ServiceKind::Intervention,
            "counselling@riverside.example · Student Centre, room 2",
            "Mon–Fri 9:00–17:00",
            "English, French",
            Some(campus),
            false,
        ),
        (
            "Psychological support groups",
            ServiceKind::Intervention,
            "groups@riverside.example",
            "Wednesdays 16:00–17:30",
            "English",
            Some(campus),
            false,
        ),
        (
            "Peer mentorship programme",
            ServiceKind::Prevention,
            "peers@riverside.example · drop in at the Student Centre",
            "Mon–Thu 11:00–15:00",
            "English, Arabic, Spanish",
            Some(campus),
            false,
        ),
        (
            "School psychologist",
            ServiceKind::Intervention,
            "Xheladin Rekaliu School, staff room",
            "School days 8:00–14:00",
            "Albanian",
            Some(school),
            false,
        ),
        (
            "\"I'm here\" peer support group",
            ServiceKind::Prevention,
            "Ask any member in the staff room",
            "First Tuesday of the month",
            "Albanian",
            Some(school),
            false,
        ),
    ];
    for (name, kind, contact, hours, languages, site, is_crisis_line) in crisis {
        services
            .create(&NewService {
                name: name.into(),
                kind,
                description: None,
                contact: Some(contact.into()),
                hours: Some(hours.into()),
                languages: Some(languages.into()),
                site_id: site,
                is_crisis_line,
            })
            .await?;
    }
    // Reports and stories (issue 9).
    crate::demo_reports::load(store, PARTICIPANTS).await?;
    // Ongoing one-to-one support and referrals (issue 7).
    crate::support_ongoing_demo::load(store).await?;
    Ok(DemoOutcome::Loaded)
}

/// Email, name, language; stocktake done, story written, both shared; the conversation's outcome.
type DemoTrainee<'a> = (
    &'a str,
    &'a str,
    &'a str,
    bool,
    bool,
    bool,
    Option<hearth_domain::training::ReadinessOutcome>,
);

/// A training cohort in progress: trainees at different points of the
/// readiness step, following a copy of the built-in Peer 2 Peer curriculum.
async fn load_training(
    store: &Store,
    campus: SiteId,
    programme: hearth_domain::ProgrammeId,
    phase: hearth_domain::PhaseId,
    hash: &str,
) -> Result<(), StoreError> {
    use hearth_domain::training::{CurriculumPlan, ReadinessOutcome};
    let cohort = store
        .org()
        .create_cohort(&NewCohort {
            name: "Peer supporter training".into(),
            programme_id: programme,
            phase_id: Some(phase),
            site_id: campus,
            // In progress whenever the demo is loaded.
            starts_on: Some(crate::demo_training::day_from_today(-14)),
            ends_on: Some(crate::demo_training::day_from_today(42)),
        })
        .await?;
    let scope = Scope::Cohort {
        cohort,
        site: campus,
    };
    let plan = CurriculumPlan::peer_2_peer();
    let curriculum = store.training().copy_plan(&plan, &plan.name, None).await?;
    store
        .training()
        .set_cohort_curriculum(cohort, curriculum)
        .await?;
    store
        .training()
        .apply_default_requirements(
            curriculum,
            &hearth_domain::role_training::peer_2_peer_defaults(),
        )
        .await?;
    // "What recovery means" can run live online, from the fishbowl run sheet.
    if let Some(session) = store
        .training()
        .curriculum(curriculum)
        .await?
        .modules
        .get(1)
        .and_then(|m| m.sessions.get(1))
    {
        store
            .training()
            .set_session_run_sheet(session.id, Some("builtin:0"))
            .await?;
    }
    let facilitator = store
        .people()
        .find_by_email(
            &Email::parse("facilitator@demo.example")
                .map_err(|e| StoreError::Corrupt(e.to_string()))?,
        )
        .await?
        .map(|p| p.id);
    if let Some(facilitator) = facilitator {
        store
            .people()
            .add_grant(
                facilitator,
                RoleGrant {
                    role: Role::Facilitator,
                    scope,
                },
            )
            .await?;
    }
    // (email, name, language, stocktake done, story, shared, conversation)
    let trainees: &[DemoTrainee] = &[
        (
            "trainee@demo.example",
            "Tomi Trainee",
            "en",
            true,
            true,
            false,
            None,
        ),
        (
            "luan@demo.example",
            "Luan Berisha",
            "sq",
            true,
            true,
            true,
            Some(ReadinessOutcome::Ready),
        ),
        (
            "elena@demo.example",
            "Elena Petrova",
            "en",
            true,
            true,
            false,
            Some(ReadinessOutcome::Ready),
        ),
        (
            "mira@demo.example",
            "Mira Ahmeti",
            "sq",
            true,
            false,
            false,
            Some(ReadinessOutcome::NotYet),
        ),
        (
            "ardit@demo.example",
            "Ardit Hasani",
            "sq",
            false,
            false,
            false,
            None,
        ),
    ];
    let training = store.training();
    for (email, name, language, stocktake, story, shared, outcome) in trainees {
        let id = create_person(store, email, name, language, hash).await?;
        store
            .people()
            .add_grant(
                id,
                RoleGrant {
                    role: Role::Participant,
                    scope,
                },
            )
            .await?;
        if *stocktake {
            let answers: Vec<(String, String)> = plan
                .stocktake
                .iter()
                .map(|q| {
                    (
                        q.clone(),
                        "(Written by the trainee; private to them.)".to_owned(),
                    )
                })
                .collect();
            training.save_stocktake(cohort, id, &answers).await?;
            training.share_stocktake(cohort, id, *shared).await?;
        }
        if *story {
            training
                .save_story(
                    cohort,
                    id,
                    "Where I started.\n\nA first draft, written at home.",
                )
                .await?;
            // An earlier sitting, so the story has a version history.
            training
                .backdate_story(cohort, id, 3 * 24 * 3_600_000)
                .await?;
            training
                .save_story(
                    cohort,
                    id,
                    "Where I started, and what helped.\n\nA second draft.",
                )
                .await?;
            training.share_story(cohort, id, *shared).await?;
        }
        // CHIME reflections from four of the five, so the cohort's averages
        // wait for the fifth (they appear only from five people on).
        if *email != "ardit@demo.example" {
            let week = 7 * 24 * 3_600_000;
            let start = hearth_domain::training::ChimeScores([2, 3, 2, 3, 2]);
            training.record_chime(cohort, id, start, None).await?;
            training.backdate_chime(cohort, id, 2 * week).await?;
            let later = hearth_domain::training::ChimeScores([3, 3, 3, 3, 3]);
            training.record_chime(cohort, id, later, None).await?;
            training.backdate_chime(cohort, id, week).await?;
            let now = hearth_domain::training::ChimeScores([4, 4, 3, 4, 3]);
            training.record_chime(cohort, id, now, None).await?;
        }
        if let (Some(outcome), Some(facilitator)) = (outcome, facilitator) {
            training
                .record_conversation(
                    cohort,
                    id,
                    &crate::demo_training::day_from_today(-21),
                    *outcome,
                    None,
                    facilitator,
                )
                .await?;
        }
    }
    if let Some(facilitator) = facilitator {
        crate::demo_training::load_module_one(store, cohort, facilitator).await?;
    }
    load_spring_training(
        store,
        campus,
        programme,
        phase,
        curriculum,
        facilitator,
        hash,
    )
    .await?;
    Ok(())
}

/// An earlier training cohort of the year, finished: one trainee completed
/// modules 1 to 3 and waits for the coordinator to give the peer support
/// worker role (the coordinator was told); another completed Module 1.
async fn load_spring_training(
    store: &Store,
    campus: SiteId,
    programme: hearth_domain::ProgrammeId,
    phase: hearth_domain::PhaseId,
    curriculum: uuid::Uuid,
    facilitator: Option<UserId>,
    hash: &str,
) -> Result<(), StoreError> {
    use crate::activity::{AttendanceStatus, NewActivity};
    use hearth_domain::training::{ModuleKind, ReadinessOutcome};
    let Some(facilitator) = facilitator else {
        return Ok(());
    };
    let cohort = store
        .org()
        .create_cohort(&NewCohort {
            name: "Peer supporter training, spring".into(),
            programme_id: programme,
            phase_id: Some(phase),
            site_id: campus,
            starts_on: Some("2026-03-02".into()),
            ends_on: Some("2026-04-27".into()),
        })
        .await?;
    let scope = Scope::Cohort {
        cohort,
        site: campus,
    };
    let training = store.training();
    training.set_cohort_curriculum(cohort, curriculum).await?;
    store
        .people()
        .add_grant(
            facilitator,
            RoleGrant {
                role: Role::Facilitator,
                scope,
            },
        )
        .await?;
    let besa = create_person(store, "besa@demo.example", "Besa Krasniqi", "sq", hash).await?;
    let kofi = create_person(store, "kofi@demo.example", "Kofi Mensah", "en", hash).await?;
    for trainee in [besa, kofi] {
        store
            .people()
            .add_grant(
                trainee,
                RoleGrant {
                    role: Role::Participant,
                    scope,
                },
            )
            .await?;
        training
            .record_conversation(
                cohort,
                trainee,
                "2026-02-23",
                ReadinessOutcome::Ready,
                None,
                facilitator,
            )
            .await?;
    }
    // Every module session, a week apart from 2 March 2026 at 17:00 UTC.
    let plan = training.curriculum(curriculum).await?;
    let start = jiff::Timestamp::from_second(1_772_470_800)
        .map_err(|e| StoreError::Corrupt(e.to_string()))?
        .as_millisecond();
    let week = 7 * 24 * 3_600_000;
    let mut when = start;
    for module in plan.modules.iter().filter(|m| m.kind == ModuleKind::Module) {
        let first = module.title.starts_with("Module 1");
        for session in &module.sessions {
            let activity = store
                .activities()
                .record(&NewActivity {
                    kind: "training-session",
                    title: &session.text.title,
                    site_id: Some(campus),
                    cohort_id: Some(cohort),
                    phase_id: Some(phase),
                    occurred_at: when,
                })
                .await?;
            training
                .schedule(
                    cohort,
                    session.id,
                    activity,
                    when,
                    Some("Student Centre, room 2"),
                    facilitator,
                )
                .await?;
            store
                .activities()
                .mark(activity, besa, AttendanceStatus::Present, None)
                .await?;
            if first {
                store
                    .activities()
                    .mark(activity, kofi, AttendanceStatus::Present, None)
                    .await?;
            }
            when += week;
        }
        training
            .sign_off(cohort, besa, module.id, facilitator)
            .await?;
        if first {
            training
                .sign_off(cohort, kofi, module.id, facilitator)
                .await?;
        }
    }
    // Terms of service, from today, so the pipeline has something to say:
    // Pat leaves in four months; Kofi coaches for two years.
    use hearth_domain::role_training::Term;
    let today = jiff::Timestamp::now()
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .date();
    let shift = |years: i16, months: i32| {
        today
            .checked_add(jiff::Span::new().years(years).months(months))
            .unwrap_or(today)
    };
    let coach = store
        .people()
        .add_grant(
            kofi,
            RoleGrant {
                role: Role::PeerWorker(PeerWorkerKind::PeerAcademicCoach),
                scope: Scope::Site(campus),
            },
        )
        .await?;
    training
        .set_term(coach, Term::default_from(shift(0, -1)))
        .await?;
    if let Some(pat) = store
        .people()
        .find_by_email(
            &Email::parse("peer@demo.example").map_err(|e| StoreError::Corrupt(e.to_string()))?,
        )
        .await?
    {
        for grant in store.people().grants(pat.id).await? {
            if matches!(grant.grant.role, Role::PeerWorker(_)) {
                let term = Term {
                    starts_on: shift(-2, 4),
                    ends_on: shift(0, 4),
                };
                training.set_term(grant.id, term).await?;
            }
        }
    }
    // The coordinator was told when Besa's last module was signed off.
    if let Some(coordinator) = store
        .people()
        .find_by_email(
            &Email::parse("coordinator@demo.example")
                .map_err(|e| StoreError::Corrupt(e.to_string()))?,
        )
        .await?
    {
        store
            .notifications()
            .create(
                coordinator.id,
                "Besa Krasniqi has completed the training for Peer support worker",
                "Their training is complete. You can give them the role in one step from their training page.",
                Some(&format!("/cohorts/{cohort}/training/trainees/{besa}#roles")),
            )
            .await?;
    }
    Ok(())
}

async fn create_person(
    store: &Store,
    email: &str,
    name: &str,
    language: &str,
    hash: &str,
) -> Result<UserId, StoreError> {
    let email = Email::parse(email).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let name = Name::parse(name).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    store
        .people()
        .create(&email, &name, Some(hash), Some(language))
        .await
}
