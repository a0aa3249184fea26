// DOM helpers. Every piece of text from the store enters the page as a text node (never as HTML),
// and links are only ever built from our own routes or checked http(s) URLs.

export const SVG_NS = "http://www.w3.org/2000/svg";

function fill(el, attrs, children) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v);
    else if (k === "text") el.textContent = String(v);
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

// h("p", {class: "x"}, "text", child): an HTML element
export function h(tag, attrs, ...children) {
  return fill(document.createElement(tag), attrs, children);
}

// s("circle", {r: 3}): an SVG element
export function s(tag, attrs, ...children) {
  return fill(document.createElementNS(SVG_NS, tag), attrs, children);
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

// A link for an article's URL, only when it is http(s); anything else (javascript:, data:) is shown as text.
export function safeLink(url, label) {
  try {
    const u = new URL(url);
    if (u.protocol === "http:" || u.protocol === "https:") {
      return h("a", {href: u.href, rel: "noopener noreferrer nofollow", target: "_blank"}, label || u.href);
    }
  } catch (e) { /* not a URL: text below */ }
  return h("span", {class: "muted"}, url);
}

// Activate on click, Enter or Space: for SVG shapes made focusable.
export function actionable(el, label, fn) {
  el.setAttribute("tabindex", "0");
  el.setAttribute("role", "button");
  el.setAttribute("aria-label", label);
  el.addEventListener("click", fn);
  el.addEventListener("keydown", (ev) => {
    if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); fn(ev); }
  });
  return el;
}

export async function api(path, params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v === null || v === undefined || v === "") continue;
    for (const one of Array.isArray(v) ? v : [v]) q.append(k, one);
  }
  const url = "/api/v1" + path + (q.toString() ? "?" + q : "");
  const r = await fetch(url, {headers: {Accept: "application/json"}});
  const body = await r.json().catch(() => ({}));
  if (!r.ok) {
    const err = new Error(typeof body.detail === "string" ? body.detail : `${r.status} for ${path}`);
    err.status = r.status;
    throw err;
  }
  return body;
}

// Store dates are "YYYY", "YYYY-MM" or "YYYY-MM-DD": the period as [start, end) in UTC milliseconds.
export function period(date, dateEnd) {
  if (!date) return null;
  const a = span(date), b = dateEnd ? span(dateEnd) : a;
  if (!a || !b) return null;
  return [a[0], Math.max(a[1], b[1])];
}

function span(d) {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(d);
  if (!m) return null;
  const y = +m[1], mo = m[2] ? +m[2] - 1 : null, day = m[3] ? +m[3] : null;
  if (mo === null) return [Date.UTC(y, 0, 1), Date.UTC(y + 1, 0, 1)];
  if (day === null) return [Date.UTC(y, mo, 1), Date.UTC(y, mo + 1, 1)];
  const t = Date.UTC(y, mo, day);
  return [t, t + DAY];
}

export const DAY = 86400000;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

export function fmtDay(t, unit) {
  const d = new Date(t);
  if (unit === "years") return String(d.getUTCFullYear());
  if (unit === "months") return `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

export function names(refs) {
  return (refs || []).map((r) => r.name).join(", ");
}
