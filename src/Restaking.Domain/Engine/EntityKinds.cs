using Restaking.Domain.Adversary;
using Restaking.Domain.BaseChain;
using Restaking.Domain.Cascade;
using Restaking.Domain.Lending;
using Restaking.Domain.Operators;
using Restaking.Domain.Scenarios;
using Restaking.Domain.Services;
using Restaking.Domain.Symbiotic;
using Restaking.Domain.Tokens;

namespace Restaking.Domain.Engine;

/// <summary>
/// Everything the engines need to know about one kind of cascade entity, in one place: which entities of a world
/// it has, their scenario ids, the grain class that hosts them on the Orleans engine, and the figures the timeline
/// reads from each (its reporter). Both hosts and every output go through this table; nothing else switches on
/// <see cref="EntityKind"/> to find an entity, name it or address its grain.
/// </summary>
/// <param name="Name">The kind's name in messages and docs ("operator").</param>
/// <param name="Members">The world's entities of this kind, by index.</param>
/// <param name="IdOf">Entity <c>i</c>'s scenario id (what every output file names it).</param>
/// <param name="IndexOf">The index of the entity with this id, or null (a grain finds its entity by its key).</param>
/// <param name="GrainClass">Full name of the grain class that hosts the kind on the Orleans engine; null for services,
/// whose class is their service kind's.</param>
/// <param name="Figures">What the timeline reads from an entity after each round it takes part in (null: nothing).</param>
public sealed record EntityKindDescriptor(
    EntityKind Kind,
    string Name,
    Func<World, IReadOnlyList<ICascadeParticipant>> Members,
    Func<WorldSpec, int, string> IdOf,
    Func<WorldSpec, string, int?> IndexOf,
    string? GrainClass,
    Func<ICascadeParticipant, long[]>? Figures);

/// <summary>The descriptors of every kind of cascade entity, in canonical delivery order (<see cref="EntityKind"/>).</summary>
public static class EntityKinds
{
    private const string Grains = "Restaking.Grains.";

    /// <summary>An operator's figures: its stake value and whether it was ever slashed.</summary>
    public const int OperatorValue = 0, OperatorEverSlashed = 1;
    /// <summary>A service's figures: whether it is compromised and the tick its veto slasher next has a request due.</summary>
    public const int ServiceCompromised = 0, ServiceSlashDueTick = 1;
    /// <summary>A token's figures: NAV and market price (WAD), and the tick its market next needs a step.</summary>
    public const int TokenNav = 0, TokenPrice = 1, TokenMarketDueTick = 2;
    /// <summary>The base chain's figure: the tick its next correlation penalty falls due (<see cref="int.MaxValue"/>: none).</summary>
    public const int BaseChainPenaltyDueTick = 0;

    public static IReadOnlyList<EntityKindDescriptor> All { get; } =
    [
        new(EntityKind.BaseChain, "base-chain", w => [w.BaseChain], (_, _) => "base-chain", (_, id) => id == "base-chain" ? 0 : null,
            Grains + "BaseChainGrain", e => [((BaseChainState)e).NextPenaltyDueTick]),
        new(EntityKind.Token, "token", w => w.Tokens, (s, i) => s.Tokens[i].Id, (s, id) => Find(s.TokenIndex, id),
            Grains + "TokenGrain", e => [((LiquidToken)e).NavWad, ((LiquidToken)e).PriceWad, ((LiquidToken)e).MarketDueTick]),
        new(EntityKind.Service, "service", w => w.Services, (s, i) => s.Services[i].Id, (s, id) => Find(s.ServiceIndex, id),
            null, e => [((ServiceState)e).Compromised ? 1 : 0, ((ServiceState)e).NextSlashDueTick]),
        new(EntityKind.Operator, "operator", w => w.Operators, (s, i) => s.Operators[i].Id, (s, id) => Find(s.OperatorIndex, id),
            Grains + "OperatorGrain", e => [((OperatorState)e).ValueGwei, ((OperatorState)e).EverSlashed ? 1 : 0]),
        new(EntityKind.LendingMarket, "lending-market", w => w.LendingMarkets, (s, i) => s.Scenario.LendingMarkets[i].Id,
            (s, id) => Find(s.LendingMarketIndex, id), Grains + "LendingMarketGrain", null),
        new(EntityKind.Adversary, "adversary", w => [w.Adversary], (_, _) => "adversary", (_, id) => id == "adversary" ? 0 : null,
            Grains + "AdversaryGrain", null),
        new(EntityKind.Vault, "vault", w => w.Vaults, (s, i) => s.Scenario.Vaults[i].Id, (s, id) => Find(s.VaultIndex, id),
            Grains + "VaultGrain", null),
    ];

    private static readonly EntityKindDescriptor?[] ByKind = Index();

    /// <summary>One more than the largest <see cref="EntityKind"/> value: the length of a table indexed by kind.</summary>
    public static int TableLength => ByKind.Length;

    public static EntityKindDescriptor Of(EntityKind kind) =>
        (int)kind < ByKind.Length && ByKind[(int)kind] is { } d ? d : throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a cascade entity");

    /// <summary>The scenario id of <paramref name="entity"/> (the scheduler, which sends but is no entity, is "scheduler").</summary>
    public static string IdOf(WorldSpec spec, EntityRef entity) =>
        entity.Kind == EntityKind.Scheduler ? "scheduler" : Of(entity.Kind).IdOf(spec, entity.Index);

    private static int? Find(IReadOnlyDictionary<string, int> index, string id) => index.TryGetValue(id, out int i) ? i : null;

    private static EntityKindDescriptor?[] Index()
    {
        var byKind = new EntityKindDescriptor?[Enum.GetValues<EntityKind>().Length];
        foreach (var d in All) byKind[(int)d.Kind] = d;
        return byKind;
    }
}
