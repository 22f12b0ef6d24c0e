// kehoach serve: the page. Plain JavaScript, no library, no network but this server.
// Every word shown comes from the server's message tables (the "words" block).
"use strict";

const W = JSON.parse(document.getElementById("words").textContent);
let CSRF = document.querySelector('meta[name="csrf"]').content;
const $ = (sel, root = document) => root.querySelector(sel);
const t = (key, args = {}) => (W[key] || key).replace(/\{(\w+)\}/g, (_, k) => (k in args ? args[k] : `{${k}}`));

for (const el of document.querySelectorAll("[data-w]")) el.textContent = t(el.dataset.w);

// ---------------------------------------------------------------- server calls

/// The page's write token anew, from the page itself: a restarted server has a
/// new one, and an open page must still be able to save its edits.
async function freshCsrf() {
  try {
    const html = await (await fetch("/", { credentials: "same-origin" })).text();
    const m = /<meta name="csrf" content="([^"]+)"/.exec(html);
    if (!m || m[1] === CSRF) return false;
    CSRF = m[1];
    return true;
  } catch (_) { return false; }
}

/// fetch, with the browser's own words for a server that does not answer
/// ("Failed to fetch") replaced by the page's.
async function reach(url, opts) {
  try { return await fetch(url, opts); } catch (_) { throw new Error(t("unreachable")); }
}

async function call(method, url, body, raw) {
  const opts = { method, headers: {}, credentials: "same-origin" };
  if (raw) opts.body = raw;
  else if (body !== undefined) {
    opts.headers["content-type"] = "application/json";
    opts.body = JSON.stringify(body);
  }
  if (method !== "GET") opts.headers["x-kehoach-csrf"] = CSRF;
  let res = await reach(url, opts);
  if (res.status === 403 && method !== "GET" && await freshCsrf()) {
    opts.headers["x-kehoach-csrf"] = CSRF;
    res = await reach(url, opts);
  }
  let data = null;
  try { data = await res.json(); } catch (_) { data = null; }
  if (!res.ok) {
    const e = new Error((data && data.error) || t("failed", { status: res.status }));
    e.status = res.status;
    e.detail = data && data.detail;
    throw e;
  }
  return data;
}
const q = (params) => new URLSearchParams(params).toString();

// ---------------------------------------------------------------- state

// A child plan, from the server's one merge: `resolved`, the plan as its document has
// it; `inherited`, its parent's values (what a field shows once emptied); the
// agencies in the plan's order; each indicator's sentence as printed.
const cur = {
  path: null, text: "", version: null, form: null, parent: null, dirty: false, diagnostics: [], rerender: false,
  resolved: null, inherited: null, agencyOrder: null, sentences: {},
};
let schema = null;
const author = $("#author");
author.value = localStorage.getItem("kehoach-author") || "";
author.addEventListener("change", () => localStorage.setItem("kehoach-author", author.value));

function say(text, error) {
  // With no plan open the editor (and its message line) is hidden: the start page has its own.
  const m = $("#work").hidden ? $("#start-message") : $("#message");
  m.textContent = text;
  m.className = error ? "error" : "";
  m.hidden = !text;
}

function setDirty(d) {
  cur.dirty = d;
  $("#state").textContent = d ? t("unsaved") : t("saved");
}

// ---------------------------------------------------------------- plan list

async function loadPlans() {
  const list = await call("GET", "/api/plans");
  const ul = $("#plans");
  ul.replaceChildren(...list.map(planItem));
}

function planItem(p) {
  const li = document.createElement("li");
  const a = document.createElement("a");
  a.dataset.path = p.path;
  a.textContent = p.path;
  const badge = document.createElement("span");
  if (!p.readable) { badge.className = "badge err"; badge.textContent = t("unreadable"); }
  else if (p.errors) { badge.className = "badge err"; badge.textContent = t("n_errors", { n: p.errors }); }
  else if (p.warnings) { badge.className = "badge warn"; badge.textContent = t("n_warnings", { n: p.warnings }); }
  else { badge.className = "badge ok"; badge.textContent = t("ok"); }
  a.append(badge);
  if (p.title) {
    const s = document.createElement("span");
    s.className = "title";
    s.textContent = p.title;
    a.append(s);
  }
  a.addEventListener("click", () => openPlan(p.path));
  if (p.path === cur.path) a.classList.add("on");
  li.append(a);
  if (p.children && p.children.length) {
    const sub = document.createElement("ul");
    sub.append(...p.children.map(planItem));
    li.append(sub);
  }
  return li;
}

// ---------------------------------------------------------------- opening

async function openPlan(path) {
  if (cur.dirty && cur.path !== path && !confirm(t("discard"))) return;
  const p = await call("GET", "/api/plan?" + q({ path }));
  Object.assign(cur, { path: p.path, text: p.text, version: p.version, form: p.form, parent: p.parent,
    resolved: null, inherited: null, agencyOrder: null, sentences: {} });
  placing = {};
  for (const a of document.querySelectorAll("#plans a")) a.classList.toggle("on", a.dataset.path === cur.path);
  $("#empty").hidden = true;
  $("#work").hidden = false;
  $("#plan-name").textContent = p.path;
  $("#get-docx").href = "/api/download?" + q({ path: p.path, format: "docx" });
  $("#get-pdf").href = "/api/download?" + q({ path: p.path, format: "pdf" });
  $("#toml").value = cur.text;
  $("#pages").replaceChildren();
  shownPages = [];
  say("");
  setDirty(false);
  renderForm();
  schedule();
  if (!$("#tab-history").hidden) loadHistory();
}

// ---------------------------------------------------------------- preview loop
// One request at a time; edits made meanwhile wait and go together, applied to
// the text the previous request returned.

let pending = [];
/// Objectives a child's file is being given (id → its index), until the server answers:
/// a second indicator placed meanwhile goes into the same one.
let placing = {};
let busy = false;
let again = false;
let timer = null;

function edit(e) {
  // A newer value for the same field replaces the waiting one.
  if (e.op === "set") pending = pending.filter((p) => !(p.op === "set" && JSON.stringify(p.path) === JSON.stringify(e.path)));
  pending.push(e);
  setDirty(true);
  schedule(e.op === "set" ? 80 : 0);
}

function schedule(delay = 0) {
  clearTimeout(timer);
  timer = setTimeout(run, delay);
}

// The preview request in flight: saving waits for it.
let flight = Promise.resolve();
let previewFailed = false;

function run() {
  if (!cur.path) return Promise.resolve();
  if (busy) { again = true; return flight; }
  busy = true;
  flight = preview();
  return flight;
}

async function preview() {
  previewFailed = false;
  const edits = pending;
  pending = [];
  const structural = edits.some((e) => e.op !== "set");
  const path = cur.path;
  const sent = cur.text;
  try {
    const r = await call("POST", "/api/preview", { path, text: sent, edits, shown: shownPages });
    if (path !== cur.path) return;
    // Text typed in the TOML tab while the request was out is newer than its answer:
    // it stays, and is previewed next.
    if (cur.text === sent) {
      cur.text = r.text;
      if (document.activeElement !== $("#toml")) $("#toml").value = r.text;
    } else {
      again = true;
    }
    if (r.form) cur.form = r.form;
    // A child plan that does not load keeps the last merge it had: the form keeps its shape.
    const m = r.merged || {};
    const firstMerge = m.resolved && !cur.resolved;
    if (m.resolved) {
      Object.assign(cur, { resolved: m.resolved, inherited: m.inherited, agencyOrder: m.agency_order, sentences: m.sentences || {} });
    }
    // The entries being placed are in the file now.
    if (!pending.length) placing = {};
    if (structural || firstMerge || cur.rerender || (r.form && !$("#form").childElementCount)) {
      cur.rerender = false;
      renderForm();
    } else refreshInherited();
    showDiagnostics(r);
    if (r.pages) showPages(r.pages);
    if (r.page_error) say(r.page_error, true);
    else if ($("#message").classList.contains("error") && !$("#message").dataset.keep) say("");
  } catch (e) {
    // The form's edits were not applied: they wait for the next request, not lost.
    if (path === cur.path) { pending = edits.concat(pending); previewFailed = true; }
    say(e.message, true);
  } finally {
    busy = false;
    // After a failure the next try waits a little: the server may be restarting.
    if (again || pending.length) { again = false; schedule(previewFailed ? 2000 : 0); }
  }
}

/// Hashes of the pages shown; the server sends only pages the page does not have.
let shownPages = [];
function showPages(pages) {
  const box = $("#pages");
  const have = new Map([...box.children].map((div) => [div.dataset.hash, div.innerHTML]));
  for (let i = 0; i < pages.length; i++) {
    let div = box.children[i];
    if (div && div.dataset.hash === pages[i].hash) continue;
    const svg = pages[i].svg ?? have.get(pages[i].hash);
    if (svg === undefined) { shownPages = []; schedule(); return; }
    if (!div) { div = document.createElement("div"); div.className = "page"; box.append(div); }
    div.innerHTML = svg;
    div.dataset.hash = pages[i].hash;
    div.dataset.page = i + 1;
  }
  while (box.children.length > pages.length) box.lastElementChild.remove();
  shownPages = pages.map((p) => p.hash);
}

// ---------------------------------------------------------------- diagnostics

function showDiagnostics(r) {
  cur.diagnostics = r.diagnostics;
  $("#summary").textContent = r.diagnostics.length ? t("counts", { errors: r.errors, warnings: r.warnings }) : t("no_problems");
  const ul = $("#diagnostics");
  ul.replaceChildren(...r.diagnostics.map((d) => {
    const li = document.createElement("li");
    li.className = d.severity;
    li.dataset.code = d.code;
    li.textContent = d.message;
    const small = document.createElement("small");
    small.textContent = [d.label, ...d.notes, d.line ? t("at_line", { line: d.line }) : d.elsewhere || ""].filter(Boolean).join(" · ");
    li.append(small);
    li.addEventListener("click", () => goTo(d));
    return li;
  }));
  markFields();
  underline();
}

/// The form element a diagnostic is about: its field, or the nearest enclosing one.
function fieldOf(d) {
  // An inherited entry's problem: the line the form shows for that entry.
  if (!d.field && d.inherited) {
    return [...document.querySelectorAll("#form fieldset[data-inherited]")].find((e) => e.dataset.inherited === d.inherited) || null;
  }
  if (!d.field) return null;
  let path = JSON.parse(d.field);
  if (d.code === "lead-missing") path = path.slice(0, -1).concat(["lead"]);
  while (path.length) {
    const id = JSON.stringify(path);
    const el = [...document.querySelectorAll("#form [data-path]")].find((e) => e.dataset.path === id);
    if (el) return el;
    path = path.slice(0, -1);
  }
  return null;
}

function markFields() {
  for (const el of document.querySelectorAll("#form .bad")) el.classList.remove("bad");
  for (const el of document.querySelectorAll("#form .fieldmsg")) el.remove();
  for (const d of cur.diagnostics) {
    const el = fieldOf(d);
    if (!el) continue;
    el.classList.add("bad");
    el.title = d.message;
    const msg = document.createElement("div");
    msg.className = "fieldmsg";
    msg.textContent = [d.message, ...d.notes].join(" — ");
    (el.closest(".field") || el).append(msg);
  }
}

function goTo(d) {
  const el = fieldOf(d);
  if (el && !$("#tab-form").hidden) { el.scrollIntoView({ block: "center" }); el.focus && el.focus(); return; }
  if (d.from !== undefined) {
    showTab("toml");
    const ta = $("#toml");
    ta.focus();
    ta.setSelectionRange(d.from, Math.max(d.to, d.from + 1));
  }
}

function underline() {
  const text = $("#toml").value;
  const marks = cur.diagnostics.filter((d) => d.from !== undefined).sort((a, b) => a.from - b.from);
  const out = [];
  let at = 0;
  for (const d of marks) {
    const from = Math.max(d.from, at);
    const to = Math.max(d.to, from + 1);
    if (from >= text.length + 1) continue;
    out.push(esc(text.slice(at, from)));
    out.push(`<mark class="${d.severity}" title="${esc(d.message)}">${esc(text.slice(from, to)) || " "}</mark>`);
    at = to;
  }
  out.push(esc(text.slice(at)));
  $("#backdrop").innerHTML = out.join("") + "\n";
}
const esc = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

// ---------------------------------------------------------------- the form

function h(tag, attrs = {}, ...kids) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null) el.setAttribute(k, v);
  }
  el.append(...kids.filter((k) => k !== null && k !== undefined));
  return el;
}

const P = (path) => JSON.stringify(path);
/// A table's entries in file order (the server lists its keys under "__keys").
const entries = (obj) => (obj ? (obj.__keys || Object.keys(obj)).map((k) => [k, obj[k]]) : []);

/// A labelled input bound to a field: edits go to the server as {op:"set"}, or to
/// `send` when the field writes more than itself.
function input(label, path, value, kind = "text", options, send) {
  let el;
  if (kind === "select") {
    el = h("select", {}, h("option", { value: "" }, "—"), ...options.map((o) => h("option", { value: o.value }, o.label)));
    el.value = value ?? "";
  } else if (kind === "textarea" || kind === "md") {
    el = h("textarea", { class: kind === "md" ? "md" : "" });
    el.value = value ?? "";
  } else {
    el = h("input", { type: "text", inputmode: kind === "number" ? "decimal" : undefined, placeholder: kind === "date" ? t("date_hint") : undefined });
    // A decimal as the clerk writes it ("0,125"): read back as typed, never as thousands.
    el.value = typeof value === "number" ? String(value).replace(".", ",") : (value ?? "");
  }
  el.dataset.path = P(path);
  el.name = path.join(".");
  const changed = () => (send ? send(el.value) : edit({ op: "set", path, value: el.value }));
  el.addEventListener(kind === "select" ? "change" : "input", changed);
  inherit(el, path, kind, options);
  return h("label", { class: "field" }, h("span", {}, label), el);
}

// ---------------------------------------------------------------- a child plan's inherited values
// A field the child's file does not write shows, greyed, the value the document
// has there (its parent's); typing writes the field into this file.

const keyOf = (e) => (e && typeof e === "object" ? (e.id ?? e.agency) : undefined);

/// The value at `path`, a path of this file (its own list indices), in `root`: the
/// merged plan (`cur.resolved`, the default) or the parent's (`cur.inherited`).
/// Lists of entries are matched by id (duties by agency), as the merge does.
function shownAt(path, root = cur.resolved) {
  let mine = cur.form;
  let shown = root;
  for (const seg of path) {
    if (shown === undefined || shown === null) return undefined;
    if (typeof seg === "number") {
      if (!Array.isArray(shown)) return undefined;
      const entry = Array.isArray(mine) ? mine[seg] : undefined;
      const key = keyOf(entry);
      shown = key !== undefined ? shown.find((e) => keyOf(e) === key) : shown[seg];
      mine = entry;
    } else if (Array.isArray(shown) && seg === "indicators") {
      // `[[objectives.indicators]]` written with no objective: an indicator of any.
      shown = shown.flatMap((o) => o.indicators || []);
      mine = mine && mine[seg];
    } else {
      shown = shown[seg];
      mine = mine && typeof mine === "object" ? mine[seg] : undefined;
    }
  }
  return shown;
}

/// A value as the form shows it: a decimal with a comma, a list one item after another.
function shownText(v) {
  if (typeof v === "number") return String(v).replace(".", ",");
  if (typeof v === "string") return v;
  if (Array.isArray(v)) return v.map(shownText).filter(Boolean).join("; ");
  return "";
}

/// The form's own value at `path` (what the page last had from the server).
const ownAt = (path) => path.reduce((v, seg) => (v === undefined || v === null ? undefined : v[seg]), cur.form);

/// The grey value of a field the file leaves empty: the parent's, which the document
/// shows once the field is emptied (not the file's own value, as the merge would say).
function inheritedAt(path) {
  if (!cur.inherited) return undefined;
  // A new name without a short one drops the parent's short name too.
  if (path[0] === "agencies" && path[2] === "short") {
    const own = (cur.form.agencies || {})[path[1]];
    if (own && own.name) return undefined;
  }
  return shownAt(path, cur.inherited);
}

function inherit(el, path, kind, options) {
  if (!cur.inherited) return;
  const v = inheritedAt(path);
  if (v === undefined || v === null || v === "" || (typeof v === "object" && !Array.isArray(v))) return;
  const named = (x) => ((options || []).find((o) => o.value === x) || { label: x }).label;
  const text = kind === "select" ? [].concat(v).map(named).join("; ") : shownText(v);
  if (!text) return;
  el.title = t("inherited_value", { value: text });
  el.classList.add("inherited");
  if (kind === "select") el.options[0].textContent = `— ${text} (${t("inherited_mark")})`;
  else el.placeholder = text;
}

/// An entry of the parent's that this file does not write: shown as the document
/// has it, with the way to change it or drop it in this plan.
function inheritedEntry(key, legend, text, override, drop, sentence) {
  return h("fieldset", { class: "inherited", "data-inherited": key }, h("legend", {}, `${legend} (${t("inherited_mark")})`),
    text ? h("p", { class: "inherited-text", "data-sentence": sentence }, text) : null,
    h("div", { class: "row" },
      override ? button(t("override"), "add override", override) : null,
      drop ? button(t("drop_here"), "remove", drop) : null));
}

/// A target as a line of the form shows it ("68,2 %", "2025: 65; 2030: 75 %").
function targetText(target) {
  if (target === null || target === undefined) return "";
  if (typeof target === "number") return shownText(target);
  // "83%", "17,6‰", "150/100.000" close up; a counted noun after a space ("120 bản").
  const unit = !target.unit ? "" : /^[%‰/]/.test(target.unit) ? target.unit : ` ${target.unit}`;
  const milestones = Object.entries(target.milestones || {}).map(([y, v]) => `${y}: ${shownText(v)}`);
  if (milestones.length) return milestones.map((m) => m + unit).join("; ");
  return target.value !== null && target.value !== undefined ? shownText(target.value) + unit : "";
}

function agencyName(id) {
  const a = (cur.resolved && cur.resolved.agencies && cur.resolved.agencies[id]) || (cur.form.agencies || {})[id];
  return (a && (a.short || a.name)) || id;
}

/// An inherited indicator in a line: its sentence as the document prints it (the
/// server's), else its words with the target; and who leads it.
function indicatorText(ind) {
  let text = cur.sentences[ind.id];
  if (!text) {
    const target = targetText(ind.target);
    const parts = (ind.parts || []).map((p) => (p.text || "").replace("{target}", targetText(p.target)));
    text = (ind.text || "").includes("{target}") ? ind.text.replace("{target}", target) : [ind.text, target].filter(Boolean).join(" ");
    if (parts.length) text = [text, parts.join("; ")].filter(Boolean).join(" ");
  }
  const leads = [].concat(ind.lead || []).map(agencyName).join(", ");
  return leads ? `${text} — ${t("lead")}: ${leads}` : text;
}

/// The inherited indicators' lines again from the last merge, without drawing the
/// form anew (a field being typed in keeps its place): a renamed lead, a new target.
function refreshInherited() {
  if (!cur.resolved) return;
  const all = (cur.resolved.objectives || []).flatMap((o) => o.indicators || []);
  for (const p of document.querySelectorAll("#form p[data-sentence]")) {
    const ind = all.find((i) => i.id === p.dataset.sentence);
    if (ind) p.textContent = indicatorText(ind);
  }
}

/// A year of the period. A child plan that inherits its period writes both years
/// when one is typed (`period = [2025]` is no period), the other the parent's.
function periodInput(label, k, doc) {
  const send = (value) => {
    const own = (cur.form.document || {}).period;
    const theirs = cur.inherited && inheritedAt(["document", "period"]);
    if (own || !Array.isArray(theirs)) return edit({ op: "set", path: ["document", "period", k], value });
    const pair = theirs.map(String);
    pair[k] = value;
    edit({ op: "set", path: ["document", "period"], value: pair });
  };
  return input(label, ["document", "period", k], doc.period && doc.period[k], "number", null, send);
}

function button(label, cls, onclick) {
  return h("button", { type: "button", class: cls, onclick }, label);
}

function agencyOptions() {
  return agencyIds().map((id) => ({ value: id, label: `${agencyName(id)} (${id})` }));
}

/// The plan's agency ids in its order: a child's are its parent's and its own, less
/// those it drops.
function agencyIds() {
  const own = entries(cur.form && cur.form.agencies).filter(([, a]) => !(a && a.remove === true)).map(([id]) => id);
  const shown = cur.resolved ? (cur.agencyOrder || Object.keys(cur.resolved.agencies || {})) : [];
  return [...shown, ...own.filter((id) => !shown.includes(id))];
}

function enumOf(def) {
  const d = schema && schema.$defs && schema.$defs[def];
  return d && d.enum ? d.enum.map((v) => ({ value: v, label: t("enum_" + v.replace(/-/g, "_")) })) : [];
}

function fieldset(legend, path, ...kids) {
  const f = h("fieldset", {}, h("legend", {}, legend), ...kids);
  if (path) f.dataset.path = P(path);
  return f;
}

/// A list of texts, or of agencies (`options`: a choice of the plan's agencies).
function list(label, path, items, options, kind = "text") {
  const rows = (items || []).map((v, i) =>
    h("div", { class: "row" }, input("", path.concat([i]), v, options ? "select" : kind, options).lastChild,
      button("×", "remove", () => edit({ op: "remove", path: path.concat([i]) }))));
  const fresh = options ? (options[0] || { value: "" }).value : t("new_item");
  // A list this file does not write is the parent's (or made from it, as the căn cứ line).
  const shown = !(items || []).length && cur.resolved ? shownAt(path) : undefined;
  const named = (v) => (options ? ((options.find((o) => o.value === v) || { label: v }).label) : v);
  const hint = Array.isArray(shown) && shown.length
    ? h("p", { class: "hint inherited-text" }, `${t("inherited_mark")}: ${shown.map(named).join("; ")}`) : null;
  return h("div", { class: "field" }, h("span", {}, label),
    h("div", {}, hint, ...rows, button(t("add"), "add", () => edit({ op: "push", path, value: fresh }))));
}

function renderForm() {
  const f = cur.form;
  const form = $("#form");
  const scroll = $("#editor").scrollTop;
  if (!f) { form.replaceChildren(h("p", { class: "error" }, t("form_needs_toml"))); return; }
  const doc = f.document || {};
  const parts = [];
  if (cur.parent) parts.push(h("p", { class: "hint" }, t(cur.resolved ? "child_of" : "child_of_unmerged", { parent: cur.parent })));
  parts.push(fieldset(t("sec_document"), ["document"],
    input(t("kind"), ["document", "kind"], doc.kind, "select", enumOf("DocumentKind")),
    input(t("status"), ["document", "status"], doc.status, "select", enumOf("Status")),
    input(t("number"), ["document", "number"], doc.number, "number"),
    input(t("code"), ["document", "code"], doc.code),
    input(t("place"), ["document", "place"], doc.place),
    input(t("date"), ["document", "date"], doc.date, "date"),
    input(t("summary"), ["document", "summary"], doc.summary, "textarea"),
    periodInput(t("period_from"), 0, doc),
    periodInput(t("period_to"), 1, doc)));
  const iss = f.issuer || {};
  parts.push(fieldset(t("sec_issuer"), ["issuer"],
    input(t("issuer_parent"), ["issuer", "parent"], iss.parent),
    input(t("issuer_name"), ["issuer", "name"], iss.name),
    input(t("issuer_abbr"), ["issuer", "abbr"], iss.abbr)));
  parts.push(fieldset(t("sec_bases"), ["bases"],
    h("p", { class: "hint" }, t("bases_hint")),
    list(t("bases"), ["bases"], f.bases, null, "textarea")));
  parts.push(agenciesPart(f.agencies || {}));
  // A child plan may override indicators wherever they are (`[[objectives.indicators]]`
  // with no objective): a table, not a list of objectives.
  const objectives = f.objectives;
  if (cur.resolved) parts.push(childObjectivesPart());
  else parts.push(objectives && !Array.isArray(objectives) ? looseIndicatorsPart(objectives.indicators || []) : objectivesPart(objectives || []));
  parts.push(budgetPart(f.budget));
  parts.push(dutiesPart(f.duties || []));
  parts.push(reportingPart(f.reporting));
  const rec = f.recipients || {};
  parts.push(fieldset(t("sec_recipients"), ["recipients"],
    list(t("recipients_to"), ["recipients", "to"], rec.to),
    list(t("recipients_archive"), ["recipients", "archive"], rec.archive),
    input(t("recipients_drafter"), ["recipients", "drafter"], rec.drafter)));
  const sig = f.signature || {};
  parts.push(fieldset(t("sec_signature"), ["signature"],
    input(t("sig_collective"), ["signature", "collective"], sig.collective),
    input(t("sig_authority"), ["signature", "authority"], sig.authority),
    input(t("sig_head"), ["signature", "head"], sig.head),
    input(t("sig_title"), ["signature", "title"], sig.title),
    input(t("sig_name"), ["signature", "name"], sig.name)));
  parts.push(textsPart(f));
  form.replaceChildren(...parts);
  $("#editor").scrollTop = scroll;
  markFields();
}

/// An entry a child plan drops from its parent's (`remove = true`): shown as dropped,
/// with the way to keep it again (the line goes, the parent's entry is back).
/// Kept again, only the `remove = true` goes: what the file changes in the entry
/// (a commune's target, a renamed agency) stays. An entry written only to drop
/// (its id, the flag, the reason) goes whole.
function removedPart(legend, path) {
  const entry = ownAt(path) || {};
  const keys = (entry.__keys || Object.keys(entry)).filter((k) => !["id", "agency", "remove", "note"].includes(k));
  return fieldset(`${legend} (${t("removed")})`, path,
    button(t("keep_again"), "add keep-again", () => {
      cur.rerender = true;
      edit({ op: "remove", path: keys.length ? path.concat(["remove"]) : path });
    }));
}

/// Asks why an inherited indicator is dropped (its `note`, which the reviewer reads
/// beside the removal), then drops it with `write(note)`.
function dropWithReason(title, write) {
  ask(t("drop_reason_title", { title }), [["note", t("drop_reason"), "textarea"]], (v) => {
    cur.rerender = true;
    write((v.note || "").trim());
  });
}

/// Dropping an entry: in a child plan it is written `remove = true` (deleting the
/// child's own lines would only bring the parent's entry back).
function dropEntry(path) {
  cur.rerender = true;
  if (cur.parent) edit({ op: "set", path: path.concat(["remove"]), value: true });
  else edit({ op: "remove", path });
}

// A generated part's content by the name of the form's section that fills it.
function contentName(content) {
  const key = { objectives: "sec_objectives", duties: "sec_duties", budget: "sec_budget", reporting: "sec_reporting" }[content];
  return key ? t(key) : content;
}

function agenciesPart(agencies) {
  // Each agency by its name, its code beside it (the code is what the lists use).
  const title = (id, a) => (a && a.name ? `${a.name} (${id})` : id);
  // A child plan's are its parent's too: the fields of one it does not rename show the
  // parent's name, and a name typed there renames it for this plan only.
  const shown = (cur.resolved && cur.resolved.agencies) || {};
  const order = (cur.resolved && cur.agencyOrder) || Object.keys(shown);
  const ids = [...order, ...entries(agencies).map(([id]) => id).filter((id) => !(id in shown))];
  const rows = ids.map((id) => [id, agencies[id]]).map(([id, a]) => a && a.remove === true ? removedPart(title(id, a), ["agencies", id]) : fieldset(title(id, a || shown[id]), ["agencies", id],
    input(t("agency_name"), ["agencies", id, "name"], a && a.name),
    input(t("agency_short"), ["agencies", id, "short"], a && a.short),
    button(t("remove_agency"), "remove remove-agency", () => {
      // An agency still given work stays: its removal would leave those rows without one.
      // A child plan's removal takes the agency out of its parent's lists and drops its
      // duty: asked first, naming what it leads (the checks name an indicator left
      // without a lead).
      const uses = usesOf(id, cur.parent ? cur.resolved : cur.form);
      if (uses.length && !cur.parent) { say(t("agency_in_use", { id, uses: uses.join("; ") }), true); return; }
      if (uses.length && !confirm(t("agency_drop_confirm", { name: agencyName(id), uses: uses.join("; ") }))) return;
      dropEntry(["agencies", id]);
    })));
  return fieldset(t("sec_agencies"), ["agencies"], ...rows,
    button(t("add_agency"), "add", () => ask(t("add_agency"), [["id", t("agency_id")], ["name", t("agency_name")]], (v) => {
      if (!/^[A-Za-z0-9_-]+$/.test(v.id)) { say(t("bad_id"), true); return; }
      if (agencyIds().includes(v.id)) { say(t("id_taken", { id: v.id }), true); return; }
      // Its fields and the agency lists show the new agency as soon as the server answers.
      cur.rerender = true;
      edit({ op: "set", path: ["agencies", v.id, "name"], value: v.name || v.id });
    })));
}

/// Where the form's plan gives agency `id` work, as the clerk sees those rows.
function usesOf(id, plan) {
  const f = plan || {};
  const has = (v) => v === id || (Array.isArray(v) && v.includes(id));
  const uses = [];
  let number = 0;
  for (const o of f.objectives || []) {
    for (const ind of o.indicators || []) {
      number++;
      if (has(ind.lead) || has(ind.support)) uses.push(`${t("indicator")} ${number}`);
    }
  }
  (f.duties || []).forEach((d, i) => { if (d.agency === id) uses.push(`${t("duty")} ${i + 1}`); });
  if (f.reporting && f.reporting.to === id) uses.push(t("sec_reporting"));
  return uses;
}

function objectivesPart(objectives) {
  // Indicators are numbered through the whole plan, as the document prints them.
  let number = 0;
  const parts = objectives.map((o, i) => {
    const base = ["objectives", i];
    if (o.remove === true) return removedPart(`${t("objective")} ${i + 1}: ${o.id || ""}`, base);
    const inds = (o.indicators || []).map((ind, j) => indicatorPart(base.concat(["indicators", j]), ind, number++));
    return fieldset(`${t("objective")} ${i + 1}`, base,
      input(t("objective_title"), base.concat(["title"]), o.title, "textarea"),
      ...inds,
      button(t("add_indicator"), "add add-indicator", () => edit({
        op: "push", path: base.concat(["indicators"]),
        value: { id: freeId(objectives), text: t("new_indicator"), target: { value: 100, unit: "%" } },
      })),
      button(t("remove_objective"), "remove remove-objective", () => {
        const n = (o.indicators || []).length;
        const title = o.title || o.id || i + 1;
        // Its indicators go with it: asked first, as nothing else in the form removes so much.
        // A child plan's form shows only what it writes: the parent's indicators go too.
        const ask = cur.parent ? t("remove_objective_confirm_child", { title }) : t("remove_objective_confirm", { title, n });
        if ((n || cur.parent) && !confirm(ask)) return;
        dropEntry(base);
      }));
  });
  const ids = new Set(objectives.map((o) => o.id));
  let n = 1;
  while (ids.has(`muc-tieu-moi-${n}`)) n++;
  return fieldset(t("sec_objectives"), ["objectives"], ...parts,
    button(t("add_objective"), "add add-objective", () => edit({
      op: "push", path: ["objectives"], value: { id: `muc-tieu-moi-${n}`, title: t("new_objective") },
    })));
}

/// A child plan's objectives as its document has them: the parent's, then its own,
/// indicators numbered as printed. One the file writes has its fields (what it
/// does not write shows the parent's value); one it only inherits is shown, with
/// the way to change or drop it in this plan; one it drops, with the way back.
function childObjectivesPart() {
  const mine = cur.form.objectives;
  const loose = mine && !Array.isArray(mine);
  const own = loose ? [] : mine || [];
  // Where this file writes each indicator.
  const written = new Map();
  const dropped = [];
  const note = (ind, path) => (ind.remove === true ? dropped.push([ind, path]) : written.set(ind.id, path));
  if (loose) (mine.indicators || []).forEach((ind, j) => note(ind, ["objectives", "indicators", j]));
  own.forEach((o, k) => (o.indicators || []).forEach((ind, j) => note(ind, ["objectives", k, "indicators", j])));
  const shown = cur.resolved.objectives || [];
  let number = 0;
  const parts = shown.map((o, i) => {
    const k = own.findIndex((m) => m.id === o.id);
    const inds = (o.indicators || []).map((ind) => {
      number++;
      const path = written.get(ind.id);
      if (path) return indicatorPart(path, ownAt(path), number - 1);
      return inheritedEntry(ind.id, `${t("indicator")} ${number}: ${ind.id}`, indicatorText(ind),
        () => placeIndicator(o.id, { id: ind.id }),
        () => dropWithReason(`${t("indicator")} ${number}`, (note) => placeIndicator(o.id, { id: ind.id, remove: true, note })),
        ind.id);
    });
    // Dropped here, shown where the file writes the drop.
    const gone = dropped.filter(([, path]) => k >= 0 && path[1] === k)
      .map(([ind, path]) => removedPart(`${t("indicator")}: ${ind.id || ""}`, path));
    // A new indicator of this file's goes where the merge puts it: under the objective
    // written here, or (indicators written with no objective) under the last.
    const canAdd = !loose || i === shown.length - 1;
    return fieldset(`${t("objective")} ${i + 1}`, k >= 0 ? ["objectives", k] : null,
      k >= 0 ? input(t("objective_title"), ["objectives", k, "title"], own[k].title, "textarea") : h("p", { class: "inherited-text" }, o.title),
      ...inds, ...gone,
      canAdd ? button(t("add_indicator"), "add add-indicator", () => placeIndicator(o.id,
        { id: freeId(shown.concat(own)), text: t("new_indicator"), target: { value: 100, unit: "%" } })) : null,
      loose ? null : button(t("remove_objective"), "remove remove-objective", () => {
        if (!confirm(t("remove_objective_confirm_child", { title: o.title || o.id }))) return;
        if (k >= 0) dropEntry(["objectives", k]);
        else { cur.rerender = true; edit({ op: "push", path: ["objectives"], value: { id: o.id, remove: true } }); }
      }));
  });
  // Objectives dropped here, and indicators dropped with no objective named.
  const goneObjectives = own.map((o, k) => (o.remove === true ? removedPart(`${t("objective")}: ${o.id || ""}`, ["objectives", k]) : null));
  const goneLoose = dropped.filter(([, path]) => loose || !own[path[1]] || !shown.some((o) => o.id === own[path[1]].id))
    .map(([ind, path]) => removedPart(`${t("indicator")}: ${ind.id || ""}`, path));
  return fieldset(t("sec_objectives"), ["objectives"], ...parts, ...goneObjectives.filter(Boolean), ...goneLoose);
}

/// Writes an indicator entry into this file where the merge finds it under objective
/// `objective`: in the objective this file writes, else in a new entry naming that
/// objective, or with the indicators written with no objective when the file does so.
function placeIndicator(objective, entry) {
  const mine = cur.form.objectives;
  cur.rerender = true;
  if (mine && !Array.isArray(mine)) { edit({ op: "push", path: ["objectives", "indicators"], value: entry }); return; }
  let k = (mine || []).findIndex((o) => o.id === objective);
  if (k < 0 && objective in placing) k = placing[objective];
  if (k >= 0) { edit({ op: "push", path: ["objectives", k, "indicators"], value: entry }); return; }
  // A new objective entry, after the file's and any being placed before the server answers.
  k = (mine || []).length + Object.keys(placing).length;
  placing[objective] = k;
  edit({ op: "push", path: ["objectives"], value: { id: objective } });
  edit({ op: "push", path: ["objectives", k, "indicators"], value: entry });
}

function looseIndicatorsPart(indicators) {
  return fieldset(t("sec_objectives"), ["objectives"],
    ...indicators.map((ind, j) => indicatorPart(["objectives", "indicators", j], ind, j)));
}

function freeId(objectives) {
  const ids = new Set(objectives.flatMap((o) => (o.indicators || []).map((i) => i.id)));
  let n = 1;
  while (ids.has(`chi-tieu-moi-${n}`)) n++;
  return `chi-tieu-moi-${n}`;
}

// A target's fields: a number, its unit and verb, or milestones by year. With
// milestones the document prints only them, so there is no single number to fill.
function targetFields(target, tp) {
  const own = entries(target && target.milestones);
  // A child's override that sets no value shows the milestones it inherits, each a
  // field of its own (a year typed here replaces that year only).
  const inherited = !own.length && typeof target !== "number" && !(target && target.value !== undefined) && cur.inherited
    ? Object.keys((inheritedAt(tp) || {}).milestones || {}).map((year) => [year, undefined]) : [];
  const milestones = own.length ? own : inherited;
  const fields = typeof target === "number"
    ? [input(t("target_value"), tp, target, "number")]
    : [...(milestones.length ? [] : [input(t("target_value"), tp.concat(["value"]), target && target.value, "number")]),
       input(t("target_unit"), tp.concat(["unit"]), target && target.unit),
       input(t("target_verb"), tp.concat(["verb"]), target && target.verb),
       ...milestones.map(([year, v]) => input(t("milestone", { year }), tp.concat(["milestones", year]), v, "number"))];
  return [
    ...fields,
    h("div", { class: "row" },
      button(t("add_milestone"), "add", () => ask(t("add_milestone"), [["year", t("year")], ["value", t("target_value")]], (v) => {
        const year = String(v.year).trim();
        if (!/^(19|20)\d\d$/.test(year)) { say(t("bad_year"), true); return; }
        cur.rerender = true;
        // The single number gives way to the milestones (a bare number becomes a table):
        // the target as the file has it now, a value typed since the form was drawn too.
        const now = ownAt(tp);
        if (typeof now === "number") edit({ op: "remove", path: tp });
        else if (now && now.value !== undefined) edit({ op: "remove", path: tp.concat(["value"]) });
        edit({ op: "set", path: tp.concat(["milestones", year]), value: v.value });
      })))];
}

function indicatorPart(path, ind, j) {
  if (ind.remove === true) return removedPart(`${t("indicator")} ${j + 1}: ${ind.id || ""}`, path);
  // A compound indicator: each part has its own words and target. A child's override
  // shows the parts it inherits too, in the document's order.
  const own = ind.parts || [];
  const partFields = (p, k) => fieldset(`${t("indicator_part")} ${k + 1}: ${p.id || ""}`, path.concat(["parts", k]),
    input(t("indicator_text"), path.concat(["parts", k, "text"]), p.text, "textarea"),
    ...targetFields(p.target, path.concat(["parts", k, "target"])));
  const shownParts = (cur.resolved && (shownAt(path) || {}).parts) || [];
  const parts = [
    ...shownParts.map((p, n) => {
      const k = own.findIndex((o) => o.id === p.id);
      if (k >= 0) return partFields(own[k], k);
      const words = (p.text || "").includes("{target}")
        ? p.text.replace("{target}", targetText(p.target)) : [p.text, targetText(p.target)].filter(Boolean).join(" ");
      const place = (value) => { cur.rerender = true; edit({ op: "push", path: path.concat(["parts"]), value }); };
      return inheritedEntry(p.id, `${t("indicator_part")} ${n + 1}: ${p.id}`, words,
        () => place({ id: p.id }), () => place({ id: p.id, remove: true }));
    }),
    ...own.map((p, k) => (shownParts.some((s) => s.id === p.id) ? null : partFields(p, k))).filter(Boolean),
  ];
  // Several lead agencies are a list, one is a choice.
  const lead = Array.isArray(ind.lead)
    ? list(t("lead"), path.concat(["lead"]), ind.lead, agencyOptions())
    : input(t("lead"), path.concat(["lead"]), ind.lead, "select", agencyOptions());
  // An inherited indicator's id names what this entry changes: not to be retyped here.
  const idField = input(t("indicator_id"), path.concat(["id"]), ind.id);
  if (cur.inherited && inheritedAt(path)) idField.lastChild.readOnly = true;
  return fieldset(`${t("indicator")} ${j + 1}: ${ind.id || ""}`, path,
    idField,
    input(parts.length ? t("indicator_lead_in") : t("indicator_text"), path.concat(["text"]), ind.text, "textarea"),
    ...(parts.length ? parts : targetFields(ind.target, path.concat(["target"]))),
    lead,
    list(t("support"), path.concat(["support"]), ind.support, agencyOptions()),
    input(t("note"), path.concat(["note"]), ind.note),
    button(t("remove_indicator"), "remove", () => (cur.parent && cur.inherited && inheritedAt(path)
      ? dropWithReason(`${t("indicator")} ${j + 1}`, (note) => {
        edit({ op: "set", path: path.concat(["remove"]), value: true });
        if (note) edit({ op: "set", path: path.concat(["note"]), value: note });
      })
      : dropEntry(path))));
}

function budgetPart(b) {
  b = b || {};
  const sources = (b.sources || []).map((s, i) => fieldset(`${t("source")} ${i + 1}`, ["budget", "sources", i],
    input(t("source_name"), ["budget", "sources", i, "name"], s.name),
    input(t("source_amount"), ["budget", "sources", i, "amount"], s.amount, "number"),
    button("×", "remove", () => edit({ op: "remove", path: ["budget", "sources", i] }))));
  return fieldset(t("sec_budget"), ["budget"],
    input(t("budget_total"), ["budget", "total"], b.total, "number"),
    ...sources,
    button(t("add_source"), "add", () => edit({ op: "push", path: ["budget", "sources"], value: { name: t("new_source"), amount: 0 } })),
    input(t("budget_body"), ["budget", "body"], b.body, "md"));
}

/// A list of entries in the document's order: a child's merged list (`shown`), each
/// with this file's entry of the same key if it writes one, then this file's entries
/// the merge does not show (dropped ones). A plan without a parent: its own list.
function inOrder(own, shown) {
  if (!cur.resolved) return own.map((e, i) => ({ own: e, i }));
  const out = (shown || []).map((s) => {
    // Only entries with a key pair up (a part without an id is no one's override).
    const key = keyOf(s);
    const i = key === undefined ? -1 : own.findIndex((e) => keyOf(e) === key);
    return i >= 0 ? { own: own[i], i, shown: s } : { shown: s };
  });
  own.forEach((e, i) => { if (!out.some((o) => o.i === i)) out.push({ own: e, i }); });
  return out;
}

function dutiesPart(duties) {
  const rows = inOrder(duties, cur.resolved && cur.resolved.duties).map(({ own: d, i, shown }, n) => {
    // Changed here, the duty starts from the parent's words (a body is replaced whole).
    if (!d) return inheritedEntry(shown.agency, `${t("duty")} ${n + 1}: ${agencyName(shown.agency)}`, shown.body,
      () => { cur.rerender = true; edit({ op: "push", path: ["duties"], value: { agency: shown.agency, body: shown.body } }); },
      () => { cur.rerender = true; edit({ op: "push", path: ["duties"], value: { agency: shown.agency, remove: true } }); });
    if (d.remove === true) return removedPart(`${t("duty")}: ${agencyName(d.agency)}`, ["duties", i]);
    return fieldset(`${t("duty")} ${n + 1}`, ["duties", i],
      input(t("duty_agency"), ["duties", i, "agency"], d.agency, "select", agencyOptions()),
      input(t("duty_group"), ["duties", i, "group"], d.group),
      input(t("duty_body"), ["duties", i, "body"], d.body, "md"),
      button("×", "remove", () => dropEntry(["duties", i])));
  });
  return fieldset(t("sec_duties"), ["duties"], ...rows,
    button(t("add_duty"), "add", () => edit({ op: "push", path: ["duties"], value: { agency: "", body: "" } })));
}

function reportingPart(r) {
  r = r || {};
  // Printed only where a part of the plan shows it: offered when none does.
  const placed = ((cur.resolved && cur.resolved.sections) || cur.form.sections || []).some((s) => s && s.content === "reporting");
  const place = placed ? null : h("div", { class: "row" },
    h("p", { class: "hint" }, t("reporting_unplaced")),
    button(t("add_reporting_section"), "add add-reporting-section", () => edit({
      op: "push", path: ["sections"], value: { id: "che-do-bao-cao", title: t("sec_reporting"), content: "reporting" },
    })));
  // One under the other, as a funding source's: side by side they overflow the form.
  const deadlines = (r.deadlines || []).map((d, i) => fieldset(`${t("deadline_what")} ${i + 1}`, ["reporting", "deadlines", i],
    input(t("deadline_what"), ["reporting", "deadlines", i, "what"], d.what),
    input(t("deadline_before"), ["reporting", "deadlines", i, "before"], d.before, "date"),
    button("×", "remove", () => edit({ op: "remove", path: ["reporting", "deadlines", i] }))));
  return fieldset(t("sec_reporting"), ["reporting"], place,
    input(t("reporting_to"), ["reporting", "to"], r.to, "select", agencyOptions()),
    ...deadlines,
    button(t("add_deadline"), "add add-deadline", () => ask(t("add_deadline"),
      [["what", t("deadline_what"), "text", null, t("new_deadline")], ["before", t("deadline_before")]], (v) => {
        if (!v.before) { say(t("deadline_needs_date"), true); return; }
        cur.rerender = true;
        edit({ op: "push", path: ["reporting", "deadlines"], value: { what: v.what || t("new_deadline"), before: v.before } });
      })),
    input(t("reporting_body"), ["reporting", "body"], r.body, "md"));
}

function textsPart(f) {
  const sections = inOrder(f.sections || [], cur.resolved && cur.resolved.sections).map(({ own: s, i, shown }, n) => {
    const content = (s && s.content) || (shown && shown.content);
    const generated = content ? h("p", { class: "hint" }, t("section_generated", { content: contentName(content) })) : null;
    const place = (value) => { cur.rerender = true; edit({ op: "push", path: ["sections"], value }); };
    // Changed here, the part starts from the parent's words. A part with no id cannot be
    // changed or dropped from a child plan: nothing names it.
    const named = shown && shown.id !== undefined && shown.id !== null;
    if (!s) return inheritedEntry(shown.id, `${n + 1}. ${shown.title || ""}`, generated ? null : shown.body,
      named ? () => place({ id: shown.id, body: shown.body }) : null, named ? () => place({ id: shown.id, remove: true }) : null);
    if (s.remove === true) return removedPart(`${n + 1}. ${s.id || ""}`, ["sections", i]);
    return fieldset(`${n + 1}. ${s.title || (shown && shown.title) || ""}`, ["sections", i],
      input(t("section_title"), ["sections", i, "title"], s.title),
      generated,
      input(t("section_body"), ["sections", i, "body"], s.body, "md"));
  });
  return fieldset(t("sec_texts"), null,
    input(t("preamble"), ["preamble"], f.preamble, "md"),
    ...sections,
    input(t("closing"), ["closing"], f.closing, "md"));
}

// ---------------------------------------------------------------- dialogs

function ask(title, fields, done) {
  const dlg = $("#dialog");
  const form = $("#dialog-form");
  const inputs = fields.map(([name, label, kind, options, value]) => {
    const el = kind === "select"
      ? h("select", { name }, ...options.map((o) => h("option", { value: o.value }, o.label)))
      : h("input", { name, type: "text" });
    if (value) el.value = value;
    return h("label", { class: "field" }, h("span", {}, label), el);
  });
  form.replaceChildren(h("h3", {}, title), ...inputs,
    // OK is the form's only submit button: Enter in a field is OK, not Cancel.
    h("menu", {}, h("button", { type: "button", onclick: () => dlg.close("cancel") }, t("cancel")),
      h("button", { value: "ok", class: "primary" }, t("ok_button"))));
  dlg.onclose = () => {
    if (dlg.returnValue !== "ok") return;
    const v = {};
    for (const el of form.querySelectorAll("input, select")) v[el.name] = el.value.trim();
    done(v);
  };
  dlg.returnValue = "";
  dlg.showModal();
}

// ---------------------------------------------------------------- tabs

function showTab(name) {
  for (const b of document.querySelectorAll(".tabs button")) b.classList.toggle("on", b.dataset.tab === name);
  for (const tab of ["form", "toml", "history"]) $("#tab-" + tab).hidden = tab !== name;
  if (name === "form") renderForm();
  if (name === "toml") { $("#toml").value = cur.text; underline(); }
  if (name === "history") loadHistory();
}
for (const b of document.querySelectorAll(".tabs button")) b.addEventListener("click", () => showTab(b.dataset.tab));

// ---------------------------------------------------------------- TOML tab

const ta = $("#toml");
ta.addEventListener("input", () => {
  cur.text = ta.value;
  setDirty(true);
  underline();
  complete(false);
  schedule(60);
});
ta.addEventListener("scroll", () => { $("#backdrop").scrollTop = ta.scrollTop; });
ta.addEventListener("keydown", (e) => {
  const box = $("#complete");
  if (e.ctrlKey && e.key === " ") { e.preventDefault(); complete(true); return; }
  if (box.hidden) return;
  const items = [...box.children];
  const on = items.findIndex((li) => li.classList.contains("on"));
  if (e.key === "ArrowDown" || e.key === "ArrowUp") {
    e.preventDefault();
    const next = (on + (e.key === "ArrowDown" ? 1 : items.length - 1)) % items.length;
    items.forEach((li, i) => li.classList.toggle("on", i === next));
  } else if (e.key === "Enter" || e.key === "Tab") {
    if (on >= 0) { e.preventDefault(); items[on].click(); }
  } else if (e.key === "Escape") box.hidden = true;
});

/// The schema node of a dotted table path ("objectives.indicators").
function schemaAt(path) {
  const resolve = (n) => {
    for (let i = 0; n && i < 10; i++) {
      if (n.$ref) n = schema.$defs[n.$ref.split("/").pop()];
      else if (n.items) n = n.items;
      else if (n.anyOf) n = n.anyOf.find((x) => x.$ref || x.properties || x.items) || n.anyOf[0];
      else break;
    }
    return n;
  };
  let node = resolve(schema);
  for (const key of path) {
    if (!node || !node.properties || !node.properties[key]) return null;
    node = resolve(node.properties[key]);
  }
  return node;
}

function complete(force) {
  const box = $("#complete");
  box.hidden = true;
  if (!schema) return;
  const before = ta.value.slice(0, ta.selectionStart);
  const line = before.slice(before.lastIndexOf("\n") + 1);
  const m = /^\s*([A-Za-z_-]*)$/.exec(line);
  if (!m || (!force && !m[1])) return;
  const headers = [...before.matchAll(/^\s*\[\[?\s*([^\]]+?)\s*\]\]?/gm)];
  const table = headers.length ? headers[headers.length - 1][1].split(".").map((s) => s.trim().replace(/^"|"$/g, "")) : [];
  const node = schemaAt(table);
  if (!node || !node.properties) return;
  const keys = Object.entries(node.properties).filter(([k]) => k.startsWith(m[1]) && k !== m[1]);
  if (!keys.length) return;
  box.replaceChildren(...keys.slice(0, 30).map(([k, v], i) => {
    const li = h("li", { class: i === 0 ? "on" : "" }, k, h("small", {}, (v.description || "").split("\n")[0]));
    li.addEventListener("mousedown", (e) => e.preventDefault());
    li.addEventListener("click", () => {
      const start = ta.selectionStart - m[1].length;
      ta.setRangeText(k + " = ", start, ta.selectionStart, "end");
      box.hidden = true;
      ta.dispatchEvent(new Event("input"));
    });
    return li;
  }));
  const code = $(".code");
  const lineNo = before.split("\n").length;
  box.style.left = code.offsetLeft + 20 + "px";
  box.style.top = code.offsetTop + Math.min(lineNo * 19 - ta.scrollTop + 8, code.clientHeight - 20) + "px";
  box.hidden = false;
}

// ---------------------------------------------------------------- saving

/// Every form edit made so far applied to `cur.text`: the preview in flight
/// answered and the waiting edits sent.
async function settle() {
  for (let round = 0; round < 50 && (busy || pending.length); round++) {
    if (busy) await flight;
    else {
      clearTimeout(timer);
      await run();
      if (previewFailed) break;
    }
  }
  // Never a save without what the form holds.
  if (pending.length) throw new Error(t("edits_unsent"));
}

async function save(force) {
  try {
    await settle();
    const text = cur.text;
    const r = await call("POST", "/api/save", { path: cur.path, text, version: cur.version, author: author.value });
    cur.version = r.version;
    // Typed while the save was out: still to be saved.
    setDirty(cur.text !== text || pending.length > 0);
    say(t("saved_as", { who: r.entry.author }));
    loadPlans();
    if (!$("#tab-history").hidden) loadHistory();
  } catch (e) {
    if (e.status === 409 && e.detail) conflict(e.message, e.detail);
    else say(e.message, true);
  }
}
$("#save").addEventListener("click", () => save());
document.addEventListener("keydown", (e) => { if ((e.ctrlKey || e.metaKey) && e.key === "s") { e.preventDefault(); if (cur.path) save(); } });

function conflict(message, detail) {
  const m = $("#message");
  m.className = "error";
  m.hidden = false;
  m.replaceChildren(h("p", {}, message), changeList(detail.changes),
    h("div", { class: "links" },
      button(t("take_theirs"), "", () => {
        Object.assign(cur, { text: detail.text, version: detail.version });
        $("#toml").value = cur.text;
        cur.form = null;
        // The form shows their version too, not the edits just given up.
        cur.rerender = true;
        setDirty(false);
        say("");
        schedule();
      }),
      button(t("keep_mine"), "", () => { cur.version = detail.version; save(); })));
}

// ---------------------------------------------------------------- history and comparison

async function loadHistory() {
  if (!cur.path) return;
  const versions = await call("GET", "/api/history?" + q({ path: cur.path }));
  const rows = [{ id: "current", author: "", saved: t("current") }, ...versions.slice().reverse()];
  $("#versions tbody").replaceChildren(...rows.map((v, i) => h("tr", {},
    h("td", {}, h("input", { type: "radio", name: "old", value: v.id, ...(i === 1 ? { checked: "" } : {}) })),
    h("td", {}, h("input", { type: "radio", name: "new", value: v.id, ...(i === 0 ? { checked: "" } : {}) })),
    h("td", {}, v.id === "current" ? v.saved : when(v.saved)), h("td", {}, v.author))));
  $("#changes").replaceChildren();
}

/// A save's time (stored in UTC) as the clerk's clock shows it: "26/11/2026 14:05".
function when(iso) {
  const d = new Date(iso);
  if (isNaN(d)) return iso;
  const two = (n) => String(n).padStart(2, "0");
  return `${two(d.getDate())}/${two(d.getMonth() + 1)}/${d.getFullYear()} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

function changeList(changes) {
  if (!changes || !changes.length) return h("p", {}, t("no_changes"));
  return h("ol", {}, ...changes.map((c) => {
    const words = (c.words || []).map((w) => (w.mark === "removed" ? h("del", {}, w.text) : w.mark === "added" ? h("ins", {}, w.text) : w.text));
    const body = words.length ? h("div", {}, ...words)
      : h("div", {}, c.old ? h("del", {}, c.old) : null, c.old && c.new ? " → " : null, c.new ? h("ins", {}, c.new) : null);
    return h("li", {}, h("strong", {}, c.provision), ": ", c.description, body);
  }));
}

$("#compare").addEventListener("click", async () => {
  const old = ($("#versions input[name=old]:checked") || {}).value;
  const neu = ($("#versions input[name=new]:checked") || {}).value;
  if (!old || !neu) return;
  const box = $("#changes");
  box.replaceChildren(h("p", {}, t("comparing")));
  try {
    const r = await call("GET", "/api/compare?" + q({ path: cur.path, old, new: neu }));
    const link = (kind, label) => {
      const href = "/api/compare/file?" + q({ path: cur.path, old, new: neu, kind });
      return h("a", { class: "button", href, onclick: (e) => { e.preventDefault(); download(href); } }, label);
    };
    box.replaceChildren(changeList(r.changes),
      h("div", { class: "links" }, link("table.docx", t("table_docx")), link("table.pdf", t("table_pdf")), link("redline.docx", t("redline"))));
  } catch (e) {
    box.replaceChildren(h("p", { class: "error" }, e.message));
  }
});

// ---------------------------------------------------------------- downloads

/// A file from the server saved under its own name; a plan that cannot be
/// rendered gives its message here, and the clerk stays in the editor.
async function download(url) {
  try {
    const res = await fetch(url, { credentials: "same-origin" });
    if (!res.ok) {
      let data = null;
      try { data = await res.json(); } catch (_) { data = null; }
      say((data && data.error) || t("failed", { status: res.status }), true);
      return;
    }
    const blob = await res.blob();
    const cd = res.headers.get("content-disposition") || "";
    const name = /filename\*=UTF-8''([^;]+)/i.exec(cd) || /filename="?([^";]+)"?/i.exec(cd);
    const a = h("a", { href: URL.createObjectURL(blob), download: name ? decodeURIComponent(name[1]) : "" });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 60000);
  } catch (e) { say(e.message, true); }
}

for (const id of ["#get-docx", "#get-pdf"]) {
  $(id).addEventListener("click", (e) => {
    e.preventDefault();
    if (cur.dirty) { say(t("save_first"), true); return; }
    download($(id).href);
  });
}

// ---------------------------------------------------------------- new plans, import, check

$("#new-plan").addEventListener("click", () => ask(t("new_plan"), [["path", t("file_name")]], async (v) => {
  try {
    const r = await call("POST", "/api/new", { path: withToml(v.path) });
    await loadPlans();
    openPlan(r.path);
  } catch (e) { say(e.message, true); }
}));

$("#new-child").addEventListener("click", () => {
  const plans = [...document.querySelectorAll("#plans a")].map((a) => ({ value: a.dataset.path, label: a.dataset.path }));
  const levels = ["commune", "ward", "special-zone", "district", "office"].map((l) => ({ value: l, label: t("level_" + l.replace("-", "_")) }));
  // The draft's date, if given: its year goes into the trích yếu and the period, the
  // parent's report deadlines move to it, and it decides the levels of government (as
  // `new --date`); left empty, the plan keeps its parent's year.
  ask(t("new_child"), [["from", t("parent_plan"), "select", plans, cur.path], ["path", t("file_name")], ["issuer", t("issuer_name")],
    ["date", t("child_date"), "text", null, ""],
    ["level", t("level"), "select", [{ value: "", label: t("level_auto") }, ...levels]]], async (v) => {
    try {
      const r = await call("POST", "/api/child",
        { from: v.from, path: withToml(v.path), issuer: v.issuer, date: v.date || null, level: v.level || null });
      await loadPlans();
      openPlan(r.path);
    } catch (e) { say(e.message, true); }
  });
});
const withToml = (p) => (p.endsWith(".toml") ? p : p + ".toml");

async function importFile(file) {
  say(t("importing", { name: file.name }));
  try {
    const r = await call("POST", "/api/import?" + q({ name: file.name }), undefined, file);
    await loadPlans();
    await openPlan(r.path);
    say([t("imported", { path: r.path }), ...r.notes.slice(0, 20)].join("\n"));
    $("#message").dataset.keep = "1";
  } catch (e) { say(e.message, true); }
}

async function checkFile(file) {
  say(t("checking", { name: file.name }));
  try {
    const r = await call("POST", "/api/check-file?" + q({ name: file.name }), undefined, file);
    const item = (f) => h("li", { class: f.severity }, f.message, f.paragraph ? h("small", {}, t("paragraph", { n: f.paragraph }) + (f.quote ? ` «${f.quote}»` : "")) : null);
    const m = $("#message");
    m.hidden = false;
    m.className = "";
    m.replaceChildren(h("h3", {}, t("check_result", { name: r.name })),
      h("h4", {}, t("check_content", { n: r.plan.length })), h("ul", { id: "check-plan" }, ...r.plan.map(item)),
      h("h4", {}, t("check_form", { n: r.form.length })), h("ul", { id: "check-form" }, ...r.form.map(item)));
    if ($("#work").hidden) { $("#empty").hidden = true; $("#work").hidden = false; }
  } catch (e) { say(e.message, true); }
}

$("#import-file").addEventListener("change", (e) => { if (e.target.files[0]) importFile(e.target.files[0]); e.target.value = ""; });
$("#check-file").addEventListener("change", (e) => { if (e.target.files[0]) checkFile(e.target.files[0]); e.target.value = ""; });
const drop = $("#drop");
drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
drop.addEventListener("dragleave", () => drop.classList.remove("over"));
drop.addEventListener("drop", (e) => {
  e.preventDefault();
  drop.classList.remove("over");
  if (e.dataTransfer.files[0]) importFile(e.dataTransfer.files[0]);
});

window.addEventListener("beforeunload", (e) => { if (cur.dirty) { e.preventDefault(); e.returnValue = ""; } });

// ---------------------------------------------------------------- start

(async () => {
  try {
    schema = await call("GET", "/api/schema");
    await loadPlans();
    const want = new URLSearchParams(location.search).get("plan");
    if (want) openPlan(want);
  } catch (e) { say(e.message, true); }
})();
