using System.Text.Json;

namespace Restaking.Grains.Tests.Support;

/// <summary>The fields of one events.jsonl line that tests look at.</summary>
public sealed record EventLine(string Kind, string Source, string Target, long AmountGwei, string Reason, string Detail)
{
    public static EventLine Parse(string line)
    {
        using var doc = JsonDocument.Parse(line);
        var e = doc.RootElement;
        return new EventLine(e.GetProperty("kind").GetString()!, e.GetProperty("source").GetString()!, e.GetProperty("target").GetString()!,
            e.GetProperty("amount_gwei").GetInt64(), e.GetProperty("reason").GetString()!,
            e.TryGetProperty("detail", out var d) ? d.GetString()! : "");
    }
}
