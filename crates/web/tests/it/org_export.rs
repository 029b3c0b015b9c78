//! The administrator's full export (issue 9, scope 6): a zip of CSV files,
//! one per table, with a README of the columns; private writing, session
//! logs and secrets left out; every download audited.

use crate::both;
use crate::helpers::TestApp;
use hearth_store::org_export_catalogue::{CATALOGUE, TableExport, YES_NO_COLUMNS};
use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;

/// Words written into private places before the export: none may leave.
const PRIVATE_MARKERS: &[&str] = &[
    "PRIVATE-REFLECTION-7731",
    "PRIVATE-LOG-5520",
    "PRIVATE-STORY-4410",
    "PRIVATE-MESSAGE-9911",
    "PRIVATE-CHIME-3302",
    "PRIVATE-REQUEST-8841",
];

async fn write_private_things(app: &TestApp) {
    let db = app.store.db();
    for statement in [
        "INSERT INTO reflections (event_id, step, user_id, text, updated_at) \
         SELECT e.id, 7, u.id, 'PRIVATE-REFLECTION-7731', 0 FROM events e, users u \
         WHERE u.email = 'participant@demo.example' ORDER BY e.created_at LIMIT 1",
        "UPDATE support_logs SET note = 'PRIVATE-LOG-5520'",
        "UPDATE stories SET body = 'PRIVATE-STORY-4410'",
        "UPDATE conversation_messages SET body = 'PRIVATE-MESSAGE-9911'",
        "UPDATE chime_reflections SET note = 'PRIVATE-CHIME-3302'",
        "UPDATE support_ongoing SET help_with = 'PRIVATE-REQUEST-8841'",
    ] {
        db.execute_raw(statement).await.unwrap();
    }
}

/// The zip's files by name (without the folder), as text.
fn unzip(bytes: Vec<u8>) -> (String, BTreeMap<String, String>) {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut files = BTreeMap::new();
    let mut folder = String::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let full = file.name().unwrap().into_owned();
        let (dir, name) = full.split_once('/').unwrap();
        folder = dir.to_owned();
        let mut text = String::new();
        file.read_to_string(&mut text).unwrap();
        files.insert(name.to_owned(), text);
    }
    (folder, files)
}

fn header(csv: &str) -> Vec<String> {
    csv::Reader::from_reader(csv.as_bytes())
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect()
}

/// Every record of a CSV file (cells may hold commas and line breaks).
fn records(csv: &str) -> Vec<Vec<String>> {
    csv::Reader::from_reader(csv.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

both!(
    every_table_is_decided_and_the_booleans_are_known,
    |app: TestApp| async move {
        let db = app.store.db();
        let schema: BTreeSet<String> = db.schema_tables().await.unwrap().into_iter().collect();
        let catalogue: BTreeSet<String> = CATALOGUE.iter().map(|e| e.table.to_owned()).collect();
        assert_eq!(
            schema.difference(&catalogue).collect::<Vec<_>>(),
            Vec::<&String>::new(),
            "tables nobody decided about: add them to org_export_catalogue.rs"
        );
        assert_eq!(
            catalogue.difference(&schema).collect::<Vec<_>>(),
            Vec::<&String>::new(),
            "the catalogue names tables the schema does not have"
        );
        assert_eq!(catalogue.len(), CATALOGUE.len(), "a table is named twice");
        for entry in CATALOGUE {
            if let TableExport::Rows { withheld } = entry.export {
                let columns: Vec<String> = db
                    .table_columns(entry.table)
                    .await
                    .unwrap()
                    .into_iter()
                    .map(|c| c.name)
                    .collect();
                for column in withheld {
                    assert!(
                        columns.iter().any(|c| c == column),
                        "{}.{column} is withheld but does not exist, so the real one would leave",
                        entry.table
                    );
                }
            }
        }
        // PostgreSQL says which columns are yes/no; SQLite cannot, so the
        // catalogue's list must match it.
        let booleans = db.boolean_columns().await.unwrap();
        if !booleans.is_empty() {
            let known: BTreeSet<(String, String)> = YES_NO_COLUMNS
                .iter()
                .map(|(t, c)| ((*t).to_owned(), (*c).to_owned()))
                .collect();
            assert_eq!(booleans.into_iter().collect::<BTreeSet<_>>(), known);
        }
    }
);

both!(
    an_administrator_downloads_the_organisations_data_without_private_writing,
    |app: TestApp| async move {
        write_private_things(&app).await;
        // The reflection really is there: its writer's own export shows it.
        let writer = app.sign_in("participant@demo.example").await;
        let (_, own) = writer.page("/profile/my-data.json").await;
        assert!(own.contains("PRIVATE-REFLECTION-7731"));
        let admin = app.sign_in("admin@demo.example").await;
        let (status, page) = admin.page("/admin/organisation").await;
        assert_eq!(status, 200);
        assert!(page.contains("href=\"/admin/data\""));
        let (status, page) = admin.page("/admin/data").await;
        assert_eq!(status, 200);
        assert!(page.contains("Download the zip"), "{page}");

        let response = admin.post("/admin/data/export", &[]).await;
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()["content-type"], "application/zip");
        let disposition = response.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(
            disposition.starts_with("attachment; filename=\"hearth-export-"),
            "{disposition}"
        );
        let (folder, files) = unzip(response.bytes().await.unwrap().to_vec());
        assert!(folder.starts_with("hearth-export-"), "{folder}");

        // One file per exported table, and the README.
        for entry in CATALOGUE {
            let name = format!("{}.csv", entry.table);
            match entry.export {
                TableExport::Rows { withheld } => {
                    let csv = files
                        .get(&name)
                        .unwrap_or_else(|| panic!("{name} is missing"));
                    for column in withheld {
                        assert!(
                            !header(csv).iter().any(|c| c == column),
                            "{name} has {column}"
                        );
                    }
                }
                TableExport::Withheld { .. } => {
                    assert!(!files.contains_key(&name), "{name} must stay in Hearth")
                }
            }
        }
        assert_eq!(
            files.len(),
            CATALOGUE
                .iter()
                .filter(|e| matches!(e.export, TableExport::Rows { .. }))
                .count()
                + 1
        );

        // Nothing private, and no secret, is in any file.
        for (name, text) in &files {
            for marker in PRIVATE_MARKERS {
                assert!(!text.contains(marker), "{marker} leaked into {name}");
            }
            assert!(
                !text.contains("$argon2"),
                "a password hash leaked into {name}"
            );
        }

        // People read as people: emails, yes/no and times in plain form.
        let users = &files["users.csv"];
        assert_eq!(
            header(users),
            [
                "id",
                "email",
                "display_name",
                "pronouns",
                "language",
                "time_zone",
                "active",
                "created_at",
                "erased_at"
            ]
        );
        let admin_row = records(users)
            .into_iter()
            .find(|cells| cells[1] == "admin@demo.example")
            .expect("the administrator is in users.csv");
        assert!(
            uuid::Uuid::parse_str(&admin_row[0]).is_ok(),
            "{admin_row:?}"
        );
        assert_eq!(admin_row[6], "true", "{admin_row:?}");
        assert!(
            admin_row[7].parse::<jiff::Timestamp>().is_ok(),
            "created_at reads as a time: {admin_row:?}"
        );

        // The README names every file with its row count and columns, and
        // says what was left out and why.
        let readme = &files["README.md"];
        for (name, text) in &files {
            if let Some(table) = name.strip_suffix(".csv") {
                let rows = records(text).len();
                let unit = if rows == 1 { "row" } else { "rows" };
                assert!(
                    readme.contains(&format!("### {table}.csv ({rows} {unit})")),
                    "{table}: {rows} {unit}"
                );
            }
        }
        assert!(readme.contains("| `email` | text |"));
        assert!(readme.contains(
            "- `reflections`: Private reflections written during events. Left out: private writing."
        ));
        assert!(readme.contains(
            "- In `users.csv`, these columns are left out: `password_hash`, `name_search`."
        ));
        assert!(
            readme.contains("Demo"),
            "the organisation's name heads the README"
        );

        // Attendance ids link to people and activities in their own files.
        let activity_ids: BTreeSet<String> = records(&files["activities.csv"])
            .into_iter()
            .map(|cells| cells[0].clone())
            .collect();
        let attendance = records(&files["attendance.csv"]);
        assert!(attendance.len() > 10, "the demo's attendance is there");
        for cells in attendance {
            assert!(activity_ids.contains(&cells[0]), "{cells:?}");
        }

        // The download is in the audit log, with who took it.
        let audit = app.store.audit().recent(20, 0).await.unwrap();
        let entry = audit
            .iter()
            .find(|e| e.subject_kind == "organisation-export")
            .expect("the export is audited");
        assert_eq!(entry.action, "export");
        assert_eq!(entry.actor_name.as_deref(), Some("Alex Admin"));
    }
);

both!(
    only_an_administrator_may_export_the_organisations_data,
    |app: TestApp| async move {
        for email in [
            "coordinator@demo.example",
            "supervisor@demo.example",
            "facilitator@demo.example",
            "participant@demo.example",
        ] {
            let person = app.sign_in(email).await;
            assert_eq!(person.page("/admin/data").await.0, 403, "{email}");
            let refused = person.post("/admin/data/export", &[]).await;
            assert_eq!(refused.status(), 403, "{email}");
            let (_, page) = person.page("/admin/organisation").await;
            assert!(!page.contains("href=\"/admin/data\""), "{email}");
        }
        let signed_out = app.visitor().await;
        let refused = signed_out.post("/admin/data/export", &[]).await;
        assert!(refused.status().is_redirection() || refused.status() == 401);
        // A form without its CSRF token is refused too.
        let admin = app.sign_in("admin@demo.example").await;
        let forged = admin.post_without_csrf("/admin/data/export", &[]).await;
        assert_eq!(forged.status(), 403);
        let audit = app.store.audit().recent(50, 0).await.unwrap();
        assert!(
            audit
                .iter()
                .all(|e| e.subject_kind != "organisation-export"),
            "a refusal writes nothing"
        );
    }
);
