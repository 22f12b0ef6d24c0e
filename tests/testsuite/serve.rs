//! `kehoach serve`: the handlers called through the router (security cases first),
//! and the main flows in a real browser (headless Chromium through chromedriver).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use kehoach::diag::Lang;
use kehoach::serve::{router, Server};
use serde_json::{json, Value};
use tower::ServiceExt;

use crate::support::{check_text, kehoach, root};

/// A folder with the sample plans a test needs, copied from `plans/`.
fn folder() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let top = dir.path().canonicalize().unwrap();
    for name in ["xa-2026-hai-cap.toml", "son-la-2023-kh93.toml"] {
        std::fs::copy(root().join("plans").join(name), top.join(name)).unwrap();
    }
    std::fs::create_dir(top.join("son-la")).unwrap();
    for name in ["huyen-mai-son-2023.toml", "phong-gddt-mai-son-2023.toml", "xa-chieng-mung-2023.toml"] {
        std::fs::copy(root().join("plans/son-la").join(name), top.join("son-la").join(name)).unwrap();
    }
    (dir, top)
}

struct App {
    router: axum::Router,
    csrf: String,
}

fn app(top: &Path, token: Option<&str>) -> App {
    let server = Server::new(top, Lang::Vi, token.map(str::to_string)).unwrap();
    let csrf = server.csrf.clone();
    App { router: router(Arc::new(server)), csrf }
}

impl App {
    async fn send(&self, req: Request<Body>) -> (StatusCode, Vec<u8>, axum::http::HeaderMap) {
        let res = self.router.clone().oneshot(req).await.unwrap();
        let status = res.status();
        let headers = res.headers().clone();
        let body = axum::body::to_bytes(res.into_body(), usize::MAX).await.unwrap();
        (status, body.to_vec(), headers)
    }

    async fn get(&self, uri: &str) -> (StatusCode, Value) {
        let req = Request::get(uri).header(header::HOST, "127.0.0.1:8030").body(Body::empty()).unwrap();
        let (status, body, _) = self.send(req).await;
        (status, serde_json::from_slice(&body).unwrap_or(Value::Null))
    }

    fn post_req(&self, uri: &str, body: Body, json_body: bool) -> Request<Body> {
        let mut req = Request::post(uri)
            .header(header::HOST, "127.0.0.1:8030")
            .header(header::ORIGIN, "http://127.0.0.1:8030")
            .header("x-kehoach-csrf", &self.csrf);
        if json_body {
            req = req.header(header::CONTENT_TYPE, "application/json");
        }
        req.body(body).unwrap()
    }

    async fn post(&self, uri: &str, body: Value) -> (StatusCode, Value) {
        let (status, body, _) = self.send(self.post_req(uri, Body::from(body.to_string()), true)).await;
        (status, serde_json::from_slice(&body).unwrap_or(Value::Null))
    }

    async fn upload(&self, uri: &str, bytes: Vec<u8>) -> (StatusCode, Value) {
        let (status, body, _) = self.send(self.post_req(uri, Body::from(bytes), false)).await;
        (status, serde_json::from_slice(&body).unwrap_or(Value::Null))
    }
}

fn q(path: &str) -> String {
    path.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[tokio::test]
async fn the_list_puts_child_plans_under_their_parent() {
    let (_d, top) = folder();
    let app = app(&top, None);
    let (status, list) = app.get("/api/plans").await;
    assert_eq!(status, StatusCode::OK, "{list}");
    let tops: Vec<&str> = list.as_array().unwrap().iter().map(|p| p["path"].as_str().unwrap()).collect();
    assert_eq!(tops, ["son-la-2023-kh93.toml", "xa-2026-hai-cap.toml"]);
    let province = &list[0];
    assert_eq!(province["children"][0]["path"], "son-la/huyen-mai-son-2023.toml");
    let district: Vec<&str> =
        province["children"][0]["children"].as_array().unwrap().iter().map(|p| p["path"].as_str().unwrap()).collect();
    assert_eq!(district, ["son-la/phong-gddt-mai-son-2023.toml", "son-la/xa-chieng-mung-2023.toml"]);
    assert!(province["title"].as_str().unwrap().contains("trẻ em"), "{province}");
    assert!(province["errors"].is_u64());
}

#[tokio::test]
async fn no_route_reads_or_writes_outside_the_folder() {
    let (_d, top) = folder();
    let outside = tempfile::tempdir().unwrap();
    std::fs::copy(top.join("xa-2026-hai-cap.toml"), outside.path().join("secret.toml")).unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(outside.path().join("secret.toml"), top.join("link.toml")).unwrap();
        std::os::unix::fs::symlink(outside.path(), top.join("out")).unwrap();
    }
    let app = app(&top, None);
    let abs = outside.path().join("secret.toml").display().to_string();
    let bad = [
        "/etc/passwd",
        "../secret.toml",
        "../../../../etc/passwd",
        "son-la/../../x.toml",
        abs.as_str(),
        "link.toml",
        "out/secret.toml",
        ".kehoach/history/x.toml",
    ];
    for path in bad {
        let p = q(path);
        for uri in [
            format!("/api/plan?path={p}"),
            format!("/api/history?path={p}"),
            format!("/api/version?path={p}&id=x"),
            format!("/api/compare?path={p}&old=current&new=current"),
            format!("/api/compare/file?path={p}&old=current&new=current&kind=redline.docx"),
            format!("/api/download?path={p}&format=pdf"),
        ] {
            let (status, body) = app.get(&uri).await;
            assert!(matches!(status, StatusCode::FORBIDDEN | StatusCode::BAD_REQUEST), "{uri}: {status} {body}");
        }
        let text = std::fs::read_to_string(top.join("xa-2026-hai-cap.toml")).unwrap();
        let version = kehoach::serve::history::version(&text);
        for (uri, body) in [
            ("/api/preview", json!({"path": path, "text": text})),
            ("/api/save", json!({"path": path, "text": "x = 1", "version": version})),
            ("/api/new", json!({"path": path})),
            ("/api/child", json!({"path": path, "from": "xa-2026-hai-cap.toml", "issuer": "x"})),
            ("/api/child", json!({"path": "ok-child.toml", "from": path, "issuer": "x"})),
        ] {
            let (status, answer) = app.post(uri, body).await;
            // A name taken by a link is a name taken (409): never written through.
            let refused = matches!(status, StatusCode::FORBIDDEN | StatusCode::BAD_REQUEST | StatusCode::CONFLICT);
            assert!(refused, "{uri} {path}: {status} {answer}");
        }
        let (status, _) = app.upload(&format!("/api/import?name=a.txt&to={p}"), b"KE HOACH".to_vec()).await;
        let refused = matches!(status, StatusCode::FORBIDDEN | StatusCode::BAD_REQUEST | StatusCode::CONFLICT);
        assert!(refused, "import to {path}: {status}");
    }
    // A dropped file's name is a name, never a path: the bytes sent are what is read.
    let (_, body) = app.upload("/api/check-file?name=../../etc/passwd", b"hello".to_vec()).await;
    assert_eq!(body["name"], "passwd");
    assert!(!body.to_string().contains("root:"), "{body}");
    // Nothing was written outside, nor through the links.
    let written: Vec<_> = std::fs::read_dir(outside.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(written.len(), 1, "{written:?}");
    assert!(!top.join("ok-child.toml").exists());
}

#[tokio::test]
async fn a_save_over_someone_elses_is_refused_with_their_change() {
    let (_d, top) = folder();
    let app = app(&top, None);
    let (_, opened) = app.get("/api/plan?path=xa-2026-hai-cap.toml").await;
    let (text, version) = (opened["text"].as_str().unwrap().to_string(), opened["version"].clone());
    // Anh saves first: the khai sinh target becomes 95.
    let anh = text.replacen("target = { value = 100, unit = \"%\" }", "target = { value = 95, unit = \"%\" }", 1);
    let (status, saved) =
        app.post("/api/save", json!({"path":"xa-2026-hai-cap.toml","text":anh,"version":version,"author":"Anh"})).await;
    assert_eq!(status, StatusCode::OK, "{saved}");
    // Bình, who opened the same version, saves another change: 409, nothing written.
    let binh = text.replacen("place = \"Tân Hòa\"", "place = \"Tân Hòa Mới\"", 1);
    let (status, refused) = app
        .post("/api/save", json!({"path":"xa-2026-hai-cap.toml","text":binh,"version":version,"author":"Bình"}))
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "{refused}");
    assert!(refused["error"].as_str().unwrap().contains("Người khác đã lưu"), "{refused}");
    let changes = refused["detail"]["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 1, "{changes:?}");
    assert!(changes[0]["provision"].as_str().unwrap().contains("Chỉ tiêu"), "{changes:?}");
    assert_eq!(std::fs::read_to_string(top.join("xa-2026-hai-cap.toml")).unwrap(), anh);
    // With the version on disk, Bình's save goes through; every version is in the history.
    let (status, _) = app
        .post(
            "/api/save",
            json!({"path":"xa-2026-hai-cap.toml","text":binh,"version":refused["detail"]["version"],"author":"Bình"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (_, history) = app.get("/api/history?path=xa-2026-hai-cap.toml").await;
    let authors: Vec<&str> = history.as_array().unwrap().iter().map(|e| e["author"].as_str().unwrap()).collect();
    assert_eq!(authors, ["(bản trước khi sửa trên trình duyệt)", "Anh", "Bình"]);
    let index = top.join(".kehoach/history/xa-2026-hai-cap.toml/index.json");
    assert!(index.is_file());
    // Any two versions compare; the redline is a Word file with tracked changes.
    let first = history[0]["id"].as_str().unwrap();
    let (status, compared) =
        app.get(&format!("/api/compare?path=xa-2026-hai-cap.toml&old={}&new=current", q(first))).await;
    assert_eq!(status, StatusCode::OK, "{compared}");
    // Bình's version replaced Anh's: from the first version, only the place changed.
    assert_eq!(compared["changes"].as_array().unwrap().len(), 1, "{compared}");
    assert_eq!(compared["changes"][0]["provision"], "Địa danh");
    let req = Request::get(format!(
        "/api/compare/file?path=xa-2026-hai-cap.toml&old={}&new=current&kind=redline.docx",
        q(first)
    ))
    .body(Body::empty())
    .unwrap();
    let (status, bytes, headers) = app.send(req).await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers[header::CONTENT_DISPOSITION].to_str().unwrap().contains("xa-2026-hai-cap-redline.docx"));
    let xml = zip_part(&bytes, "word/document.xml");
    assert!(xml.contains("<w:ins "), "no tracked change");
}

/// The file changed outside the workspace (an editor, a copy) and a clerk then
/// keeps their own version: the outside change is in the history, not lost.
#[tokio::test]
async fn keeping_mine_over_a_change_made_on_disk_keeps_theirs_in_the_history() {
    let (_d, top) = folder();
    let app = app(&top, None);
    let path = top.join("xa-2026-hai-cap.toml");
    let (_, opened) = app.get("/api/plan?path=xa-2026-hai-cap.toml").await;
    let (text, version) = (opened["text"].as_str().unwrap().to_string(), opened["version"].clone());
    let first = text.replacen("place = \"Tân Hòa\"", "place = \"Tân Hòa A\"", 1);
    let (status, _) = app
        .post("/api/save", json!({"path":"xa-2026-hai-cap.toml","text":first,"version":version,"author":"An"}))
        .await;
    assert_eq!(status, StatusCode::OK);
    let (_, opened) = app.get("/api/plan?path=xa-2026-hai-cap.toml").await;
    let version = opened["version"].clone();
    // Someone edits the file on disk.
    let outside = first.replacen("place = \"Tân Hòa A\"", "place = \"Tân Hòa (sửa trên đĩa)\"", 1);
    std::fs::write(&path, &outside).unwrap();
    // An's next save is refused, then kept over theirs with the version on disk.
    let mine = first.replacen("place = \"Tân Hòa A\"", "place = \"Tân Hòa B\"", 1);
    let (status, refused) =
        app.post("/api/save", json!({"path":"xa-2026-hai-cap.toml","text":mine,"version":version,"author":"An"})).await;
    assert_eq!(status, StatusCode::CONFLICT);
    let (status, _) = app
        .post(
            "/api/save",
            json!({"path":"xa-2026-hai-cap.toml","text":mine,"version":refused["detail"]["version"],"author":"An"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), mine);
    let (_, history) = app.get("/api/history?path=xa-2026-hai-cap.toml").await;
    let authors: Vec<&str> = history.as_array().unwrap().iter().map(|e| e["author"].as_str().unwrap()).collect();
    assert_eq!(authors, ["(bản trước khi sửa trên trình duyệt)", "An", "(bản sửa ngoài trình duyệt)", "An"]);
    let theirs = history[2]["id"].as_str().unwrap();
    let kept = std::fs::read_to_string(top.join(".kehoach/history/xa-2026-hai-cap.toml").join(theirs)).unwrap();
    assert_eq!(kept, outside);
}

/// A file the browser downloads, once it is whole: Chromium first reserves the name
/// with an empty file, then renames the finished download over it.
fn downloaded(path: &Path) -> Vec<u8> {
    let whole = || std::fs::read(path).ok().filter(|b| zip::ZipArchive::new(std::io::Cursor::new(b)).is_ok());
    wait_until(30, || whole().is_some());
    whole().unwrap_or_else(|| panic!("{} was not downloaded whole", path.display()))
}

fn zip_part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut s = String::new();
    std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut s).unwrap();
    s
}

#[tokio::test]
async fn writes_need_the_pages_token_and_origin() {
    let (_d, top) = folder();
    let app = app(&top, None);
    let body = json!({"path":"new.toml"}).to_string();
    let no_csrf = Request::post("/api/new")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.clone()))
        .unwrap();
    assert_eq!(app.send(no_csrf).await.0, StatusCode::FORBIDDEN);
    let wrong_csrf = Request::post("/api/new")
        .header(header::CONTENT_TYPE, "application/json")
        .header("x-kehoach-csrf", "0".repeat(64))
        .body(Body::from(body.clone()))
        .unwrap();
    assert_eq!(app.send(wrong_csrf).await.0, StatusCode::FORBIDDEN);
    let other_site = Request::post("/api/new")
        .header(header::HOST, "127.0.0.1:8030")
        .header(header::ORIGIN, "http://evil.example")
        .header(header::CONTENT_TYPE, "application/json")
        .header("x-kehoach-csrf", &app.csrf)
        .body(Body::from(body.clone()))
        .unwrap();
    assert_eq!(app.send(other_site).await.0, StatusCode::FORBIDDEN);
    // DNS rebinding: a page of another name that resolves here.
    let rebound = Request::get("/api/plans").header(header::HOST, "evil.example:8030").body(Body::empty()).unwrap();
    assert_eq!(app.send(rebound).await.0, StatusCode::FORBIDDEN);
    assert!(!top.join("new.toml").exists());
    let (status, made) = app.post("/api/new", json!({"path":"new.toml"})).await;
    assert_eq!(status, StatusCode::OK, "{made}");
    assert!(top.join("new.toml").is_file() && top.join("plan.schema.json").is_file());
    // Never over an existing file.
    assert_eq!(app.post("/api/new", json!({"path":"new.toml"})).await.0, StatusCode::CONFLICT);
    // A name left empty, a folder that is not there: said as the dialog's mistakes.
    let (status, said) = app.post("/api/new", json!({"path":""})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(said["error"].as_str().unwrap().contains("đặt tên"), "{said}");
    let (status, said) = app.post("/api/new", json!({"path":"con/chau/xa-moi.toml"})).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(said["error"].as_str().unwrap().contains("con/chau"), "{said}");
    let english = Server::new(&top, Lang::En, None).unwrap();
    let (_, page, _) = App { router: router(Arc::new(english)), csrf: String::new() }
        .send(Request::get("/").body(Body::empty()).unwrap())
        .await;
    assert!(String::from_utf8(page).unwrap().contains("\"new_plan\":\"New plan\""));
    // The page carries the token the writes need.
    let (_, page, _) = app.send(Request::get("/").body(Body::empty()).unwrap()).await;
    let page = String::from_utf8(page).unwrap();
    assert!(page.contains(&app.csrf) && page.contains("<html lang=\"vi\">") && page.contains("Kế hoạch mới"));
}

#[tokio::test]
async fn with_a_token_every_request_needs_it() {
    let (_d, top) = folder();
    let token = "a-long-office-token";
    let app = app(&top, Some(token));
    let (status, _) = app.get("/api/plans").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, _, headers) = app.send(Request::get("/").body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(headers[header::LOCATION], "/login");
    // The login page has its style sheet.
    assert_eq!(app.get("/app.css").await.0, StatusCode::OK);
    let wrong = Request::post("/login")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from("token=nope"))
        .unwrap();
    assert_eq!(app.send(wrong).await.0, StatusCode::UNAUTHORIZED);
    let login = Request::post("/login")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(format!("token={token}")))
        .unwrap();
    let (status, _, headers) = app.send(login).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let cookie = headers[header::SET_COOKIE].to_str().unwrap().split(';').next().unwrap().to_string();
    assert!(headers[header::SET_COOKIE].to_str().unwrap().contains("HttpOnly"));
    // The cookie is a session of this run, not the token.
    assert!(!cookie.contains(token), "{cookie}");
    // The token itself is no cookie.
    let forged =
        Request::get("/api/plans").header(header::COOKIE, format!("kehoach_session={token}")).body(Body::empty());
    assert_eq!(app.send(forged.unwrap()).await.0, StatusCode::UNAUTHORIZED);
    // No page of another site may frame this one.
    assert_eq!(headers[header::X_FRAME_OPTIONS], "DENY");
    assert!(headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap().contains("frame-ancestors 'none'"));
    let with_cookie = Request::get("/api/plans")
        .header(header::COOKIE, &cookie)
        .header(header::HOST, "10.0.0.5:8030")
        .body(Body::empty());
    assert_eq!(app.send(with_cookie.unwrap()).await.0, StatusCode::OK);
    let bearer =
        Request::get("/api/plans").header(header::AUTHORIZATION, format!("Bearer {token}")).body(Body::empty());
    assert_eq!(app.send(bearer.unwrap()).await.0, StatusCode::OK);
}

#[test]
fn off_loopback_without_a_token_it_does_not_start() {
    let (_d, top) = folder();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kehoach"))
        .args(["serve", top.to_str().unwrap(), "--listen", "0.0.0.0:0"])
        .env_remove("KEHOACH_TOKEN")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("--token"), "{stderr}");
}

#[tokio::test]
async fn an_upload_over_the_limit_is_413() {
    let (_d, top) = folder();
    let app = app(&top, None);
    let big = vec![b'a'; kehoach::serve::MAX_UPLOAD + 1];
    let (status, body) = app.upload("/api/import?name=big.txt", big.clone()).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(body["error"].as_str().is_some_and(|e| e.contains("20 MB")), "said, with the limit: {body}");
    let (status, _) = app.upload("/api/check-file?name=big.docx", big).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(!top.join("big.toml").exists());
}

#[tokio::test]
async fn the_preview_follows_form_edits_and_names_the_field_at_fault() {
    let (_d, top) = folder();
    let app = app(&top, None);
    let text = std::fs::read_to_string(top.join("xa-2026-hai-cap.toml")).unwrap();
    let lead = json!(["objectives", 1, "indicators", 0, "lead"]);
    let (status, r) = app
        .post(
            "/api/preview",
            json!({"path":"xa-2026-hai-cap.toml","text":text,"edits":[{"op":"set","path":lead,"value":"vanphongg"}]}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{r}");
    let new_text = r["text"].as_str().unwrap();
    assert_eq!(new_text, text.replacen("lead = \"vanphong\"", "lead = \"vanphongg\"", 1), "comments and order kept");
    let d = r["diagnostics"].as_array().unwrap().iter().find(|d| d["code"] == "lead-unknown").unwrap().clone();
    assert_eq!(d["field"], json!(lead.to_string()));
    assert!(d["notes"][0].as_str().unwrap().contains("vanphong"), "{d}");
    let pages = r["pages"].as_array().unwrap();
    assert!(!pages.is_empty() && pages.iter().all(|p| p["svg"].as_str().unwrap().starts_with("<svg")));
    // Pages the page shows already are not sent again; a changed one is.
    let shown: Vec<Value> = pages.iter().map(|p| p["hash"].clone()).collect();
    let again = new_text.replacen("value = 100, unit", "value = 90, unit", 1);
    let (_, r) = app.post("/api/preview", json!({"path":"xa-2026-hai-cap.toml","text":again,"shown":shown})).await;
    let sent = r["pages"].as_array().unwrap().iter().filter(|p| p["svg"].is_string()).count();
    assert!(sent >= 1 && sent < shown.len(), "{sent} of {} pages sent again", shown.len());
    // A syntax error: no pages, the diagnostic underlines its place in the text.
    let broken = text.replacen("period = [2026, 2026]", "period = [2026, 2026", 1);
    let (_, r) = app.post("/api/preview", json!({"path":"xa-2026-hai-cap.toml","text":broken})).await;
    assert_eq!(r["diagnostics"][0]["code"], "toml-syntax");
    assert!(r["diagnostics"][0]["from"].is_u64() && r["pages"].is_null());
    // A required field emptied, and the date: each said at its own field, by name.
    let edits = json!([
        {"op":"set","path":["document","summary"],"value":""},
        {"op":"set","path":["document","date"],"value":""}
    ]);
    let (_, r) = app.post("/api/preview", json!({"path":"xa-2026-hai-cap.toml","text":text,"edits":edits})).await;
    let all = r["diagnostics"].as_array().unwrap();
    let missing = all.iter().find(|d| d["code"] == "missing-key").unwrap_or_else(|| panic!("{all:#?}"));
    assert_eq!(missing["field"], json!(json!(["document", "summary"]).to_string()), "{missing}");
    assert!(missing["message"].as_str().unwrap().contains("trích yếu"), "{missing}");
    // Issued (no longer a draft) without its date: said at the date's field.
    let edits = json!([
        {"op":"set","path":["document","status"],"value":""},
        {"op":"set","path":["document","number"],"value":"12"},
        {"op":"set","path":["document","date"],"value":""}
    ]);
    let (_, r) = app.post("/api/preview", json!({"path":"xa-2026-hai-cap.toml","text":text,"edits":edits})).await;
    let all = r["diagnostics"].as_array().unwrap();
    let blank = all.iter().find(|d| d["code"] == "issue-blank").unwrap_or_else(|| panic!("{all:#?}"));
    assert_eq!(blank["field"], json!(json!(["document", "date"]).to_string()), "{blank}");
}

#[tokio::test]
async fn a_dropped_word_file_is_imported_and_checked() {
    let (_d, top) = folder();
    let app = app(&top, None);
    let req = Request::get("/api/download?path=xa-2026-hai-cap.toml&format=docx").body(Body::empty()).unwrap();
    let (status, docx, _) = app.send(req).await;
    assert_eq!(status, StatusCode::OK);
    let (status, checked) = app.upload("/api/check-file?name=du-thao.docx", docx.clone()).await;
    assert_eq!(status, StatusCode::OK, "{checked}");
    assert_eq!(checked["form"].as_array().unwrap().len(), 0, "kehoach's own DOCX conforms: {checked}");
    let (status, imported) = app.upload("/api/import?name=du-thao.docx", docx.clone()).await;
    assert_eq!(status, StatusCode::OK, "{imported}");
    assert_eq!(imported["path"], "du-thao.toml");
    let text = std::fs::read_to_string(top.join("du-thao.toml")).unwrap();
    assert!(text.contains("Tân Hòa"));
    // Never over an existing plan: the second import gets a name of its own.
    let (status, again) = app.upload("/api/import?name=du-thao.docx", docx).await;
    assert_eq!(status, StatusCode::OK, "{again}");
    assert_eq!(again["path"], "du-thao-2.toml");
    assert_eq!(std::fs::read_to_string(top.join("du-thao.toml")).unwrap(), text);
    let (status, _) = app.upload("/api/import?name=rong.docx", b"not a zip".to_vec()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn a_child_plan_is_made_from_its_parent() {
    let (_d, top) = folder();
    let app = app(&top, None);
    let (status, made) = app
        .post(
            "/api/child",
            json!({"path":"son-la/xa-moi.toml","from":"son-la-2023-kh93.toml","issuer":"Ủy ban nhân dân xã Mới","level":"commune"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{made}");
    let text = std::fs::read_to_string(top.join("son-la/xa-moi.toml")).unwrap();
    assert!(text.contains("extends = \"../son-la-2023-kh93.toml\""), "{text}");
    let (_, list) = app.get("/api/plans").await;
    let kids: Vec<&str> = list[0]["children"].as_array().unwrap().iter().map(|p| p["path"].as_str().unwrap()).collect();
    assert!(kids.contains(&"son-la/xa-moi.toml"), "{kids:?}");
    // Dated as `new --date`: the draft's year in its trích yếu and period, the two-tier
    // level, the parent named as the file names it (not the server's folder).
    let (status, made) = app
        .post(
            "/api/child",
            json!({"path":"xa-muong-bu.toml","from":"son-la-2023-kh93.toml","issuer":"Ủy ban nhân dân xã Mường Bú","date":"15/9/2025"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{made}");
    let text = std::fs::read_to_string(top.join("xa-muong-bu.toml")).unwrap();
    assert!(text.contains("date = 2025-09-15") && text.contains("năm 2025"), "{text}");
    assert!(!text.contains(top.to_str().unwrap()), "{text}");
    let (status, _) = app
        .post("/api/child", json!({"path":"xa-2.toml","from":"son-la-2023-kh93.toml","issuer":"x","date":"15/9"}))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[test]
fn typing_mistakes_get_a_plain_hint() {
    let minimal = crate::support::minimal();
    let cases = [
        ("[budget]\ntotal = 12.500.000.000\n", "toml-syntax", "12500000000"),
        ("[budget]\ntotal = 12.500.000,5\n", "toml-syntax", "12500000.5"),
        ("[extra]\nvalue = 63,7\n", "toml-syntax", "63.7"),
        ("[extra]\ntarget = { value = 63,7, unit = \"%\" }\n", "toml-syntax", "63.7"),
        ("[extra]\ntarget = { value = 63,7 }\n", "toml-syntax", "63.7"),
        ("[extra]\nname = “Sở Y tế”\n", "toml-syntax", "“ ”"),
        ("[extra]\nday = 2027-2-3\n", "date-invalid", "2027-02-03"),
    ];
    for (tail, code, hint) in cases {
        let (_, diags) = check_text(&format!("{minimal}\n{tail}"));
        let hinted = diags.iter().filter(|d| d["code"] == code).any(|d| d["notes"].to_string().contains(hint));
        assert!(hinted, "{tail}: {diags:?}");
        // One mistake, one error: not the parser's echoes further along the line.
        let lines: std::collections::HashSet<_> = diags.iter().map(|d| d["line"].to_string()).collect();
        assert_eq!(lines.len(), diags.len(), "{tail}: {diags:?}");
    }
    let out = kehoach(&["--lang", "en", "check", "--format", "json", "/dev/null"]);
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
}

// ---------------------------------------------------------------- in a real browser

/// A child process killed when dropped, so a failing test leaves nothing running.
struct Child(std::process::Child);

impl Drop for Child {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A minimal WebDriver client (W3C protocol over HTTP), enough for these flows.
struct Browser {
    agent: ureq::Agent,
    base: String,
    _driver: Child,
}

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

impl Browser {
    fn start(downloads: &Path) -> Browser {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let driver = Child(
            std::process::Command::new("chromedriver")
                .arg(format!("--port={port}"))
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn()
                .expect("chromedriver"),
        );
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(std::time::Duration::from_secs(60)))
            .build();
        let agent = ureq::Agent::new_with_config(config);
        let url = format!("http://127.0.0.1:{port}");
        wait_until(20, || agent.get(&format!("{url}/status")).call().is_ok());
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1600,1000"],
                "prefs": {"download.default_directory": downloads.to_str().unwrap(), "download.prompt_for_download": false}
            }
        }}});
        let mut res = agent.post(&format!("{url}/session")).send_json(&caps).unwrap();
        let v: Value = res.body_mut().read_json().unwrap();
        let session = v["value"]["sessionId"].as_str().unwrap_or_else(|| panic!("no session: {v}")).to_string();
        Browser { agent, base: format!("{url}/session/{session}"), _driver: driver }
    }

    fn post(&self, path: &str, body: Value) -> Value {
        let mut res = self.agent.post(&format!("{}{path}", self.base)).send_json(&body).unwrap();
        let v: Value = res.body_mut().read_json().unwrap();
        v["value"].clone()
    }

    fn go(&self, url: &str) {
        self.post("/url", json!({"url": url}));
    }

    fn js(&self, script: &str) -> Value {
        self.post("/execute/sync", json!({"script": script, "args": []}))
    }

    fn find(&self, css: &str) -> String {
        let mut found = Value::Null;
        let ok = wait_for(20, || {
            found = self.post("/element", json!({"using": "css selector", "value": css}));
            found.get(ELEMENT).is_some()
        });
        assert!(ok, "no element {css}: {found}");
        found[ELEMENT].as_str().unwrap().to_string()
    }

    fn click(&self, css: &str) {
        // The form is drawn again when the server answers: an element found just before
        // may be replaced by the time it is clicked ("stale"), so it is found again.
        let mut last = Value::Null;
        for _ in 0..5 {
            let id = self.find(css);
            // In the middle of the view, as a person scrolls to it: a field just under the
            // page's sticky bar counts as in view for WebDriver, but the bar takes the click.
            self.post(
                "/execute/sync",
                json!({"script": "arguments[0].scrollIntoView({block: 'center'});", "args": [{ELEMENT: id}]}),
            );
            last = self.post(&format!("/element/{id}/click"), json!({}));
            if last.is_null() {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(300));
        }
        panic!("click {css}: {last}");
    }

    fn type_in(&self, css: &str, text: &str) {
        let id = self.find(css);
        self.post(&format!("/element/{id}/clear"), json!({}));
        let r = self.post(&format!("/element/{id}/value"), json!({"text": text}));
        assert!(r.is_null(), "type in {css}: {r}");
    }

    /// Waits until `script` (a JS expression) is true in the page.
    fn wait_for(&self, what: &str, script: &str) {
        let ok = wait_for(30, || self.js(&format!("return !!({script});")) == json!(true));
        assert!(
            ok,
            "waited for {what}: {script}\nmessage: {}",
            self.js("return document.querySelector('#message').textContent")
        );
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.agent.delete(&self.base).call();
    }
}

fn wait_for(seconds: u64, mut ok: impl FnMut() -> bool) -> bool {
    let end = std::time::Instant::now() + std::time::Duration::from_secs(seconds);
    while std::time::Instant::now() < end {
        if ok() {
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    false
}

#[track_caller]
fn wait_until(seconds: u64, ok: impl FnMut() -> bool) {
    assert!(wait_for(seconds, ok), "timed out");
}

/// `kehoach serve` on a free port: (process, base URL).
fn serve(top: &Path) -> (Child, String) {
    serve_at(top, 0)
}

/// `kehoach serve` on `port` (0: a free one).
fn serve_at(top: &Path, port: u16) -> (Child, String) {
    use std::io::BufRead;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_kehoach"))
        .args(["serve", top.to_str().unwrap(), "--listen", &format!("127.0.0.1:{port}")])
        .env_remove("KEHOACH_TOKEN")
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let url =
        line.split_whitespace().find(|w| w.starts_with("http://")).unwrap_or_else(|| panic!("{line}")).to_string();
    (Child(child), url)
}

/// The sample folder served to a headless browser, with one plan opened and its
/// pages shown. Fields drop in order: the browser, then the server, then the folders.
struct Session {
    browser: Browser,
    _server: Child,
    url: String,
    downloads: tempfile::TempDir,
    top: PathBuf,
    _dir: tempfile::TempDir,
}

fn session(plan: &str) -> Session {
    let (dir, top) = folder();
    let downloads = tempfile::tempdir().unwrap();
    let (server, url) = serve(&top);
    let browser = Browser::start(downloads.path());
    browser.go(&url);
    browser.click(&format!("#plans a[data-path='{plan}']"));
    browser.wait_for("pages", "document.querySelectorAll('#pages .page svg').length >= 1");
    Session { browser, _server: server, url, downloads, top, _dir: dir }
}

#[test]
fn a_clerk_edits_saves_imports_and_compares_in_a_browser() {
    crate::support::require_tools!("chromium", "chromedriver");
    // Open a plan: its form, its pages.
    let Session { browser, url, downloads, top, .. } = &session("xa-2026-hai-cap.toml");
    let target = "input[name='objectives.1.indicators.0.target.value']";
    browser.wait_for("the form", &format!("document.querySelector(\"{target}\")"));
    let first = browser.js("return document.querySelector('#pages').innerHTML");

    // A compound indicator shows each part's words and target, and edits them in place.
    let part = "input[name='objectives.0.indicators.0.parts.1.target.value']";
    browser.wait_for("the part's target", &format!("document.querySelector(\"{part}\").value === '15'"));
    assert!(browser
        .js("return document.querySelector(\"textarea[name='objectives.0.indicators.0.parts.0.text']\").value")
        .to_string()
        .contains("dưới 1 tuổi"));
    browser.type_in(part, "14");
    browser.wait_for("the part in the TOML", "document.querySelector('#toml').value.includes('value = 14 }')");

    // Change a target: the preview follows, the TOML keeps its layout.
    browser.type_in(target, "95");
    browser.wait_for("the new page", &format!("document.querySelector('#pages').innerHTML !== {first}"));
    browser.wait_for(
        "the TOML",
        "document.querySelector('#toml').value.includes('target = { value = 95, unit = \"%\" }')",
    );

    // Take the lead away: a diagnostic appears at the field; choose it again: it goes.
    let lead = "select[name='objectives.1.indicators.0.lead']";
    browser.click(&format!("{lead} option[value='']"));
    browser.wait_for("lead-missing", "document.querySelector(\"#diagnostics li[data-code='lead-missing']\")");
    browser.wait_for("the field marked", &format!("document.querySelector(\"{lead}\").classList.contains('bad')"));
    browser.click(&format!("{lead} option[value='vanphong']"));
    browser.wait_for("no lead-missing", "!document.querySelector(\"#diagnostics li[data-code='lead-missing']\")");

    // Add an indicator with a lead agency.
    browser.click("#form fieldset[data-path='[\"objectives\",1]'] > button.add-indicator");
    let new_lead = "select[name='objectives.1.indicators.2.lead']";
    browser.wait_for("the new indicator", &format!("document.querySelector(\"{new_lead}\")"));
    browser.click(&format!("{new_lead} option[value='congan']"));
    browser.wait_for("its lead in the TOML", "document.querySelector('#toml').value.includes('lead = \"congan\"')");

    // Save: the file and its history.
    browser.type_in("#author", "Nguyễn Văn A");
    browser.click("#save");
    browser.wait_for("saved", "document.querySelector('#message').textContent.includes('Nguyễn Văn A')");
    let saved = std::fs::read_to_string(top.join("xa-2026-hai-cap.toml")).unwrap();
    assert!(saved.contains("target = { value = 95, unit = \"%\" }") && saved.contains("lead = \"congan\""), "{saved}");
    assert!(saved.starts_with("#:schema ../schema/plan.schema.json\n# COMPOSED EXAMPLE"), "comments kept");
    let index = std::fs::read_to_string(top.join(".kehoach/history/xa-2026-hai-cap.toml/index.json")).unwrap();
    assert!(index.contains("Nguyễn Văn A"), "{index}");

    // Download the DOCX of the saved plan.
    browser.click("#get-docx");
    let docx_out = downloads.path().join("xa-2026-hai-cap.docx");
    assert!(crate::support::docx_paragraphs(&zip_part(&downloaded(&docx_out), "word/document.xml"))
        .iter()
        .any(|p| p.replace('\u{2060}', "").contains("đạt 95%")));

    // Compare the first version with the saved one; download the redline.
    browser.click(".tabs button[data-tab='history']");
    browser.click("#versions tbody tr:last-child input[name='old']");
    browser.click("#versions tbody tr:first-child input[name='new']");
    browser.click("#compare");
    browser.wait_for("the change list", "document.querySelectorAll('#changes ol li').length >= 2");
    let changes = browser.js("return document.querySelector('#changes').textContent").to_string();
    assert!(changes.contains("95"), "{changes}");
    browser.click("#changes a[href*='redline.docx']");
    let redline = downloads.path().join("xa-2026-hai-cap-redline.docx");
    let bytes = downloaded(&redline);
    assert!(zip_part(&bytes, "word/document.xml").contains("<w:ins "));

    // Import a Word file: a new plan, opened.
    let docx = downloads.path().join("ke-hoach-word.docx");
    let mut res = ureq::get(&format!("{url}api/download?path=son-la-2023-kh93.toml&format=docx")).call().unwrap();
    std::fs::write(&docx, res.body_mut().with_config().limit(50 << 20).read_to_vec().unwrap()).unwrap();
    let id = browser.find("#import-file");
    browser.post(&format!("/element/{id}/value"), json!({"text": docx.to_str().unwrap()}));
    browser.wait_for("the imported plan", "document.querySelector('#plan-name').textContent === 'ke-hoach-word.toml'");
    assert!(std::fs::read_to_string(top.join("ke-hoach-word.toml")).unwrap().contains("Sơn La"));
    browser.wait_for("its pages", "document.querySelectorAll('#pages .page svg').length >= 5");

    // The TOML tab: a mistake typed is underlined with a plain hint; keys are completed.
    browser.click(".tabs button[data-tab='toml']");
    let id = browser.find("#toml");
    browser.post(&format!("/element/{id}/value"), json!({"text": "\n[budget]\ntotal = 12.500.000.000\n"}));
    browser.wait_for("the underline", "document.querySelector('#backdrop mark')");
    browser.wait_for("the hint", "document.querySelector('#diagnostics').textContent.includes('12500000000')");
    browser.post(&format!("/element/{id}/value"), json!({"text": "bo\u{E009} \u{E000}"}));
    browser.wait_for("completion", "!document.querySelector('#complete').hidden");
    let offered = browser.js("return document.querySelector('#complete').textContent").to_string();
    assert!(offered.contains("body"), "{offered}");
}

/// As a clerk works: Enter in a dialog, a date and an amount typed key by key, a
/// list row emptied and typed again, a download of a plan that cannot be
/// rendered yet, and a save after the server was restarted.
#[test]
fn a_clerk_types_presses_enter_and_saves_after_a_restart() {
    crate::support::require_tools!("chromium", "chromedriver");
    let (_dir, top) = folder();
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let (server, url) = serve_at(&top, port);
    let downloads = tempfile::tempdir().unwrap();
    let browser = Browser::start(downloads.path());
    browser.go(&url);

    // Enter in the new-plan dialog is OK: the plan is made and opened.
    browser.click("#new-plan");
    browser.type_in("#dialog-form input[name='path']", "ke-hoach-moi\u{E007}");
    browser.wait_for("the new plan", "document.querySelector('#plan-name').textContent === 'ke-hoach-moi.toml'");

    // An objective is added from the form, no TOML written by hand.
    browser.click("#form button.add-objective");
    browser.wait_for("the objective", "document.querySelector('#toml').value.includes('id = \"muc-tieu-moi-1\"')");
    // A first funding source, in a plan whose budget has none yet.
    browser.click("#form fieldset[data-path='[\"budget\"]'] > button.add");
    browser.wait_for("the source", "document.querySelector('#toml').value.includes('[[budget.sources]]')");

    // Typed key by key, as people write them.
    let date = "input[name='document.date']";
    let total = "input[name='budget.total']";
    browser.wait_for("the form", &format!("document.querySelector(\"{date}\")"));
    let id = browser.find(date);
    browser.post(&format!("/element/{id}/clear"), json!({}));
    for c in "05/12/2026".chars() {
        browser.post(&format!("/element/{id}/value"), json!({"text": c.to_string()}));
    }
    let id = browser.find(total);
    for c in "12.500.000.000".chars() {
        browser.post(&format!("/element/{id}/value"), json!({"text": c.to_string()}));
    }
    browser.wait_for("the TOML", "document.querySelector('#toml').value.includes('total = 12500000000')");
    browser.wait_for("the date", "document.querySelector('#toml').value.includes('date = 2026-12-05')");

    // A final version without its place is saved, but not printed: the download
    // says why and the editor stays.
    browser.click("select[name='document.status'] option[value='final']");
    browser.js("const p = document.querySelector(\"input[name='document.place']\"); p.value = ''; \
         p.dispatchEvent(new Event('input')); return true;");
    browser.wait_for("the error", "document.querySelector('#diagnostics li.error')");
    browser.click("#save");
    browser.wait_for("saved", "document.querySelector('#message').textContent.includes('Đã lưu')");
    browser.js("document.querySelector('#message').textContent = ''; return true;");
    browser.click("#get-pdf");
    browser.wait_for(
        "the reason",
        "document.querySelector('#message.error') && document.querySelector('#message').textContent.length > 0",
    );
    assert_eq!(browser.js("return document.querySelector('#work').hidden"), json!(false));
    assert!(browser.js("return location.pathname").as_str() == Some("/"));

    // The server restarts: the open page still saves what was typed.
    drop(server);
    let (_server, _) = serve_at(&top, port);
    browser.type_in("input[name='document.place']", "Hà Nội");
    browser.click("#save");
    browser.wait_for("saved", "document.querySelector('#message').textContent.includes('Đã lưu')");
    let saved = std::fs::read_to_string(top.join("ke-hoach-moi.toml")).unwrap();
    for expected in ["date = 2026-12-05", "total = 12500000000", "place = \"Hà Nội\""] {
        assert!(saved.contains(expected), "{expected}:\n{saved}");
    }
}

/// A save straight after typing, while the preview is slow (an office PC): what
/// was typed is what is saved, in the form and in the TOML tab.
#[test]
fn a_save_right_after_typing_keeps_every_keystroke() {
    crate::support::require_tools!("chromium", "chromedriver");
    let Session { browser, top, .. } = &session("xa-2026-hai-cap.toml");
    let place = "input[name='document.place']";
    browser.wait_for("the form", &format!("document.querySelector(\"{place}\")"));
    // Every preview answers 0.7 s late.
    browser.js("const f = window.fetch; window.fetch = async (u, o) => { \
         if (String(u).includes('/api/preview')) await new Promise((r) => setTimeout(r, 700)); return f(u, o); }; \
         return true;");
    let saved = |what: &str| {
        browser.wait_for(what, "document.querySelector('#message').textContent.includes('Đã lưu')");
        browser.js("document.querySelector('#message').textContent = ''; return true;");
        std::fs::read_to_string(top.join("xa-2026-hai-cap.toml")).unwrap()
    };

    // The form: type, then Ctrl+S at once.
    let id = browser.find(place);
    browser.post(&format!("/element/{id}/value"), json!({"text": " Mới\u{E009}s\u{E000}"}));
    let text = saved("the form's save");
    assert!(text.contains("place = \"Tân Hòa Mới\""), "{text}");
    assert_eq!(browser.js("return document.querySelector('#state').textContent"), json!("đã lưu"));

    // The TOML tab: keys typed while a preview is out, then Ctrl+S.
    browser.click(".tabs button[data-tab='toml']");
    let id = browser.find("#toml");
    browser.post(&format!("/element/{id}/value"), json!({"text": "\n# A"}));
    std::thread::sleep(std::time::Duration::from_millis(150));
    browser.post(&format!("/element/{id}/value"), json!({"text": "BCD"}));
    browser.post(&format!("/element/{id}/value"), json!({"text": "\u{E009}s\u{E000}"}));
    let text = saved("the TOML tab's save");
    assert!(text.trim_end().ends_with("# ABCD"), "{}", &text[text.len().saturating_sub(200)..]);

    // The server does not answer the preview: the form's edit is not lost, and
    // nothing is saved without it; once it answers, the save carries it.
    browser.click(".tabs button[data-tab='form']");
    browser.js(
        "window.realFetch = window.realFetch || window.fetch; const f = window.realFetch; \
         window.fetch = async (u, o) => { if (String(u).includes('/api/preview')) throw new Error('mất kết nối'); return f(u, o); }; \
         return true;",
    );
    let id = browser.find(place);
    browser.post(&format!("/element/{id}/value"), json!({"text": " Hai\u{E009}s\u{E000}"}));
    browser.wait_for("the refusal", "document.querySelector('#message').textContent.includes('Chưa lưu')");
    assert!(!std::fs::read_to_string(top.join("xa-2026-hai-cap.toml")).unwrap().contains("Mới Hai"));
    assert_eq!(browser.js("return document.querySelector('#state').textContent"), json!("chưa lưu"));
    browser.js("window.fetch = window.realFetch; return true;");
    browser.post(&format!("/element/{id}/value"), json!({"text": "\u{E009}s\u{E000}"}));
    let text = saved("the save after the server answers");
    assert!(text.contains("place = \"Tân Hòa Mới Hai\""), "{text}");
}

/// What a plan has besides its objectives, filled in and taken out from the form:
/// a căn cứ line, a reporting deadline, an objective, an agency (refused while it
/// still has work).
#[test]
fn a_clerk_fills_bases_and_reporting_and_removes_from_the_form() {
    crate::support::require_tools!("chromium", "chromedriver");
    let Session { browser, .. } = &session("xa-2026-hai-cap.toml");
    let toml = |s: &str| format!("document.querySelector('#toml').value.includes({})", json!(s));
    browser.wait_for("the form", "document.querySelector(\"fieldset[data-path='[\\\"bases\\\"]']\")");

    // A second căn cứ line.
    browser.click("#form fieldset[data-path='[\"bases\"]'] button.add");
    let line = "textarea[name='bases.1']";
    browser.type_in(line, "Công văn số 12/SYT-TE ngày 05/01/2026 của Sở Y tế");
    browser.wait_for("the line", &toml("\"Công văn số 12/SYT-TE ngày 05/01/2026 của Sở Y tế\""));

    // Reporting, in a plan that had none: who compiles, and a deadline typed as people write dates.
    browser.click("select[name='reporting.to'] option[value='vhxh']");
    browser.wait_for("the reporting table", &toml("[reporting]\nto = \"vhxh\""));
    browser.click("#form button.add-deadline");
    browser.type_in("#dialog-form input[name='before']", "10/12/2026\u{E007}");
    browser.wait_for("the deadline", &toml("before = 2026-12-10"));
    // The plan had no part printing it: one is offered, and added.
    browser.click("#form button.add-reporting-section");
    browser.wait_for("the part", &toml("content = \"reporting\""));
    browser.wait_for("its fields", "document.querySelector(\"input[name='reporting.deadlines.0.before']\")");

    // An agency with work is not removed: the page says where it works.
    browser.click("#form fieldset[data-path='[\"agencies\",\"congan\"]'] button.remove-agency");
    browser.wait_for("the refusal", "document.querySelector('#message.error').textContent.includes('congan')");
    assert_eq!(browser.js(&format!("return {}", toml("congan = {"))), json!(true));

    // An objective goes with its indicators, once confirmed.
    browser.js("window.confirm = () => true; return true;");
    browser.click("#form fieldset[data-path='[\"objectives\",0]'] > button.remove-objective");
    browser.wait_for("the objective gone", "!document.querySelector('#toml').value.includes('cham-soc-suc-khoe')");
    browser.wait_for("the form redrawn", "!document.querySelector(\"input[name='objectives.0.indicators.0.id']\") || document.querySelector(\"input[name='objectives.0.indicators.0.id']\").value !== 'tu-vong'");

    // An agency no longer given work can go: the Phòng Kinh tế's one duty first.
    browser.click("#form fieldset[data-path='[\"duties\",4]'] > button.remove");
    browser.wait_for("the duty gone", &format!("!{}", toml("agency = \"kinhte\"")));
    browser.click("#form fieldset[data-path='[\"agencies\",\"kinhte\"]'] button.remove-agency");
    browser.wait_for("the agency gone", &format!("!{}", toml("kinhte = {")));
}

/// In a child plan the form shows only what the file writes: dropping an agency or
/// an objective there writes `remove = true` (deleting the child's own lines would
/// bring the parent's entry back), a dropped entry shows as such, and "Giữ lại" undoes it.
#[test]
fn a_child_plan_drops_inherited_entries_with_remove() {
    crate::support::require_tools!("chromium", "chromedriver");
    let Session { browser, top, .. } = &session("son-la/xa-chieng-mung-2023.toml");
    let toml = |s: &str| format!("document.querySelector('#toml').value.includes({})", json!(s));
    // Tư pháp leads indicators: the drop is asked first (and accepted here).
    browser.js("window.confirm = () => true; return true;");
    browser.click("#form fieldset[data-path='[\"agencies\",\"tuphap\"]'] button.remove-agency");
    browser.wait_for("the removal", &toml("tuphap = { name = \"Công chức Tư pháp - Hộ tịch\", remove = true }"));
    browser.wait_for(
        "shown as dropped",
        "document.querySelector(\"fieldset[data-path='[\\\"agencies\\\",\\\"tuphap\\\"]'] button.keep-again\")",
    );
    browser.js("window.confirm = () => true; return true;");
    browser.click("#form fieldset[data-path='[\"objectives\",0]'] > button.remove-objective");
    browser.wait_for(
        "the objective dropped",
        "document.querySelector(\"fieldset[data-path='[\\\"objectives\\\",0]'] button.keep-again\")",
    );
    browser.wait_for("written", &toml("remove = true\n"));
    // Kept again: the line goes, the parent's agency is back.
    browser.click("#form fieldset[data-path='[\"agencies\",\"tuphap\"]'] button.keep-again");
    browser.wait_for(
        "the agency kept",
        &format!("!{}", toml("tuphap = { name = \"Công chức Tư pháp - Hộ tịch\", remove = true }")),
    );
    browser.click("#save");
    browser.wait_for("saved", "document.querySelector('#message').textContent.includes('Đã lưu')");
    let saved = std::fs::read_to_string(top.join("son-la/xa-chieng-mung-2023.toml")).unwrap();
    assert!(
        saved.contains("remove = true") && !saved.contains("tuphap = { name = \"Công chức Tư pháp - Hộ tịch\", remove"),
        "{saved}"
    );
}

/// A child plan's form shows the document as merged: what the file does not write
/// shows the parent's value greyed, inherited indicators are numbered as printed,
/// and one of them is changed (then dropped) in this plan from the form.
#[test]
fn a_child_plan_shows_and_overrides_what_it_inherits() {
    crate::support::require_tools!("chromium", "chromedriver");
    let Session { browser, .. } = &session("son-la/xa-chieng-mung-2023.toml");
    let toml = |s: &str| format!("document.querySelector('#toml').value.includes({})", json!(s));
    let first = "fieldset[data-inherited='tiep-can-dich-vu-phat-trien-toan-dien']";
    browser.wait_for("the parent's indicator", &format!("document.querySelector(\"{first}\")"));
    // Shown as the document prints it: its number, its target, its lead.
    let shown = browser.js(&format!("return document.querySelector(\"{first}\").innerText")).to_string();
    assert!(
        shown.contains("Chỉ tiêu 1:") && shown.contains("Phấn đấu 83% trẻ em") && shown.contains("chủ trì"),
        "{shown}"
    );
    // A warning on an inherited value (two leads, in the province's file) is shown at the
    // inherited indicator it is about.
    browser.wait_for(
        "the inherited indicator's warning",
        "document.querySelector(\"fieldset[data-inherited='bao-hiem-y-te'] .fieldmsg\")",
    );
    // The căn cứ the child does not write: the line made from its parent.
    let bases = browser.js("return document.querySelector(\"fieldset[data-path='[\\\"bases\\\"]']\").innerText");
    assert!(bases.to_string().contains("Kế hoạch số 45/KH-UBND"), "{bases}");

    // Changed here: an entry with its id is written, and its fields show the parent's values.
    browser.click(&format!("{first} button.override"));
    browser.wait_for("the override", &toml("id = \"tiep-can-dich-vu-phat-trien-toan-dien\""));
    let value = "[...document.querySelectorAll(\"#form input[name$='.target.value']\")].find((e) => \
                 e.closest('fieldset').querySelector(\"input[name$='.id']\").value === 'tiep-can-dich-vu-phat-trien-toan-dien')";
    browser.wait_for("its fields", value);
    assert_eq!(browser.js(&format!("return {value}.placeholder")), json!("83"));
    let before = browser.js("return document.querySelector('#pages').innerHTML");
    browser.js(&format!("const e = {value}; e.value = '85'; e.dispatchEvent(new Event('input')); return true;"));
    browser.wait_for("the new target", &toml("value = 85"));
    browser.wait_for("in the preview", &format!("document.querySelector('#pages').innerHTML !== {before}"));
    assert_eq!(browser.js("return document.querySelector('#summary').textContent"), json!("0 lỗi, 6 cảnh báo"));

    // A value typed, then a milestone added: the milestone replaces the value typed
    // since the form was drawn (not both, which no target may have).
    browser.js(&format!(
        "{value}.closest('fieldset').querySelector('.row button.add').dataset.test = 'milestone'; return true;"
    ));
    browser.click("button[data-test='milestone']");
    browser.wait_for("the milestone dialog", "document.querySelector('#dialog').open");
    browser.type_in("#dialog-form input[name='year']", "2023");
    browser.type_in("#dialog-form input[name='value']", "86");
    browser.click("#dialog-form button.primary");
    browser.wait_for("the milestone", &toml("milestones = { 2023 = 86 }"));
    assert!(!browser.js("return document.querySelector('#toml').value").to_string().contains("value = 85"));

    // A field the file writes greys the parent's value, which the document shows once
    // it is emptied (96 from the district), not the file's own (98).
    let own = "[...document.querySelectorAll(\"#form input[name$='.target.value']\")].find((e) => \
               e.closest('fieldset').querySelector(\"input[name$='.id']\").value === 'tiem-chung')";
    assert_eq!(browser.js(&format!("return [{own}.value, {own}.placeholder]")), json!(["98", "96"]));

    // Dropped here, with the reason asked: written `remove = true` and its note, shown
    // with the way back.
    let second = "fieldset[data-inherited='tu-vong-tre-em']";
    browser.js("window.confirm = () => true; return true;");
    browser.click(&format!("{second} button.remove"));
    browser.wait_for("the reason asked", "document.querySelector('#dialog').open");
    browser.type_in("#dialog-form input[name='note']", "Xã không theo dõi tỷ suất tử vong");
    browser.click("#dialog-form button.primary");
    browser.wait_for(
        "the drop",
        &toml("id = \"tu-vong-tre-em\"\nnote = \"Xã không theo dõi tỷ suất tử vong\"\nremove = true"),
    );
    browser.wait_for(
        "shown as dropped",
        "[...document.querySelectorAll('#form fieldset legend')].some((l) => l.textContent.includes('tu-vong-tre-em (đã bỏ)'))",
    );
    // The indicators after it are numbered again, as the document prints them.
    browser.wait_for(
        "numbered again",
        "document.querySelector(\"fieldset[data-inherited='suy-dinh-duong'] legend\").textContent.startsWith('Chỉ tiêu 2:')",
    );

    // An objective the file changes, dropped and kept again: only the drop goes, the
    // commune's own targets in it stay.
    browser.click("#form fieldset[data-path='[\"objectives\",1]'] > button.remove-objective");
    browser.wait_for(
        "the objective dropped",
        "document.querySelector(\"fieldset[data-path='[\\\"objectives\\\",1]'] button.keep-again\")",
    );
    browser.click("#form fieldset[data-path='[\"objectives\",1]'] button.keep-again");
    browser.wait_for(
        "kept",
        "!document.querySelector(\"fieldset[data-path='[\\\"objectives\\\",1]'] button.keep-again\")",
    );
    let text = browser.js("return document.querySelector('#toml').value").to_string();
    assert!(text.contains("id = \\\"bao-ve-tre-em\\\"") && text.contains("id = \\\"dang-ky-khai-sinh\\\""), "{text}");
}
