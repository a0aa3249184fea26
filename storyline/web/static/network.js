// The actor network: entities of a story (circle size: how many of its events they take part in),
// lines between those who share events (width: how many). Laid out by a small force simulation,
// started from a circle in the order the API gives (most prominent first), so it is the same every time.
import {actionable, clear, s} from "./dom.js";

const ITERATIONS = 300;
const GRAVITY = 0.3;           // against the repulsion that would push unlinked nodes far apart
const PULL = 0.3;              // how hard a shared event draws two together (grows with their number)
const MARGIN = 24, LABEL_ROOM = 150;

export function layout(nodes, edges, W, H) {
  const n = nodes.length, pos = nodes.map((_, i) => {
    const a = 2 * Math.PI * i / Math.max(n, 1), r = Math.min(W, H) * (0.15 + 0.3 * (i % 3) / 2);
    return {x: W / 2 + r * Math.cos(a), y: H / 2 + r * Math.sin(a)};
  });
  const index = new Map(nodes.map((nd, i) => [nd.id, i]));
  const links = edges.map((e) => [index.get(e.source), index.get(e.target), e.weight])
    .filter(([a, b]) => a !== undefined && b !== undefined);
  const k = Math.sqrt(W * H / Math.max(n, 1)) * 0.7;
  for (let it = 0; it < ITERATIONS; it++) {
    const temp = (W / 8) * (1 - it / ITERATIONS) + 1;
    const disp = pos.map(() => ({x: 0, y: 0}));
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let dx = pos[i].x - pos[j].x, dy = pos[i].y - pos[j].y;
        const d = Math.max(Math.hypot(dx, dy), 0.5), f = k * k / d;
        dx /= d; dy /= d;
        disp[i].x += dx * f; disp[i].y += dy * f; disp[j].x -= dx * f; disp[j].y -= dy * f;
      }
    }
    for (const [a, b, w] of links) {
      let dx = pos[a].x - pos[b].x, dy = pos[a].y - pos[b].y;
      const d = Math.max(Math.hypot(dx, dy), 0.5), f = d * d / k * PULL * (1 + Math.log(w));
      dx /= d; dy /= d;
      disp[a].x -= dx * f; disp[a].y -= dy * f; disp[b].x += dx * f; disp[b].y += dy * f;
    }
    for (let i = 0; i < n; i++) {
      const gx = W / 2 - pos[i].x, gy = H / 2 - pos[i].y;     // a pull to the middle keeps loners near
      disp[i].x += gx * Math.hypot(gx, gy) / k * GRAVITY;
      disp[i].y += gy * Math.hypot(gx, gy) / k * GRAVITY;
      const d = Math.max(Math.hypot(disp[i].x, disp[i].y), 0.01), step = Math.min(d, temp);
      pos[i].x += disp[i].x / d * step;
      pos[i].y += disp[i].y / d * step;
    }
  }
  return fit(pos, W, H);
}

// Scale the layout into the box, leaving room for the labels on the right.
function fit(pos, W, H) {
  const xs = pos.map((p) => p.x), ys = pos.map((p) => p.y);
  const x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
  const sx = (W - MARGIN - LABEL_ROOM) / Math.max(x1 - x0, 1), sy = (H - 2 * MARGIN) / Math.max(y1 - y0, 1);
  return pos.map((p) => ({x: x1 > x0 ? MARGIN + (p.x - x0) * sx : W / 2, y: y1 > y0 ? MARGIN + (p.y - y0) * sy : H / 2}));
}

export function drawNetwork(root, net, onPick, selected) {
  const W = Math.max(root.clientWidth || 640, 320), H = Math.round(Math.min(Math.max(W * 0.6, 320), 560));
  const svg = s("svg", {class: "network", width: W, height: H, viewBox: `0 0 ${W} ${H}`, role: "group",
                        "aria-label": "Who takes part in events with whom"});
  clear(root).appendChild(svg);
  if (!net.nodes.length) {
    svg.appendChild(s("text", {x: 12, y: 30, class: "muted-svg"}, "No participants to draw."));
    return;
  }
  const pos = layout(net.nodes, net.edges, W, H);
  const at = new Map(net.nodes.map((nd, i) => [nd.id, pos[i]]));
  const maxW = Math.max(...net.edges.map((e) => e.weight), 1);
  const maxP = Math.max(...net.nodes.map((nd) => nd.prominence), 1);
  const lines = s("g", {class: "edges", "aria-hidden": "true"});
  for (const e of net.edges) {
    const a = at.get(e.source), b = at.get(e.target);
    if (!a || !b) continue;
    lines.appendChild(s("line", {x1: a.x, y1: a.y, x2: b.x, y2: b.y, "stroke-width": 1 + 5 * e.weight / maxW},
                        s("title", {}, `${e.weight} shared events`)));
  }
  svg.appendChild(lines);
  const nodes = s("g", {class: "nodes"});
  net.nodes.forEach((nd, i) => {
    const r = 5 + 13 * Math.sqrt(nd.prominence / maxP), p = pos[i];
    const g = s("g", {class: `node type-${(nd.type || "x").toLowerCase()}` + (nd.id === selected ? " selected" : ""),
                      "data-id": nd.id},
      s("circle", {cx: p.x, cy: p.y, r}),
      s("text", {x: p.x + r + 3, y: p.y + 4}, nd.name),
      s("title", {}, `${nd.name}: ${nd.prominence} events`));
    actionable(g, `${nd.name}, ${nd.prominence} events: show them on the timeline`, () => onPick(nd));
    nodes.appendChild(g);
  });
  svg.appendChild(nodes);
}
