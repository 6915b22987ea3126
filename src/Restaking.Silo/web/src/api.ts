// The HTTP API the silo host serves (docs/contagion-view.md): run list, run status, graph, event stream.

export type RunStatus = "running" | "finished" | "failed";

export interface RunInfo {
  id: string;
  scenario: string;
  status: RunStatus;
  ticksDone: number;
  ticks: number;
  startedUtc?: string;
  error?: string;
  summary?: Record<string, unknown>;
}

export type NodeKind = "operator" | "service" | "token" | "vault" | "lending-market" | "staker-pool" | "base-chain";
export type EdgeKind = "allocation" | "delegation" | "wrap" | "collateral" | "backing";

export interface GraphNode {
  id: string;
  kind: NodeKind;
  subkind?: string;
  label: string;
  valueEth?: number;
}

export interface GraphEdge {
  source: string;
  target: string;
  kind: EdgeKind;
  weightEth?: number;
}

export interface RunGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** One line of events.jsonl. */
export interface CascadeEvent {
  tick: number;
  round: number;
  kind: string;
  source: string;
  target: string;
  amount_gwei: number;
  reason?: string;
  cause: string;
  depth: number;
  detail?: string;
}

/** One timeline.csv row: column → number. */
export type TimelineRow = Record<string, number>;

export interface TickMessage {
  tick: number;
  ticksDone: number;
  ticks: number;
  row: TimelineRow;
  events: CascadeEvent[];
}

export interface EndMessage {
  status: RunStatus;
  error?: string;
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

export const listRuns = () => getJson<RunInfo[]>("api/runs");
export const getRun = (id: string) => getJson<RunInfo>(`api/runs/${encodeURIComponent(id)}`);
export const getGraph = (id: string) => getJson<RunGraph>(`api/runs/${encodeURIComponent(id)}/graph`);
export const eventsUrl = (id: string, fromTick: number) =>
  `api/runs/${encodeURIComponent(id)}/events?fromTick=${fromTick}`;
export const fileUrl = (id: string, name: string) =>
  `api/runs/${encodeURIComponent(id)}/files/${encodeURIComponent(name)}`;

export const GWEI_PER_ETH = 1e9;
export const WAD = 1e18;

/** Gwei as ETH for display (the page shows ETH, never gwei). */
export function formatEth(gwei: number): string {
  return formatEthValue(gwei / GWEI_PER_ETH);
}

export function formatEthValue(eth: number): string {
  const abs = Math.abs(eth);
  if (abs >= 1e6) return `${(eth / 1e6).toFixed(2)}M ETH`;
  if (abs >= 1e4) return `${(eth / 1e3).toFixed(1)}k ETH`;
  if (abs >= 1) return `${eth.toLocaleString("en-US", { maximumFractionDigits: 2 })} ETH`;
  if (abs === 0) return "0 ETH";
  return `${eth.toPrecision(3)} ETH`;
}
