using Restaking.Domain.Units;

namespace Restaking.Domain.Scenarios;

/// <summary>
/// A scenario with every generated entity expanded and every reference resolved to an index. Assets are indexed
/// 0 = ETH (native restaking), 1 + i = token i. Stakers are kept as parallel arrays (a million records would be
/// a million objects otherwise); staker ids are implicit.
/// </summary>
public sealed class WorldSpec
{
    public const int EthAsset = 0;

    public required Scenario Scenario { get; init; }
    public required IReadOnlyList<ServiceSpec> Services { get; init; }
    public required IReadOnlyList<OperatorSpec> Operators { get; init; }
    public required IReadOnlyList<TokenSpec> Tokens { get; init; }
    public required IReadOnlyList<ValidatorGroupSpec> ValidatorGroups { get; init; }
    public required StakerBook Stakers { get; init; }
    /// <summary>Per token: the LRT's resolved positions (operator index, asset, amount). Empty for LSTs.</summary>
    public required IReadOnlyList<IReadOnlyList<LrtPosition>> LrtPositions { get; init; }
    /// <summary>Per operator: the services it secures (sorted) and the magnitude allocated to each (WAD) at tick 0, with a zero
    /// magnitude for every service a reallocate fault allocates it to later (<see cref="ReallocationEdges"/>).</summary>
    public required IReadOnlyList<int[]> OperatorServices { get; init; }
    public required IReadOnlyList<long[]> OperatorAllocations { get; init; }

    public Dictionary<string, int> ServiceIndex { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, int> OperatorIndex { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, int> TokenIndex { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, int> LendingMarketIndex { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, int> VaultIndex { get; } = new(StringComparer.Ordinal);

    /// <summary>Services with a veto slasher or of a kind that wants every tick (<see cref="ServiceSpec.WantsTicks"/>), in index order: the only ones the schedule may wake to execute pending
    /// slash requests, so a world of many instant-slashing services costs nothing per tick.</summary>
    public IReadOnlyList<int> VetoSlashingServices => vetoSlashingServices ??=
        Enumerable.Range(0, Services.Count).Where(s => Services[s].Slasher is { Type: SlasherType.Veto } || Services[s].WantsTicks).ToArray();

    private int[]? vetoSlashingServices;

    /// <summary>A fault's position in the scenario's list (plug-in faults travel as it: <see cref="Cascade.PluginFaultRaised"/>).</summary>
    public int FaultIndex(FaultSpec fault)
    {
        var faults = Scenario.Faults;
        for (int i = 0; i < faults.Count; i++)
            if (ReferenceEquals(faults[i], fault)) return i;
        throw new ArgumentException($"fault '{fault.Id}' is not one of the scenario's", nameof(fault));
    }

    public string AssetName(int asset) => asset == EthAsset ? "eth" : Tokens[asset - 1].Id;

    public int AssetOf(string name) => name == "eth" ? EthAsset : TokenIndex[name] + 1;

    public int AssetCount => Tokens.Count + 1;

    /// <summary>An asset's price at tick 0 (WAD of ETH): ETH at par, an LST at its NAV (backing / supply), an LRT at 1.</summary>
    public long InitialPriceWad(int asset)
    {
        if (asset == EthAsset) return Wad.One;
        var token = Tokens[asset - 1];
        return token.Type == TokenType.Lst
            ? Wad.Ratio(token.BackingGwei ?? token.SupplyGwei!.Value, token.SupplyGwei!.Value, Rounding.Down)
            : Wad.One;
    }
}

/// <summary>One LRT deposit at an operator.</summary>
public readonly record struct LrtPosition(int Operator, int Asset, long AmountGwei);

/// <summary>All stakers as parallel arrays: listed stakers first, then generated ones. Generated stakers, and listed ones
/// without ticks of their own, deposit at tick 0 and never withdraw alone; <paramref name="listedTicks"/> (one per listed
/// staker, or none) gives the others' deposit and withdrawal ticks.</summary>
public sealed class StakerBook(string[] listedIds, string generatedPrefix, int[] operatorOf, byte[] assetOf, long[] amount,
    StakerTicks[]? listedTicks = null)
{
    private readonly StakerTicks[] ticks = listedTicks ?? [];

    public int Count => Operator.Length;
    public int[] Operator { get; } = operatorOf;
    public byte[] Asset { get; } = assetOf;
    public long[] Amount { get; } = amount;

    /// <summary>The listed stakers that deposit after tick 0 or withdraw on their own, in index order: each is a cohort of its own
    /// at its operator (<see cref="Operators.StakerCohorts"/>); every other staker is one of its pool's tick-0 stakers.</summary>
    public IReadOnlyList<int> Scheduled => scheduled ??= Enumerable.Range(0, ticks.Length).Where(i => ticks[i].IsOwn).ToArray();

    private int[]? scheduled;

    /// <summary>Staker <paramref name="i"/>'s ticks (tick 0 and no withdrawal for a generated staker).</summary>
    public StakerTicks TicksOf(int i) => i < ticks.Length ? ticks[i] : default;

    /// <summary>Whether staker <paramref name="i"/> moves on ticks of its own (a cheap test for a million stakers).</summary>
    public bool HasOwnTicks(int i) => i < ticks.Length && ticks[i].IsOwn;

    public string Id(int i) => i < listedIds.Length ? listedIds[i] : generatedPrefix + (i - listedIds.Length + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>When a listed staker's deposit reaches its operator and when it queues the withdrawal of all its shares (null: never).</summary>
public readonly record struct StakerTicks(int DepositTick, int? WithdrawTick)
{
    /// <summary>Not a tick-0 staker that stays: it deposits later or withdraws on its own.</summary>
    public bool IsOwn => DepositTick > 0 || WithdrawTick is not null;
}

/// <summary>Generated ids are {prefix}{i}, i = 1..count.</summary>
public static class GeneratedIds
{
    public static string Of(string prefix, int oneBased) => prefix + oneBased.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
