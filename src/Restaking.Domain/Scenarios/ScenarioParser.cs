using System.Text.Json;
using Restaking.Domain.Units;

namespace Restaking.Domain.Scenarios;

/// <summary>
/// Walks a whole scenario document, reporting every error it finds and building the <see cref="Scenario"/> when there are none.
/// References are resolved against a <see cref="ScenarioIdIndex"/> gathered beforehand, so list order does not matter.
/// </summary>
internal sealed partial class ScenarioParser
{
    private static readonly string[] TopLevelFields =
        ["name", "description", "seed", "ticks", "securityModel", "adversary", "maxCascadeRounds", "baseChain",
         "tokens", "services", "operators", "stakers", "lendingMarkets", "rewards", "vaults", "generate", "faults", "randomFaults", "eigenlayer", "plugins"];
    private static readonly string[] RewardFields = ["baseApr", "serviceApr", "operatorCommission"];
    private static readonly string[] TickFields = ["count", "seconds"];
    private static readonly string[] AdversaryFields = ["search", "exactMaxOperators"];
    private static readonly string[] BaseChainFields = ["totalActiveBalanceEth", "validatorGroups", "nativeValidatorsForOperators"];
    private static readonly string[] ValidatorGroupFields = ["id", "owner", "count", "effectiveBalanceEth"];
    private static readonly string[] TokenFields = ["id", "type", "supplyEth", "backingEth", "delegations", "allocate", "market", "issuerFee"];
    private static readonly string[] MarketFields = ["poolEth", "poolTokens", "feeBps", "redemptionDelayTicks", "redemptionEthPerTick",
        "sellDiscount", "maxWaitTicks", "sellFractionPerTick", "waitCostPerTick", "arbitrageEthPerTick", "arbitrageDiscount", "yieldFlows",
        "venues", "venueArbitrageEthPerTick"];
    private static readonly string[] VenueFields = ["id", "chain", "poolEth", "poolTokens", "feeBps"];
    private static readonly string[] LiquidatorFields = ["maxInventoryEth", "holdBelow"];
    private static readonly string[] YieldFlowFields = ["sensitivity", "maxFlowPerTick", "promisedApr", "windowTicks"];
    private static readonly string[] LendingMarketFields = ["id", "collateral", "oracle", "ltv", "liquidationThreshold", "liquidationBonus", "loops",
        "oracleVenue", "closeFactor", "liquidators", "oracleService"];
    private static readonly string[] LoopFields = ["count", "equityEth", "leverage"];
    private static readonly string[] DelegationFields = ["operator", "asset", "amountEth"];
    private static readonly string[] LrtAllocationFields = ["amountEth", "asset", "operatorCount"];
    private static readonly string[] ServiceFields =
        ["id", "kind", "valueAtRiskEth", "attackThreshold", "slashFraction", "livenessSlash", "wraps", "rewardApr", "slasher", "redistributionRecipient",
        "redistributionRecipientControl", "params"];
    private static readonly string[] SlasherFields = ["type", "vetoTicks", "resolver", "vetoAfterTicks"];
    private static readonly string[] OperatorFields = ["id", "group", "allocations", "commission", "allocationDelaySeconds"];
    private static readonly string[] EigenLayerFields = ["withdrawalDelaySeconds", "deallocationDelaySeconds", "slashEscrow"];
    private static readonly string[] SlashEscrowFields = ["delaySeconds", "pauses"];
    private static readonly string[] EscrowPauseFields = ["fromTick", "untilTick", "outcome"];
    private static readonly IReadOnlyDictionary<string, EigenLayer.EscrowPauseOutcome> EscrowPauseOutcomes =
        new Dictionary<string, EigenLayer.EscrowPauseOutcome>(StringComparer.Ordinal) { ["release"] = EigenLayer.EscrowPauseOutcome.Release, ["return"] = EigenLayer.EscrowPauseOutcome.Return };
    private static readonly string[] AllocationFields = ["service", "magnitude"];
    private static readonly string[] StakerFields = ["id", "operator", "asset", "amountEth", "depositTick", "withdrawTick"];

    private readonly ScenarioErrorSink sink;
    private readonly ScenarioValueReader values;
    private readonly IReadOnlySet<string> serviceKinds;
    private readonly Services.ServiceKindRegistry kinds;
    private readonly ScenarioIdIndex index;
    private int? tickCount;
    private TickClock? tickClock;
    private SecurityModel securityModel;
    /// <summary>Tokens with a market (set once tokens are parsed): the only ones an exit wave may name.</summary>
    private IReadOnlySet<string> marketTokens = new HashSet<string>();
    /// <summary>Tokens whose "market" failed to parse: that error is reported at the market; a lending market or exit wave on
    /// the token does not add "has no 'market'" on top of it.</summary>
    private readonly HashSet<string> unparsedMarkets = new(StringComparer.Ordinal);

    public ScenarioParser(ScenarioErrorSink sink, Services.ServiceKindRegistry kinds, ScenarioIdIndex index)
    {
        this.sink = sink;
        values = new ScenarioValueReader(sink);
        this.kinds = kinds;
        serviceKinds = kinds.Names;
        this.index = index;
    }

    public Scenario? Parse(JsonElement root)
    {
        var o = ScenarioObject.Open(root, JsonPathText.Root, values, TopLevelFields, allowSchema: true);
        if (o is null) return null;

        var name = o.String("name", required: true);
        var description = o.String("description", required: false, allowEmpty: true);
        var seed = o.UInt64("seed", required: true);
        var ticks = ParseTicks(o);
        tickCount = ticks?.Count;
        tickClock = ticks;
        securityModel = o.Enum("securityModel", false, ScenarioJsonNames.SecurityModels) ?? SecurityModel.Pooled;
        var adversary = ParseAdversary(o);
        var maxCascadeRounds = o.Int("maxCascadeRounds", false, 1, ScenarioLimits.MaxCascadeRounds) ?? 64;
        var baseChain = ParseBaseChain(o);
        var tokens = ParseTokens(o);
        marketTokens = tokens.Where(t => t.Market is not null).Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        var services = ParseServices(o);
        var operators = ParseOperators(o);
        var stakers = ParseStakers(o);
        var lendingMarkets = ParseLendingMarkets(o, tokens);
        var rewards = ParseRewards(o);
        var vaults = ParseVaults(o);
        var generate = ParseGeneration(o);
        var faults = ParseFaults(o, operators);
        var randomFaults = ParseRandomFaults(o, faults);
        var eigenLayer = ParseEigenLayer(o);
        var plugins = ParsePlugins(o);

        if (sink.Count > 0 || name is null || seed is null || ticks is null || baseChain is null) return null;
        return new Scenario
        {
            Name = name,
            Description = description,
            Seed = seed.Value,
            Ticks = ticks,
            SecurityModel = securityModel,
            Adversary = adversary,
            MaxCascadeRounds = maxCascadeRounds,
            BaseChain = baseChain,
            Tokens = tokens,
            Services = services,
            Operators = operators,
            Stakers = stakers,
            LendingMarkets = lendingMarkets,
            Rewards = rewards,
            Vaults = vaults,
            Generate = generate,
            Faults = faults,
            RandomFaults = randomFaults,
            EigenLayer = eigenLayer,
            Plugins = plugins,
        };
    }

    /// <summary><c>"plugins"</c>: assembly paths, relative to the file. The host loads them before parsing (it needs their
    /// kinds); here they are only checked to be a list of non-empty strings.</summary>
    private List<string> ParsePlugins(ScenarioObject parent)
    {
        var plugins = new List<string>();
        foreach (var (item, path) in parent.Array("plugins", required: false))
            if (values.String(item, path) is { } plugin) plugins.Add(plugin);
        return plugins;
    }

    /// <summary>A service's <c>params</c>, read by its kind (also when absent: the kind may require some).</summary>
    private object? ParseParams(ScenarioObject service, string? kind)
    {
        if (kind is null || !kinds.TryGet(kind, out var behaviour)) return null;
        JsonElement? element = service.TryGet("params", false, out var p, out _) ? p : null;
        var reader = ScenarioFieldReader.Open(element, service.PathOf("params"), values, index, behaviour.ParamNames);
        return behaviour.ReadParams(reader);
    }

    private EigenLayerSettings ParseEigenLayer(ScenarioObject parent)
    {
        var defaults = new EigenLayerSettings();
        var o = parent.Object("eigenlayer", required: false, EigenLayerFields);
        if (o is null) return defaults;
        return new EigenLayerSettings(
            o.Int("withdrawalDelaySeconds", false, 1, int.MaxValue) ?? defaults.WithdrawalDelaySeconds,
            o.Int("deallocationDelaySeconds", false, 1, int.MaxValue) ?? defaults.DeallocationDelaySeconds,
            ParseSlashEscrow(o));
    }

    /// <summary><c>eigenlayer.slashEscrow</c> (ELIP-006 SlashEscrowFactory; docs/models/eigenlayer.md "Slash escrow"): the delay
    /// redistributed funds wait (default 4 days) and pauses of release, each [fromTick, untilTick) within the run.</summary>
    private EigenLayer.SlashEscrowSpec? ParseSlashEscrow(ScenarioObject parent)
    {
        var o = parent.Object("slashEscrow", required: false, SlashEscrowFields);
        if (o is null) return null;
        long delay = o.Int("delaySeconds", false, 0, int.MaxValue) ?? EigenLayer.SlashEscrowSpec.Elip006DelaySeconds;
        var pauses = new List<EigenLayer.EscrowPause>();
        foreach (var (item, path) in o.Array("pauses", required: false))
        {
            var p = ScenarioObject.Open(item, path, values, EscrowPauseFields);
            if (p is null) continue;
            var from = p.Int("fromTick", true, 0, ScenarioLimits.MaxTicks);
            var until = p.Int("untilTick", false, 1, ScenarioLimits.MaxTicks);
            var outcome = p.Enum("outcome", false, EscrowPauseOutcomes) ?? EigenLayer.EscrowPauseOutcome.Release;
            if (from is null) continue;
            CheckTickInRun(from.Value, p.PathOf("fromTick"));
            if (until is { } u && u <= from.Value)
                sink.Add(p.PathOf("untilTick"), ScenarioRule.Range, $"untilTick {u} must be after fromTick {from.Value}");
            pauses.Add(new EigenLayer.EscrowPause(from.Value, until, outcome));
        }
        return new EigenLayer.SlashEscrowSpec(delay, pauses);
    }

    private TickClock? ParseTicks(ScenarioObject parent)
    {
        var o = parent.Object("ticks", required: true, TickFields);
        if (o is null) return null;
        var count = o.Int("count", true, 1, ScenarioLimits.MaxTicks);
        var seconds = o.Int("seconds", true, 1, int.MaxValue);
        return count is null || seconds is null ? null : new TickClock(count.Value, seconds.Value);
    }

    private AdversarySettings ParseAdversary(ScenarioObject parent)
    {
        var o = parent.Object("adversary", required: false, AdversaryFields);
        if (o is null) return new AdversarySettings();
        var defaults = new AdversarySettings();
        return new AdversarySettings(
            o.Enum("search", false, ScenarioJsonNames.SearchModes) ?? defaults.Search,
            o.Int("exactMaxOperators", false, 1, ScenarioLimits.MaxExactOperators) ?? defaults.ExactMaxOperators);
    }

    /// <summary>Rates and fees are fractions 0 … 1 (an APR above 100 % is a typo, not a scenario).</summary>
    private RewardSpec ParseRewards(ScenarioObject parent)
    {
        var defaults = new RewardSpec();
        var o = parent.Object("rewards", required: false, RewardFields);
        if (o is null) return defaults;
        return new RewardSpec
        {
            BaseAprWad = o.Fraction("baseApr", false, allowZero: true) ?? defaults.BaseAprWad,
            ServiceAprWad = o.Fraction("serviceApr", false, allowZero: true) ?? defaults.ServiceAprWad,
            OperatorCommissionWad = o.Fraction("operatorCommission", false, allowZero: true) ?? defaults.OperatorCommissionWad,
        };
    }

    private BaseChainSpec? ParseBaseChain(ScenarioObject parent)
    {
        var o = parent.Object("baseChain", required: true, BaseChainFields);
        if (o is null) return null;
        var total = o.Eth("totalActiveBalanceEth", required: true);
        var native = o.Bool("nativeValidatorsForOperators") ?? false;
        var groups = new List<ValidatorGroupSpec>();
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        Int128 modelled = 0;
        foreach (var (item, path) in o.Array("validatorGroups", required: false))
        {
            var g = ScenarioObject.Open(item, path, values, ValidatorGroupFields);
            if (g is null) continue;
            var id = g.String("id", true);
            if (id is not null)
            {
                CheckUnique(ids, id, g.PathOf("id"), "validator group");
                if (index.IsNativeGroup(id))
                    sink.Add(g.PathOf("id"), ScenarioRule.GeneratedIdCollision,
                        $"validator group id '{id}' is the name nativeValidatorsForOperators gives to that operator's validators");
            }
            var owner = g.String("owner", true);
            if (owner is not null) CheckOwner(owner, g.PathOf("owner"));
            var count = g.Int("count", true, 1, ScenarioLimits.MaxGeneratedCount);
            var balance = ParseEffectiveBalance(g);
            if (id is null || owner is null || count is null || balance is null) continue;
            modelled += (Int128)count.Value * balance.Value;
            groups.Add(new ValidatorGroupSpec(id, owner, count.Value, balance.Value));
        }
        if (total is not null && modelled > total.Value)
            sink.Add(o.PathOf("validatorGroups"), ScenarioRule.BalanceSum,
                $"the validator groups hold {Gwei.ToEthString((long)modelled)} ETH, more than totalActiveBalanceEth ({Gwei.ToEthString(total.Value)} ETH)");
        return total is null ? null : new BaseChainSpec { TotalActiveBalanceGwei = total.Value, ValidatorGroups = groups, NativeValidatorsForOperators = native };
    }

    private long? ParseEffectiveBalance(ScenarioObject group)
    {
        if (!group.TryGet("effectiveBalanceEth", false, out var value, out var path))
            return Gwei.FromEth(ScenarioLimits.DefaultEffectiveBalanceEth);
        var eth = values.Number(value, path);
        if (eth is null) return null;
        if (eth.Value < ScenarioLimits.MinEffectiveBalanceEth || eth.Value > ScenarioLimits.MaxEffectiveBalanceEth)
        {
            sink.Add(path, ScenarioRule.Range,
                $"must be between {ScenarioLimits.MinEffectiveBalanceEth} and {ScenarioLimits.MaxEffectiveBalanceEth} ETH (MAX_EFFECTIVE_BALANCE_ELECTRA), got {ScenarioValueReader.Raw(value)}");
            return null;
        }
        if (eth.Value != decimal.Truncate(eth.Value))
        {
            sink.Add(path, ScenarioRule.EffectiveBalanceIncrement,
                $"effective balances are whole ETH (EFFECTIVE_BALANCE_INCREMENT = 1 ETH), got {ScenarioValueReader.Raw(value)}");
            return null;
        }
        return Gwei.FromEth((long)eth.Value);
    }

    private MarketSpec? ParseMarket(ScenarioObject token)
    {
        var m = token.Object("market", false, MarketFields);
        if (m is null) return null;
        // One pool (poolEth, poolTokens, feeBps) or several venues, not both.
        bool hasVenues = m.Has("venues");
        if (hasVenues && (m.Has("poolEth") || m.Has("poolTokens") || m.Has("feeBps")))
            sink.Add(m.PathOf("venues"), ScenarioRule.MarketVenues, "a market takes either one pool (poolEth, poolTokens, feeBps) or 'venues', not both");
        var venues = hasVenues ? ParseVenues(m) : null;
        var poolEth = hasVenues ? venues?[0].PoolEthGwei : m.Eth("poolEth", true);
        var poolTokens = hasVenues ? venues?[0].PoolTokensGwei : m.Eth("poolTokens", true);
        var fee = hasVenues ? venues?[0].FeeBps ?? 30 : m.Int("feeBps", false, 0, 9_999) ?? 30;
        var venueArbitrage = m.Eth("venueArbitrageEthPerTick", false, allowZero: true);
        if (venueArbitrage is not null && !hasVenues)
            sink.Add(m.PathOf("venueArbitrageEthPerTick"), ScenarioRule.MarketVenues, "venue arbitrage needs a market with 'venues'");
        var delay = m.Int("redemptionDelayTicks", true, 0, ScenarioLimits.MaxTicks);
        var rate = m.Eth("redemptionEthPerTick", true);
        var sellDiscount = m.Fraction("sellDiscount", true);
        var maxWait = m.Int("maxWaitTicks", true, 0, ScenarioLimits.MaxTicks);
        var sellFraction = m.Fraction("sellFractionPerTick", true);
        var waitCost = m.Fraction("waitCostPerTick", true, allowZero: true);
        var arbitrage = m.Eth("arbitrageEthPerTick", false, allowZero: true) ?? 0;
        var arbitrageDiscount = m.Fraction("arbitrageDiscount", false) ?? Units.Wad.One / 50;
        if (poolEth is null || poolTokens is null || delay is null || rate is null || sellDiscount is null || maxWait is null
            || sellFraction is null || waitCost is null) return null;
        var flows = ParseYieldFlows(m);
        if (m.Has("yieldFlows") && flows is null) return null;
        return new MarketSpec(poolTokens.Value, poolEth.Value, fee, delay.Value, rate.Value, sellDiscount.Value, maxWait.Value, sellFraction.Value,
            waitCost.Value, arbitrage, arbitrageDiscount, flows, venues, venueArbitrage ?? 0);
    }

    /// <summary><c>venues[]</c>: each an id (unique in the market), a chain (default "home"), a pool and its fee.</summary>
    private List<VenueSpec>? ParseVenues(ScenarioObject market)
    {
        var venues = new List<VenueSpec>();
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        bool complete = true;
        foreach (var (item, path) in market.Array("venues", required: true, nonEmpty: true))
        {
            var v = ScenarioObject.Open(item, path, values, VenueFields);
            if (v is null) { complete = false; continue; }
            var id = v.String("id", true);
            if (id is not null) CheckUnique(ids, id, v.PathOf("id"), "venue");
            var chain = v.String("chain", false) ?? VenueSpec.DefaultChain;
            var poolEth = v.Eth("poolEth", true);
            var poolTokens = v.Eth("poolTokens", true);
            var fee = v.Int("feeBps", false, 0, 9_999) ?? 30;
            if (id is null || poolEth is null || poolTokens is null) { complete = false; continue; }
            venues.Add(new VenueSpec(id, chain, poolTokens.Value, poolEth.Value, fee));
        }
        return complete && venues.Count > 0 ? venues : null;
    }

    /// <summary><c>liquidators</c>: the inventory they carry (ETH at NAV, ≥ 0) and the share of NAV below which they hold.</summary>
    private LiquidatorSpec? ParseLiquidators(ScenarioObject lendingMarket)
    {
        var o = lendingMarket.Object("liquidators", false, LiquidatorFields);
        if (o is null) return null;
        var inventory = o.Eth("maxInventoryEth", true, allowZero: true);
        var holdBelow = o.Fraction("holdBelow", true);
        return inventory is null || holdBelow is null ? null : new LiquidatorSpec(inventory.Value, holdBelow.Value);
    }

    /// <summary>Sensitivity: share of the supply moving per tick per 100 % a year of spread, in [0, 1].</summary>
    private YieldFlowSpec? ParseYieldFlows(ScenarioObject market)
    {
        var y = market.Object("yieldFlows", false, YieldFlowFields);
        if (y is null) return null;
        var sensitivity = y.Fraction("sensitivity", true, allowZero: true);
        var maxFlow = y.Fraction("maxFlowPerTick", true);
        var promised = y.Fraction("promisedApr", true, allowZero: true);
        var window = y.Int("windowTicks", true, 1, ScenarioLimits.MaxTicks);
        return sensitivity is null || maxFlow is null || promised is null || window is null
            ? null
            : new YieldFlowSpec(sensitivity.Value, maxFlow.Value, promised.Value, window.Value);
    }

    private IReadOnlyList<LendingMarketSpec> ParseLendingMarkets(ScenarioObject parent, IReadOnlyList<TokenSpec> tokens)
    {
        var markets = new List<LendingMarketSpec>();
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (item, path) in parent.Array("lendingMarkets", required: false))
        {
            var m = ScenarioObject.Open(item, path, values, LendingMarketFields);
            if (m is null) continue;
            var id = m.String("id", true);
            if (id is not null) CheckUnique(ids, id, m.PathOf("id"), "lending market");
            var collateral = m.String("collateral", true);
            if (collateral is not null && tokens.FirstOrDefault(t => t.Id == collateral) is var token)
            {
                if (token is null)
                    sink.Add(m.PathOf("collateral"), ScenarioRule.UnknownReference, $"'{collateral}' is not a listed token");
                else if (token.Market is null && !unparsedMarkets.Contains(collateral))
                    sink.Add(m.PathOf("collateral"), ScenarioRule.NeedsMarket,
                        $"token '{collateral}' has no 'market': liquidators sell seized collateral into its pool");
            }
            var oracle = m.Enum("oracle", true, ScenarioJsonNames.OracleSources);
            var oracleVenue = m.String("oracleVenue", false);
            if (oracleVenue is not null)
            {
                var lent = collateral is null ? null : tokens.FirstOrDefault(t => t.Id == collateral);
                if (oracle == OracleSource.Nav)
                    sink.Add(m.PathOf("oracleVenue"), ScenarioRule.OracleVenue, "an oracle reading a venue is a market oracle: set \"oracle\": \"market\"");
                else if (lent?.Market is { } market && !(market.Venues?.Any(v => v.Id == oracleVenue) ?? false))
                    sink.Add(m.PathOf("oracleVenue"), ScenarioRule.UnknownReference,
                        $"'{oracleVenue}' is not a venue of {collateral}'s market{(market.Venues is null ? " (it lists no venues)" : "")}");
            }
            var oracleService = m.String("oracleService", false);
            if (oracleService is not null) CheckService(oracleService, m.PathOf("oracleService"));
            var closeFactor = m.Fraction("closeFactor", false);
            var liquidators = ParseLiquidators(m);
            var ltv = m.Fraction("ltv", true);
            var threshold = m.Fraction("liquidationThreshold", true);
            var bonus = m.Fraction("liquidationBonus", true, allowZero: true);
            if (ltv is not null && threshold is not null && ltv > threshold)
                sink.Add(m.PathOf("ltv"), ScenarioRule.Range, "the loan-to-value must not exceed the liquidation threshold");
            var loops = new List<LoopSpec>();
            foreach (var (loopItem, loopPath) in m.Array("loops", required: true, nonEmpty: true))
            {
                var l = ScenarioObject.Open(loopItem, loopPath, values, LoopFields);
                if (l is null) continue;
                var count = l.Int("count", true, 1, 1_000_000);
                var equity = l.Eth("equityEth", true);
                var leverage = l.Decimal("leverage", true, 1m, 100m);
                if (count is null || equity is null || leverage is null) continue;
                var bps = leverage.Value * 10_000m;
                if (bps != decimal.Truncate(bps))
                {
                    sink.Add(l.PathOf("leverage"), ScenarioRule.Decimals, "leverage takes at most 4 decimals");
                    continue;
                }
                // Each loop borrows against what it holds: (L − 1) / L ≤ LTV, or the last borrow would be refused.
                if (ltv is not null && !Lending.LendingPosition.LoopFits((long)bps, ltv.Value))
                    sink.Add(l.PathOf("leverage"), ScenarioRule.Range,
                        $"leverage {leverage} needs a loan-to-value of at least (L − 1)/L = {(leverage.Value - 1) / leverage.Value:0.####}; the market's is {Units.Wad.ToDecimalString(ltv.Value)}");
                loops.Add(new LoopSpec(count.Value, equity.Value, (long)bps));
            }
            if (id is null || collateral is null || oracle is null || ltv is null || threshold is null || bonus is null) continue;
            if (m.Has("liquidators") && liquidators is null) continue;
            markets.Add(new LendingMarketSpec(id, collateral, oracle.Value, ltv.Value, threshold.Value, bonus.Value, loops, oracleVenue, closeFactor, liquidators)
                { OracleService = oracleService });
        }
        return markets;
    }

    private IReadOnlyList<TokenSpec> ParseTokens(ScenarioObject parent)
    {
        var tokens = new List<TokenSpec>();
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (item, path) in parent.Array("tokens", required: false))
        {
            var t = ScenarioObject.Open(item, path, values, TokenFields);
            if (t is null) continue;
            var id = t.String("id", true);
            if (id is not null)
            {
                CheckUnique(ids, id, t.PathOf("id"), "token");
                if (id == ScenarioJsonNames.Eth)
                    sink.Add(t.PathOf("id"), ScenarioRule.ReservedId, "\"eth\" names native ETH and cannot be a token id");
            }
            var type = t.Enum("type", true, ScenarioJsonNames.TokenTypes);
            var supply = t.Eth("supplyEth", false);
            var backing = t.Eth("backingEth", false, allowZero: true);
            var delegations = ParseDelegations(t);
            var allocate = ParseLrtAllocation(t);
            var market = ParseMarket(t);
            if (market is null && id is not null && t.Has("market")) unparsedMarkets.Add(id);
            var issuerFee = t.Fraction("issuerFee", false, allowZero: true);

            if (type == TokenType.Lst)
            {
                if (!t.Has("supplyEth")) sink.Add(t.PathOf("supplyEth"), ScenarioRule.TokenField, "an LST needs 'supplyEth'");
                foreach (var field in new[] { "delegations", "allocate" })
                    if (t.Has(field)) sink.Add(t.PathOf(field), ScenarioRule.TokenField, $"'{field}' applies only to LRTs (an LST is backed by validators)");
            }
            else if (type == TokenType.Lrt)
            {
                if (t.Has("backingEth"))
                    sink.Add(t.PathOf("backingEth"), ScenarioRule.TokenField, "an LRT must not have 'backingEth': it is backed by its restaked positions");
                var hasDelegations = t.Has("delegations");
                var hasAllocate = t.Has("allocate");
                if (hasDelegations == hasAllocate)
                    sink.Add(t.Path, ScenarioRule.TokenField, hasDelegations
                        ? "an LRT takes either 'delegations' or 'allocate', not both"
                        : "an LRT needs 'delegations' or 'allocate'");
            }

            if (id is null || type is null) continue;
            tokens.Add(new TokenSpec { Id = id, Type = type.Value, SupplyGwei = supply, BackingGwei = backing, Delegations = delegations, Allocate = allocate, Market = market, IssuerFeeWad = issuerFee });
        }
        return tokens;
    }

    private IReadOnlyList<DelegationSpec> ParseDelegations(ScenarioObject token)
    {
        var delegations = new List<DelegationSpec>();
        foreach (var (item, path) in token.Array("delegations", required: false, nonEmpty: true))
        {
            var d = ScenarioObject.Open(item, path, values, DelegationFields);
            if (d is null) continue;
            var op = d.String("operator", true);
            if (op is not null) CheckOperator(op, d.PathOf("operator"));
            var asset = d.String("asset", true);
            if (asset is not null) CheckAsset(asset, d.PathOf("asset"));
            var amount = d.Eth("amountEth", true);
            if (op is not null && asset is not null && amount is not null) delegations.Add(new DelegationSpec(op, asset, amount.Value));
        }
        return delegations;
    }

    private LrtAllocationSpec? ParseLrtAllocation(ScenarioObject token)
    {
        var a = token.Object("allocate", required: false, LrtAllocationFields);
        if (a is null) return null;
        var amount = a.Eth("amountEth", true);
        var asset = a.String("asset", true);
        if (asset is not null) CheckAsset(asset, a.PathOf("asset"));
        var count = a.Int("operatorCount", true, 1, ScenarioLimits.MaxGeneratedCount);
        if (count is not null && count.Value > index.OperatorCount)
            sink.Add(a.PathOf("operatorCount"), ScenarioRule.ExceedsOperatorCount,
                $"operatorCount {count} is more than the {index.OperatorCount} operators (listed + generated)");
        return amount is null || asset is null || count is null ? null : new LrtAllocationSpec(amount.Value, asset, count.Value);
    }

    private IReadOnlyList<ServiceSpec> ParseServices(ScenarioObject parent)
    {
        var services = new List<ServiceSpec>();
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (item, path) in parent.Array("services", required: false))
        {
            var s = ScenarioObject.Open(item, path, values, ServiceFields);
            if (s is null) continue;
            var id = s.String("id", true);
            if (id is not null)
            {
                CheckUnique(ids, id, s.PathOf("id"), "service");
                CheckNotGenerated(index.GeneratedServices, id, s.PathOf("id"), "service");
            }
            var kind = s.String("kind", true);
            if (kind is not null) CheckKind(kind, s.PathOf("kind"));
            var valueAtRisk = s.Eth("valueAtRiskEth", true);
            var attackThreshold = s.Fraction("attackThreshold", false);
            var slashFraction = s.Fraction("slashFraction", false);
            var livenessSlash = s.Fraction("livenessSlash", false, allowZero: true);
            var wraps = s.String("wraps", false);
            var rewardApr = s.Fraction("rewardApr", false, allowZero: true);
            if (wraps is not null && !index.Tokens.ContainsKey(wraps))
                sink.Add(s.PathOf("wraps"), ScenarioRule.UnknownReference, $"'{wraps}' is not a listed token");
            var slasher = ParseSlasher(s);
            if (id is not null && slasher is { Type: SlasherType.Veto }) vetoSlashers.TryAdd(id, slasher);
            var recipient = s.String("redistributionRecipient", false);
            if (recipient is not null && !EigenLayer.SlashDestination.CanRedistributeTo(recipient))
                sink.Add(s.PathOf("redistributionRecipient"), ScenarioRule.ReservedId,
                    $"'{recipient}' is the default burn address; leave 'redistributionRecipient' out to burn");
            var control = ParseRecipientControl(s, recipient is not null || s.Has("redistributionRecipient"), slasher);
            var parameters = ParseParams(s, kind);
            if (id is null || kind is null || valueAtRisk is null) continue;
            services.Add(new ServiceSpec
            {
                Id = id, Kind = kind, ValueAtRiskGwei = valueAtRisk.Value, AttackThresholdWad = attackThreshold,
                SlashFractionWad = slashFraction, LivenessSlashWad = livenessSlash, Wraps = wraps, RewardAprWad = rewardApr,
                Slasher = slasher, RedistributionRecipient = recipient, RedistributionRecipientControl = control,
                Params = parameters, WantsTicks = kinds.TryGet(kind, out var behaviour) && behaviour.WantsTicks,
            });
        }
        return services;
    }

    /// <summary>
    /// <c>"redistributionRecipientControl"</c> (default "independent"): only beside a <c>redistributionRecipient</c>. A recipient
    /// the corruptor controls needs a slasher it can use at once (instant, or veto without a resolver): a resolver could veto
    /// the corruptor's slashes, and that race is not modelled.
    /// </summary>
    private RecipientControl ParseRecipientControl(ScenarioObject service, bool redistributes, SlasherSpec? slasher)
    {
        var control = service.Enum("redistributionRecipientControl", false, ScenarioJsonNames.RecipientControls);
        if (control is null) return RecipientControl.Independent;
        string path = service.PathOf("redistributionRecipientControl");
        if (!redistributes)
            sink.Add(path, ScenarioRule.RedistributionField, "'redistributionRecipientControl' needs a 'redistributionRecipient'");
        else if (control == RecipientControl.Corruptor && slasher is { Type: SlasherType.Veto, Resolver: not VetoResolver.None } veto)
            sink.Add(path, ScenarioRule.RedistributionField,
                $"a recipient controlled by the corruptor needs a slasher it can use at once; resolver '{ScenarioJsonNames.Of(veto.Resolver)}' could veto its slashes (not modelled)");
        return control.Value;
    }

    /// <summary>
    /// <c>"slasher"</c>: instant (no other field) or veto (<c>vetoTicks</c> ≥ 0 and <c>resolver</c> both required). The veto
    /// window is any whole number of ticks: the vault epoch is taken one tick longer (<see cref="SlasherSpec"/>), so
    /// VetoSlasher's vetoDuration &lt; epochDuration always holds. Optional <c>vetoAfterTicks</c> (0 … vetoTicks, a resolver
    /// that vetoes only): how late the resolver vetoes; beyond vetoTicks the request has already executed.
    /// </summary>
    private SlasherSpec? ParseSlasher(ScenarioObject service)
    {
        var o = service.Object("slasher", required: false, SlasherFields);
        if (o is null) return null;
        var type = o.Enum("type", true, ScenarioJsonNames.SlasherTypes);
        if (type == SlasherType.Instant)
        {
            foreach (var field in new[] { "vetoTicks", "resolver", "vetoAfterTicks" })
                if (o.Has(field)) sink.Add(o.PathOf(field), ScenarioRule.SlasherField, $"'{field}' applies only to a veto slasher");
            return new SlasherSpec(SlasherType.Instant);
        }
        var ticks = o.Int("vetoTicks", false, 0, ScenarioLimits.MaxTicks);
        var resolver = o.Enum("resolver", false, ScenarioJsonNames.VetoResolvers);
        var vetoAfter = o.Int("vetoAfterTicks", false, 0, ScenarioLimits.MaxTicks);
        if (type != SlasherType.Veto) return null;
        foreach (var field in new[] { "vetoTicks", "resolver" })
            if (!o.Has(field)) sink.Add(o.PathOf(field), ScenarioRule.SlasherField, $"a veto slasher needs '{field}'");
        if (vetoAfter is not null && resolver == VetoResolver.None)
            sink.Add(o.PathOf("vetoAfterTicks"), ScenarioRule.SlasherField, "'vetoAfterTicks' needs a resolver that vetoes (resolver \"none\" never does)");
        // At vetoTicks the veto already comes at the deadline (VetoSlasher.vetoSlash: VetoPeriodEnded) and the request executes;
        // a later veto would find it executed.
        if (vetoAfter is not null && ticks is not null && vetoAfter > ticks)
            sink.Add(o.PathOf("vetoAfterTicks"), ScenarioRule.Range,
                $"vetoAfterTicks {vetoAfter} is past the veto window (vetoTicks {ticks}): at {ticks} the veto already comes at the deadline");
        return ticks is null || resolver is null ? null : new SlasherSpec(SlasherType.Veto, ticks.Value, resolver.Value, vetoAfter ?? 0);
    }

    private IReadOnlyList<OperatorSpec> ParseOperators(ScenarioObject parent)
    {
        var operators = new List<OperatorSpec>();
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (item, path) in parent.Array("operators", required: false))
        {
            var o = ScenarioObject.Open(item, path, values, OperatorFields);
            if (o is null) continue;
            var id = o.String("id", true);
            if (id is not null)
            {
                CheckUnique(ids, id, o.PathOf("id"), "operator");
                CheckNotGenerated(index.GeneratedOperators, id, o.PathOf("id"), "operator");
            }
            var group = o.String("group", false);
            var commission = o.Fraction("commission", false, allowZero: true);
            var allocationDelay = o.Int("allocationDelaySeconds", false, 0, int.MaxValue) ?? 0;
            var allocations = new List<AllocationSpec>();
            var allocated = new Dictionary<string, string>(StringComparer.Ordinal);
            var allocationsValid = true;
            Int128 sum = 0;
            foreach (var (allocationItem, allocationPath) in o.Array("allocations", required: false))
            {
                var a = ScenarioObject.Open(allocationItem, allocationPath, values, AllocationFields);
                if (a is null) { allocationsValid = false; continue; }
                var service = a.String("service", true);
                if (service is not null)
                {
                    if (!index.IsService(service))
                        sink.Add(a.PathOf("service"), ScenarioRule.UnknownReference, $"'{service}' is not a listed or generated service");
                    if (!allocated.TryAdd(service, a.PathOf("service")))
                        sink.Add(a.PathOf("service"), ScenarioRule.DuplicateAllocation,
                            $"operator allocates to '{service}' twice (first at {allocated[service]})");
                }
                var magnitude = a.Fraction("magnitude", true);
                if (magnitude is not null) sum += magnitude.Value;
                if (service is null || magnitude is null) { allocationsValid = false; continue; }
                allocations.Add(new AllocationSpec(service, magnitude.Value));
            }
            if (sum > Wad.One)
                sink.Add(o.PathOf("allocations"), ScenarioRule.AllocationSum,
                    $"allocation magnitudes add up to {Wad.ToDecimalString((long)sum)}, more than 1");
            if (id is null || !allocationsValid) continue;
            operators.Add(new OperatorSpec { Id = id, Group = group, Allocations = allocations, CommissionWad = commission, AllocationDelaySeconds = allocationDelay });
        }
        return operators;
    }

    private IReadOnlyList<StakerSpec> ParseStakers(ScenarioObject parent)
    {
        var stakers = new List<StakerSpec>();
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (item, path) in parent.Array("stakers", required: false))
        {
            var s = ScenarioObject.Open(item, path, values, StakerFields);
            if (s is null) continue;
            var id = s.String("id", true);
            if (id is not null)
            {
                CheckUnique(ids, id, s.PathOf("id"), "staker");
                CheckNotGenerated(index.GeneratedStakers, id, s.PathOf("id"), "staker");
            }
            var op = s.String("operator", true);
            if (op is not null) CheckOperator(op, s.PathOf("operator"));
            var asset = s.String("asset", true);
            if (asset is not null) CheckAsset(asset, s.PathOf("asset"));
            var amount = s.Eth("amountEth", true);
            var (depositTick, withdrawTick, ticksValid) = ParseStakerTicks(s);
            if (id is null || op is null || asset is null || amount is null || !ticksValid) continue;
            stakers.Add(new StakerSpec(id, op, asset, amount.Value, depositTick, withdrawTick));
        }
        return stakers;
    }

    /// <summary>
    /// A listed staker's own ticks: <c>depositTick</c> (default 0) and <c>withdrawTick</c> (none by default) within the run,
    /// the withdrawal after the deposit, and only under a security model with EigenLayer's withdrawal queue.
    /// </summary>
    private (int DepositTick, int? WithdrawTick, bool Valid) ParseStakerTicks(ScenarioObject s)
    {
        int errorsBefore = sink.Count;
        var deposit = s.Int("depositTick", false, 0, int.MaxValue);
        var withdraw = s.Int("withdrawTick", false, 0, int.MaxValue);
        if (deposit is { } d) CheckTickInRun(d, s.PathOf("depositTick"));
        if (withdraw is { } w)
        {
            CheckTickInRun(w, s.PathOf("withdrawTick"));
            if (w <= (deposit ?? 0))
                sink.Add(s.PathOf("withdrawTick"), ScenarioRule.TickOrder,
                    $"withdrawTick {w} is not after the staker's deposit (tick {deposit ?? 0}): a staker withdraws what it deposited");
        }
        if (new StakerTicks(deposit ?? 0, withdraw).IsOwn && FaultModelRules.RejectsStakerTicks(securityModel) is { } why)
            sink.Add(s.PathOf(deposit > 0 ? "depositTick" : "withdrawTick"), ScenarioRule.SecurityModel, why);
        bool valid = sink.Count == errorsBefore && (deposit is not null || !s.Has("depositTick")) && (withdraw is not null || !s.Has("withdrawTick"));
        return (deposit ?? 0, withdraw, valid);
    }

    /// <summary>A tick must be one the run has: [0, ticks.count).</summary>
    private void CheckTickInRun(int tick, string path)
    {
        if (tickCount is not null && tick >= tickCount)
            sink.Add(path, ScenarioRule.Range, $"tick {tick} is outside the scenario's ticks [0, {tickCount})");
    }

    private void CheckUnique(Dictionary<string, string> seen, string id, string path, string entity)
    {
        if (!seen.TryAdd(id, path))
            sink.Add(path, ScenarioRule.DuplicateId, $"duplicate {entity} id '{id}' (first at {seen[id]})");
    }

    private void CheckNotGenerated(GeneratedIdRange? generated, string id, string path, string entity)
    {
        if (generated?.Contains(id) ?? false)
            sink.Add(path, ScenarioRule.GeneratedIdCollision, $"{entity} id '{id}' collides with the generated ids {generated}");
    }

    private void CheckKind(string kind, string path)
    {
        if (!serviceKinds.Contains(kind))
            sink.Add(path, ScenarioRule.UnknownKind,
                $"unknown service kind '{kind}'; known kinds: {string.Join(", ", serviceKinds.Order(StringComparer.Ordinal))}");
    }

    private void CheckOperator(string id, string path)
    {
        if (!index.IsOperator(id))
            sink.Add(path, ScenarioRule.UnknownReference, $"'{id}' is not a listed or generated operator");
    }

    private void CheckService(string id, string path)
    {
        if (!index.IsService(id))
            sink.Add(path, ScenarioRule.UnknownReference, $"'{id}' is not a listed or generated service");
    }

    /// <summary>A staking asset: "eth" or an LST id.</summary>
    private void CheckAsset(string asset, string path)
    {
        if (asset == ScenarioJsonNames.Eth) return;
        if (!index.Tokens.TryGetValue(asset, out var type))
            sink.Add(path, ScenarioRule.UnknownReference, $"asset '{asset}' is neither \"eth\" nor a listed LST");
        else if (type == TokenType.Lrt)
            sink.Add(path, ScenarioRule.ReferenceKind, $"asset '{asset}' is an LRT; only \"eth\" and LSTs can be restaked");
    }

    /// <summary>A validator group owner: an operator or an LST id.</summary>
    private void CheckOwner(string owner, string path)
    {
        if (index.IsOperator(owner)) return;
        if (!index.Tokens.TryGetValue(owner, out var type))
            sink.Add(path, ScenarioRule.UnknownReference, $"owner '{owner}' is neither an operator nor a listed LST");
        else if (type == TokenType.Lrt)
            sink.Add(path, ScenarioRule.ReferenceKind, $"owner '{owner}' is an LRT; validators are owned by operators or LSTs");
    }
}
