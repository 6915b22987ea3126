// The security graph (sigma.js on WebGL, graphology model) and the contagion wave drawn on it.
import Graph from "graphology";
import Sigma from "sigma";
import { formatEthValue, type CascadeEvent, type GraphNode, type NodeKind, type RunGraph } from "./api";
import { MARKS, type EntityState, type Mark } from "./model";

export const KIND_COLOURS: Record<NodeKind, string> = {
  "staker-pool": "#9ecae1",
  "base-chain": "#737373",
  token: "#17becf",
  vault: "#6baed6",
  operator: "#1f5fb4",
  service: "#2ca02c",
  "lending-market": "#393b79",
};

/** Services by kind: greens and purples, away from the warm colours of the contagion marks. */
const SERVICE_PALETTE = ["#2ca02c", "#9467bd", "#31a354", "#756bb1", "#74c476", "#bcbddc", "#006d2c", "#54278f"];

export const MARK_COLOURS: Record<Mark, string> = {
  compromised: "#d62728",
  drained: "#e7298a",
  liquidated: "#8c510a",
  slashed: "#ff7f0e",
  depegged: "#e6b800",
};

const EDGE_COLOURS: Record<string, string> = {
  allocation: "#a6bddb",
  delegation: "#bdbdbd",
  wrap: "#80cdc1",
  collateral: "#c2a5cf",
  backing: "#d9d9d9",
};

/** Columns left to right: where stake comes from, to what it secures, to what borrows against it. */
const COLUMN: Record<NodeKind, number> = {
  "base-chain": 0,
  "staker-pool": 1,
  token: 2,
  vault: 3,
  operator: 4,
  service: 5,
  "lending-market": 6,
};

export interface GraphHover {
  (text: string | null, x: number, y: number): void;
}

export class GraphView {
  readonly graph = new Graph({ multi: true, type: "directed" });
  private renderer: Sigma | null = null;
  private states = new Map<string, EntityState>();
  /** Edge ids this tick's wave travelled (an event from one end to the other, either way). */
  private waveEdges = new Set<string>();
  private readonly edgesByPair = new Map<string, string[]>();
  private focused: string | null = null;
  /** Edges lighter than this are not drawn (unless the wave or the focused entity touches them): past a few thousand
   * edges a canvas of lines hides more than it shows, and drawing them all costs every frame. */
  private readonly minDrawnWeight: number;
  /** Edges drawn at most, heaviest first. */
  static readonly EDGE_BUDGET = 4000;
  readonly serviceKinds: string[] = [];
  renderError: string | null = null;

  constructor(
    private readonly container: HTMLElement,
    data: RunGraph,
    private readonly eventsOf: (node: string, other?: string) => CascadeEvent[],
    private readonly hover: GraphHover,
  ) {
    const maxValue = Math.max(1, ...data.nodes.map((n) => n.valueEth ?? 0));
    for (const n of data.nodes) {
      if (n.kind === "service" && n.subkind && !this.serviceKinds.includes(n.subkind)) this.serviceKinds.push(n.subkind);
    }
    const positions = layout(data.nodes);
    for (const n of data.nodes) {
      if (this.graph.hasNode(n.id)) continue;
      const p = positions.get(n.id)!;
      this.graph.addNode(n.id, {
        x: p.x,
        y: p.y,
        label: n.label || n.id,
        kind: n.kind,
        subkind: n.subkind,
        valueEth: n.valueEth ?? 0,
        size: 4 + 14 * Math.sqrt((n.valueEth ?? 0) / maxValue),
        color: this.kindColour(n),
      });
    }
    let maxWeight = 1;
    for (const e of data.edges) maxWeight = Math.max(maxWeight, e.weightEth ?? 0);
    const weights = data.edges.map((e) => e.weightEth ?? 0).sort((a, b) => b - a);
    this.minDrawnWeight = weights.length > GraphView.EDGE_BUDGET ? weights[GraphView.EDGE_BUDGET - 1] : -1;
    for (const e of data.edges) {
      if (!this.graph.hasNode(e.source) || !this.graph.hasNode(e.target)) continue;
      const id = this.graph.addEdge(e.source, e.target, {
        kind: e.kind,
        weightEth: e.weightEth,
        size: 0.6 + 5 * Math.sqrt((e.weightEth ?? 0) / maxWeight),
        color: EDGE_COLOURS[e.kind] ?? "#cccccc",
      });
      const key = `${e.source}\u0000${e.target}`;
      const list = this.edgesByPair.get(key);
      if (list) list.push(id);
      else this.edgesByPair.set(key, [id]);
    }
    const large = this.graph.size > 5000;
    try {
      this.renderer = new Sigma(this.graph, container, {
        enableEdgeEvents: true,
        // Arrows and edges drawn while panning cost too much past a few thousand edges.
        defaultEdgeType: large ? "line" : "arrow",
        hideEdgesOnMove: large,
        labelRenderedSizeThreshold: data.nodes.length > 300 ? 10 : 0,
        labelFont: "system-ui, sans-serif",
        labelSize: 12,
        // Services sit in the right-most column and their labels are drawn to the right of them.
        stagePadding: 70,
        zIndex: true,
        nodeReducer: (node, attrs) => this.reduceNode(node, attrs),
        edgeReducer: (edge, attrs) => this.reduceEdge(edge, attrs),
      });
      this.wireHover(this.renderer);
    } catch (error) {
      // Without WebGL the page still lists events and charts; say why the graph is missing.
      this.renderError = `graph not drawn: ${(error as Error).message}`;
      container.textContent = this.renderError;
    }
  }

  kindColour(n: Pick<GraphNode, "kind" | "subkind">): string {
    if (n.kind === "service") {
      const i = n.subkind ? this.serviceKinds.indexOf(n.subkind) : -1;
      return i >= 0 ? SERVICE_PALETTE[i % SERVICE_PALETTE.length] : KIND_COLOURS.service;
    }
    return KIND_COLOURS[n.kind] ?? "#999999";
  }

  serviceColour(subkind: string): string {
    return this.kindColour({ kind: "service", subkind });
  }

  /** Shows the contagion state at the replay point: marks, and the edges this tick's wave travelled. Only what changed
   * is reduced again (sigma's partial refresh): scrubbing a 6,000-node graph stays cheap. */
  update(states: Map<string, EntityState>, wave: CascadeEvent[]): void {
    const nodes = new Set<string>([...this.states.keys(), ...states.keys()]);
    const edges = new Set<string>(this.waveEdges);
    this.states = states;
    this.waveEdges = new Set();
    for (const e of wave) {
      for (const key of [`${e.source}\u0000${e.target}`, `${e.target}\u0000${e.source}`]) {
        for (const id of this.edgesByPair.get(key) ?? []) {
          this.waveEdges.add(id);
          edges.add(id);
        }
      }
    }
    this.refresh([...nodes].filter((n) => this.graph.hasNode(n)), [...edges]);
  }

  private refresh(nodes: string[], edges: string[]): void {
    this.renderer?.refresh({ partialGraph: { nodes, edges } });
  }

  /** Node ids marked by contagion at the replay point, sorted. */
  marked(): string[] {
    return [...this.states.entries()]
      .filter(([id, s]) => s.marks.size > 0 && this.graph.hasNode(id))
      .map(([id]) => id)
      .sort();
  }

  /** Centres the view on an entity and rings it; false when there is none by that id. */
  focus(id: string): boolean {
    if (!this.graph.hasNode(id)) return false;
    const previous = this.focused;
    this.focused = id;
    const renderer = this.renderer;
    if (renderer) {
      const display = renderer.getNodeDisplayData(id);
      if (display) void renderer.getCamera().animate({ x: display.x, y: display.y, ratio: 0.35 }, { duration: 400 });
      const nodes = previous && previous !== id ? [previous, id] : [id];
      this.refresh(nodes, nodes.flatMap((n) => this.graph.edges(n)));
    }
    return true;
  }

  private reduceNode(node: string, attrs: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = { ...attrs };
    const state = this.states.get(node);
    if (state && state.marks.size > 0) {
      const mark = MARKS.find((m) => state.marks.has(m))!;
      out.color = MARK_COLOURS[mark];
      let grow = 1.35;
      if (mark === "slashed" && (attrs.valueEth as number) > 0) {
        // Share of its stake slashed: a fully slashed operator doubles in size.
        const share = Math.min(1, state.slashedGwei / 1e9 / (attrs.valueEth as number));
        grow = 1.2 + share;
      }
      out.size = (attrs.size as number) * grow + 1;
      out.zIndex = 1;
      out.forceLabel = true;
    }
    if (node === this.focused) {
      out.highlighted = true;
      out.forceLabel = true;
      out.zIndex = 2;
    }
    return out;
  }

  private reduceEdge(edge: string, attrs: Record<string, unknown>): Record<string, unknown> {
    if (this.waveEdges.has(edge)) {
      return { ...attrs, color: MARK_COLOURS.compromised, size: Math.max(2, (attrs.size as number) * 1.5), zIndex: 1 };
    }
    if (((attrs.weightEth as number | undefined) ?? 0) < this.minDrawnWeight && !this.touchesFocus(edge)) {
      return { ...attrs, hidden: true };
    }
    return attrs;
  }

  private touchesFocus(edge: string): boolean {
    return this.focused !== null && this.graph.hasExtremity(edge, this.focused);
  }

  /** How many edges are not drawn (lighter than the budget's lightest). */
  hiddenEdges(): number {
    if (this.minDrawnWeight < 0) return 0;
    let n = 0;
    this.graph.forEachEdge((_, a) => {
      if (((a.weightEth as number | undefined) ?? 0) < this.minDrawnWeight) n++;
    });
    return n;
  }

  private wireHover(renderer: Sigma): void {
    const at = (event: { x: number; y: number }) => {
      const rect = this.container.getBoundingClientRect();
      return { x: rect.left + event.x, y: rect.top + event.y };
    };
    renderer.on("enterNode", ({ node, event }) => {
      const a = this.graph.getNodeAttributes(node);
      const head = `${node} · ${a.kind}${a.subkind ? ` (${a.subkind})` : ""}${a.valueEth ? ` · ${formatEthValue(a.valueEth)}` : ""}`;
      const p = at(event);
      this.hover(describe(head, this.states.get(node), this.eventsOf(node)), p.x, p.y);
    });
    renderer.on("enterEdge", ({ edge, event }) => {
      const [source, target] = this.graph.extremities(edge);
      const a = this.graph.getEdgeAttributes(edge);
      const head = `${source} → ${target} · ${a.kind}${a.weightEth ? ` · ${formatEthValue(a.weightEth)}` : ""}`;
      const p = at(event);
      this.hover(describe(head, undefined, this.eventsOf(source, target)), p.x, p.y);
    });
    renderer.on("leaveNode", () => this.hover(null, 0, 0));
    renderer.on("leaveEdge", () => this.hover(null, 0, 0));
    renderer.on("clickNode", ({ node }) => this.focus(node));
  }

  kill(): void {
    this.renderer?.kill();
    this.renderer = null;
  }
}

function describe(head: string, state: EntityState | undefined, events: CascadeEvent[]): string {
  const lines = [head];
  if (state && state.marks.size > 0) {
    lines.push(`reached: ${[...state.marks].join(", ")} (depth ${state.depth})` +
      (state.slashedGwei > 0 ? `, slashed ${formatEthValue(state.slashedGwei / 1e9)}` : ""));
  }
  if (events.length === 0) lines.push("no events up to this tick");
  const shown = events.slice(-12);
  if (events.length > shown.length) lines.push(`… ${events.length - shown.length} earlier events`);
  for (const e of shown) {
    lines.push(`t${e.tick}.r${e.round} ${e.kind} ${e.source} → ${e.target} ${formatEthValue(e.amount_gwei / 1e9)}` +
      `${e.reason ? ` [${e.reason}]` : ""} · cause ${e.cause} · depth ${e.depth}`);
  }
  return lines.join("\n");
}

/** Deterministic layered layout: one band per kind, left to right, nodes on a grid inside their band. */
function layout(nodes: GraphNode[]): Map<string, { x: number; y: number }> {
  const byColumn = new Map<number, GraphNode[]>();
  for (const n of nodes) {
    const c = COLUMN[n.kind] ?? 7;
    if (!byColumn.has(c)) byColumn.set(c, []);
    byColumn.get(c)!.push(n);
  }
  const tallest = Math.max(1, ...[...byColumn.values()].map((l) => l.length));
  // A band holds up to ~60 nodes per column of its grid; larger kinds get more grid columns inside their band.
  const perColumn = Math.max(8, Math.min(60, Math.ceil(Math.sqrt(tallest * 4))));
  const positions = new Map<string, { x: number; y: number }>();
  let x = 0;
  for (const c of [...byColumn.keys()].sort((a, b) => a - b)) {
    const list = byColumn.get(c)!;
    list.sort((a, b) => (a.subkind ?? "").localeCompare(b.subkind ?? "") || (b.valueEth ?? 0) - (a.valueEth ?? 0));
    const gridColumns = Math.ceil(list.length / perColumn);
    const rows = Math.min(list.length, perColumn);
    list.forEach((n, i) => {
      const gx = Math.floor(i / perColumn);
      const gy = i % perColumn;
      positions.set(n.id, { x: x + gx, y: -(gy - (rows - 1) / 2) * (perColumn / Math.max(rows, 1)) * 1.6 });
    });
    x += gridColumns + perColumn / 2.5;
  }
  return positions;
}

export { MARKS };
