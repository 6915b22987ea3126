// The event table: every cascade event up to the replay tick (or all), filtered by kind, entity and cause fault.
import { formatEth, type CascadeEvent } from "./api";

const MAX_ROWS = 200;

export class EventTable {
  private events: CascadeEvent[] = [];
  private readonly kind: HTMLSelectElement;
  private readonly cause: HTMLSelectElement;
  private readonly entity: HTMLInputElement;
  private readonly upToTick: HTMLInputElement;
  private readonly count: HTMLElement;
  private readonly body: HTMLTableSectionElement;
  private tick = 0;
  private knownKinds = "";
  private knownCauses = "";
  private lastKey = "";

  constructor(host: HTMLElement, private readonly onPick: (e: CascadeEvent) => void) {
    const title = document.createElement("h1");
    title.textContent = "Events";
    const filters = document.createElement("div");
    filters.className = "filters";
    this.kind = select("filter-kind", "all kinds");
    this.cause = select("filter-cause", "all causes");
    this.entity = Object.assign(document.createElement("input"), { type: "search", id: "filter-entity", placeholder: "entity id (source or target)" });
    this.upToTick = Object.assign(document.createElement("input"), { type: "checkbox", id: "filter-up-to-tick", checked: true });
    const upLabel = document.createElement("label");
    upLabel.append(this.upToTick, " up to the replay tick");
    this.count = document.createElement("span");
    this.count.className = "muted";
    this.count.id = "events-count";
    filters.append(this.kind, this.cause, this.entity, upLabel, this.count);
    const table = document.createElement("table");
    table.id = "event-table";
    const head = table.createTHead().insertRow();
    for (const h of ["tick", "round", "kind", "source", "target", "amount", "reason", "cause fault", "depth", "detail"]) {
      const th = document.createElement("th");
      th.textContent = h;
      if (h === "amount" || h === "tick" || h === "round" || h === "depth") th.className = "num";
      head.appendChild(th);
    }
    this.body = table.createTBody();
    this.body.addEventListener("click", (ev) => {
      const row = (ev.target as HTMLElement).closest("tr");
      const index = row?.dataset.index;
      if (index !== undefined) this.onPick(this.events[Number(index)]);
    });
    host.append(title, filters, table);
    for (const input of [this.kind, this.cause, this.entity, this.upToTick]) {
      input.addEventListener("input", () => this.render(this.tick, true));
    }
  }

  setEvents(events: CascadeEvent[]): void {
    this.events = events;
    const kinds = [...new Set(events.map((e) => e.kind))].sort();
    const causes = [...new Set(events.map((e) => e.cause))].sort();
    if (kinds.join() !== this.knownKinds) {
      this.knownKinds = kinds.join();
      fill(this.kind, kinds);
    }
    if (causes.join() !== this.knownCauses) {
      this.knownCauses = causes.join();
      fill(this.cause, causes);
    }
    this.lastKey = "";
  }

  setEntity(id: string): void {
    this.entity.value = id;
    this.render(this.tick, true);
  }

  render(tick: number, force = false): void {
    this.tick = tick;
    const kind = this.kind.value;
    const cause = this.cause.value;
    const entity = this.entity.value.trim().toLowerCase();
    const upTo = this.upToTick.checked;
    const key = [this.events.length, tick, kind, cause, entity, upTo].join("\u0000");
    if (!force && key === this.lastKey) return;
    this.lastKey = key;
    const rows: HTMLTableRowElement[] = [];
    let matched = 0;
    for (let i = 0; i < this.events.length; i++) {
      const e = this.events[i];
      if (upTo && e.tick > tick) break;
      if (kind && e.kind !== kind) continue;
      if (cause && e.cause !== cause) continue;
      if (entity && !e.source.toLowerCase().includes(entity) && !e.target.toLowerCase().includes(entity)) continue;
      matched++;
      if (rows.length >= MAX_ROWS) continue;
      const tr = document.createElement("tr");
      tr.dataset.index = String(i);
      if (e.tick === tick) tr.className = "current";
      for (const [text, numeric] of [[e.tick, true], [e.round, true], [e.kind, false], [e.source, false], [e.target, false],
        [formatEth(e.amount_gwei), true], [e.reason ?? "", false], [e.cause, false], [e.depth, true], [e.detail ?? "", false]] as const) {
        const td = tr.insertCell();
        td.textContent = String(text);
        if (numeric) td.className = "num";
      }
      rows.push(tr);
    }
    this.body.replaceChildren(...rows);
    this.count.textContent = matched > rows.length ? `showing ${rows.length} of ${matched} events` : `${matched} events`;
    this.count.dataset.count = String(matched);
  }
}

function select(id: string, all: string): HTMLSelectElement {
  const s = document.createElement("select");
  s.id = id;
  fill(s, [], all);
  return s;
}

function fill(s: HTMLSelectElement, values: string[], all?: string): void {
  const current = s.value;
  const first = all ?? s.options[0]?.textContent ?? "all";
  s.replaceChildren(new Option(first, ""), ...values.map((v) => new Option(v, v)));
  s.value = values.includes(current) ? current : "";
}
