namespace Restaking.Grains.Tests.Support;

/// <summary>An activation of one of a run's entity grains: which entity, which grain class, on which silo.</summary>
public sealed record RunActivation(string EntityId, string GrainClass, SiloAddress Silo);

public static class RunActivations
{
    /// <summary>Every entity activation, on every silo, whose key is <c>"{runId}/…"</c> (the management grain asks each
    /// silo); with <paramref name="coordinator"/>, the run's coordinator (key <c>runId</c>, entity id "") too.</summary>
    public static async Task<IReadOnlyList<RunActivation>> Of(IClusterClient client, string runId, bool coordinator = false)
    {
        var stats = await client.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        string prefix = runId + "/";
        var found = new List<RunActivation>();
        foreach (var s in stats)
        {
            string key = s.GrainId.Key.ToString() ?? "";
            if (coordinator && key == runId) key = prefix;
            else if (!key.StartsWith(prefix, StringComparison.Ordinal)) continue;
            // GrainType reads "Namespace.Class,Assembly".
            int comma = s.GrainType.IndexOf(',', StringComparison.Ordinal);
            found.Add(new RunActivation(key[prefix.Length..], comma < 0 ? s.GrainType : s.GrainType[..comma], s.SiloAddress));
        }
        return found;
    }
}
