using System.Globalization;
using System.Text.Json;

namespace Restaking.Reports;

/// <summary>One line of events.jsonl, as far as the contagion tree reads it.</summary>
public sealed record ContagionEvent(int Tick, int Round, string Kind, string Source, string Target, long AmountGwei, string? Reason,
    string Cause, int Depth)
{
    /// <summary>Events written with no cause (none today) hang under this root.</summary>
    public const string NoCause = "(no fault)";

    public static ContagionEvent Parse(string line)
    {
        // A forward-only reader over the line (no document per event: a run can have millions).
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(line));
        int tick = 0, round = 0, depth = 0;
        long amount = 0;
        string kind = "", source = "", target = "", cause = "";
        string? reason = null;
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("an event line is not a JSON object");
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string name = reader.GetString()!;
            reader.Read();
            switch (name)
            {
                case "tick": tick = reader.GetInt32(); break;
                case "round": round = reader.GetInt32(); break;
                case "depth": depth = reader.GetInt32(); break;
                case "amount_gwei": amount = reader.GetInt64(); break;
                case "kind": kind = reader.GetString() ?? ""; break;
                case "source": source = reader.GetString() ?? ""; break;
                case "target": target = reader.GetString() ?? ""; break;
                case "cause": cause = reader.GetString() ?? ""; break;
                case "reason": reason = reader.GetString(); break;
                default: reader.Skip(); break;
            }
        }
        return new ContagionEvent(tick, round, kind, source, target, amount, reason, cause.Length == 0 ? NoCause : cause, depth);
    }
}

/// <summary>A node of the contagion tree: a fault (root, <see cref="Event"/> null) or an event, with what hangs under it.</summary>
public sealed class ContagionNode(string fault, ContagionEvent? contagionEvent)
{
    public string Fault { get; } = fault;
    public ContagionEvent? Event { get; } = contagionEvent;
    public List<ContagionNode> Children { get; } = [];

    /// <summary>The amount of this event and every event under it, in gwei (the root: every event of the fault).</summary>
    public long TotalGwei { get; private set; }

    /// <summary>Events in this branch, this one included.</summary>
    public int Events { get; private set; }

    internal void Close()
    {
        long total = Event?.AmountGwei ?? 0;
        int events = Event is null ? 0 : 1;
        foreach (var c in Children)
        {
            c.Close();
            total = Saturating(total, c.TotalGwei);
            events += c.Events;
        }
        TotalGwei = total;
        Events = events;
    }

    private static long Saturating(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;
}

/// <summary>
/// Who did what to whom, from events.jsonl: each fault (an event's <c>cause</c>) is a root, and each event hangs under
/// the event that passed the contagion on. The rule (docs/report.md): an event at depth d &gt; 0 whose source is X hangs
/// under the latest earlier event of the same cause at depth d − 1 whose target is X (X was hit, and X passed it on);
/// failing that, under the latest earlier event of that cause at depth d − 1 in the same tick (e.g. the adversary, which
/// no event targets, attacks because a slash made a service cheap to corrupt); failing that, and at depth 0, under the
/// fault itself. Pure: same lines, same tree. Used by the terminal (restaking run) and by report.html.
/// </summary>
public static class ContagionTree
{
    public static IReadOnlyList<ContagionNode> Build(IEnumerable<string> eventLines) => Build(eventLines.Select(ContagionEvent.Parse));

    public static IReadOnlyList<ContagionNode> Build(IEnumerable<ContagionEvent> events)
    {
        var roots = new List<ContagionNode>();
        var rootOf = new Dictionary<string, ContagionNode>(StringComparer.Ordinal);
        var byTarget = new Dictionary<(string Cause, int Depth, string Target), ContagionNode>();
        var lastAtDepth = new Dictionary<(string Cause, int Depth), ContagionNode>();
        foreach (var e in events)
        {
            if (!rootOf.TryGetValue(e.Cause, out var root))
            {
                root = new ContagionNode(e.Cause, null);
                rootOf[e.Cause] = root;
                roots.Add(root);
            }
            ContagionNode parent = root;
            if (e.Depth > 0)
            {
                if (byTarget.TryGetValue((e.Cause, e.Depth - 1, e.Source), out var hit)) parent = hit;
                else if (lastAtDepth.TryGetValue((e.Cause, e.Depth - 1), out var last) && last.Event!.Tick == e.Tick) parent = last;
            }
            var node = new ContagionNode(e.Cause, e);
            parent.Children.Add(node);
            byTarget[(e.Cause, e.Depth, e.Target)] = node;
            lastAtDepth[(e.Cause, e.Depth)] = node;
        }
        foreach (var r in roots) r.Close();
        return roots;
    }

    /// <summary>The <paramref name="count"/> largest of <paramref name="nodes"/> by amount (ties: first recorded first),
    /// and what is left out: how many branches, and their amount in gwei.</summary>
    public static (IReadOnlyList<ContagionNode> Shown, int More, long MoreGwei) Largest(IReadOnlyList<ContagionNode> nodes, int count)
    {
        var shown = nodes.Select((n, i) => (n, i)).OrderByDescending(x => x.n.TotalGwei).ThenBy(x => x.i).Take(count).Select(x => x.n).ToArray();
        long rest = 0;
        var kept = shown.ToHashSet();
        foreach (var n in nodes) if (!kept.Contains(n)) rest = rest > long.MaxValue - n.TotalGwei ? long.MaxValue : rest + n.TotalGwei;
        return (shown, nodes.Count - shown.Length, rest);
    }

    /// <summary>"4,800 ETH": an amount in gwei as ETH, up to three decimals, invariant culture.</summary>
    public static string Eth(long gwei) => (gwei / 1_000_000_000m).ToString("#,0.###", CultureInfo.InvariantCulture) + " ETH";

    /// <summary>The line for a node: "fault X — 7 events, 52,424 ETH" or "tick 2 r1 · slash oracle-1 → op-a: 4,800 ETH (equivocation)".</summary>
    public static string Label(ContagionNode node)
    {
        if (node.Event is not { } e)
            return $"fault {node.Fault} — {node.Events.ToString("N0", CultureInfo.InvariantCulture)} events, {Eth(node.TotalGwei)} in all";
        string reason = e.Reason is { Length: > 0 } r ? $" ({r})" : "";
        string below = node.Children.Count > 0 ? $"; branch {Eth(node.TotalGwei)}" : "";
        return $"tick {e.Tick.ToString(CultureInfo.InvariantCulture)} · {e.Kind} {e.Source} → {e.Target}: {Eth(e.AmountGwei)}{reason}{below}";
    }
}
