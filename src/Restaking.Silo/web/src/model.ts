// What the page knows about one run, and the state of every entity at a point (tick, round) of the replay.
import { WAD, type CascadeEvent, type TickMessage, type TimelineRow } from "./api";

/** How contagion reached an entity, in order of precedence for its colour. */
export type Mark = "compromised" | "drained" | "liquidated" | "slashed" | "depegged";
export const MARKS: Mark[] = ["compromised", "drained", "liquidated", "slashed", "depegged"];

export interface EntityState {
  /** Gwei slashed from the entity (operator) or penalised (token), up to the replay point. */
  slashedGwei: number;
  marks: Set<Mark>;
  /** Deepest contagion depth that reached it. */
  depth: number;
}

/** A token whose price or NAV is more than this far under 1 is drawn as depegged. */
const DEPEG_THRESHOLD = 0.99;

export class RunData {
  readonly rows: TimelineRow[] = [];
  readonly events: CascadeEvent[] = [];
  /** First index in events of each tick (events arrive in tick order). */
  private readonly tickStart = new Map<number, number>();
  lastTick = -1;
  ticks = 0;

  /** Adds one streamed message; false when it was already there (a reconnect replaying a tick). The API cuts a
   * cascade-heavy tick into several messages of the same tick: those add their events to it. */
  add(message: TickMessage): boolean {
    if (message.tick < this.lastTick) return false;
    this.ticks = message.ticks;
    if (message.tick === this.lastTick) {
      this.rows[this.rows.length - 1] = { ...message.row, tick: message.tick };
    } else {
      this.lastTick = message.tick;
      this.rows.push({ ...message.row, tick: message.tick });
      this.tickStart.set(message.tick, this.events.length);
    }
    for (const e of message.events) this.events.push(e);
    return true;
  }

  /** Forgets the newest tick (its events may have been cut off by a lost connection), to stream it again from its start. */
  dropLastTick(): number {
    if (this.lastTick < 0) return 0;
    const start = this.tickStart.get(this.lastTick) ?? this.events.length;
    this.events.length = start;
    this.tickStart.delete(this.lastTick);
    this.rows.pop();
    this.lastTick = this.rows.length > 0 ? this.rows[this.rows.length - 1].tick : -1;
    return this.lastTick + 1;
  }

  row(tick: number): TimelineRow | undefined {
    // Rows arrive one per tick from tick 0; search from the end for robustness to a stream starting later.
    for (let i = this.rows.length - 1; i >= 0; i--) if (this.rows[i].tick <= tick) return this.rows[i];
    return undefined;
  }

  maxRound(tick: number): number {
    let max = 0;
    for (const e of this.eventsOfTick(tick)) max = Math.max(max, e.round);
    return max;
  }

  eventsOfTick(tick: number): CascadeEvent[] {
    const start = this.tickStart.get(tick);
    if (start === undefined) return [];
    let end = start;
    while (end < this.events.length && this.events[end].tick === tick) end++;
    return this.events.slice(start, end);
  }

  /** Events up to and including (tick, round). */
  eventsUpTo(tick: number, round: number): CascadeEvent[] {
    const out: CascadeEvent[] = [];
    for (const e of this.events) {
      if (e.tick < tick || (e.tick === tick && e.round <= round)) out.push(e);
      else if (e.tick > tick) break;
    }
    return out;
  }

  tokensInTimeline(): string[] {
    const first = this.rows[0];
    if (!first) return [];
    return Object.keys(first)
      .filter((c) => c.startsWith("nav_") && c.endsWith("_wad"))
      .map((c) => c.slice(4, -4));
  }

  /** The state of every entity reached by contagion at (tick, round): the "state at tick t = events up to t". */
  stateAt(tick: number, round: number): Map<string, EntityState> {
    const states = new Map<string, EntityState>();
    const get = (id: string) => {
      let s = states.get(id);
      if (!s) states.set(id, (s = { slashedGwei: 0, marks: new Set(), depth: 0 }));
      return s;
    };
    for (const e of this.eventsUpTo(tick, round)) {
      const mark = markOf(e.kind);
      if (!mark) continue;
      const s = get(e.target);
      s.marks.add(mark);
      s.depth = Math.max(s.depth, e.depth);
      if (mark === "slashed") s.slashedGwei += e.amount_gwei;
      // A drain empties the bridge (its source) as well as the token it backs (its target).
      if (e.kind === "drain") get(e.source).marks.add("drained");
    }
    const row = this.row(tick);
    if (row) {
      for (const token of this.tokensInTimeline()) {
        const nav = row[`nav_${token}_wad`] / WAD;
        const price = row[`price_${token}_wad`] / WAD;
        if (nav < DEPEG_THRESHOLD || price < DEPEG_THRESHOLD) get(token).marks.add("depegged");
      }
    }
    return states;
  }
}

function markOf(kind: string): Mark | undefined {
  switch (kind) {
    case "slash":
    case "penalty":
    case "withdrawalslashed":
    case "vaultwithdrawalslashed":
    case "captureepochwithdrawalslashed":
      return "slashed";
    case "compromise":
      return "compromised";
    case "drain":
      return "drained";
    case "priceshock":
      return "depegged";
    case "liquidation":
    case "baddebt":
      return "liquidated";
    default:
      return undefined;
  }
}
