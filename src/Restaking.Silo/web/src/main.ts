// Contagion view: the run list (#/) and a run's page (#/runs/{id}). Hash routing, so any static host serves it.
import "./style.css";
import { eventsUrl, fileUrl, formatEth, getGraph, getRun, listRuns, type CascadeEvent, type EndMessage, type RunInfo,
  type TickMessage } from "./api";
import { Charts } from "./charts";
import { EventTable } from "./eventTable";
import { GraphView, KIND_COLOURS, MARK_COLOURS } from "./graphView";
import { RunData } from "./model";
import { exposeTestHooks, hooks } from "./testHooks";

const app = document.getElementById("app")!;
const tooltip = document.getElementById("tooltip")!;
let leave: (() => void) | null = null;

function route(): void {
  leave?.();
  leave = null;
  app.replaceChildren();
  const match = /^#\/runs\/(.+)$/.exec(location.hash);
  try {
    if (match) leave = showRun(decodeURIComponent(match[1]));
    else leave = showRunList();
  } catch (error) {
    hooks.error = String(error);
    app.replaceChildren(el("p", { className: "error" }, `the page failed: ${String(error)}`));
  }
}

window.addEventListener("hashchange", route);
exposeTestHooks();
route();

// ---------------------------------------------------------------- run list

function showRunList(): () => void {
  hooks.view = "runs";
  const title = el("h1", {}, "Runs");
  const note = el("p", { className: "muted" }, "Every run this cluster knows: live, finished and failed. Refreshes every 2 s.");
  const table = el("table", { id: "runs" });
  app.append(title, note, table);
  let stopped = false;
  let timer = 0;
  const refresh = async () => {
    try {
      const runs = await listRuns();
      if (stopped) return;
      renderRunTable(table, runs);
      hooks.runs = runs.map((r) => r.id);
    } catch (error) {
      table.replaceChildren(el("tr", {}, el("td", { className: "error" }, `cannot list runs: ${(error as Error).message}`)));
    }
    if (!stopped) timer = window.setTimeout(refresh, 2000);
  };
  void refresh();
  return () => {
    stopped = true;
    window.clearTimeout(timer);
  };
}

function renderRunTable(table: HTMLElement, runs: RunInfo[]): void {
  const head = el("tr", {}, ...["run", "scenario", "status", "progress", "started (UTC)", ""].map((h) => el("th", {}, h)));
  const rows = runs.map((r) =>
    el("tr", { dataset: { runId: r.id } },
      el("td", {}, el("a", { href: `#/runs/${encodeURIComponent(r.id)}` }, r.id)),
      el("td", {}, r.scenario),
      el("td", {}, statusBadge(r.status)),
      el("td", { className: "num" }, `${r.ticksDone} / ${r.ticks} ticks`),
      el("td", {}, r.startedUtc ? r.startedUtc.replace("T", " ").replace(/\.\d+/, "").replace("Z", "") : ""),
      el("td", { className: "error" }, r.error ?? ""),
    ));
  if (rows.length === 0) rows.push(el("tr", {}, el("td", { colSpan: 6, className: "muted" }, "No runs yet: start one with `restaking run SCENARIO --hold`.")));
  table.replaceChildren(el("thead", {}, head), el("tbody", {}, ...rows));
}

function statusBadge(status: string): HTMLElement {
  return el("span", { className: `status ${status}`, dataset: { status } }, status);
}

// ---------------------------------------------------------------- one run

function showRun(id: string): () => void {
  Object.assign(hooks, { view: "run", runId: id, status: null, nodeCount: 0, edgeCount: 0, marked: [], tick: -1, round: 0,
    ticksDone: 0, events: 0, ended: false, chartPoints: {}, renderError: null, error: null, graphBuildMs: 0,
    renders: { count: 0, totalMs: 0, maxMs: 0, lastMs: 0 } });
  const run = new RunData();
  let graph: GraphView | null = null;
  let status: RunInfo["status"] = "running";
  let closed = false;
  let source: EventSource | null = null;
  let retry = 0;

  // ---- skeleton
  const head = el("div", { className: "run-head" });
  const figures = el("div", { className: "figures" });
  const slider = el("input", { type: "range", id: "tick-slider", min: "0", max: "0", value: "0", step: "1" }) as HTMLInputElement;
  const roundSlider = el("input", { type: "range", id: "round-slider", min: "0", max: "0", value: "0", step: "1" }) as HTMLInputElement;
  const tickLabel = el("span", { className: "tick-label", id: "tick-label" }, "tick –");
  const play = el("button", { id: "play", type: "button" }, "▶ replay wave");
  const search = el("input", { type: "search", id: "search", placeholder: "find entity by id…", list: "entity-ids" }) as HTMLInputElement;
  const entityIds = el("datalist", { id: "entity-ids" });
  const searchNote = el("span", { className: "muted" });
  const controls = el("div", { className: "controls" },
    el("label", {}, "tick ", slider), el("label", {}, "round ", roundSlider), tickLabel, play,
    el("label", {}, search), entityIds, searchNote,
    el("a", { href: fileUrl(id, "report.html"), target: "_blank" }, "report.html"),
    el("a", { href: fileUrl(id, "events.jsonl"), target: "_blank" }, "events.jsonl"),
    el("a", { href: fileUrl(id, "timeline.csv"), target: "_blank" }, "timeline.csv"));
  const graphHost = el("div", { id: "graph", dataset: { nodeCount: "0", edgeCount: "0", marked: "", tick: "-1" } });
  const legend = el("div", { className: "legend" });
  const chartsHost = el("div", { className: "charts", id: "charts" });
  const tableHost = el("section", { className: "events", id: "events" });
  app.append(head, figures, controls,
    el("div", { className: "layout" }, el("div", { className: "graph-panel" }, graphHost, legend), chartsHost), tableHost);

  // ---- replay point: (tick, round); "following" keeps it at the newest tick while a run is live
  let tick = 0;
  let round = Number.MAX_SAFE_INTEGER;
  let following = true;
  let endReceived = false;
  const charts = new Charts(chartsHost, (t) => setTick(t, true));
  const table = new EventTable(tableHost, (e) => {
    setTick(e.tick, true, e.round);
    graph?.focus(e.target);
  });

  const setTick = (t: number, byUser: boolean, r?: number) => {
    tick = Math.max(0, Math.min(t, Math.max(run.lastTick, 0)));
    if (byUser) following = tick >= run.lastTick && status === "running";
    round = r ?? Number.MAX_SAFE_INTEGER;
    scheduleRender();
  };
  slider.addEventListener("input", () => setTick(Number(slider.value), true));
  roundSlider.addEventListener("input", () => {
    round = Number(roundSlider.value);
    scheduleRender();
  });
  hooks.setTick = (t: number, r?: number) => setTick(t, true, r);

  let playing = 0;
  play.addEventListener("click", () => {
    if (playing) {
      window.clearInterval(playing);
      playing = 0;
      play.textContent = "▶ replay wave";
      return;
    }
    // Steps through every round of every tick that has events, from the current tick on: the wave as it spread.
    const steps: [number, number][] = [];
    for (let t = tick; t <= run.lastTick; t++) {
      const rounds = [...new Set(run.eventsOfTick(t).map((e) => e.round))].sort((a, b) => a - b);
      for (const r of rounds) steps.push([t, r]);
    }
    if (steps.length === 0) return;
    play.textContent = "■ stop";
    let i = 0;
    playing = window.setInterval(() => {
      const [t, r] = steps[i++];
      setTick(t, true, r);
      if (i >= steps.length) {
        window.clearInterval(playing);
        playing = 0;
        play.textContent = "▶ replay wave";
      }
    }, 450);
  });
  search.addEventListener("change", () => {
    const wanted = search.value.trim();
    if (!wanted) return;
    const ok = graph?.focus(wanted) ?? false;
    searchNote.textContent = ok ? "" : `no entity "${wanted}"`;
    table.setEntity(wanted);
  });

  // ---- rendering, at most once per animation frame however many ticks arrived
  let frame = 0;
  const scheduleRender = () => {
    if (!frame) frame = requestAnimationFrame(render);
  };
  const pending: TickMessage[] = [];
  let chartsDrawn = 0;
  let chartsTimer = 0;

  function render(): void {
    frame = 0;
    const started = performance.now();
    let added = false;
    for (const message of pending.splice(0)) added = run.add(message) || added;
    if (added) {
      table.setEvents(run.events);
    }
    if (following) tick = Math.max(run.lastTick, 0);
    if (endReceived) following = false;
    const maxRound = run.maxRound(tick);
    const shownRound = Math.min(round, maxRound);
    slider.max = String(Math.max(run.lastTick, 0));
    slider.value = String(tick);
    roundSlider.max = String(maxRound);
    roundSlider.value = String(shownRound);
    roundSlider.disabled = maxRound === 0;
    tickLabel.textContent = `tick ${tick} of ${Math.max(run.ticks - 1, run.lastTick)} · round ${shownRound}/${maxRound}`;

    const states = run.stateAt(tick, shownRound);
    const wave = run.eventsOfTick(tick).filter((e) => e.round <= shownRound);
    graph?.update(states, wave);
    const marked = graph?.marked() ?? [];
    graphHost.dataset.marked = marked.join(",");
    graphHost.dataset.tick = String(tick);
    hooks.marked = marked;
    hooks.tick = tick;
    hooks.round = shownRound;
    hooks.ticksDone = run.lastTick + 1;
    hooks.events = run.events.length;

    // Charts redraw at most 4 times a second while ticks stream in (ECharts redraws every series); the cursor still
    // follows the slider at once when nothing new arrived.
    const now = performance.now();
    if (!added || now - chartsDrawn >= 250) {
      charts.update(run, tick);
      chartsDrawn = now;
    } else if (!chartsTimer) {
      chartsTimer = window.setTimeout(() => { chartsTimer = 0; charts.update(run, tick); chartsDrawn = performance.now();
        hooks.chartPoints = { ...charts.points }; }, 250);
    }
    hooks.chartPoints = { ...charts.points };
    chartsHost.dataset.chartPoints = Object.values(charts.points).join(",");
    table.render(tick);
    renderHead();
    // How long a frame's work took: docs/contagion-view.md reads these to show the page stays responsive.
    const ms = performance.now() - started;
    hooks.renders.count++;
    hooks.renders.totalMs += ms;
    hooks.renders.maxMs = Math.max(hooks.renders.maxMs, ms);
    hooks.renders.lastMs = ms;
  }

  const eventsOf = (node: string, other?: string): CascadeEvent[] =>
    run.eventsUpTo(tick, round).filter((e) =>
      other === undefined ? e.source === node || e.target === node
        : (e.source === node && e.target === other) || (e.source === other && e.target === node));
  const hover = (text: string | null, x: number, y: number) => {
    tooltip.hidden = text === null;
    if (text === null) return;
    tooltip.textContent = text;
    tooltip.style.left = `${Math.min(x + 14, window.innerWidth - 580)}px`;
    tooltip.style.top = `${y + 14}px`;
  };

  let info: RunInfo | null = null;
  function renderHead(): void {
    const s = info ?? { id, scenario: "…", status, ticksDone: 0, ticks: 0 };
    head.replaceChildren(
      el("h1", {}, `${s.scenario}`), el("span", { className: "muted" }, `run ${id}`), statusBadge(status),
      el("span", {}, `${Math.max(run.lastTick + 1, s.ticksDone)} / ${run.ticks || s.ticks} ticks`),
      info?.error ? el("span", { className: "error" }, info.error) : el("span", {}));
    const row = run.row(tick);
    const items: [string, string][] = [];
    if (row) {
      items.push(["restaked", formatEth(row.restaked_value_gwei ?? 0)], ["slashed", formatEth(row.slashed_gwei ?? 0)],
        ["value lost", formatEth(row.value_lost_gwei ?? 0)], ["services compromised", String(row.services_compromised ?? 0)],
        ["operators slashed", String(row.operators_slashed ?? 0)]);
    }
    figures.replaceChildren(el("span", { className: "muted" }, `at tick ${tick}:`),
      ...items.map(([k, v]) => el("span", {}, `${k} `, el("b", {}, v))));
    hooks.status = status;
  }

  // ---- data: status, graph, then the stream (replayed from tick 0, live after that)
  const connect = () => {
    if (closed) return;
    // Take in what arrived, then stream again from the start of the newest tick (a cut tick is re-read whole).
    for (const message of pending.splice(0)) run.add(message);
    source = new EventSource(eventsUrl(id, run.dropLastTick()));
    source.addEventListener("tick", (m) => {
      retry = 0;
      pending.push(JSON.parse((m as MessageEvent).data) as TickMessage);
      scheduleRender();
    });
    source.addEventListener("end", (m) => {
      const end = JSON.parse((m as MessageEvent).data) as EndMessage;
      status = end.status;
      if (info) info.error = end.error;
      // Stop following only after the ticks that came with the end are drawn (render moves to the last one first).
      endReceived = true;
      source?.close();
      source = null;
      hooks.ended = true;
      void getRun(id).then((r) => { info = r; scheduleRender(); }).catch(() => undefined);
      scheduleRender();
    });
    source.onerror = () => {
      // EventSource would reconnect from tick 0 on its own; reconnect from the next tick instead.
      source?.close();
      source = null;
      if (!closed && !hooks.ended) window.setTimeout(connect, Math.min(5000, 500 * ++retry));
    };
  };

  (async () => {
    try {
      info = await getRun(id);
      status = info.status;
      run.ticks = info.ticks;
      const data = await getGraph(id);
      if (closed) return;
      const building = performance.now();
      graph = new GraphView(graphHost, data, eventsOf, hover);
      hooks.graphBuildMs = performance.now() - building;
      graphHost.dataset.nodeCount = String(graph.graph.order);
      graphHost.dataset.edgeCount = String(graph.graph.size);
      hooks.nodeCount = graph.graph.order;
      hooks.edgeCount = graph.graph.size;
      hooks.renderError = graph.renderError;
      entityIds.replaceChildren(...data.nodes.map((n) => el("option", { value: n.id })));
      renderLegend(legend, graph);
      connect();
      scheduleRender();
    } catch (error) {
      head.replaceChildren(el("h1", {}, `run ${id}`), el("span", { className: "error" }, (error as Error).message));
      hooks.error = (error as Error).message;
    }
  })();

  return () => {
    closed = true;
    source?.close();
    if (playing) window.clearInterval(playing);
    if (frame) cancelAnimationFrame(frame);
    graph?.kill();
    hover(null, 0, 0);
  };
}

function renderLegend(legend: HTMLElement, graph: GraphView): void {
  const dot = (colour: string, text: string) => el("div", {}, el("span", { className: "swatch", style: `background:${colour}` }), text);
  const kinds = new Set<string>();
  graph.graph.forEachNode((_, a) => kinds.add(a.kind as string));
  const items: HTMLElement[] = [el("h4", {}, "Entities")];
  for (const [kind, colour] of Object.entries(KIND_COLOURS)) {
    if (!kinds.has(kind) || kind === "service") continue;
    items.push(dot(colour, kind));
  }
  for (const sub of graph.serviceKinds) items.push(dot(graph.serviceColour(sub), `service: ${sub}`));
  if (kinds.has("service") && graph.serviceKinds.length === 0) items.push(dot(KIND_COLOURS.service, "service"));
  items.push(el("h4", {}, "Reached by contagion"));
  for (const [mark, colour] of Object.entries(MARK_COLOURS)) items.push(dot(colour, mark));
  items.push(el("div", { className: "muted" }, "size: stake (ETH); a slashed operator grows with the share slashed"));
  items.push(el("h4", {}, "Edges"), el("div", {}, el("span", { className: "edge", style: "background:#d62728" }), "this tick's wave"),
    el("div", { className: "muted" }, "width: stake on the edge (ETH)"));
  const hidden = graph.hiddenEdges();
  if (hidden > 0) {
    items.push(el("div", { className: "muted", id: "hidden-edges" },
      `${hidden.toLocaleString("en-US")} lightest edges not drawn (the ${GraphView.EDGE_BUDGET.toLocaleString("en-US")} heaviest are); a found or clicked entity shows all its edges`));
  }
  legend.replaceChildren(...items);
}

// ---------------------------------------------------------------- tiny DOM helper

type Props = Partial<Omit<HTMLElement, "dataset" | "style">> & { dataset?: Record<string, string>; style?: string } & Record<string, unknown>;

export function el(tag: string, props: Props = {}, ...children: (Node | string)[]): HTMLElement {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "dataset") Object.assign(node.dataset, value as Record<string, string>);
    else if (key === "style") node.setAttribute("style", value as string);
    // Attributes whose DOM property is read-only (input.list) or absent go through setAttribute.
    else if (key in node && key !== "list") (node as unknown as Record<string, unknown>)[key] = value;
    else node.setAttribute(key, String(value));
  }
  node.append(...children);
  return node;
}
