using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Restaking.Domain.Scenarios;
using Restaking.Grains.Services;

namespace Restaking.Grains.MonteCarlo;

/// <summary>
/// Parsed scenarios by the SHA-256 of their text, so the thousand trials of a Monte Carlo run parse the file once
/// per process (a silo), not once per trial. A <see cref="Scenario"/> is immutable, so trials share it freely.
/// Kept per kind catalog: which kinds are registered decides whether a file is valid.
/// </summary>
public static class TrialScenarios
{
    /// <summary>Enough for a few Monte Carlo runs at once; past it the cache starts over (parsing is cheap next to a trial).</summary>
    private const int Capacity = 16;

    private static readonly ConcurrentDictionary<(ServiceKindCatalog Kinds, string Hash), Scenario> parsed = new();

    /// <exception cref="ArgumentException">The text is not a valid scenario.</exception>
    public static Scenario Get(string fileName, string json, ServiceKindCatalog kinds)
    {
        var key = (kinds, Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(json))));
        if (parsed.TryGetValue(key, out var scenario)) return scenario;
        var loaded = ScenarioLoader.LoadFromText(fileName, json, kinds.Behaviours);
        if (!loaded.IsValid) throw new ArgumentException($"{fileName}: invalid scenario:\n" + string.Join('\n', loaded.Errors));
        if (parsed.Count >= Capacity) parsed.Clear();
        return parsed.GetOrAdd(key, loaded.Scenario!);
    }
}
