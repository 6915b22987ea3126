using Restaking.Domain.Adversary;
using Restaking.Domain.BaseChain;
using Restaking.Domain.Cascade;
using Restaking.Domain.Lending;
using Restaking.Domain.Markets;
using Restaking.Domain.Operators;
using Restaking.Domain.Rewards;
using Restaking.Domain.Scenarios;
using Restaking.Domain.Services;
using Restaking.Domain.Symbiotic;
using Restaking.Domain.Tokens;
using Restaking.Domain.Units;

namespace Restaking.Domain.Engine;

/// <summary>
/// Every entity of one run at tick 0, built from an expanded scenario. The reference engine drives these objects
/// directly; the Orleans engine builds the same objects inside its grains.
/// </summary>
public sealed class World
{
    private World(WorldSpec spec, BaseChainState baseChain, LiquidToken[] tokens, ServiceState[] services, OperatorState[] operators,
        LendingMarketState[] lendingMarkets, RationalAdversary adversary, SymbioticVaultState[] vaults)
    {
        Vaults = vaults;
        LendingMarkets = lendingMarkets;
        Spec = spec;
        BaseChain = baseChain;
        Tokens = tokens;
        Services = services;
        Operators = operators;
        Adversary = adversary;
        members = new IReadOnlyList<ICascadeParticipant>[EntityKinds.TableLength];
        foreach (var d in EntityKinds.All) members[(int)d.Kind] = d.Members(this);
        Entities = [.. EntityKinds.All.SelectMany(d => Enumerable.Range(0, members[(int)d.Kind].Count).Select(i => new EntityRef(d.Kind, i)))];
    }

    public WorldSpec Spec { get; }
    public BaseChainState BaseChain { get; }
    public IReadOnlyList<LiquidToken> Tokens { get; }
    public IReadOnlyList<ServiceState> Services { get; }
    public IReadOnlyList<OperatorState> Operators { get; }
    public IReadOnlyList<LendingMarketState> LendingMarkets { get; }
    public RationalAdversary Adversary { get; }
    /// <summary>Symbiotic vaults shared by several operators: the scenario's "vaults" under the Symbiotic models, none otherwise.</summary>
    public IReadOnlyList<SymbioticVaultState> Vaults { get; }

    /// <summary>Every entity, in canonical order (<see cref="EntityKinds.All"/>: base chain, tokens, services, operators, lending markets, adversary, vaults).</summary>
    public IReadOnlyList<EntityRef> Entities { get; }

    /// <summary>Each kind's entities (<see cref="EntityKindDescriptor.Members"/>), read once.</summary>
    private readonly IReadOnlyList<ICascadeParticipant>[] members;

    public ICascadeParticipant this[EntityRef entity] => members[(int)entity.Kind][entity.Index];

    /// <summary>The id an entity has in the scenario (used by every output file).</summary>
    public string NameOf(EntityRef entity) => EntityKinds.IdOf(Spec, entity);

    /// <summary>Total stake value restaked with operators, in ETH gwei.</summary>
    public long RestakedValueGwei => Operators.Sum(o => o.ValueGwei);

    public static World Build(WorldSpec spec, ServiceKindRegistry kinds)
    {
        var scenario = spec.Scenario;
        int assetCount = spec.AssetCount;

        var prices = Enumerable.Range(0, assetCount).Select(spec.InitialPriceWad).ToArray();

        // Deposits per (operator, asset): tick-0 stakers and LRT positions alike. A listed staker with ticks of its own is a
        // cohort of its own (StakerCohorts): its pool exists from tick 0, with or without tick-0 stakers in it.
        var deposits = new Dictionary<(int Operator, int Asset), long>();
        var book = spec.Stakers;
        for (int i = 0; i < book.Count; i++)
            Add(deposits, (book.Operator[i], book.Asset[i]), book.HasOwnTicks(i) ? 0 : book.Amount[i]);
        foreach (var positions in spec.LrtPositions)
            foreach (var p in positions) Add(deposits, (p.Operator, p.Asset), p.AmountGwei);
        var poolsByOperator = new List<AssetPool>[spec.Operators.Count];
        for (int v = 0; v < poolsByOperator.Length; v++) poolsByOperator[v] = [];
        foreach (var ((op, asset), amount) in deposits.OrderBy(d => d.Key.Operator).ThenBy(d => d.Key.Asset))
            poolsByOperator[op].Add(new AssetPool(asset, amount, amount));

        // Who listens to whom.
        var lrtsAtOperator = new List<EntityRef>[spec.Operators.Count];
        for (int v = 0; v < lrtsAtOperator.Length; v++) lrtsAtOperator[v] = [];
        var holdersOfAsset = new SortedSet<EntityRef>[assetCount];
        for (int a = 0; a < assetCount; a++) holdersOfAsset[a] = [];
        for (int t = 0; t < spec.LrtPositions.Count; t++)
            foreach (var p in spec.LrtPositions[t])
            {
                if (!lrtsAtOperator[p.Operator].Contains(EntityRef.Token(t))) lrtsAtOperator[p.Operator].Add(EntityRef.Token(t));
                holdersOfAsset[p.Asset].Add(EntityRef.Token(t));
            }
        for (int v = 0; v < poolsByOperator.Length; v++)
            foreach (var pool in poolsByOperator[v]) holdersOfAsset[pool.Asset].Add(EntityRef.Operator(v));
        var lendingSpecs = scenario.LendingMarkets;
        for (int m = 0; m < lendingSpecs.Count; m++) holdersOfAsset[spec.TokenIndex[lendingSpecs[m].Collateral] + 1].Add(EntityRef.LendingMarket(m));

        var rewardTerms = new RewardTerms(scenario.Rewards.BaseAprWad, spec.Services.Select(scenario.Rewards.AprOf).ToArray(), scenario.Ticks.Seconds);
        var operators = new OperatorState[spec.Operators.Count];
        int withdrawalDelay = EigenLayerTiming.WithdrawalDelayTicks(scenario);
        // Only operators that reallocate need ELIP-002's delays; the others keep the delay-free magnitudes.
        var reallocating = scenario.SecurityModel == SecurityModel.UniqueStake
            ? scenario.Faults.Where(f => f.Type == FaultType.Reallocate).Select(f => spec.OperatorIndex[f.Operator!]).ToHashSet()
            : [];
        for (int v = 0; v < operators.Length; v++)
        {
            var listeners = spec.OperatorServices[v].Select(EntityRef.Service)
                .Concat(lrtsAtOperator[v]).Append(EntityRef.Adversary).Order().ToArray();
            var pools = poolsByOperator[v];
            var withdrawals = new PoolWithdrawals(pools.Select(p => p.Asset).ToArray(), withdrawalDelay, pools.Select(p => spec.AssetName(p.Asset)).ToList());
            var delayed = reallocating.Contains(v)
                ? new DelayedAllocations(spec.OperatorServices[v].Select(s => spec.Services[s].Id).ToList(), spec.OperatorAllocations[v],
                    EigenLayerTiming.AllocationDelayTicks(scenario, spec.Operators[v]), EigenLayerTiming.DeallocationDelayTicks(scenario))
                : null;
            var cohorts = book.Scheduled.Count == 0 ? null : new StakerCohorts(book.Scheduled.Where(i => book.Operator[i] == v)
                .Select(i => (i, pools.FindIndex(p => p.Asset == book.Asset[i]), book.Amount[i], book.TicksOf(i).DepositTick)).ToList());
            operators[v] = new OperatorState(v, spec.Operators[v].Id, scenario.SecurityModel, spec.OperatorServices[v],
                spec.OperatorAllocations[v], pools, prices, listeners, rewardTerms, withdrawals, delayed, cohorts);
        }
        var vaults = BuildVaults(spec, operators, prices, holdersOfAsset);

        var operatorsOfService = new List<int>[spec.Services.Count];
        for (int s = 0; s < operatorsOfService.Length; s++) operatorsOfService[s] = [];
        for (int v = 0; v < operators.Length; v++)
            foreach (var s in spec.OperatorServices[v]) operatorsOfService[s].Add(v);

        // Services: the kind (core, or loaded from a plug-in) builds each one's logic; a kind may watch tokens (it then
        // hears their price changes like a holder) and be read by lending markets (LendingMarketSpec.OracleService).
        var services = new ServiceState[spec.Services.Count];
        var readers = new List<int>[spec.Services.Count];
        for (int s = 0; s < readers.Length; s++) readers[s] = [];
        for (int m = 0; m < lendingSpecs.Count; m++)
            if (lendingSpecs[m].OracleService is { } oracle) readers[spec.ServiceIndex[oracle]].Add(m);
        Func<int, string> tokenId = t => spec.Tokens[t].Id;
        Func<int, FaultSpec> fault = f => scenario.Faults[f];
        Func<int, string> operatorId = v => spec.Operators[v].Id;
        for (int s = 0; s < services.Length; s++)
        {
            var svc = spec.Services[s];
            var behaviour = kinds.Get(svc.Kind);
            var ops = operatorsOfService[s].ToArray();
            var securing = ops.Select(v => operators[v].SecuringStake(Array.BinarySearch(spec.OperatorServices[v], s))).ToArray();
            var profile = new ServiceProfile(svc.Id, svc.Kind, svc.ValueAtRiskGwei, svc.Wraps) { Params = svc.Params };
            services[s] = new ServiceState(s, profile, behaviour,
                svc.AttackThresholdWad ?? behaviour.DefaultAttackThresholdWad,
                svc.SlashFractionWad ?? behaviour.DefaultSlashFractionWad,
                svc.LivenessSlashWad ?? behaviour.DefaultLivenessSlashWad,
                ops, securing, id => spec.TokenIndex[id],
                svc.Slasher is { Type: SlasherType.Veto } veto ? new ServiceVetoSlasher(veto, scenario.Ticks.Seconds) : null,
                svc.RedistributionRecipient, svc.RedistributionRecipientControl == RecipientControl.Corruptor,
                new ServiceWiring(tokenId, readers[s], fault) { OperatorId = operatorId });
            foreach (var watched in behaviour.WatchedTokens(profile))
                holdersOfAsset[spec.TokenIndex[watched] + 1].Add(EntityRef.Service(s));
        }

        var tokens = new LiquidToken[spec.Tokens.Count];
        for (int t = 0; t < tokens.Length; t++)
        {
            var token = spec.Tokens[t];
            var holders = holdersOfAsset[t + 1].ToArray();
            var market = token.Market is { } m ? new TokenMarket(m, scenario.Rewards.BaseAprWad, scenario.Ticks.Seconds, Liquidators(lendingSpecs, token.Id)) : null;
            if (token.Type == TokenType.Lst)
            {
                tokens[t] = new LiquidStakingToken(t, token.Id, token.SupplyGwei!.Value, token.BackingGwei ?? token.SupplyGwei.Value, holders, market);
                continue;
            }
            var positions = spec.LrtPositions[t];
            var pools = positions.Select(p => poolsByOperator[p.Operator].First(x => x.Asset == p.Asset)).ToList();
            long supply = token.SupplyGwei ?? positions.Sum(p => Wad.Mul(p.AmountGwei, prices[p.Asset], Rounding.Down));
            tokens[t] = new LiquidRestakingToken(t, token.Id, supply, positions, pools, prices, holders, market);
        }

        var lendingMarkets = new LendingMarketState[lendingSpecs.Count];
        for (int m = 0; m < lendingMarkets.Length; m++)
        {
            var collateral = tokens[spec.TokenIndex[lendingSpecs[m].Collateral]];
            int? venue = null;
            if (lendingSpecs[m].OracleVenue is { } venueId)
            {
                var venues = collateral.Market!.Venues;
                venue = Enumerable.Range(0, venues.Count).First(i => venues.Id(i) == venueId);
            }
            lendingMarkets[m] = new LendingMarketState(m, lendingSpecs[m], collateral.Index, collateral.PriceWad, collateral.NavWad, venue,
                venue is { } v ? collateral.Market!.Venues.Pool(v).SpotPriceWad : null);
        }

        var groups = spec.ValidatorGroups.Select(g => new ValidatorGroup(g.Id, OwnerRef(spec, g.Owner), g.Count, g.EffectiveBalanceGwei));
        var baseChain = new BaseChainState(scenario.BaseChain.TotalActiveBalanceGwei, scenario.Ticks.Seconds, groups);

        var adversary = new RationalAdversary(scenario.SecurityModel, scenario.Adversary,
            services.Select(s => new AdversaryService(s.RemainingValueAtRiskGwei, s.AttackThresholdWad,
                s.RedistributesToCorruptor ? s.RedistributionRecipient : null)).ToArray(),
            operators.Select(o => new AdversaryOperator(o.ValueGwei, o.Securing())).ToArray());

        return new World(spec, baseChain, tokens, services, operators, lendingMarkets, adversary, vaults);
    }

    /// <summary>
    /// Under the Symbiotic models, the scenario's shared vaults: each takes its operators' pools, holds (and hears the
    /// prices of) their assets, and gives each operator its stakes; operators in no vault keep a vault of their own
    /// (OperatorState). Pooled and unique stake have no vaults: the file's are ignored, so one file runs under all four.
    /// </summary>
    private static SymbioticVaultState[] BuildVaults(WorldSpec spec, OperatorState[] operators, long[] prices, SortedSet<EntityRef>[] holdersOfAsset)
    {
        var model = spec.Scenario.SecurityModel;
        if (model is not (SecurityModel.SymbioticFullRestake or SecurityModel.SymbioticNetworkRestake)) return [];
        var vaults = new SymbioticVaultState[spec.Scenario.Vaults.Count];
        for (int k = 0; k < vaults.Length; k++)
        {
            vaults[k] = SymbioticVaultState.Build(k, spec.Scenario.Vaults[k], model, spec, operators, prices);
            foreach (int v in vaults[k].Operators)
            {
                operators[v].JoinVault(EntityRef.Vault(k), vaults[k].StakesOf(v));
                foreach (var pool in operators[v].Pools) holdersOfAsset[pool.Asset].Add(EntityRef.Vault(k));
            }
        }
        return vaults;
    }

    /// <summary>The liquidators of every lending market lending against <paramref name="token"/>, in market order.</summary>
    private static LiquidatorBook[] Liquidators(IReadOnlyList<LendingMarketSpec> lending, string token) =>
        Enumerable.Range(0, lending.Count).Where(m => lending[m].Collateral == token).Select(m => new LiquidatorBook(m, lending[m].Liquidators)).ToArray();

    private static EntityRef OwnerRef(WorldSpec spec, string owner) =>
        spec.OperatorIndex.TryGetValue(owner, out int v) ? EntityRef.Operator(v) : EntityRef.Token(spec.TokenIndex[owner]);

    private static void Add(Dictionary<(int, int), long> map, (int, int) key, long amount) =>
        map[key] = map.GetValueOrDefault(key) + amount;
}
