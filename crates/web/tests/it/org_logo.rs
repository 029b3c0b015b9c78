//! The organisation's logo (issue 9, scope 4): uploaded on the organisation
//! page, served to anyone, shown on the printable summary; only PNG, JPEG and
//! WebP up to 1 MB, known by their first bytes.

use crate::both;
use crate::helpers::*;

/// A 1×1 orange PNG: signature, IHDR, IDAT and IEND with their checksums.
const TINY_PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
    0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x38, 0x11, 0xa5, 0xf5,
    0x1f, 0x00, 0x05, 0x86, 0x02, 0x4c, 0x7b, 0x2d, 0xfe, 0xa8, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
    0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

/// The start of a JPEG (its first bytes are all the check reads).
const JPEG_START: &[u8] = &[
    0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, b'J', b'F', b'I', b'F', 0x00,
];

async fn upload(
    visitor: &Visitor,
    file_name: &str,
    content_type: &str,
    bytes: &[u8],
) -> (u16, String) {
    let part = reqwest::multipart::Part::bytes(bytes.to_vec())
        .file_name(file_name.to_owned())
        .mime_str(content_type)
        .unwrap();
    let form = reqwest::multipart::Form::new()
        .text("csrf", visitor.csrf.clone())
        .part("logo", part);
    let response = visitor
        .post_multipart("/admin/organisation/logo", form)
        .await;
    let status = response.status().as_u16();
    let location = location(&response);
    (
        status,
        format!("{location}{}", response.text().await.unwrap()),
    )
}

/// The logo as anyone fetches it: status, content type and bytes.
async fn served(app: &TestApp) -> (u16, String, Vec<u8>) {
    let response = reqwest::get(app.url("/organisation/logo")).await.unwrap();
    let status = response.status().as_u16();
    let kind = response
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (status, kind, response.bytes().await.unwrap().to_vec())
}

async fn logo_id(app: &TestApp) -> Option<uuid::Uuid> {
    app.store
        .org()
        .organisation()
        .await
        .unwrap()
        .unwrap()
        .logo_file_id
}

/// Whether a stored file is still there.
async fn file_kept(app: &TestApp, id: uuid::Uuid) -> bool {
    app.store
        .files()
        .get(hearth_domain::FileId(id))
        .await
        .is_ok()
}

both!(
    an_administrator_uploads_replaces_and_removes_the_logo,
    |app: TestApp| async move {
        // None yet: a 404, and the summary keeps Hearth's own mark.
        assert_eq!(served(&app).await.0, 404);
        let coordinator = app.sign_in("coordinator@demo.example").await;
        let (_, summary) = coordinator.page("/reports/summary").await;
        assert!(!summary.contains("/organisation/logo"));

        let admin = app.sign_in("admin@demo.example").await;
        let (status, page) = admin.page("/admin/organisation").await;
        assert_eq!(status, 200);
        assert!(page.contains("action=\"/admin/organisation/logo\""));
        assert!(page.contains("enctype=\"multipart/form-data\""));
        assert!(!page.contains("/admin/organisation/logo/remove"));

        let (status, to) = upload(&admin, "logo.png", "image/png", TINY_PNG).await;
        assert_eq!(status, 303, "{to}");
        assert!(to.starts_with("/admin/organisation?done=flash-org-logo-saved"));
        let first = logo_id(&app).await.expect("the logo is stored");

        // Served to anyone, byte for byte, with its type, nosniff and a cache header.
        let response = reqwest::get(app.url("/organisation/logo")).await.unwrap();
        assert_eq!(response.status(), 200);
        let headers = response.headers().clone();
        assert_eq!(headers["content-type"], "image/png");
        assert_eq!(headers["x-content-type-options"], "nosniff");
        assert!(
            headers["cache-control"]
                .to_str()
                .unwrap()
                .contains("max-age")
        );
        assert!(headers.get("set-cookie").is_none());
        assert_eq!(response.bytes().await.unwrap().as_ref(), TINY_PNG);

        // The organisation page previews it and offers to remove it.
        let (_, page) = admin.page("/admin/organisation").await;
        assert!(page.contains(&format!("src=\"/organisation/logo?v={first}\"")));
        assert!(page.contains("/admin/organisation/logo/remove"));

        // The printable summary shows it beside the name, named by it.
        let org = app.store.org().organisation().await.unwrap().unwrap();
        let (status, summary) = coordinator.page("/reports/summary").await;
        assert_eq!(status, 200);
        assert!(
            summary.contains(&format!(
                "<img class=\"summary-logo\" src=\"/organisation/logo?v={first}\" alt=\"{}\">",
                org.name
            )),
            "{summary}"
        );

        // Replaced: the new one is served and the old file is gone.
        let (status, _) = upload(&admin, "new-logo.jpg", "image/jpeg", JPEG_START).await;
        assert_eq!(status, 303);
        let second = logo_id(&app).await.unwrap();
        assert_ne!(first, second);
        let (status, kind, bytes) = served(&app).await;
        assert_eq!((status, kind.as_str()), (200, "image/jpeg"));
        assert_eq!(bytes, JPEG_START);
        assert!(!file_kept(&app, first).await);
        let (_, summary) = coordinator.page("/reports/summary").await;
        assert!(summary.contains(&format!("/organisation/logo?v={second}")));

        // Removed: 404 again, and the summary falls back to Hearth's mark.
        let removed = admin.post("/admin/organisation/logo/remove", &[]).await;
        assert_eq!(removed.status(), 303);
        assert_eq!(
            location(&removed),
            "/admin/organisation?done=flash-org-logo-removed"
        );
        assert_eq!(logo_id(&app).await, None);
        assert_eq!(served(&app).await.0, 404);
        assert!(!file_kept(&app, second).await);
        let (_, summary) = coordinator.page("/reports/summary").await;
        assert!(!summary.contains("/organisation/logo"));
        assert!(summary.contains("/static/icon.svg"));
    }
);

both!(refused_uploads_change_nothing, |app: TestApp| async move {
    let admin = app.sign_in("admin@demo.example").await;
    let (status, _) = upload(&admin, "logo.png", "image/png", TINY_PNG).await;
    assert_eq!(status, 303);
    let kept = logo_id(&app).await.unwrap();

    // Those who may not manage the organisation: a site's coordinator and a participant.
    for email in ["municipality@demo.example", "participant@demo.example"] {
        let person = app.sign_in(email).await;
        let (status, _) = upload(&person, "logo.png", "image/png", TINY_PNG).await;
        assert_eq!(status, 403, "{email}");
        let removed = person.post("/admin/organisation/logo/remove", &[]).await;
        assert_eq!(removed.status(), 403, "{email}");
        assert_eq!(logo_id(&app).await, Some(kept), "{email}");
    }

    let svg = br#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#;
    let not_png = b"This is only text, though the name says PNG.";
    let mut too_big = TINY_PNG.to_vec();
    too_big.resize(1024 * 1024 + 1, 0);
    let cases: [(&str, &str, &[u8], &str); 3] = [
        (
            "logo.svg",
            "image/svg+xml",
            svg,
            "not a PNG, JPEG or WebP image",
        ),
        (
            "logo.png",
            "image/png",
            not_png,
            "not a PNG, JPEG or WebP image",
        ),
        ("logo.png", "image/png", &too_big, "larger than 1 MB"),
    ];
    for (name, kind, bytes, message) in cases {
        let (status, page) = upload(&admin, name, kind, bytes).await;
        assert_eq!(status, 422, "{name} ({} bytes)", bytes.len());
        assert!(page.contains(message), "{name}: {page}");
        // The form is shown again, with the logo that is kept.
        assert!(page.contains("action=\"/admin/organisation/logo\""));
        assert!(page.contains(&format!("/organisation/logo?v={kept}")));
        assert_eq!(logo_id(&app).await, Some(kept), "{name}");
        let (status, kind, served_bytes) = served(&app).await;
        assert_eq!((status, kind.as_str()), (200, "image/png"));
        assert_eq!(served_bytes, TINY_PNG);
    }

    // No file at all, and a form without its CSRF token.
    let form = reqwest::multipart::Form::new().text("csrf", admin.csrf.clone());
    let response = admin.post_multipart("/admin/organisation/logo", form).await;
    assert_eq!(response.status(), 422);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("Choose an image file")
    );
    let part = reqwest::multipart::Part::bytes(TINY_PNG.to_vec()).file_name("logo.png");
    let forged = reqwest::multipart::Form::new().part("logo", part);
    let response = admin
        .post_multipart("/admin/organisation/logo", forged)
        .await;
    assert_eq!(response.status(), 403);
    assert_eq!(logo_id(&app).await, Some(kept));
});
