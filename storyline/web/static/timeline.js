// The story timeline: one lane per status (occurred, planned, cancelled, uncertain), time across.
// Zoom with the wheel or the +/- buttons, pan by dragging or with the arrow buttons; every event is
// focusable and opens with Enter. Drawn in SVG by hand.
import {DAY, actionable, clear, fmtDay, h, period, s} from "./dom.js";

export const LANES = ["occurred", "planned", "cancelled", "uncertain"];
const LEFT = 96, RIGHT = 16, TOP = 28, ROW = 14, LANE_PAD = 10;
const MIN_SPAN = 2 * DAY;                  // zoomed in no further than two days across
const STEPS = [                            // tick steps, finest first
  ["days", 1], ["days", 2], ["days", 7], ["days", 14], ["months", 1], ["months", 3], ["months", 6],
  ["years", 1], ["years", 2], ["years", 5], ["years", 10], ["years", 25], ["years", 50], ["years", 100]];
const MIN_TICK_PX = 90;

export class Timeline {
  constructor(root, onOpen) {
    this.onOpen = onOpen;
    this.events = [];
    this.selected = null;
    const zoom = (f) => () => this.zoomBy(f, 0.5);
    const pan = (f) => () => this.panBy(f);
    this.controls = h("div", {class: "tl-controls", role: "toolbar", "aria-label": "Timeline zoom and pan"},
      h("button", {type: "button", onclick: pan(-0.25), title: "Earlier"}, "\u2190"),
      h("button", {type: "button", onclick: zoom(0.5), title: "Zoom in"}, "+"),
      h("button", {type: "button", onclick: zoom(2), title: "Zoom out"}, "\u2212"),
      h("button", {type: "button", onclick: pan(0.25), title: "Later"}, "\u2192"),
      h("button", {type: "button", onclick: () => this.reset(), title: "Whole story"}, "Fit"));
    this.svg = s("svg", {class: "timeline", role: "group", "aria-label": "Timeline of the story's events"});
    this.range = h("span", {class: "muted tl-range"});
    this.controls.appendChild(this.range);
    clear(root).append(this.controls, this.svg);
    this._interact();
    this._resize = new ResizeObserver(() => this.render());
    this._resize.observe(this.svg);
  }

  setEvents(events) {
    this.events = events.map((e) => ({e, p: period(e.date, e.date_end)})).filter((x) => x.p);
    this.reset();
  }

  reset() {
    if (!this.events.length) { this.domain = null; this.render(); return; }
    let lo = Infinity, hi = -Infinity;
    for (const {p} of this.events) { lo = Math.min(lo, p[0]); hi = Math.max(hi, p[1]); }
    const pad = Math.max((hi - lo) * 0.04, DAY);
    this.domain = [lo - pad, hi + pad];
    this.view = [...this.domain];
    this.render();
  }

  select(id) { this.selected = id; this.render(); }

  width() { return Math.max(this.svg.clientWidth || 800, 300); }

  x(t) { const [a, b] = this.view; return LEFT + (t - a) / (b - a) * (this.width() - LEFT - RIGHT); }

  t(x) { const [a, b] = this.view; return a + (x - LEFT) / (this.width() - LEFT - RIGHT) * (b - a); }

  zoomBy(factor, at) {                 // at: 0..1 across the plot, the point that stays put
    if (!this.domain) return;
    const [a, b] = this.view, full = this.domain[1] - this.domain[0];
    const span = Math.min(Math.max((b - a) * factor, MIN_SPAN), full * 4);
    const pivot = a + (b - a) * at;
    this.view = [pivot - (pivot - a) * span / (b - a), pivot + (b - pivot) * span / (b - a)];
    this.render();
  }

  panBy(fraction) {
    if (!this.domain) return;
    const d = (this.view[1] - this.view[0]) * fraction;
    this.view = [this.view[0] + d, this.view[1] + d];
    this.render();
  }

  _interact() {
    this.svg.addEventListener("wheel", (ev) => {
      ev.preventDefault();
      const box = this.svg.getBoundingClientRect();
      const at = (ev.clientX - box.left - LEFT) / (box.width - LEFT - RIGHT);
      this.zoomBy(Math.exp(ev.deltaY * 0.002), Math.min(Math.max(at, 0), 1));
    }, {passive: false});
    let drag = null;
    this.svg.addEventListener("pointerdown", (ev) => {
      if (!this.domain || ev.button !== 0) return;
      drag = {x: ev.clientX, view: [...this.view], moved: false};
    });
    this.svg.addEventListener("pointermove", (ev) => {
      if (!drag) return;
      const dx = ev.clientX - drag.x;
      if (Math.abs(dx) > 3 && !drag.moved) { drag.moved = true; this.svg.setPointerCapture(ev.pointerId); }
      if (!drag.moved) return;
      const dt = dx / (this.width() - LEFT - RIGHT) * (drag.view[1] - drag.view[0]);
      this.view = [drag.view[0] - dt, drag.view[1] - dt];
      this.render();
    });
    const end = (ev) => {
      if (drag && drag.moved) {       // a drag is no click on the event under the pointer
        this.svg.addEventListener("click", (c) => c.stopPropagation(), {capture: true, once: true});
      }
      drag = null;
    };
    this.svg.addEventListener("pointerup", end);
    this.svg.addEventListener("pointercancel", end);
  }

  _ticks() {
    const [a, b] = this.view, plot = this.width() - LEFT - RIGHT;
    let unit = "years", n = 100;
    for (const [u, k] of STEPS) {
      const ms = u === "days" ? k * DAY : u === "months" ? k * 30.44 * DAY : k * 365.25 * DAY;
      if (ms / (b - a) * plot >= MIN_TICK_PX) { unit = u; n = k; break; }
    }
    const d = new Date(a), out = [];
    let t;
    if (unit === "days") t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
    else if (unit === "months") t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - d.getUTCMonth() % n, 1);
    else t = Date.UTC(d.getUTCFullYear() - d.getUTCFullYear() % n, 0, 1);
    while (t <= b && out.length < 200) {
      if (t >= a) out.push(t);
      const c = new Date(t);
      if (unit === "days") t += n * DAY;
      else if (unit === "months") t = Date.UTC(c.getUTCFullYear(), c.getUTCMonth() + n, 1);
      else t = Date.UTC(c.getUTCFullYear() + n, 0, 1);
    }
    return {ticks: out, unit: unit === "days" ? "days" : unit};
  }

  render() {
    const svg = clear(this.svg);
    if (!this.domain) {
      svg.setAttribute("height", 60);
      svg.appendChild(s("text", {x: 12, y: 34, class: "muted-svg"}, "No dated events match."));
      this.range.textContent = "";
      return;
    }
    const W = this.width(), [a, b] = this.view;
    this.range.textContent = `${fmtDay(a)} \u2013 ${fmtDay(b)}`;
    // rows inside each lane: an event takes the first row where it does not overlap the one before
    const lanes = Object.fromEntries(LANES.map((l) => [l, []]));
    const visible = this.events.filter(({p}) => p[1] >= a && p[0] <= b)
      .sort((p, q) => p.p[0] - q.p[0] || q.e.salience - p.e.salience || (p.e.id < q.e.id ? -1 : 1));
    const placed = [];
    for (const item of visible) {
      const lane = lanes[item.e.status] ? item.e.status : "uncertain";
      const x0 = this.x(item.p[0]), x1 = Math.max(this.x(item.p[1]), x0 + 8);
      const rows = lanes[lane];
      let r = rows.findIndex((endX) => endX + 4 < x0);
      if (r < 0) { r = rows.length; rows.push(0); }
      rows[r] = x1;
      placed.push({item, lane, row: r, x0, x1});
    }
    let y = TOP;
    const laneY = {};
    for (const l of LANES) {
      laneY[l] = y;
      y += Math.max(lanes[l].length, 1) * ROW + 2 * LANE_PAD;
    }
    const H = y + 4;
    svg.setAttribute("height", H);
    svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
    const {ticks, unit} = this._ticks();
    const axis = s("g", {class: "axis", "aria-hidden": "true"});
    for (const t of ticks) {
      const x = this.x(t);
      axis.append(s("line", {x1: x, x2: x, y1: TOP - 6, y2: H, class: "tick"}),
                  s("text", {x: x + 3, y: TOP - 10}, fmtDay(t, unit)));
    }
    svg.appendChild(axis);
    for (const l of LANES) {
      const h0 = Math.max(lanes[l].length, 1) * ROW + 2 * LANE_PAD;
      svg.append(s("rect", {x: 0, y: laneY[l], width: W, height: h0, class: `lane lane-${l}`}),
                 s("text", {x: 8, y: laneY[l] + LANE_PAD + 10, class: "lane-label"}, l));
    }
    const items = s("g", {class: "items"});
    for (const {item, lane, row, x0, x1} of placed) {
      const e = item.e, cy = laneY[lane] + LANE_PAD + row * ROW + ROW / 2;
      const g = s("g", {class: `ev ev-${lane}` + (e.id === this.selected ? " selected" : ""), "data-id": e.id});
      const long = item.p[1] - item.p[0] > 1.5 * DAY && x1 - x0 > 10;
      if (long) g.appendChild(s("rect", {x: x0, y: cy - 4, width: x1 - x0, height: 8, rx: 3}));
      else g.appendChild(s("circle", {cx: x0 + 4, cy, r: 5}));
      if (lane === "cancelled") g.appendChild(s("line", {x1: x0 - 2, x2: x1 + 2, y1: cy, y2: cy, class: "strike"}));
      const who = e.participants.map((p) => p.name).join(", ");
      const label = `${e.date} ${e.type} (${e.status})${who ? ": " + who : ""}`;
      g.appendChild(s("title", {}, `${label}\n${e.summary}`));
      actionable(g, label, () => this.onOpen(e.id));
      items.appendChild(g);
    }
    svg.appendChild(items);
    this.visible = placed.map((p) => p.item.e);
  }
}
