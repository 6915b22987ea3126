// Linked charts of the timeline (ECharts, canvas): a cursor at the replay tick; a click on a chart moves the replay there.
import { BarChart, LineChart } from "echarts/charts";
import { GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent } from "echarts/components";
import { init, use, type ECharts } from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { GWEI_PER_ETH, WAD } from "./api";
import type { RunData } from "./model";

use([LineChart, BarChart, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent, CanvasRenderer]);

type SeriesSpec = { name: string; type: "line" | "bar"; data: [number, number][]; dashed?: boolean; stack?: string; colour?: string };

interface ChartSpec {
  key: string;
  title: string;
  unit: string;
  series: (run: RunData) => SeriesSpec[];
}

const REASON_COLOURS: Record<string, string> = {
  equivocation: "#ff7f0e",
  rogue_service: "#8c564b",
  outage: "#bcbd22",
  base_chain: "#7f7f7f",
  bridge_exploit: "#e7298a",
  attack: "#d62728",
  queued: "#9467bd",
};

const eth = (gwei: number) => gwei / GWEI_PER_ETH;

function column(run: RunData, name: string, scale: (v: number) => number): [number, number][] {
  return run.rows.filter((r) => name in r).map((r) => [r.tick, scale(r[name])]);
}

/** Per-tick sums of an event kind's amounts (liquidations and bad debt are events, not timeline columns). */
function eventSums(run: RunData, kind: string): [number, number][] {
  const sums = new Map<number, number>();
  for (const e of run.events) if (e.kind === kind) sums.set(e.tick, (sums.get(e.tick) ?? 0) + eth(e.amount_gwei));
  return run.rows.map((r) => [r.tick, sums.get(r.tick) ?? 0]);
}

export const CHARTS: ChartSpec[] = [
  {
    key: "restaked",
    title: "Restaked value and value lost",
    unit: "ETH",
    series: (run) => [
      { name: "restaked value", type: "line", data: column(run, "restaked_value_gwei", eth), colour: "#1f5fb4" },
      { name: "value lost (cumulative)", type: "line", data: column(run, "value_lost_gwei", eth), colour: "#d62728" },
    ],
  },
  {
    key: "slashed",
    title: "Slashed by cause (cumulative)",
    unit: "ETH",
    series: (run) => {
      const first = run.rows[0] ?? {};
      return Object.keys(first)
        // The reasons partition slashed_gwei; slashed_queued_gwei is a part of it taken from withdrawals, not a reason.
        .filter((c) => c.startsWith("slashed_") && c.endsWith("_gwei") && c !== "slashed_gwei" && c !== "slashed_queued_gwei")
        .map((c) => {
          const reason = c.slice(8, -5);
          return { name: reason, type: "bar" as const, stack: "slashed", data: column(run, c, eth), colour: REASON_COLOURS[reason] };
        });
    },
  },
  {
    key: "nav",
    title: "NAV (solid) vs market price (dashed)",
    unit: "ETH per token",
    series: (run) =>
      run.tokensInTimeline().flatMap((t) => [
        { name: `${t} NAV`, type: "line" as const, data: column(run, `nav_${t}_wad`, (v) => v / WAD) },
        { name: `${t} price`, type: "line" as const, dashed: true, data: column(run, `price_${t}_wad`, (v) => v / WAD) },
      ]),
  },
  {
    key: "compromised",
    title: "Services compromised, operators slashed",
    unit: "count",
    series: (run) => [
      { name: "services compromised", type: "line", data: column(run, "services_compromised", (v) => v), colour: "#d62728" },
      { name: "operators slashed", type: "line", data: column(run, "operators_slashed", (v) => v), colour: "#ff7f0e" },
      { name: "contagion depth", type: "bar", data: column(run, "contagion_depth", (v) => v), colour: "#bdbdbd" },
    ],
  },
  {
    key: "lending",
    title: "Liquidations and bad debt per tick",
    unit: "ETH",
    series: (run) => [
      { name: "debt repaid by liquidations", type: "bar", data: eventSums(run, "liquidation"), colour: "#8c510a" },
      { name: "bad debt", type: "bar", data: eventSums(run, "baddebt"), colour: "#d62728" },
    ],
  },
];

export class Charts {
  private readonly charts = new Map<string, { chart: ECharts; element: HTMLElement; spec: ChartSpec }>();
  readonly points: Record<string, number> = {};

  constructor(host: HTMLElement, private readonly onPick: (tick: number) => void) {
    for (const spec of CHARTS) {
      const element = document.createElement("div");
      element.className = "chart";
      element.dataset.chart = spec.key;
      element.dataset.chartPoints = "0";
      host.appendChild(element);
      const chart = init(element, undefined, { renderer: "canvas" });
      chart.getZr().on("click", (params) => {
        const [tick] = chart.convertFromPixel({ gridIndex: 0 }, [params.offsetX, params.offsetY]);
        if (Number.isFinite(tick)) this.onPick(Math.max(0, Math.round(tick)));
      });
      this.charts.set(spec.key, { chart, element, spec });
    }
    window.addEventListener("resize", () => this.charts.forEach((c) => c.chart.resize()));
  }

  update(run: RunData, cursorTick: number): void {
    const lastTick = Math.max(run.ticks - 1, run.lastTick, 1);
    for (const { chart, element, spec } of this.charts.values()) {
      const series = spec.series(run);
      const points = series.reduce((n, s) => n + s.data.length, 0);
      this.points[spec.key] = points;
      element.dataset.chartPoints = String(points);
      chart.setOption(
        {
          animation: false,
          title: { text: `${spec.title} (${spec.unit})`, left: 8, top: 4, textStyle: { fontSize: 13, fontWeight: 600 } },
          tooltip: { trigger: "axis", valueFormatter: (v: unknown) => formatNumber(v as number, spec.unit) },
          legend: { type: "scroll", bottom: 0, textStyle: { fontSize: 11 } },
          grid: { left: 64, right: 16, top: 36, bottom: 44 },
          xAxis: { type: "value", min: 0, max: lastTick, name: "tick", nameGap: 4, minInterval: 1 },
          yAxis: { type: "value", scale: spec.key === "nav",
            axisLabel: { formatter: (v: number) => formatNumber(v, "") } },
          series: series.map((s, i) => ({
            name: s.name,
            type: s.type,
            stack: s.stack,
            data: s.data,
            showSymbol: false,
            barMaxWidth: 12,
            color: s.colour,
            lineStyle: s.dashed ? { type: "dashed" } : undefined,
            // The replay cursor rides on the first series.
            markLine: i === 0
              ? { symbol: "none", silent: true, animation: false, label: { formatter: `tick ${cursorTick}` },
                  lineStyle: { color: "#222", type: "solid", width: 1 }, data: [{ xAxis: cursorTick }] }
              : undefined,
          })),
        },
        { notMerge: true, lazyUpdate: true },
      );
    }
  }
}

function formatNumber(v: number, unit: string): string {
  if (typeof v !== "number" || !Number.isFinite(v)) return String(v);
  const abs = Math.abs(v);
  const text = abs >= 1e6 ? `${(v / 1e6).toFixed(2)}M` : abs >= 1e4 ? `${(v / 1e3).toFixed(1)}k` :
    abs >= 100 || Number.isInteger(v) ? v.toFixed(0) : v.toPrecision(4);
  return unit ? `${text} ${unit}` : text;
}
