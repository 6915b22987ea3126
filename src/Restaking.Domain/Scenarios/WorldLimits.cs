using System.Globalization;
using Restaking.Domain.Units;

namespace Restaking.Domain.Scenarios;

/// <summary>
/// Limits on the expanded world, checked before a run (docs/limits.md): a size per list and a memory estimate, judged on the
/// counts before anything is expanded, then the sums the engine's long arithmetic must hold. A world beyond them is refused
/// with one line naming the list or generator, never left to fail with an OverflowException at some tick.
/// </summary>
public static class WorldLimits
{
    /// <summary>The file's tick limit, which a command-line override obeys too.</summary>
    public const int MaxTicks = ScenarioLimits.MaxTicks;
    public const int MaxServices = 100_000;
    public const int MaxOperators = 100_000;
    public const int MaxStakers = 10_000_000;
    /// <summary>Rough bytes per entity of the expanded world and its run state (docs/limits.md).</summary>
    public const long BytesPerStaker = 100, BytesPerOperator = 4096, BytesPerService = 2048;
    public const long MaxEstimatedBytes = 4L << 30;
    /// <summary>All stake in the world (stakers and LRT deposits): 1e9 ETH, so values × prices and sums stay far below long.MaxValue.</summary>
    public const long MaxWorldStakeGwei = 1_000_000_000L * Gwei.PerEth;
    /// <summary>The world's stake plus a whole run's rewards at the scenario's APRs must stay below this (a quarter of long.MaxValue).</summary>
    public const long MaxAccruedGwei = long.MaxValue / 4;
    /// <summary>Largest run return (rewards over the run as a fraction of the stake): 900 % (a WAD return must fit a long).</summary>
    public const long MaxRunReturnWad = 9 * Wad.One;
    private const long SecondsPerYear = 31_536_000;

    /// <param name="allowLarge">Skips the size and memory limits (the CLI's --allow-large-world); the sums are always checked.</param>
    public static IReadOnlyList<ScenarioError> Check(Scenario scenario, string file, bool allowLarge = false)
    {
        var errors = new List<ScenarioError>();
        void Add(string path, string message) => errors.Add(new ScenarioError(file, path, ScenarioRule.WorldLimit, message));
        var gen = scenario.Generate;
        long services = scenario.Services.Count + (long)(gen?.Services?.Count ?? 0);
        long operators = scenario.Operators.Count + (long)(gen?.Operators?.Count ?? 0);
        long stakers = scenario.Stakers.Count + (long)(gen?.Stakers?.Count ?? 0);
        if (!allowLarge)
        {
            const string Beyond = "(--allow-large-world to go beyond; docs/limits.md)";
            if (services > MaxServices) Add(gen?.Services is null ? "$.services" : "$.generate.services.count", $"{N(services)} services, more than {N(MaxServices)} {Beyond}");
            if (operators > MaxOperators) Add(gen?.Operators is null ? "$.operators" : "$.generate.operators.count", $"{N(operators)} operators, more than {N(MaxOperators)} {Beyond}");
            if (stakers > MaxStakers) Add(gen?.Stakers is null ? "$.stakers" : "$.generate.stakers.count", $"{N(stakers)} stakers, more than {N(MaxStakers)} {Beyond}");
            long bytes = stakers * BytesPerStaker + operators * BytesPerOperator + services * BytesPerService;
            if (errors.Count == 0 && bytes > MaxEstimatedBytes)
                Add("$.generate", $"the expanded world needs about {bytes / (1 << 20):N0} MiB, more than {MaxEstimatedBytes >> 20:N0} MiB {Beyond}");
            if (errors.Count > 0) return errors;
        }

        var world = ScenarioExpansion.Expand(scenario);
        Int128 listed = 0, generated = 0;
        int listedCount = scenario.Stakers.Count;
        for (int i = 0; i < world.Stakers.Count; i++)
            if (i < listedCount) listed += world.Stakers.Amount[i];
            else generated += world.Stakers.Amount[i];
        Int128 lrt = 0;
        foreach (var positions in world.LrtPositions)
            foreach (var p in positions) lrt += p.AmountGwei;
        Int128 total = listed + generated + lrt;
        if (total > MaxWorldStakeGwei)
        {
            string path = generated > listed + lrt ? "$.generate.stakers.stakeEth" : listed >= lrt ? "$.stakers" : "$.tokens";
            Add(path, $"the world's stake is {Eth(total)} ETH (stakers {Eth(listed + generated)}, LRT deposits {Eth(lrt)}), more than {Eth(MaxWorldStakeGwei)} ETH");
            return errors;
        }
        // Rewards accrue simply on at most the whole stake: base plus every service's APR (an operator may secure them all).
        Int128 aprWad = scenario.Rewards.BaseAprWad;
        foreach (var service in world.Services) aprWad += scenario.Rewards.AprOf(service);
        Int128 seconds = (Int128)scenario.Ticks.Count * scenario.Ticks.Seconds;
        Int128 accrued = total + total * aprWad / Wad.One * seconds / SecondsPerYear;
        // A staker's run return is a WAD in a long (StakerYield.RealizedReturn): at most 9.22, so rewards over the run stay under 900 %.
        Int128 returnWad = aprWad * seconds / SecondsPerYear;
        if (returnWad > MaxRunReturnWad)
            Add("$.ticks", $"a run of {N((long)(seconds / SecondsPerYear))} years at these APRs (base plus every service: {Pct(aprWad)} a year) could return "
                + $"{Pct(returnWad)}, more than the {Pct(MaxRunReturnWad)} a return holds: shorten the run (ticks.count × ticks.seconds) or lower the APRs");
        else if (accrued > MaxAccruedGwei)
            Add("$.ticks", $"a run of {N((long)(seconds / SecondsPerYear))} years at these APRs could accrue {Eth(accrued)} ETH on {Eth(total)} ETH of stake, "
                + $"more than the engine's {Eth(MaxAccruedGwei)} ETH: shorten the run (ticks.count × ticks.seconds)");
        return errors;
    }

    private static string Pct(Int128 wad) => ((decimal)(long)Int128.Min(wad, long.MaxValue) / Wad.One * 100m).ToString("0.##", CultureInfo.InvariantCulture) + " %";

    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Eth(Int128 gwei) => (gwei / Gwei.PerEth).ToString("N0", CultureInfo.InvariantCulture);
}
