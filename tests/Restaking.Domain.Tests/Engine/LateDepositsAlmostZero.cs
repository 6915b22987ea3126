namespace Restaking.Domain.Tests.Engine;

/// <summary>
/// scenarios/late-deposits.json with op-a's whole magnitude on oracle-1 and the oracle's bug taking 0.99999999 of it (no
/// equivocation, no adversary search): op-a falls to m = 1e-8, so a late deposit gets k = 1e8 and its s·k (2,000 ETH →
/// 2e20 gwei) passes a long. The run failed with an OverflowException before s·k was an Int128. Shared by the reference
/// engine's tests and the one-silo test (linked into Restaking.Grains.Tests).
/// </summary>
internal static class LateDepositsAlmostZero
{
    public static string Text => Of(File.ReadAllText(RepositoryFiles.Scenario("late-deposits.json")));

    public static string Of(string text) =>
        Edit(Edit(Edit(Edit(text,
            "\"allocations\": [ { \"service\": \"oracle-1\", \"magnitude\": 0.625 }, { \"service\": \"bridge-1\", \"magnitude\": 0.25 } ]",
            "\"allocations\": [ { \"service\": \"oracle-1\", \"magnitude\": 1 } ]"),
            "\"fraction\": 0.8 }", "\"fraction\": 0.99999999 }"),
            "\"search\": \"exact\"", "\"search\": \"off\""),
            ",\n    { \"id\": \"op-a-equivocates\", \"tick\": 10, \"type\": \"operator-equivocation\", \"operator\": \"op-a\", \"service\": \"bridge-1\" }", "");

    private static string Edit(string text, string from, string to) =>
        text.Contains(from, StringComparison.Ordinal) ? text.Replace(from, to, StringComparison.Ordinal) : throw new InvalidOperationException($"'{from}' moved");
}
