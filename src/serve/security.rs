//! Who may talk to the server, and which writes are the page's own.
//!
//! - On loopback without a token, only a page served from a loopback name may
//!   call it (the Host check stops DNS rebinding from another site).
//! - With a token (required off loopback), every request carries it: a cookie set
//!   by `/login`, or `Authorization: Bearer …` for scripts.
//! - Every write (POST) carries the server's CSRF token in a header, which another
//!   site's page cannot set, and an `Origin`, when sent, must be this server.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};

use super::{Failure, Server};
use crate::diag::Msg;

/// The header every write carries the page's CSRF token in.
pub const CSRF_HEADER: &str = "x-kehoach-csrf";
/// The login cookie.
pub const COOKIE: &str = "kehoach_session";

/// A fresh random token (32 bytes, hex).
pub fn random_token() -> anyhow::Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| anyhow::anyhow!("getrandom: {e}"))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Equal, in a time that does not depend on where they differ.
pub fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Refuses to listen off loopback without a token.
pub fn check_bind(addr: &SocketAddr, token: Option<&str>) -> Result<(), Msg> {
    if !addr.ip().is_loopback() && token.is_none_or(str::is_empty) {
        return Err(Msg::new("serve.error.token-needed").arg("addr", addr));
    }
    if token.is_some_and(|t| t.chars().count() < 12) {
        return Err(Msg::new("serve.error.token-short"));
    }
    Ok(())
}

fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers.get_all(header::COOKIE).iter().filter_map(|v| v.to_str().ok()).flat_map(|v| v.split(';')).find_map(|c| {
        let (k, v) = c.trim().split_once('=')?;
        (k == name).then(|| v.to_string())
    })
}

fn bearer(headers: &HeaderMap) -> Option<String> {
    let v = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    v.strip_prefix("Bearer ").map(str::to_string)
}

/// A loopback host name (with or without port).
fn loopback_host(host: &str) -> bool {
    let name = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or_default(),
        None => host.rsplit_once(':').map_or(host, |(n, _)| n),
    };
    name == "localhost" || name.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// Every request passes here first; every response leaves with headers that
/// keep the page out of other sites' frames and the address bar out of referrers.
pub async fn guard(State(server): State<Arc<Server>>, request: Request, next: Next) -> Response {
    let mut response = admit(server, request, next).await;
    let headers = response.headers_mut();
    for (name, value) in [
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::CONTENT_SECURITY_POLICY, "frame-ancestors 'none'"),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
    ] {
        headers.insert(name, header::HeaderValue::from_static(value));
    }
    response
}

async fn admit(server: Arc<Server>, request: Request, next: Next) -> Response {
    let lang = server.lang;
    let headers = request.headers();
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or_default().to_string();
    if server.token.is_none() && !host.is_empty() && !loopback_host(&host) {
        return Failure::new(StatusCode::FORBIDDEN, Msg::new("serve.error.host"), lang).into_response();
    }
    let path = request.uri().path().to_string();
    let write = !matches!(*request.method(), Method::GET | Method::HEAD);
    // A write from a page of another origin is refused, login included.
    if write {
        if let Some(origin) = headers.get(header::ORIGIN).and_then(|o| o.to_str().ok()) {
            let ours =
                origin.strip_prefix("http://").or_else(|| origin.strip_prefix("https://")) == Some(host.as_str());
            if !ours {
                return Failure::new(StatusCode::FORBIDDEN, Msg::new("serve.error.origin"), lang).into_response();
            }
        }
    }
    // The login page and its style sheet (nothing in it is private).
    if path == "/login" || (path == "/app.css" && request.method() == Method::GET) {
        return next.run(request).await;
    }
    if let Some(token) = &server.token {
        // The cookie holds this run's session, never the token itself.
        let session = cookie(headers, COOKIE).is_some_and(|c| same(&c, &server.session));
        let given = bearer(headers);
        if !session && !given.as_ref().is_some_and(|b| same(b, token)) {
            if given.is_some() {
                wrong_token(&server).await;
            }
            if request.method() == Method::GET && !path.starts_with("/api/") {
                return Redirect::to("/login").into_response();
            }
            return Failure::new(StatusCode::UNAUTHORIZED, Msg::new("serve.error.login"), lang).into_response();
        }
    }
    if write {
        let csrf = headers.get(CSRF_HEADER).and_then(|v| v.to_str().ok()).unwrap_or_default();
        if !same(csrf, &server.csrf) {
            return Failure::new(StatusCode::FORBIDDEN, Msg::new("serve.error.csrf"), lang).into_response();
        }
    }
    next.run(request).await
}

#[derive(serde::Deserialize)]
pub struct Login {
    token: Option<String>,
}

/// The login page (GET), or a token checked (GET with `?token=`, or the form's POST).
pub async fn login_page(State(server): State<Arc<Server>>, query: axum::extract::Query<Login>) -> Response {
    match &query.token {
        Some(t) => login(&server, t).await,
        None => axum::response::Html(login_html(&server, false)).into_response(),
    }
}

pub async fn login_post(State(server): State<Arc<Server>>, form: axum::extract::Form<Login>) -> Response {
    login(&server, form.token.as_deref().unwrap_or_default()).await
}

/// A wrong token is answered after a pause: guessing one takes its time.
const WRONG_TOKEN_PAUSE: std::time::Duration = std::time::Duration::from_millis(750);

/// Wrong tokens wait their turn, one at a time: guesses sent side by side are not
/// answered any faster.
async fn wrong_token(server: &Server) {
    let _turn = server.wrong_tokens.lock().await;
    tokio::time::sleep(WRONG_TOKEN_PAUSE).await;
}

async fn login(server: &Server, given: &str) -> Response {
    match &server.token {
        Some(token) if same(given, token) => {
            let cookie = format!("{COOKIE}={}; HttpOnly; SameSite=Strict; Path=/", server.session);
            ([(header::SET_COOKIE, cookie)], Redirect::to("/")).into_response()
        }
        Some(_) => {
            wrong_token(server).await;
            (StatusCode::UNAUTHORIZED, axum::response::Html(login_html(server, true))).into_response()
        }
        None => Redirect::to("/").into_response(),
    }
}

fn login_html(server: &Server, wrong: bool) -> String {
    let t = |k| super::escape(server.lang.text(k));
    let error = if wrong { format!("<p class=error>{}</p>", t("serve.login.wrong")) } else { String::new() };
    format!(
        "<!doctype html><html lang={lang}><meta charset=utf-8><title>kehoach</title>\
         <link rel=stylesheet href=/app.css><body class=login><form method=post action=/login>\
         <h1>{title}</h1>{error}<label>{label} <input type=password name=token autofocus></label>\
         <button>{button}</button></form></body></html>",
        lang = server.lang_code(),
        title = t("serve.login.title"),
        label = t("serve.login.token"),
        button = t("serve.login.button"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn off_loopback_needs_a_token() {
        let any: SocketAddr = "0.0.0.0:8080".parse().unwrap();
        let local: SocketAddr = "127.0.0.1:8080".parse().unwrap();
        assert!(check_bind(&any, None).is_err());
        assert!(check_bind(&any, Some("")).is_err());
        assert!(check_bind(&any, Some("short")).is_err());
        assert!(check_bind(&any, Some("a-long-enough-token")).is_ok());
        assert!(check_bind(&local, None).is_ok());
        assert!(check_bind(&"[::1]:1".parse().unwrap(), None).is_ok());
    }

    #[test]
    fn loopback_names() {
        for h in ["127.0.0.1:8080", "localhost:1", "[::1]:80", "localhost", "127.0.0.2"] {
            assert!(loopback_host(h), "{h}");
        }
        for h in ["evil.example:80", "10.0.0.1:80", "localhost.evil.example"] {
            assert!(!loopback_host(h), "{h}");
        }
        assert!(same("abc", "abc") && !same("abc", "abd") && !same("abc", "ab"));
        assert_eq!(random_token().unwrap().len(), 64);
    }
}
