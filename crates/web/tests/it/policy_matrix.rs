//! Every route, for every role: allowed (with the answer expected) or refused
//! with the 403 page, never a crash. Signed-out visitors are sent to sign in.

use crate::both;
use crate::helpers::*;
use hearth_domain::input::Email;

const ROLES: &[(&str, &str)] = &[
    ("admin", "admin@demo.example"),
    ("coordinator", "coordinator@demo.example"),
    ("site-coordinator", "municipality@demo.example"),
    ("supervisor", "supervisor@demo.example"),
    ("safeguarding", "safeguarding@demo.example"),
    ("facilitator", "facilitator@demo.example"),
    ("peer", "peer@demo.example"),
    ("participant", "participant@demo.example"),
    ("trainee", "trainee@demo.example"),
];

const EVERYONE: &[&str] = &[
    "admin",
    "coordinator",
    "site-coordinator",
    "supervisor",
    "safeguarding",
    "facilitator",
    "peer",
    "participant",
    "trainee",
];
const STRUCTURE: &[&str] = &[
    "admin",
    "coordinator",
    "site-coordinator",
    "supervisor",
    "safeguarding",
    "facilitator",
];
const CENTRAL: &[&str] = &["admin", "coordinator"];
/// Everyone who runs events keeps the run sheet library.
const RUN_SHEETS: &[&str] = &["admin", "coordinator", "site-coordinator", "facilitator"];
/// The curriculum library, like the run sheets, belongs to everyone who runs training.
const CURRICULA: &[&str] = RUN_SHEETS;
/// A training cohort's facilitators and the programme's coordinators run it.
const RUN_TRAINING: &[&str] = &["admin", "coordinator", "facilitator"];
/// Its training page: the overview for those who run it, the trainee's home for trainees.
const TRAINING_HOME: &[&str] = &["admin", "coordinator", "facilitator", "trainee"];
/// The trainee's own pages (an administrator may open their own, empty ones).
const TRAINEES: &[&str] = &["admin", "trainee"];
/// One-to-one support: those who keep it, work its shifts or supervise them.
const SUPPORT: &[&str] = &[
    "admin",
    "coordinator",
    "site-coordinator",
    "supervisor",
    "safeguarding",
    "peer",
];
/// Those who keep the service (centres, rooms, shifts, topics).
const KEEP_SUPPORT: &[&str] = &["admin", "coordinator", "site-coordinator"];
/// Reports: the organisation's coordinators, and those who hold a site (its figures only).
const REPORTS: &[&str] = &["admin", "coordinator", "site-coordinator", "supervisor"];
/// Recording activities that happened outside Hearth.
const RECORDERS: &[&str] = &["admin", "coordinator", "site-coordinator"];

struct Case {
    method: &'static str,
    path: String,
    form: Vec<(&'static str, String)>,
    /// Who may, and the status they get; everyone else gets 403.
    allowed: &'static [&'static str],
    allowed_status: u16,
    /// Signed-out visitors: 303 to sign in, unless the page is public.
    public: bool,
}

fn get(path: String, allowed: &'static [&'static str]) -> Case {
    Case {
        method: "GET",
        path,
        form: vec![],
        allowed,
        allowed_status: 200,
        public: false,
    }
}

fn post(
    path: String,
    form: Vec<(&'static str, String)>,
    allowed: &'static [&'static str],
    allowed_status: u16,
) -> Case {
    Case {
        method: "POST",
        path,
        form,
        allowed,
        allowed_status,
        public: false,
    }
}

both!(every_route_for_every_role, |app: TestApp| async move {
    let org = app.store.org();
    let campus = org
        .sites(false)
        .await
        .unwrap()
        .into_iter()
        .find(|s| s.name == "Riverside Campus")
        .unwrap()
        .id;
    let programme = org.programmes(false).await.unwrap()[0].id;
    let autumn = app.cohort_named("Autumn dialogue cohort").await.id;
    let service = app.store.services().list(false).await.unwrap()[0].id;
    let maya = app
        .store
        .people()
        .find_by_email(&Email::parse("maya@demo.example").unwrap())
        .await
        .unwrap()
        .unwrap()
        .id;
    let missing = uuid::Uuid::now_v7();
    let event = app
        .store
        .events()
        .create(&hearth_store::NewEvent {
            audience: hearth_store::Audience::Cohort(autumn),
            title: "Matrix fishbowl".into(),
            starts_at: hearth_store::now_ms(),
            time_zone: "Europe/Belgrade".into(),
            run_sheet: hearth_domain::live::RunSheet::fishbowl(),
            created_by: maya,
        })
        .await
        .unwrap();
    let (training, curriculum) = crate::training::training_cohort(&app).await;
    let tomi = app
        .store
        .people()
        .find_by_email(&Email::parse("trainee@demo.example").unwrap())
        .await
        .unwrap()
        .unwrap()
        .id;
    let readiness_session = curriculum.modules[0].sessions[0].id;
    let too_long = "x".repeat(50_001);
    let cur = curriculum.id;
    let module = curriculum.modules[1].id;
    let session = curriculum.modules[1].sessions[0].id;
    let support_location = app.store.support().locations().await.unwrap().remove(0);
    let support_centre = support_location.id;
    let support_code = support_location.checkin_code;
    let support_room = app.store.support().rooms().await.unwrap()[0].id;
    // Ongoing support (issue 7): Maya's, and Parveen's request waiting for a match.
    let maya_support = app.store.ongoing().of_student(maya).await.unwrap()[0].id;
    let parveen = app
        .store
        .people()
        .find_by_email(&Email::parse("participant@demo.example").unwrap())
        .await
        .unwrap()
        .unwrap()
        .id;
    let open_request = app.store.ongoing().of_student(parveen).await.unwrap()[0].id;
    // Maya's session still to come: moved or called off by her peer and the supervisors.
    let maya_next = app
        .store
        .ongoing()
        .sessions(maya_support)
        .await
        .unwrap()
        .into_iter()
        .find(|x| x.starts_at > hearth_store::now_ms())
        .unwrap()
        .id;
    let blank = |fields: &[&'static str]| {
        fields
            .iter()
            .map(|f| (*f, String::new()))
            .collect::<Vec<_>>()
    };

    let cases = vec![
        get("/".into(), EVERYONE),
        get("/cohorts".into(), EVERYONE),
        get(
            format!("/cohorts/{autumn}"),
            &[
                "admin",
                "coordinator",
                "supervisor",
                "safeguarding",
                "facilitator",
                "peer",
                "participant",
            ],
        ),
        get(
            "/cohorts/new".into(),
            &["admin", "coordinator", "site-coordinator"],
        ),
        get(format!("/cohorts/{autumn}/edit"), CENTRAL),
        get(
            format!("/cohorts/{autumn}/groups"),
            &["admin", "coordinator", "facilitator"],
        ),
        post(
            format!("/cohorts/{autumn}/groups/propose"),
            vec![("size", "1".into())],
            &["admin", "coordinator", "facilitator"],
            422,
        ),
        post(
            format!("/cohorts/{autumn}/groups/labels"),
            vec![("labels", String::new())],
            &["admin", "coordinator", "facilitator"],
            422,
        ),
        post(
            format!("/cohorts/{autumn}/groups/pairs"),
            vec![("apart", "x".into()), ("together", String::new())],
            &["admin", "coordinator", "facilitator"],
            422,
        ),
        post(
            format!("/cohorts/{autumn}/groups/save"),
            vec![],
            &["admin", "coordinator", "facilitator"],
            422,
        ),
        get(
            format!("/cohorts/{autumn}/events"),
            &["admin", "coordinator", "facilitator"],
        ),
        post(
            format!("/cohorts/{autumn}/events"),
            vec![
                ("title", String::new()),
                ("date", String::new()),
                ("time", String::new()),
                ("sheet", "0".into()),
            ],
            &["admin", "coordinator", "facilitator"],
            422,
        ),
        post(
            format!("/cohorts/{autumn}/ground-rules"),
            vec![("rules", String::new())],
            &["admin", "coordinator", "facilitator"],
            422,
        ),
        get(
            format!("/events/{event}"),
            &["admin", "coordinator", "facilitator", "peer", "participant"],
        ),
        post(
            format!("/events/{event}/accept"),
            vec![],
            &["admin", "coordinator", "facilitator", "peer", "participant"],
            303,
        ),
        post(
            format!("/events/{event}/reflection"),
            vec![("step", "0".into()), ("text", "x".into())],
            &["admin", "coordinator", "facilitator", "peer", "participant"],
            422,
        ),
        get(
            format!("/events/{event}/calendar.ics"),
            &["admin", "coordinator", "facilitator", "peer", "participant"],
        ),
        get(
            format!("/events/{event}/speakers"),
            &["admin", "coordinator", "facilitator"],
        ),
        // Moving or cancelling: the audience's facilitators (a bad date and
        // an over-long note are refused, so the event stays for the others).
        get(
            format!("/events/{event}/change"),
            &["admin", "coordinator", "facilitator"],
        ),
        post(
            format!("/events/{event}/change"),
            vec![
                ("title", "Moved".into()),
                ("date", "2020-01-01".into()),
                ("time", "18:00".into()),
            ],
            &["admin", "coordinator", "facilitator"],
            422,
        ),
        post(
            format!("/events/{event}/cancel"),
            vec![("note", "x".repeat(501))],
            &["admin", "coordinator", "facilitator"],
            422,
        ),
        post("/profile/calendar".into(), vec![], EVERYONE, 200),
        Case {
            public: true,
            allowed_status: 404,
            ..get("/calendar/not-a-feed.ics".into(), EVERYONE)
        },
        get(
            format!("/cohorts/{autumn}/my-group"),
            &["admin", "coordinator", "facilitator", "peer", "participant"],
        ),
        post(
            format!("/cohorts/{autumn}/introduction"),
            vec![("text", String::new())],
            &["admin", "peer", "participant"],
            422,
        ),
        get("/run-sheets".into(), RUN_SHEETS),
        post(
            "/run-sheets/copy".into(),
            vec![("source", "builtin:99".into())],
            RUN_SHEETS,
            404,
        ),
        Case {
            allowed_status: 404,
            ..get(format!("/run-sheets/{missing}"), RUN_SHEETS)
        },
        get("/curricula".into(), CURRICULA),
        post(
            "/curricula".into(),
            vec![("name", String::new())],
            CURRICULA,
            422,
        ),
        post(
            "/curricula/copy".into(),
            vec![("source", "not-built-in".into())],
            CURRICULA,
            404,
        ),
        Case {
            allowed_status: 404,
            ..get(format!("/curricula/{missing}"), CURRICULA)
        },
        get(format!("/curricula/{cur}"), CURRICULA),
        post(
            format!("/curricula/{cur}"),
            blank(&["name", "description", "stocktake"]),
            CURRICULA,
            422,
        ),
        post(
            format!("/curricula/{cur}/modules"),
            vec![("title", String::new())],
            CURRICULA,
            422,
        ),
        get(format!("/curricula/{cur}/modules/{module}"), CURRICULA),
        post(
            format!("/curricula/{cur}/modules/{module}"),
            blank(&["title", "purpose", "builds_on"]),
            CURRICULA,
            422,
        ),
        post(
            format!("/curricula/{cur}/modules/{missing}/move"),
            vec![("direction", "up".into())],
            CURRICULA,
            404,
        ),
        post(
            format!("/curricula/{cur}/modules/{module}/sessions"),
            vec![("title", String::new())],
            CURRICULA,
            422,
        ),
        get(format!("/curricula/{cur}/sessions/{session}"), CURRICULA),
        get(
            format!("/curricula/{cur}/sessions/{session}/edit"),
            CURRICULA,
        ),
        post(
            format!("/curricula/{cur}/sessions/{session}/edit"),
            blank(&[
                "title",
                "learning_intentions",
                "activities",
                "mini_knowledge",
                "handout",
            ]),
            CURRICULA,
            422,
        ),
        post(
            format!("/curricula/{cur}/sessions/{session}/materials/link"),
            blank(&["title", "url"]),
            CURRICULA,
            422,
        ),
        post(
            format!("/curricula/{cur}/materials/{missing}/remove"),
            vec![("session", session.to_string())],
            CURRICULA,
            404,
        ),
        // A material that does not exist is not found, for anyone signed in.
        Case {
            allowed_status: 404,
            ..get(format!("/materials/{missing}"), EVERYONE)
        },
        post(
            format!("/curricula/{cur}/sessions/{missing}/move"),
            vec![("direction", "up".into())],
            CURRICULA,
            404,
        ),
        get(format!("/cohorts/{training}/training"), TRAINING_HOME),
        post(
            format!("/cohorts/{training}/training/curriculum"),
            vec![("curriculum", "none".into())],
            RUN_TRAINING,
            422,
        ),
        get(
            format!("/cohorts/{training}/training/sessions/{readiness_session}"),
            TRAINEES,
        ),
        get(format!("/cohorts/{training}/training/stocktake"), TRAINEES),
        post(
            format!("/cohorts/{training}/training/stocktake"),
            vec![("answer-0", "x".repeat(4_001))],
            TRAINEES,
            422,
        ),
        get(format!("/cohorts/{training}/training/story"), TRAINEES),
        post(
            format!("/cohorts/{training}/training/story"),
            vec![("text", too_long.clone()), ("autosave", "1".into())],
            TRAINEES,
            422,
        ),
        post(
            format!("/cohorts/{training}/training/share"),
            vec![("what", "nothing".into()), ("shared", "yes".into())],
            TRAINEES,
            404,
        ),
        post(
            format!("/cohorts/{training}/training/schedule"),
            blank(&["session", "date", "time", "place"]),
            RUN_TRAINING,
            422,
        ),
        Case {
            allowed_status: 404,
            ..get(
                format!("/cohorts/{training}/training/deliveries/{missing}"),
                RUN_TRAINING,
            )
        },
        post(
            format!("/cohorts/{training}/training/deliveries/{missing}"),
            vec![],
            RUN_TRAINING,
            404,
        ),
        get(
            format!("/cohorts/{training}/training/progress"),
            RUN_TRAINING,
        ),
        post(
            format!("/cohorts/{training}/training/deliveries/{missing}/feedback"),
            vec![("rating", "3".into())],
            TRAINEES,
            404,
        ),
        post(
            format!("/cohorts/{training}/training/lived-experience"),
            vec![("brings", "no".into())],
            RUN_TRAINING,
            303,
        ),
        post(
            format!("/cohorts/{training}/training/progress/sign-off"),
            vec![
                ("trainee", missing.to_string()),
                ("module", missing.to_string()),
            ],
            RUN_TRAINING,
            404,
        ),
        Case {
            allowed_status: 404,
            ..get(
                format!("/cohorts/{training}/training/certificate/{missing}"),
                TRAINEES,
            )
        },
        get(format!("/cohorts/{training}/training/chime"), TRAINEES),
        post(
            format!("/cohorts/{training}/training/chime"),
            blank(&[
                "connectedness",
                "hope",
                "identity",
                "meaning",
                "empowerment",
                "note",
            ]),
            TRAINEES,
            422,
        ),
        get(
            format!("/cohorts/{training}/training/trainees/{tomi}"),
            RUN_TRAINING,
        ),
        post(
            format!("/cohorts/{training}/training/trainees/{tomi}/conversations"),
            blank(&["held_on", "outcome", "note"]),
            RUN_TRAINING,
            422,
        ),
        post(
            format!("/curricula/{cur}/sessions/{session}/run-sheet"),
            vec![("sheet", "builtin:99".into())],
            CURRICULA,
            422,
        ),
        // Roles that training unlocks.
        get("/training/roles".into(), CENTRAL),
        get("/training/roles/facilitator".into(), CENTRAL),
        get(
            "/training/pipeline".into(),
            &["admin", "coordinator", "site-coordinator", "supervisor"],
        ),
        post("/training/roles/facilitator".into(), vec![], CENTRAL, 303),
        post(
            format!("/cohorts/{training}/training/trainees/{tomi}/roles"),
            vec![("role", "peer-worker:peer-support-worker".into())],
            CENTRAL,
            422,
        ),
        get("/videos".into(), RUN_SHEETS),
        post(
            "/videos/link".into(),
            vec![("title", String::new()), ("url", String::new())],
            RUN_SHEETS,
            422,
        ),
        // A file that is not a library video is not found, for anyone signed in.
        Case {
            allowed_status: 404,
            ..get(format!("/files/{missing}"), EVERYONE)
        },
        get("/sites".into(), STRUCTURE),
        get(
            format!("/sites/{campus}"),
            &["admin", "coordinator", "supervisor", "safeguarding"],
        ),
        get("/sites/new".into(), CENTRAL),
        get("/programmes".into(), STRUCTURE),
        get(format!("/programmes/{programme}"), STRUCTURE),
        get(
            "/people".into(),
            &["admin", "coordinator", "site-coordinator", "supervisor"],
        ),
        get(
            format!("/people/{maya}"),
            &["admin", "coordinator", "supervisor"],
        ),
        get("/people/invite".into(), CENTRAL),
        get("/people/import".into(), CENTRAL),
        get("/services".into(), EVERYONE),
        get("/services/new".into(), CENTRAL),
        get(format!("/services/{service}"), CENTRAL),
        get("/admin/organisation".into(), CENTRAL),
        get("/admin/audit".into(), &["admin"]),
        get("/profile".into(), EVERYONE),
        get("/notifications".into(), EVERYONE),
        Case {
            public: true,
            ..get("/help".into(), EVERYONE)
        },
        post(
            "/sites".into(),
            vec![
                ("name", String::new()),
                ("kind", "school".into()),
                ("address", String::new()),
            ],
            CENTRAL,
            422,
        ),
        post(
            format!("/sites/{campus}"),
            vec![
                ("name", String::new()),
                ("kind", "campus".into()),
                ("address", String::new()),
            ],
            CENTRAL,
            422,
        ),
        post(format!("/sites/{missing}/archive"), vec![], CENTRAL, 404),
        post(
            "/programmes".into(),
            blank(&["name", "description"]),
            CENTRAL,
            422,
        ),
        post(
            format!("/programmes/{programme}"),
            blank(&["name", "description"]),
            CENTRAL,
            422,
        ),
        post(
            format!("/programmes/{programme}/phases"),
            blank(&["name", "starts_on", "ends_on"]),
            CENTRAL,
            422,
        ),
        post(
            format!("/programmes/{missing}/archive"),
            vec![],
            CENTRAL,
            404,
        ),
        post(
            "/cohorts".into(),
            blank(&["name", "programme", "site", "starts_on", "ends_on"]),
            &["admin", "coordinator", "site-coordinator"],
            422,
        ),
        post(
            format!("/cohorts/{autumn}"),
            blank(&["name", "programme", "site", "starts_on", "ends_on"]),
            CENTRAL,
            422,
        ),
        post(
            format!("/cohorts/{autumn}/members"),
            vec![("email", String::new()), ("role", "participant".into())],
            CENTRAL,
            422,
        ),
        post(
            "/people/invite".into(),
            vec![
                ("email", String::new()),
                ("name", String::new()),
                ("role", "participant".into()),
                ("scope", "organisation".into()),
                ("language", "en".into()),
            ],
            CENTRAL,
            422,
        ),
        post(
            format!("/people/{maya}/roles"),
            vec![
                ("role", "participant".into()),
                ("scope", format!("cohort:{autumn}")),
            ],
            CENTRAL,
            422,
        ),
        post(
            format!("/people/{missing}/deactivate"),
            vec![],
            CENTRAL,
            404,
        ),
        post(
            format!("/people/{missing}/reactivate"),
            vec![],
            CENTRAL,
            404,
        ),
        post(
            "/services".into(),
            blank(&[
                "name",
                "kind",
                "description",
                "contact",
                "hours",
                "languages",
                "site",
            ]),
            CENTRAL,
            422,
        ),
        post(
            format!("/services/{service}"),
            blank(&[
                "name",
                "kind",
                "description",
                "contact",
                "hours",
                "languages",
                "site",
            ]),
            CENTRAL,
            422,
        ),
        post(
            "/admin/organisation".into(),
            blank(&["name", "time_zone", "crisis_text"]),
            CENTRAL,
            422,
        ),
        post(
            "/profile".into(),
            vec![
                ("display_name", String::new()),
                ("pronouns", String::new()),
                ("language", "en".into()),
                ("time_zone", String::new()),
            ],
            EVERYONE,
            422,
        ),
        post("/notifications/read".into(), vec![], EVERYONE, 303),
        // One-to-one support.
        get("/one-to-one".into(), SUPPORT),
        get("/one-to-one/rota".into(), SUPPORT),
        get("/one-to-one/my-logs".into(), EVERYONE),
        get("/one-to-one/supervision".into(), &["supervisor"]),
        post(
            "/one-to-one/supervision".into(),
            blank(&["site", "kind", "held_on"]),
            &["supervisor"],
            422,
        ),
        get("/one-to-one/wellbeing".into(), &["admin", "peer"]),
        post(
            "/one-to-one/wellbeing".into(),
            vec![("score", "0".into())],
            &["admin", "peer"],
            422,
        ),
        get("/one-to-one/topics".into(), KEEP_SUPPORT),
        post(
            "/one-to-one/topics".into(),
            vec![("name", String::new())],
            KEEP_SUPPORT,
            422,
        ),
        post(
            "/one-to-one/locations".into(),
            blank(&["site", "name", "address"]),
            KEEP_SUPPORT,
            422,
        ),
        post(
            "/one-to-one/rooms".into(),
            blank(&["site", "room_name", "capacity", "accessibility"]),
            KEEP_SUPPORT,
            422,
        ),
        get(
            format!("/one-to-one/locations/{support_centre}"),
            &["admin", "coordinator", "supervisor", "safeguarding", "peer"],
        ),
        post(
            format!("/one-to-one/locations/{support_centre}/hours"),
            vec![("d1", "nine to five".into())],
            &["admin", "coordinator"],
            422,
        ),
        post(
            format!("/one-to-one/locations/{support_centre}/queue"),
            vec![("name", String::new())],
            &["admin", "peer"],
            422,
        ),
        get(
            format!("/one-to-one/rooms/{support_room}"),
            &["admin", "coordinator", "supervisor", "safeguarding", "peer"],
        ),
        post(
            format!("/one-to-one/rooms/{support_room}/bookings"),
            blank(&["date", "starts", "ends", "purpose"]),
            &["admin", "coordinator", "supervisor", "peer"],
            422,
        ),
        post(
            "/one-to-one/rota/shifts".into(),
            blank(&["location", "date", "starts", "ends", "places", "room"]),
            &["admin", "coordinator"],
            422,
        ),
        get("/one-to-one/logs/new".into(), &["admin", "peer"]),
        post(
            "/one-to-one/logs".into(),
            blank(&["location", "held_on", "minutes", "kind"]),
            &["admin", "peer"],
            422,
        ),
        // A log that does not exist is not found, for anyone signed in.
        Case {
            allowed_status: 404,
            ..get(format!("/one-to-one/logs/{missing}"), EVERYONE)
        },
        get(
            format!("/one-to-one/sites/{campus}/crisis"),
            &["admin", "coordinator"],
        ),
        Case {
            public: true,
            ..get(format!("/check-in/{}", support_code), EVERYONE)
        },
        // Ongoing one-to-one support and referrals (issue 7).
        get("/my-support".into(), EVERYONE),
        post(
            "/my-support".into(),
            blank(&["site", "help_with"]),
            EVERYONE,
            422,
        ),
        get(
            "/one-to-one/ongoing".into(),
            &[
                "admin",
                "coordinator",
                "site-coordinator",
                "supervisor",
                "peer",
            ],
        ),
        get(
            "/one-to-one/ongoing/refer".into(),
            &["admin", "coordinator", "supervisor", "peer"],
        ),
        post(
            "/one-to-one/ongoing/refer".into(),
            blank(&["student", "site", "help_with"]),
            &["admin", "coordinator", "supervisor", "peer"],
            422,
        ),
        get("/one-to-one/ongoing/profile".into(), &["admin", "peer"]),
        get(
            format!("/one-to-one/ongoing/requests/{open_request}"),
            &["admin", "coordinator"],
        ),
        // Its content reaches the peer and the supervisors; coordinators see counts.
        get(
            format!("/ongoing/{maya_support}"),
            &["admin", "coordinator", "supervisor", "peer"],
        ),
        // Moving and calling off a session to come; bad input changes nothing.
        post(
            format!("/ongoing/{maya_support}/sessions/{maya_next}/move"),
            blank(&["date", "starts", "ends", "room"]),
            &["peer", "supervisor"],
            422,
        ),
        post(
            format!("/ongoing/{maya_support}/sessions/{maya_next}/cancel"),
            vec![("why", "x".repeat(301))],
            &["peer", "supervisor"],
            422,
        ),
        // Only the student withdraws their own request (Parveen's, waiting).
        post(
            format!("/ongoing/{open_request}/withdraw"),
            vec![("note", "x".repeat(501))],
            &["participant"],
            422,
        ),
        get("/one-to-one/referrals".into(), EVERYONE),
        get(
            format!("/one-to-one/referrals/new?support={maya_support}"),
            &["peer"],
        ),
        get(
            format!("/events/{event}/support-alerts"),
            &["admin", "coordinator", "facilitator"],
        ),
        // Reports (issue 9).
        get("/reports".into(), REPORTS),
        get("/reports/summary".into(), REPORTS),
        get("/reports/activity.csv?by=kind,site,month".into(), REPORTS),
        get("/reports/training.csv".into(), REPORTS),
        get("/reports/events.csv".into(), REPORTS),
        get("/reports/drop-in-hours.csv".into(), REPORTS),
        get("/reports/activities/new".into(), RECORDERS),
        post(
            "/reports/activities/new".into(),
            blank(&["date", "kind", "site", "attendees", "head_count"]),
            RECORDERS,
            422,
        ),
        get("/reports/activities/import".into(), RECORDERS),
        post(
            "/reports/activities/import/confirm".into(),
            vec![("csv", "date,kind,site\n".into())],
            RECORDERS,
            422,
        ),
        get("/reports/kinds".into(), CENTRAL),
        post("/reports/kinds".into(), blank(&["name"]), CENTRAL, 422),
        // Retention and people's rights (issue 7): an administrator's, but
        // everyone's own data and archived logs (their own) are theirs.
        get("/admin/retention".into(), &["admin"]),
        post(
            "/admin/retention".into(),
            blank(&["log_archive_months", "queue_name_hours"]),
            &["admin"],
            422,
        ),
        get(format!("/people/{maya}/data"), &["admin"]),
        get(format!("/people/{maya}/export.json"), &["admin"]),
        get(format!("/people/{maya}/export.html"), &["admin"]),
        post(
            format!("/people/{maya}/erase"),
            vec![("confirm", "not-her@demo.example".into())],
            &["admin"],
            422,
        ),
        // The organisation's data (issue 9): an administrator's alone.
        get("/admin/data".into(), &["admin"]),
        post("/admin/data/export".into(), vec![], &["admin"], 200),
        get("/profile/my-data".into(), EVERYONE),
        get("/profile/my-data.json".into(), EVERYONE),
        get("/profile/my-data.html".into(), EVERYONE),
        get("/one-to-one/archived-logs".into(), EVERYONE),
        // Community stories (issue 9).
        // Public stories are read without signing in.
        Case {
            method: "GET",
            path: "/stories".into(),
            form: vec![],
            allowed: EVERYONE,
            allowed_status: 200,
            public: true,
        },
        get("/stories/new".into(), EVERYONE),
        // A story nobody may read is "not found" for everyone, signed in or not.
        Case {
            method: "GET",
            path: format!("/stories/{missing}"),
            form: vec![],
            allowed: EVERYONE,
            allowed_status: 404,
            public: true,
        },
        Case {
            method: "GET",
            path: format!("/stories/{missing}/picture"),
            form: vec![],
            allowed: EVERYONE,
            allowed_status: 404,
            public: true,
        },
        Case {
            allowed_status: 404,
            ..get(format!("/stories/{missing}/edit"), EVERYONE)
        },
        post(
            "/stories/new".into(),
            blank(&["title", "body"]),
            EVERYONE,
            422,
        ),
        post(
            format!("/stories/{missing}/withdraw"),
            vec![],
            EVERYONE,
            404,
        ),
        get("/stories/moderate".into(), CENTRAL),
        post(
            format!("/stories/{missing}/moderate"),
            vec![("decision", "approve".into())],
            CENTRAL,
            404,
        ),
        Case {
            method: "GET",
            path: "/s/not-a-story".into(),
            form: vec![],
            allowed: EVERYONE,
            allowed_status: 404,
            public: true,
        },
    ];
    let mut cases = cases;
    cases.extend(support_group_cases(&app).await);
    cases.extend(channel_cases(&app).await);
    cases.extend(peer_group_channel_cases(&app).await);

    let mut failures = Vec::new();
    let anonymous = app.visitor().await;
    for (role, email) in ROLES
        .iter()
        .map(|(r, e)| (Some(*r), Some(*e)))
        .chain([(None, None)])
    {
        let visitor = match email {
            Some(email) => app.sign_in(email).await,
            None => anonymous.clone(),
        };
        for case in &cases {
            let fields: Vec<(&str, &str)> =
                case.form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let response = match case.method {
                "GET" => visitor.get(&case.path).await,
                _ => visitor.post(&case.path, &fields).await,
            };
            let status = response.status().as_u16();
            let expected = match role {
                None if case.public => case.allowed_status,
                None => 303,
                Some(role) if case.allowed.contains(&role) => case.allowed_status,
                Some(_) => 403,
            };
            let body = response.text().await.unwrap();
            if status != expected {
                failures.push(format!(
                    "{} {} as {}: expected {expected}, got {status}",
                    case.method,
                    case.path,
                    role.unwrap_or("signed out")
                ));
            } else if status == 403
                && !(body.contains("<main id=\"main\"") && body.contains("href=\"/help\""))
            {
                failures.push(format!(
                    "{} {} as {}: 403 without the friendly page",
                    case.method,
                    case.path,
                    role.unwrap_or("signed out")
                ));
            } else if role.is_none() && !case.public && !body.is_empty() && status != 303 {
                failures.push(format!(
                    "{} {}: signed out but served",
                    case.method, case.path
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "policy matrix mismatches:\n{}",
        failures.join("\n")
    );
});

/// Coordinators start groups and see the network of the places they coordinate.
const SG_COORDINATORS: &[&str] = &["admin", "coordinator", "site-coordinator"];
/// Fatima facilitates the demo's campus circle; nobody else in the matrix
/// runs it, whatever their organisation role.
const SG_CIRCLE_FACILITATOR: &[&str] = &["facilitator"];

async fn support_group_cases(app: &TestApp) -> Vec<Case> {
    let here = crate::support_groups::group_named(app, "I'm here").await;
    let circle = crate::support_groups::group_named(app, "Riverside peer supporters' circle").await;
    let maya = crate::support_groups::person(app, "maya@demo.example").await;
    let missing = uuid::Uuid::now_v7();
    // Nobody in the matrix belongs to "I'm here": its meetings are closed to all of them.
    let past = app
        .store
        .support_group_meetings()
        .for_group(here)
        .await
        .unwrap()[0]
        .id;
    let group_form = || {
        vec![
            ("name", String::new()),
            ("site", String::new()),
            ("purpose", String::new()),
            ("description", String::new()),
            ("contact", String::new()),
            ("format", "formal".to_owned()),
        ]
    };
    vec![
        get("/support-groups".into(), EVERYONE),
        get(format!("/support-groups/{here}"), EVERYONE),
        get("/support-groups/new".into(), SG_COORDINATORS),
        get("/support-groups/network".into(), SG_COORDINATORS),
        post("/support-groups".into(), group_form(), SG_COORDINATORS, 422),
        post(
            "/support-groups/network/links".into(),
            vec![("first", String::new()), ("second", String::new())],
            SG_COORDINATORS,
            422,
        ),
        post(
            format!("/support-groups/{here}/join"),
            vec![("message", "x".repeat(501))],
            EVERYONE,
            422,
        ),
        get(
            format!("/support-groups/{circle}/edit"),
            SG_CIRCLE_FACILITATOR,
        ),
        post(
            format!("/support-groups/{circle}/edit"),
            group_form(),
            SG_CIRCLE_FACILITATOR,
            422,
        ),
        post(
            format!("/support-groups/{circle}/ground-rules"),
            vec![("rules", String::new())],
            SG_CIRCLE_FACILITATOR,
            422,
        ),
        post(
            format!("/support-groups/{circle}/requests/{missing}/accept"),
            vec![],
            SG_CIRCLE_FACILITATOR,
            404,
        ),
        post(
            format!("/support-groups/{circle}/members/{maya}"),
            vec![("role", "member".into())],
            SG_CIRCLE_FACILITATOR,
            303,
        ),
        post(
            format!("/support-groups/{circle}/links"),
            vec![("other", String::new())],
            SG_CIRCLE_FACILITATOR,
            422,
        ),
        get(format!("/support-groups/{here}/meetings/{past}"), &[]),
        get(
            format!("/support-groups/{here}/meetings/{past}/meeting.ics"),
            &[],
        ),
        post(
            format!("/support-groups/{here}/meetings/{past}/minutes"),
            vec![("minutes", "x".into())],
            &[],
            303,
        ),
        // Moving or cancelling a meeting: its group's facilitators alone,
        // whatever anyone's organisation role.
        get(
            format!("/support-groups/{here}/meetings/{past}/change"),
            &[],
        ),
        post(
            format!("/support-groups/{here}/meetings/{past}/change"),
            vec![
                ("date", "2031-01-01".into()),
                ("time", "18:00".into()),
                ("place", "Room 1".into()),
            ],
            &[],
            303,
        ),
        post(
            format!("/support-groups/{here}/meetings/{past}/cancel"),
            vec![],
            &[],
            303,
        ),
        get(
            format!("/support-groups/{circle}/meetings/new"),
            SG_CIRCLE_FACILITATOR,
        ),
        post(
            format!("/support-groups/{circle}/meetings/new"),
            vec![
                ("title", String::new()),
                ("date", String::new()),
                ("time", String::new()),
                ("place", String::new()),
                ("repeat", "once".into()),
                ("agenda", "template".into()),
            ],
            SG_CIRCLE_FACILITATOR,
            422,
        ),
    ]
}

/// Channels are their members' alone, whatever anyone's organisation role:
/// Fatima facilitates the campus circle and Pat belongs to it; nobody in the
/// matrix belongs to "I'm here". The facilitators' channel is for those who
/// facilitate a group and the network's coordinators. `/support` is public.
async fn channel_cases(app: &TestApp) -> Vec<Case> {
    let here = crate::support_groups::group_named(app, "I'm here").await;
    let circle = crate::support_groups::group_named(app, "Riverside peer supporters' circle").await;
    let circle_members: &[&str] = &["facilitator", "peer"];
    vec![
        Case {
            public: true,
            ..get("/support".into(), EVERYONE)
        },
        get(format!("/support-groups/{here}/channel"), &[]),
        post(
            format!("/support-groups/{here}/channel"),
            vec![("text", "hello".into())],
            &[],
            303,
        ),
        get(format!("/support-groups/{circle}/channel"), circle_members),
        // An empty message: refused with its reason, nothing stored.
        post(
            format!("/support-groups/{circle}/channel"),
            vec![("text", String::new())],
            circle_members,
            303,
        ),
        post(
            format!("/support-groups/{circle}/channel/settings"),
            vec![("notify", "none".into())],
            circle_members,
            303,
        ),
        get(
            "/support-groups/facilitators/channel".into(),
            &["admin", "coordinator", "facilitator"],
        ),
    ]
}

/// A cohort peer group's channel: its members and whoever may run the
/// cohort's events (administrators, coordinators, the cohort's facilitator);
/// nobody else, whatever their role elsewhere. The matrix's participant's
/// group; Pat (a participant of the same cohort) belongs only if the demo
/// put them in it.
async fn peer_group_channel_cases(app: &TestApp) -> Vec<Case> {
    let autumn = app.cohort_named("Autumn dialogue cohort").await;
    let user = |email: &str| {
        let email = Email::parse(email).unwrap();
        async move {
            app.store
                .people()
                .find_by_email(&email)
                .await
                .unwrap()
                .unwrap()
                .id
        }
    };
    let (participant, peer) = (
        user("participant@demo.example").await,
        user("peer@demo.example").await,
    );
    let groups = app.store.peer_groups();
    let group = groups
        .group_of(autumn.id, None, participant)
        .await
        .unwrap()
        .unwrap();
    let with_pat = groups.group_of(autumn.id, None, peer).await.unwrap() == Some(group);
    // The cohort's facilitator and the group's members; the organisation's
    // staff do not read peers' conversations by role alone.
    let allowed: &'static [&'static str] = if with_pat {
        &["facilitator", "participant", "peer"]
    } else {
        &["facilitator", "participant"]
    };
    let base = format!("/peer-groups/{group}/channel");
    vec![
        get(base.clone(), allowed),
        // An empty message: refused with its reason, nothing stored.
        post(base.clone(), vec![("text", String::new())], allowed, 303),
        post(
            format!("{base}/settings"),
            vec![("notify", "none".into())],
            allowed,
            303,
        ),
    ]
}
