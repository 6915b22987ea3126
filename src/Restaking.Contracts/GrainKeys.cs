namespace Restaking.Contracts;

/// <summary>
/// Grain keys carry the run (docs/architecture.md, "Keys carry the run"): <c>"{runId}/{entityId}"</c>, so any number of
/// runs share one cluster without their grains ever meeting. Entity ids are the scenario's ids.
/// </summary>
public static class GrainKeys
{
    public const string BaseChain = "base-chain";
    public const string Adversary = "adversary";

    public static string Of(string runId, string entityId) => runId + "/" + entityId;

    public static string Staker(string runId, int index) => Of(runId, "staker-" + index.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Splits a key into run id and entity id (the run id never holds a '/').</summary>
    public static (string RunId, string EntityId) Parse(string key)
    {
        int slash = key.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0) throw new ArgumentException($"grain key '{key}' is not '{{runId}}/{{entityId}}'", nameof(key));
        return (key[..slash], key[(slash + 1)..]);
    }

    /// <summary>A new run id: short, readable in the dashboard, no '/'.</summary>
    public static string NewRunId(string scenarioName) =>
        new string(scenarioName.Select(c => char.IsAsciiLetterOrDigit(c) || c == '-' ? c : '-').Take(32).ToArray())
        + "-" + Guid.NewGuid().ToString("N")[..8];
}
