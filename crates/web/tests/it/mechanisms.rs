//! The shared mechanisms later features build on: files, the job queue,
//! activity and attendance rows, on both databases.

use crate::both;
use crate::helpers::*;
use hearth_store::{AttendanceStatus, NewActivity, NewFile, now_ms};

both!(
    files_round_trip_through_the_store,
    |app: TestApp| async move {
        let bytes: Vec<u8> = (0..=255u8).cycle().take(70_000).collect();
        let id = app
            .store
            .files()
            .put(NewFile {
                name: "peer video.mp4",
                content_type: "video/mp4",
                bytes: &bytes,
                uploaded_by: None,
            })
            .await
            .unwrap();
        let file = app.store.files().get(id).await.unwrap();
        assert_eq!(file.name, "peer video.mp4");
        assert_eq!(file.content_type, "video/mp4");
        assert_eq!(file.bytes, bytes, "binary content comes back byte for byte");
    }
);

/// The queue on the demo's database with no server, so no runner claims
/// this test's jobs between its steps.
async fn jobs_are_claimed_once_retried_and_finished(backend: Backend) {
    let Some(app) = TestApp::store_only(backend).await else {
        eprintln!("HEARTH_TEST_POSTGRES_URL is not set: skipping the PostgreSQL run");
        return;
    };
    {
        let jobs = app.store.jobs();
        // The demo queues jobs that are already due (reminders, follow-ups):
        // take them first, so the due job below is the only one to claim.
        while let Some(queued) = jobs.claim().await.unwrap() {
            jobs.complete(queued.id).await.unwrap();
        }
        let payload = serde_json::json!({"remind": "someone"});
        jobs.enqueue("reminder", &payload, now_ms() + 60_000)
            .await
            .unwrap();
        assert!(
            jobs.claim().await.unwrap().is_none(),
            "a job is not run before its time"
        );
        let due = jobs
            .enqueue("reminder", &payload, now_ms() - 1)
            .await
            .unwrap();
        let job = jobs.claim().await.unwrap().unwrap();
        assert_eq!(job.id, due);
        assert_eq!(job.payload, payload);
        assert!(
            jobs.claim().await.unwrap().is_none(),
            "a claimed job is nobody else's"
        );
        jobs.fail(&job, "mail server away", -1, 5).await.unwrap();
        let again = jobs.claim().await.unwrap().unwrap();
        assert_eq!(again.attempts, 2, "a failed job is tried again");
        jobs.complete(again.id).await.unwrap();
        assert_eq!(
            jobs.pending().await.unwrap(),
            1,
            "only the future job is left"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn jobs_are_claimed_once_retried_and_finished_on_sqlite() {
    jobs_are_claimed_once_retried_and_finished(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn jobs_are_claimed_once_retried_and_finished_on_postgres() {
    jobs_are_claimed_once_retried_and_finished(Backend::Postgres).await;
}

both!(
    activities_and_attendance_are_counted,
    |app: TestApp| async move {
        let activities = app.store.activities();
        // The demo has field work of its own (issue 9): count what this test adds.
        let coaching = |counts: Vec<(String, i64, i64)>| {
            counts
                .into_iter()
                .find(|(kind, _, _)| kind == "coaching")
                .map_or((0, 0), |(_, n, people)| (n, people))
        };
        let before = coaching(activities.count_by_kind().await.unwrap());
        let session = activities
            .record(&NewActivity {
                kind: "coaching",
                title: "Stress and self-care",
                site_id: None,
                cohort_id: None,
                phase_id: None,
                occurred_at: now_ms(),
            })
            .await
            .unwrap();
        let people = app
            .store
            .people()
            .search("", None, 3, 0)
            .await
            .unwrap()
            .people;
        activities
            .mark(session, people[0].id, AttendanceStatus::Present, None)
            .await
            .unwrap();
        activities
            .mark(session, people[1].id, AttendanceStatus::Late, None)
            .await
            .unwrap();
        activities
            .mark(session, people[2].id, AttendanceStatus::Absent, Some("ill"))
            .await
            .unwrap();
        // Correcting a mark replaces it.
        activities
            .mark(session, people[2].id, AttendanceStatus::Present, None)
            .await
            .unwrap();
        let after = coaching(activities.count_by_kind().await.unwrap());
        assert_eq!((after.0 - before.0, after.1 - before.1), (1, 3));
    }
);
