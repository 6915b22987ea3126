using Restaking.Contracts;
using Restaking.Domain.Engine;

namespace Restaking.Grains.Tests.Support;

/// <summary>
/// Byte-for-byte comparison of the three deterministic outputs. A mismatch names the output and its first differing
/// line (with its neighbours' line numbers and both line counts), never the whole multi-megabyte text.
/// </summary>
public static class SameOutputs
{
    public static void Assert(RunResult expected, RunOutcome actual, string label)
    {
        Text(expected.TimelineCsv, actual.TimelineCsv, $"{label}: timeline.csv");
        Text(expected.SummaryJson, actual.SummaryJson, $"{label}: summary.json");
        Lines(expected.EventLines, actual.EventLines, $"{label}: events.jsonl");
    }

    public static void Assert(RunOutcome expected, RunOutcome actual, string label)
    {
        Text(expected.TimelineCsv, actual.TimelineCsv, $"{label}: timeline.csv");
        Text(expected.SummaryJson, actual.SummaryJson, $"{label}: summary.json");
        Lines(expected.EventLines, actual.EventLines, $"{label}: events.jsonl");
    }

    public static void Text(string expected, string actual, string what)
    {
        if (string.Equals(expected, actual, StringComparison.Ordinal)) return;
        Lines(expected.Split('\n'), actual.Split('\n'), what);
        // Same lines, different bytes: only possible through line endings.
        Xunit.Assert.Fail($"{what}: same lines but the texts differ ({expected.Length} vs {actual.Length} chars)");
    }

    public static void Lines(IReadOnlyList<string> expected, IReadOnlyList<string> actual, string what)
    {
        int common = Math.Min(expected.Count, actual.Count);
        for (int i = 0; i < common; i++)
        {
            if (!string.Equals(expected[i], actual[i], StringComparison.Ordinal))
                Xunit.Assert.Fail($"{what}: line {i + 1} of {expected.Count} (expected) / {actual.Count} (actual) differs\n"
                    + $"  expected: {Clip(expected[i])}\n  actual:   {Clip(actual[i])}");
        }
        if (expected.Count != actual.Count)
            Xunit.Assert.Fail($"{what}: {expected.Count} lines expected, {actual.Count} received; the first {common} agree; first extra line: "
                + Clip(expected.Count > common ? expected[common] : actual[common]));
    }

    private static string Clip(string line) => line.Length <= 400 ? line : line[..400] + $"… ({line.Length} chars)";
}
