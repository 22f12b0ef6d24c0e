//! `kehoach serve`: a web editor over a folder of plans, on loopback by default.
//!
//! One module one job: [`paths`] keeps requests inside the folder, [`security`]
//! checks token, host and CSRF, [`plans`] lists, opens and saves plans, [`edit`]
//! applies the form's edits to the TOML, [`preview`] checks and lays out the text
//! being edited, [`history`] keeps saved versions, [`files`] creates, imports,
//! checks and downloads, [`compare`] compares versions. The page itself (HTML,
//! JS, CSS) is in `assets/`, compiled into the binary: it works offline.

pub mod compare;
pub mod edit;
pub mod files;
pub mod history;
pub mod paths;
pub mod plans;
pub mod preview;
pub mod security;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use anyhow::{Context, Result};
use axum::extract::DefaultBodyLimit;
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};

use crate::diag::{Lang, Msg};
use crate::templates::Templates;

/// The largest request body (an uploaded Word file, a plan's text): larger is 413.
pub const MAX_UPLOAD: usize = 20 << 20;

/// typst's layout recurses deeply: the threads that render get a main-thread-sized stack.
const RENDER_STACK: usize = 16 << 20;

/// What every handler shares.
pub struct Server {
    /// The served folder, canonical: every path is checked against it.
    pub root: PathBuf,
    pub lang: Lang,
    /// Required on every request when set (always, off loopback).
    pub token: Option<String>,
    /// The page's token for writes.
    pub csrf: String,
    /// What the login cookie holds: random for this run, so the token itself
    /// never sits in a cookie.
    pub session: String,
    /// Held while a wrong token's answer waits.
    pub wrong_tokens: tokio::sync::Mutex<()>,
    /// One save at a time: the version check and the write are one step.
    pub saving: tokio::sync::Mutex<()>,
    /// Template sets by layer list, parsed once.
    templates: Mutex<HashMap<Vec<PathBuf>, Arc<Templates>>>,
}

impl Server {
    pub fn new(folder: &Path, lang: Lang, token: Option<String>) -> Result<Server> {
        let root = folder.canonicalize().with_context(|| Msg::new("error.read-dir").arg("path", folder.display()))?;
        if !root.is_dir() {
            anyhow::bail!(Msg::new("error.read-dir").arg("path", folder.display()));
        }
        Ok(Server {
            root,
            lang,
            token,
            csrf: security::random_token()?,
            session: security::random_token()?,
            wrong_tokens: tokio::sync::Mutex::new(()),
            saving: tokio::sync::Mutex::new(()),
            templates: Mutex::new(HashMap::new()),
        })
    }

    pub fn lang_code(&self) -> &'static str {
        match self.lang {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    /// The templates of a plan's layers (its own `templates/` folders), cached.
    pub fn templates(&self, layers: Vec<PathBuf>) -> Result<Arc<Templates>> {
        let thread = || anyhow::anyhow!(Msg::new("error.thread"));
        if let Some(t) = self.templates.lock().map_err(|_| thread())?.get(&layers) {
            return Ok(t.clone());
        }
        let templates = Arc::new(Templates::layered(&layers)?);
        self.templates.lock().map_err(|_| thread())?.insert(layers, templates.clone());
        Ok(templates)
    }
}

/// A request's `?path=`: a file relative to the served folder.
#[derive(serde::Deserialize)]
pub struct PathQuery {
    pub path: String,
}

/// A plan file's text, as the editor starts from it.
pub fn read_text(server: &Server, path: &Path) -> Result<String, Failure> {
    let bytes = crate::load::read_limited(path).map_err(|e| Failure::from_error(&e))?;
    String::from_utf8(bytes).map_err(|_| {
        Failure::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            Msg::new("error.not-utf8").arg("path", path.display()),
            server.lang,
        )
    })
}

/// A refused or failed request: a status and a sentence in the reader's language.
#[derive(Debug)]
pub struct Failure {
    pub status: StatusCode,
    pub message: String,
    /// More for the page (the other person's change, on a 409).
    pub detail: Option<serde_json::Value>,
}

impl Failure {
    pub fn new(status: StatusCode, msg: Msg, lang: Lang) -> Failure {
        Failure { status, message: msg.render(lang), detail: None }
    }

    /// An operational error (unreadable file, …) with its causes.
    pub fn from_error(e: &anyhow::Error) -> Failure {
        Failure { status: StatusCode::UNPROCESSABLE_ENTITY, message: format!("{e:#}"), detail: None }
    }

    pub fn path(refused: paths::Refused, lang: Lang) -> Failure {
        match refused {
            paths::Refused::Outside => Failure::new(StatusCode::FORBIDDEN, Msg::new("serve.error.outside"), lang),
            paths::Refused::Kind => Failure::new(StatusCode::BAD_REQUEST, Msg::new("serve.error.kind"), lang),
            paths::Refused::Missing => Failure::new(StatusCode::NOT_FOUND, Msg::new("serve.error.missing"), lang),
        }
    }
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        let mut body = serde_json::json!({ "error": self.message });
        if let Some(detail) = self.detail {
            body["detail"] = detail;
        }
        (self.status, Json(body)).into_response()
    }
}

/// Runs CPU work (typst, checks, imports) off the async threads; a panic in it is a 500, not a crash.
pub async fn blocking<T: Send + 'static>(
    lang: Lang,
    f: impl FnOnce() -> Result<T, Failure> + Send + 'static,
) -> Result<T, Failure> {
    tokio::task::spawn_blocking(f).await.unwrap_or_else(|_| {
        Err(Failure::new(StatusCode::INTERNAL_SERVER_ERROR, Msg::new("serve.error.internal"), lang))
    })
}

/// Text for HTML.
pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

const INDEX: &str = include_str!("assets/index.html");
const APP_JS: &str = include_str!("assets/app.js");
const APP_CSS: &str = include_str!("assets/app.css");

/// The page: the CSRF token and the interface's words (the `serve.ui.` messages) filled in.
async fn index(axum::extract::State(server): axum::extract::State<Arc<Server>>) -> Response {
    let words: serde_json::Map<String, serde_json::Value> = server
        .lang
        .keys()
        .filter_map(|k| k.strip_prefix("serve.ui.").map(|short| (short.to_string(), server.lang.text(k).into())))
        .collect();
    // Inside <script>, "</" would end it early.
    let words = serde_json::Value::Object(words).to_string().replace("</", "<\\/");
    let page = INDEX
        .replace("{{lang}}", server.lang_code())
        .replace("{{csrf}}", &server.csrf)
        .replace("{{title}}", &escape(server.lang.text("serve.ui.title")))
        .replace("{{words}}", &words);
    let mut response = Html(page).into_response();
    response.headers_mut().insert(header::CACHE_CONTROL, header::HeaderValue::from_static("no-store"));
    response
}

fn asset(kind: &'static str, body: &'static str) -> Response {
    ([(header::CONTENT_TYPE, kind), (header::CACHE_CONTROL, "no-cache")], body).into_response()
}

/// The plan schema for the editor's completion, its hints in the workspace's language.
async fn schema(axum::extract::State(server): axum::extract::State<Arc<Server>>) -> Json<serde_json::Value> {
    let lang = server.lang;
    Json(crate::model::schema_in(&|p| lang.schema_description(p)))
}

/// A body over the limit is refused by the extractor with a line of English:
/// said instead as every failure is, in the reader's language, with the limit.
async fn too_large(axum::extract::State(server): axum::extract::State<Arc<Server>>, response: Response) -> Response {
    let json =
        response.headers().get(header::CONTENT_TYPE).is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if response.status() != StatusCode::PAYLOAD_TOO_LARGE || json {
        return response;
    }
    let msg = Msg::new("serve.error.too-large").arg("mb", MAX_UPLOAD >> 20);
    Failure::new(StatusCode::PAYLOAD_TOO_LARGE, msg, server.lang).into_response()
}

/// The application's routes.
pub fn router(server: Arc<Server>) -> Router {
    Router::new()
        .route("/", get(index))
        .route("/app.js", get(|| async { asset("text/javascript; charset=utf-8", APP_JS) }))
        .route("/app.css", get(|| async { asset("text/css; charset=utf-8", APP_CSS) }))
        .route("/login", get(security::login_page).post(security::login_post))
        .route("/api/plans", get(plans::list))
        .route("/api/plan", get(plans::open))
        .route("/api/schema", get(schema))
        .route("/api/preview", post(preview::handle))
        .route("/api/save", post(plans::save))
        .route("/api/history", get(compare::history))
        .route("/api/version", get(compare::version))
        .route("/api/compare", get(compare::changes))
        .route("/api/compare/file", get(compare::file))
        .route("/api/download", get(files::download))
        .route("/api/new", post(files::new_plan))
        .route("/api/child", post(files::new_child))
        .route("/api/import", post(files::import))
        .route("/api/check-file", post(files::check_file))
        .layer(DefaultBodyLimit::max(MAX_UPLOAD))
        .layer(axum::middleware::map_response_with_state(server.clone(), too_large))
        .layer(axum::middleware::from_fn_with_state(server.clone(), security::guard))
        .with_state(server)
}

/// The address to listen on: `127.0.0.1:8030`, `[::1]:8030`, `localhost:8030` or a port alone.
fn listen_addr(listen: &str) -> Result<SocketAddr> {
    use std::net::ToSocketAddrs;
    if let Ok(port) = listen.parse::<u16>() {
        return Ok(SocketAddr::from(([127, 0, 0, 1], port)));
    }
    listen
        .to_socket_addrs()
        .ok()
        .and_then(|mut a| a.next())
        .ok_or_else(|| anyhow::anyhow!(Msg::new("serve.error.listen").arg("addr", listen)))
}

/// `kehoach serve FOLDER --listen ADDR`: serves until interrupted.
pub fn run(folder: &Path, listen: &str, token: Option<String>, lang: Lang) -> Result<()> {
    let addr = listen_addr(listen)?;
    let token = token.filter(|t| !t.is_empty());
    security::check_bind(&addr, token.as_deref()).map_err(|m| anyhow::anyhow!(m))?;
    let server = Arc::new(Server::new(folder, lang, token)?);
    // typst lays out pages on rayon's pool: its threads need the deep stack too.
    let _ = rayon::ThreadPoolBuilder::new().stack_size(RENDER_STACK).build_global();
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().thread_stack_size(RENDER_STACK).build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .with_context(|| Msg::new("serve.error.listen").arg("addr", addr))?;
        let mut bound = listener.local_addr()?;
        // Listening on every address: this machine opens the page at its loopback one,
        // colleagues at this machine's address in the office network.
        let everywhere = bound.ip().is_unspecified();
        if everywhere {
            bound.set_ip(if bound.is_ipv4() { [127, 0, 0, 1].into() } else { std::net::Ipv6Addr::LOCALHOST.into() });
        }
        let url = format!("http://{bound}/");
        let mut out = std::io::stdout().lock();
        let line = Msg::new("serve.listening").arg("url", &url).arg("folder", server.root.display()).render(lang);
        std::io::Write::write_all(&mut out, format!("{line}\n").as_bytes())?;
        if everywhere {
            let note = Msg::new("serve.listening-everywhere").arg("port", bound.port()).render(lang);
            std::io::Write::write_all(&mut out, format!("{note}\n").as_bytes())?;
        }
        if server.token.is_some() {
            let note = Msg::new("serve.listening-token").arg("url", &url).render(lang);
            std::io::Write::write_all(&mut out, format!("{note}\n").as_bytes())?;
        }
        std::io::Write::flush(&mut out)?;
        drop(out);
        axum::serve(listener, router(server))
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await?;
        Ok(())
    })
}
