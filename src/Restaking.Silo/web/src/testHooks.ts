// Facts a browser test reads without scraping canvas pixels (tests/Restaking.Web.Tests): window.__restaking mirrors the
// data-* attributes on #graph and the charts.
export interface Hooks {
  view: "runs" | "run" | null;
  runs: string[];
  runId: string | null;
  status: string | null;
  nodeCount: number;
  edgeCount: number;
  marked: string[];
  tick: number;
  round: number;
  ticksDone: number;
  events: number;
  ended: boolean;
  chartPoints: Record<string, number>;
  renderError: string | null;
  error: string | null;
  setTick: (tick: number, round?: number) => void;
  /** Milliseconds to build the graph model and its WebGL renderer. */
  graphBuildMs: number;
  /** Work per animation frame (ticks taken in, graph, charts, table). */
  renders: { count: number; totalMs: number; maxMs: number; lastMs: number };
}

export const hooks: Hooks = {
  view: null, runs: [], runId: null, status: null, nodeCount: 0, edgeCount: 0, marked: [], tick: -1, round: 0,
  ticksDone: 0, events: 0, ended: false, chartPoints: {}, renderError: null, error: null, setTick: () => undefined,
  graphBuildMs: 0, renders: { count: 0, totalMs: 0, maxMs: 0, lastMs: 0 },
};

export function exposeTestHooks(): void {
  (window as unknown as { __restaking: Hooks }).__restaking = hooks;
}
