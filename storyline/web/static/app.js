// storyline's web UI: a hash router over a few pages, reading the JSON API. No third-party code.
import {DAY, actionable, api, clear, fmtDay, h, names, period, s, safeLink} from "./dom.js";
import {drawNetwork} from "./network.js";
import {LANES, Timeline} from "./timeline.js";

const view = document.getElementById("view");
const TIMELINE_PAGE = 1000, TIMELINE_MAX = 4000;   // events drawn at most; narrow the dates for more
const LIST_MAX = 300;                               // rows listed under the timeline (those in view)

function link(route, ...label) { return h("a", {href: "#" + route}, ...label); }
function entityLink(ref) { return ref ? link(`/entity/${encodeURIComponent(ref.id)}`, ref.name) : null; }
function who(e) {
  const parts = [];
  e.participants.forEach((p, i) => { if (i) parts.push(", "); parts.push(entityLink(p)); });
  if (e.place) parts.push(" @ ", entityLink(e.place));
  return parts;
}
function dateText(e) { return (e.date || "undated") + (e.date_end ? `\u2013${e.date_end}` : ""); }
function status(st) { return h("span", {class: `status status-${st}`}, st); }
function section(title, ...body) { return h("section", {class: "panel"}, h("h2", {}, title), ...body); }
function failed(err) { return h("p", {class: "error", role: "alert"}, String(err.message || err)); }

function parseRoute() {
  const raw = location.hash.replace(/^#/, "") || "/";
  const [path, query] = raw.split("?");
  return {parts: path.split("/").filter(Boolean).map(decodeURIComponent), params: new URLSearchParams(query || "")};
}

async function route() {
  const {parts, params} = parseRoute();
  clear(view);
  try {
    if (!parts.length) await storiesPage(params);
    else if (parts[0] === "story" && parts[1]) await storyPage(parts[1], params);
    else if (parts[0] === "event" && parts[1]) await eventPage(parts[1]);
    else if (parts[0] === "entity" && parts[1]) await entityPage(parts[1], params);
    else if (parts[0] === "article" && parts[1]) await articlePage(parts[1]);
    else if (parts[0] === "search") await searchPage(params.get("q") || "");
    else if (parts[0] === "conflicts") await conflictsPage();
    else view.appendChild(h("p", {}, "No such page. ", link("/", "All stories")));
  } catch (err) {
    view.appendChild(failed(err));
  }
}

// -- stories ----------------------------------------------------------------------------------------
async function storiesPage(params) {
  const offset = +params.get("offset") || 0;
  const [page, stats] = await Promise.all([api("/stories", {limit: 100, offset}), api("/stats")]);
  view.append(h("h1", {}, "Stories"),
    h("p", {class: "muted"}, `${stats.stories} stories from ${stats.articles} articles; ${stats.events} events, `
      + `${stats.entities} entities, ${stats.conflicts} conflicts between sources.`));
  const rows = page.items.map((st) => h("tr", {},
    h("td", {}, link(`/story/${encodeURIComponent(st.id)}`, st.label || st.id)),
    h("td", {class: "nowrap"}, `${st.start || "?"} \u2013 ${st.end || "?"}`),
    h("td", {class: "num"}, String(st.article_count))));
  view.appendChild(h("table", {class: "list stories"},
    h("thead", {}, h("tr", {}, h("th", {}, "Story"), h("th", {}, "Span"), h("th", {class: "num"}, "Articles"))),
    h("tbody", {}, rows)));
  view.appendChild(pager(offset, page, (o) => `/?offset=${o}`));
}

function pager(offset, page, routeFor) {
  const nav = h("nav", {class: "pager"});
  if (offset > 0) nav.appendChild(link(routeFor(Math.max(offset - page.limit, 0)), "\u2190 Previous"));
  if (page.next_offset !== null) nav.appendChild(link(routeFor(page.next_offset), "Next \u2192"));
  return nav;
}

// -- a story: timeline, sources, network, conflicts --------------------------------------------------
async function storyPage(id, params) {
  const [st, net] = await Promise.all([api(`/stories/${encodeURIComponent(id)}`),
                                       api(`/stories/${encodeURIComponent(id)}/network`)]);
  const filters = {
    status: params.getAll("status").length ? params.getAll("status") : LANES,
    statements: params.get("statements") === "true",
    min_sources: +params.get("min_sources") || 1,
    date_from: params.get("from") || "", date_to: params.get("to") || "",
    entity: params.get("entity") || "",
  };
  const entityName = filters.entity ? (net.nodes.find((n) => n.id === filters.entity) || {}).name || filters.entity : "";
  view.append(h("h1", {}, st.label || st.id),
    h("p", {class: "muted"}, `${st.start || "?"} \u2013 ${st.end || "?"} \u00b7 ${st.article_count} articles \u00b7 `
      + `${st.event_count} events`),
    st.summary ? h("p", {class: "summary"}, st.summary) : null);
  view.appendChild(filterForm(id, filters, entityName));
  const tlBox = h("div", {class: "tl-box"});
  const status = h("p", {class: "muted", "aria-live": "polite"});
  const sources = h("div", {id: "sources", class: "sources"});
  const listBox = h("div", {class: "event-list"});
  const netBox = h("div", {class: "net-box"});
  view.append(section("Timeline", status, tlBox),
    section("Sources", sources),
    h("div", {class: "two"}, section("Events in view", listBox), section("Who deals with whom", netBox)));
  sources.appendChild(h("p", {class: "muted"}, "Choose an event on the timeline or in the list to read its sources side by side."));

  const open = async (eventId) => {
    tl.select(eventId);
    const p = new URLSearchParams(parseRoute().params);
    p.set("event", eventId);
    history.replaceState(null, "", `#/story/${encodeURIComponent(id)}?${p}`);
    await showEvent(eventId, sources);
  };
  const tl = new Timeline(tlBox, (eid) => open(eid).catch((e) => sources.replaceChildren(failed(e))));
  let listTimer = null;
  const renderList = () => { clearTimeout(listTimer); listTimer = setTimeout(() => eventList(listBox, tl.visible || [], open), 120); };
  const origRender = tl.render.bind(tl);
  tl.render = () => { origRender(); renderList(); };

  drawNetwork(netBox, net, (node) => {
    const p = new URLSearchParams(parseRoute().params);
    p.set("entity", node.id);
    p.delete("event");
    location.hash = `#/story/${encodeURIComponent(id)}?${p}`;
  }, filters.entity);
  netBox.appendChild(h("p", {class: "muted"}, "Circle: events taken part in. Line: events shared. Choose a name to show only its events."));

  const loaded = [];
  status.textContent = "Loading events\u2026";
  let offset = 0;
  while (offset !== null && loaded.length < TIMELINE_MAX) {
    const page = await api(`/stories/${encodeURIComponent(id)}/timeline`, {
      status: filters.status, statements: filters.statements, min_sources: filters.min_sources,
      date_from: filters.date_from, date_to: filters.date_to, entity: filters.entity,
      limit: TIMELINE_PAGE, offset});
    loaded.push(...page.items);
    offset = page.next_offset;
  }
  status.textContent = `${loaded.length} dated events` + (offset !== null ? ` (the first ${loaded.length}; narrow the dates to see the rest)` : "")
    + ". Drag to pan, scroll or use the buttons to zoom; Tab to an event and press Enter to open it.";
  tl.setEvents(loaded);
  if (params.get("event")) await open(params.get("event")).catch((e) => sources.replaceChildren(failed(e)));
  const conflicts = await api("/conflicts", {story: id});
  if (conflicts.items.length) view.appendChild(section("Where sources disagree", conflictList(conflicts.items)));
  view.appendChild(section("Articles", articleTable(st.articles)));
}

function filterForm(id, f, entityName) {
  const boxes = LANES.map((l) => h("label", {class: "check"},
    h("input", {type: "checkbox", name: "status", value: l, checked: f.status.includes(l)}), " ", l));
  const form = h("form", {class: "filters", "aria-label": "Timeline filters"},
    h("fieldset", {}, h("legend", {}, "Status"), boxes),
    h("label", {class: "check"}, h("input", {type: "checkbox", name: "statements", checked: f.statements}), " statements"),
    h("label", {}, "Sources \u2265 ", h("input", {type: "number", name: "min_sources", min: 1, value: f.min_sources, class: "short"})),
    h("label", {}, "From ", h("input", {type: "text", name: "from", value: f.date_from, placeholder: "YYYY-MM-DD", class: "date", pattern: "\\d{4}(-\\d{2}(-\\d{2})?)?"})),
    h("label", {}, "to ", h("input", {type: "text", name: "to", value: f.date_to, placeholder: "YYYY-MM-DD", class: "date", pattern: "\\d{4}(-\\d{2}(-\\d{2})?)?"})),
    h("button", {type: "submit"}, "Apply"));
  if (f.entity) {
    form.appendChild(h("span", {class: "chip"}, "Only events with ", h("strong", {}, entityName), " \u2014 ",
      link(`/entity/${encodeURIComponent(f.entity)}`, "open its page"), " \u00b7 ",
      link(`/story/${encodeURIComponent(id)}`, "show everyone")));
  }
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const p = new URLSearchParams();
    for (const b of form.querySelectorAll("input[name=status]:checked")) p.append("status", b.value);
    if (form.statements.checked) p.set("statements", "true");
    if (+form.min_sources.value > 1) p.set("min_sources", form.min_sources.value);
    if (form.from.value.trim()) p.set("from", form.from.value.trim());
    if (form.to.value.trim()) p.set("to", form.to.value.trim());
    if (f.entity) p.set("entity", f.entity);
    location.hash = `#/story/${encodeURIComponent(id)}?${p}`;
  });
  return form;
}

function eventList(box, events, open) {
  const shown = [...events].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : b.salience - a.salience)).slice(0, LIST_MAX);
  const rows = shown.map((e) => h("tr", {},
    h("td", {class: "nowrap"}, dateText(e)), h("td", {}, e.type), h("td", {}, status(e.status)),
    h("td", {}, h("button", {type: "button", class: "linkish", onclick: () => open(e.id)}, e.summary)),
    h("td", {}, who(e))));
  box.replaceChildren(
    events.length > LIST_MAX ? h("p", {class: "muted"}, `${LIST_MAX} of ${events.length} in view; zoom in for the rest.`) : "",
    rows.length ? h("table", {class: "list events"}, h("thead", {}, h("tr", {}, h("th", {}, "Date"), h("th", {}, "Type"),
      h("th", {}, "Status"), h("th", {}, "What"), h("th", {}, "Who"))), h("tbody", {}, rows))
      : h("p", {class: "muted"}, "No events in view."));
}

function articleTable(articles) {
  return h("table", {class: "list"}, h("tbody", {}, articles.map((a) => h("tr", {},
    h("td", {class: "nowrap"}, a.published || "?"),
    h("td", {}, link(`/article/${encodeURIComponent(a.id)}`, a.title || a.id)),
    h("td", {class: "muted"}, a.duplicate_of ? `near-copy of ${a.duplicate_of}` : "")))));
}

// -- an event's sources side by side -----------------------------------------------------------------
async function showEvent(eventId, box) {
  box.replaceChildren(h("p", {class: "muted"}, "Loading sources\u2026"));
  const ev = await api(`/events/${encodeURIComponent(eventId)}`);
  box.replaceChildren(
    h("div", {class: "event-head"},
      h("h3", {}, `${dateText(ev)} \u00b7 ${ev.type} `, status(ev.status)),
      h("p", {}, who(ev)), h("p", {class: "summary"}, ev.summary),
      h("p", {class: "muted"}, `${ev.source_count} source sentences in ${ev.articles.length} articles \u00b7 `,
        link(`/event/${encodeURIComponent(ev.id)}`, "link to this event"))),
    await sideBySide(ev.sources));
}

// Articles next to each other, each with the cited sentences highlighted at their offsets.
async function sideBySide(sources) {
  const byArticle = new Map();
  for (const src of sources) {
    if (!byArticle.has(src.article)) byArticle.set(src.article, []);
    byArticle.get(src.article).push(src);
  }
  const articles = await Promise.all([...byArticle.keys()].map((aid) => api(`/articles/${encodeURIComponent(aid)}`)));
  const cols = h("div", {class: "columns"});
  articles.forEach((art) => {
    const spans = byArticle.get(art.id).map((x) => [x.start, x.end, "source"]);
    const body = articleText(art.text, spans);
    const col = h("article", {class: "column", "aria-label": art.title || art.id},
      h("h4", {}, link(`/article/${encodeURIComponent(art.id)}`, art.title || art.id)),
      h("p", {class: "muted"}, `${art.published || "undated"}${art.published_source ? " (" + art.published_source + ")" : ""}`,
        art.duplicate_of ? ` \u00b7 near-copy of ${art.duplicate_of}` : "", art.url ? " \u00b7 " : "", art.url ? safeLink(art.url) : ""),
      body);
    cols.appendChild(col);
  });
  requestAnimationFrame(() => {        // bring each column's first highlight into view
    for (const col of cols.querySelectorAll(".article-text")) {
      const m = col.querySelector("mark");
      if (m) col.scrollTop = Math.max(m.offsetTop - col.offsetTop - 40, 0);
    }
  });
  return cols;
}

// The article's text as text nodes, the [start, end) spans wrapped in <mark> (overlaps merged).
function articleText(text, spans, onMark) {
  const sorted = spans.filter(([a, b]) => a < b && a >= 0 && b <= text.length).sort((x, y) => x[0] - y[0] || y[1] - x[1]);
  const merged = [];
  for (const sp of sorted) {
    const last = merged[merged.length - 1];
    if (last && sp[0] < last[1]) { last[1] = Math.max(last[1], sp[1]); last[3].push(...(sp[3] || [])); }
    else merged.push([sp[0], sp[1], sp[2], [...(sp[3] || [])]]);
  }
  const div = h("div", {class: "article-text", tabindex: "0"});
  let at = 0;
  for (const [a, b, kind, refs] of merged) {
    if (a > at) div.appendChild(document.createTextNode(text.slice(at, a)));
    const m = h("mark", {class: kind}, text.slice(a, b));
    if (onMark) onMark(m, refs);
    div.appendChild(m);
    at = b;
  }
  if (at < text.length) div.appendChild(document.createTextNode(text.slice(at)));
  return div;
}

async function eventPage(id) {
  const ev = await api(`/events/${encodeURIComponent(id)}`);
  const box = h("div", {class: "sources"});
  view.append(h("p", {}, ev.story ? link(`/story/${encodeURIComponent(ev.story)}?event=${encodeURIComponent(id)}`, "\u2190 on its story's timeline") : ""),
    h("h1", {}, `Event ${ev.id}`), box);
  await showEvent(id, box);
}

async function articlePage(id) {
  const art = await api(`/articles/${encodeURIComponent(id)}`);
  view.append(h("h1", {}, art.title || art.id),
    h("p", {class: "muted"}, `${art.published || "undated"}${art.published_source ? " (" + art.published_source + ")" : ""} \u00b7 `,
      art.story ? link(`/story/${encodeURIComponent(art.story)}`, `story ${art.story}`) : "no story",
      art.url ? " \u00b7 " : "", art.url ? safeLink(art.url) : "", ` \u00b7 ${art.source}`),
    art.duplicate_of ? h("p", {}, "Near-copy of ", link(`/article/${encodeURIComponent(art.duplicate_of)}`, art.duplicate_of)) : "",
    art.duplicates.length ? h("p", {}, "Near-copies: ", art.duplicates.map((d, i) => [i ? ", " : "", link(`/article/${encodeURIComponent(d)}`, d)])) : "",
    art.reuses.length ? h("p", {}, "Shares sentences with: ", art.reuses.map((r, i) => [i ? ", " : "",
      link(`/article/${encodeURIComponent(r.article)}`, r.article), ` (${r.shared_sentences})`])) : "");
  const spans = art.citations.map((c) => [c.start, c.end, "cited", [c]]);
  const text = articleText(art.text, spans, (m, refs) => {
    m.setAttribute("title", refs.map((c) => `${c.date || "undated"} ${c.type} (${c.status})`).join("\n"));
    actionable(m, `Open event: ${refs.map((c) => c.type).join(", ")}`, () => { location.hash = `#/event/${encodeURIComponent(refs[0].event)}`; });
  });
  text.classList.add("full");
  view.append(section("Text", h("p", {class: "muted"}, "Highlighted: sentences that events cite (Enter opens the event)."), text));
}

// -- entities -------------------------------------------------------------------------------------------
async function entityPage(id, params) {
  const offset = +params.get("offset") || 0;
  const e = await api(`/entities/${encodeURIComponent(id)}`, {events_limit: 100, events_offset: offset});
  view.append(h("h1", {}, e.name), h("p", {class: "muted"}, `${e.type} \u00b7 ${e.mentions} mentions`),
    e.aliases.length ? h("p", {}, h("strong", {}, "Also called: "), e.aliases.join("; ")) : "",
    e.stories.length ? h("p", {}, h("strong", {}, "Stories: "), e.stories.map((sid, i) => [i ? ", " : "",
      link(`/story/${encodeURIComponent(sid)}?entity=${encodeURIComponent(e.id)}`, sid)])) : "");
  if (e.roles.length) view.appendChild(section("Roles over time", roleStrip(e.roles, e.events.items)));
  const rows = e.events.items.map((ev) => h("tr", {},
    h("td", {class: "nowrap"}, dateText(ev)), h("td", {}, ev.type), h("td", {}, status(ev.status)),
    h("td", {}, link(`/event/${encodeURIComponent(ev.id)}`, ev.summary)), h("td", {}, who(ev))));
  view.appendChild(section("Events", rows.length ? h("table", {class: "list events"}, h("tbody", {}, rows)) : h("p", {class: "muted"}, "None."),
    pager(offset, e.events, (o) => `/entity/${encodeURIComponent(id)}?offset=${o}`)));
  if (e.quotes.length) {
    view.appendChild(section("Quotes", h("ul", {class: "quotes"}, e.quotes.map((q) => h("li", {},
      h("blockquote", {}, `\u201c${q.text}\u201d`),
      h("span", {class: "muted"}, `${q.date || "undated"} \u00b7 `), link(`/article/${encodeURIComponent(q.article)}`, q.article))))));
  }
}

// Each role as a bar over the time it was held (open ends run to the edge of the strip).
function roleStrip(roles, events) {
  const times = [];
  for (const r of roles) for (const d of [r.start, r.end]) { const p = period(d); if (p) times.push(p[0], p[1]); }
  for (const ev of events) { const p = period(ev.date); if (p) times.push(p[0], p[1]); }
  const W = 720, L = 8, rowH = 22;
  const lo = times.length ? Math.min(...times) - 3 * DAY : Date.UTC(2000, 0, 1), hi = times.length ? Math.max(...times) + 3 * DAY : lo + 365 * DAY;
  const x = (t) => L + (t - lo) / (hi - lo) * (W - 2 * L);
  const H = roles.length * rowH + 24;
  const svg = s("svg", {class: "roles", viewBox: `0 0 ${W} ${H}`, width: "100%", role: "img",
                        "aria-label": roles.map((r) => `${r.role} from ${r.start || "?"} to ${r.end || "?"}`).join("; ")});
  roles.forEach((r, i) => {
    const a = r.start ? x(period(r.start)[0]) : L, b = r.end ? x(period(r.end)[1]) : W - L;
    const y = i * rowH + 4;
    svg.append(s("rect", {x: a, y, width: Math.max(b - a, 4), height: rowH - 6, rx: 3, class: r.end ? "closed" : "open"}),
      s("text", {x: a + 4, y: y + rowH - 11}, `${r.role} (${r.start || "?"} \u2013 ${r.end || ""})`));
  });
  svg.append(s("text", {x: L, y: H - 4, class: "muted-svg"}, fmtDay(lo)), s("text", {x: W - L, y: H - 4, "text-anchor": "end", class: "muted-svg"}, fmtDay(hi)));
  return svg;
}

// -- search and conflicts --------------------------------------------------------------------------------
async function searchPage(q) {
  document.getElementById("q").value = q;
  view.appendChild(h("h1", {}, "Search: ", q));
  if (!q.trim()) { view.appendChild(h("p", {class: "muted"}, "Type a name or words from an event.")); return; }
  const r = await api("/search", {q, limit: 50});
  view.append(section("Entities", r.entities.length ? h("ul", {class: "results"}, r.entities.map((e) => h("li", {},
      entityLink(e), h("span", {class: "muted"}, ` ${e.type} \u00b7 ${e.mentions} mentions`),
      e.aliases.length ? h("span", {class: "muted"}, ` \u00b7 also ${e.aliases.slice(0, 4).join(", ")}`) : "")))
    : h("p", {class: "muted"}, "No entity by that name.")),
  section("Events", r.events.length ? h("ul", {class: "results"}, r.events.map((e) => h("li", {},
      h("span", {class: "nowrap"}, dateText(e), " "), status(e.status), " ",
      link(`/event/${encodeURIComponent(e.id)}`, e.summary))))
    : h("p", {class: "muted"}, "No event mentions that.")));
}

async function conflictsPage() {
  const r = await api("/conflicts", {limit: 200});
  view.append(h("h1", {}, "Where sources disagree"),
    r.items.length ? conflictList(r.items) : h("p", {class: "muted"}, "No conflicts found between sources."));
}

function conflictList(items) {
  return h("ul", {class: "conflicts"}, items.map((c) => {
    const box = h("div", {class: "sources"});
    const cite = (x) => h("li", {}, h("q", {}, x.sentence), " ",
      h("span", {class: "muted"}, `\u2014 ${x.title || x.article}, ${x.published || "undated"}`));
    // each side's value with the sentences that give it; a conflict without sides lists its sources
    const told = c.sides && c.sides.length
      ? h("ul", {class: "sides"}, c.sides.map((side) => h("li", {}, h("strong", {}, side.value),
          h("ul", {}, side.sources.map(cite)))))
      : h("ul", {}, c.sources.map(cite));
    return h("li", {}, h("p", {}, h("strong", {}, c.kind), ": ", c.description), told,
      h("button", {type: "button", onclick: async () => box.replaceChildren(await sideBySide(c.sources))}, "Read the sources side by side"),
      box);
  }));
}

document.getElementById("search").addEventListener("submit", (ev) => {
  ev.preventDefault();
  const q = document.getElementById("q").value.trim();
  location.hash = `#/search?q=${encodeURIComponent(q)}`;
});
window.addEventListener("hashchange", route);
route();
