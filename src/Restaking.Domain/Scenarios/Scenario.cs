namespace Restaking.Domain.Scenarios;

/// <summary>
/// A validated, immutable scenario: what the world looks like at tick 0 and which faults strike when.
/// Amounts are already in gwei and fractions in WAD (1e18); the JSON file says ETH and plain decimals
/// (see scenarios/scenario.schema.json). Entities may be listed, generated (<see cref="Generate"/>), or both:
/// generated entities come after listed ones.
/// </summary>
public sealed record Scenario
{
    public required string Name { get; init; }
    public string? Description { get; init; }
    public required ulong Seed { get; init; }
    public required TickClock Ticks { get; init; }
    public SecurityModel SecurityModel { get; init; } = SecurityModel.Pooled;
    public AdversarySettings Adversary { get; init; } = new();
    /// <summary>Safety cap on cascade rounds inside one tick; reaching it is reported, not hidden.</summary>
    public int MaxCascadeRounds { get; init; } = 64;
    public required BaseChainSpec BaseChain { get; init; }
    public IReadOnlyList<TokenSpec> Tokens { get; init; } = [];
    public IReadOnlyList<ServiceSpec> Services { get; init; } = [];
    public IReadOnlyList<OperatorSpec> Operators { get; init; } = [];
    public IReadOnlyList<StakerSpec> Stakers { get; init; } = [];
    /// <summary>Lending markets that take a token with a market as collateral (loops: borrow ETH, buy more of it).</summary>
    public IReadOnlyList<LendingMarketSpec> LendingMarkets { get; init; } = [];
    /// <summary>Reward rates and fees: what restaking pays, for the realized-yield figures of summary.json.</summary>
    public RewardSpec Rewards { get; init; } = new();
    /// <summary>Symbiotic vaults shared by several operators; read only under the two Symbiotic models (see <see cref="VaultSpec"/>).</summary>
    public IReadOnlyList<VaultSpec> Vaults { get; init; } = [];
    public GenerationSpec? Generate { get; init; }
    public IReadOnlyList<FaultSpec> Faults { get; init; } = [];
    /// <summary>Faults drawn per trial from hazard rates (<see cref="RandomFaultSpec"/>); expansion adds the ones that fire
    /// to <see cref="Faults"/>.</summary>
    public IReadOnlyList<RandomFaultSpec> RandomFaults { get; init; } = [];
    /// <summary>Plug-in assemblies (paths relative to the scenario file) whose service kinds it uses: the host loads them
    /// before it parses the rest (docs/plugins.md).</summary>
    public IReadOnlyList<string> Plugins { get; init; } = [];
    /// <summary>EigenLayer's protocol delays (JSON: the optional <c>"eigenlayer"</c> block).</summary>
    public EigenLayerSettings EigenLayer { get; init; } = new();

    /// <summary>The scenario with the command line's overrides applied (each null leaves the file's value).</summary>
    public Scenario WithOverrides(ulong? seed, int? ticks, SecurityModel? securityModel) => this with
    {
        Seed = seed ?? Seed,
        Ticks = ticks is { } t ? Ticks with { Count = t } : Ticks,
        SecurityModel = securityModel ?? SecurityModel,
    };
}

/// <summary>Tick count and length. JSON: <c>"ticks": { "count": 720, "seconds": 3600 }</c>.</summary>
public sealed record TickClock(int Count, int Seconds)
{
    /// <summary>
    /// A protocol delay on the tick clock: ceil(seconds / tick length). A slash in tick t happens at t × tickSeconds, so
    /// what must stay slashable for <paramref name="seconds"/> after tick T is reached by the slashes of ticks T … T + d − 1
    /// and matures at the start of tick T + d, before that tick's faults.
    /// </summary>
    public int DelayTicks(long seconds) => (int)Math.Min(int.MaxValue, (seconds + Seconds - 1) / Seconds);
}

/// <summary>
/// EigenLayer's delays, in seconds (12 s a block). Both are constructor immutables of the contracts; the defaults are
/// mainnet's (eigenlayer-contracts docs/core/DelegationManager.md <c>MIN_WITHDRAWAL_DELAY_BLOCKS</c>, AllocationManager.md
/// <c>DEALLOCATION_DELAY</c>: 100,800 blocks ≈ 14 days). JSON:
/// <c>"eigenlayer": { "withdrawalDelaySeconds": 1209600, "deallocationDelaySeconds": 1209600 }</c>.
/// </summary>
public sealed record EigenLayerSettings(
    long WithdrawalDelaySeconds = EigenLayerSettings.MainnetDelaySeconds,
    long DeallocationDelaySeconds = EigenLayerSettings.MainnetDelaySeconds,
    Restaking.Domain.EigenLayer.SlashEscrowSpec? SlashEscrow = null)
{
    public const long SecondsPerBlock = 12;

    /// <summary>100,800 blocks × 12 s = 1,209,600 s = 14 days.</summary>
    public const long MainnetDelaySeconds = Restaking.Domain.EigenLayer.EigenLayerDelays.Withdrawal * SecondsPerBlock;
}

/// <summary>How one operator's stake backs the services it secures. JSON: <c>"pooled"</c> | <c>"unique-stake"</c> |
/// <c>"symbiotic-full-restake"</c> | <c>"symbiotic-network-restake"</c>; <c>restaking run --security-model</c> overrides it.</summary>
public enum SecurityModel
{
    /// <summary>Full restake: every service an operator secures is backed by (and can slash) all of its stake.</summary>
    Pooled,
    /// <summary>EigenLayer unique stake (ELIP-002): each service is backed only by the magnitude allocated to it.</summary>
    UniqueStake,
    /// <summary>Symbiotic FullRestakeDelegator: stake = min(active, networkLimit, operatorNetworkLimit). Each operator's
    /// delegated stake is one vault with that operator and no limits set, so every network may use (and slash, in
    /// absolute amounts) all of the collateral; operators in one of the scenario's <see cref="Scenario.Vaults"/> share
    /// its collateral instead.</summary>
    SymbioticFullRestake,
    /// <summary>Symbiotic NetworkRestakeDelegator: stake = min(active, networkLimit) × operatorShares / totalShares. Each
    /// operator's delegated stake is one vault with that operator; network limits are the allocations × the collateral at
    /// tick 0, fixed in ETH, so a slash cuts a network's stake only once the collateral falls below its limit. Operators in
    /// one of the scenario's <see cref="Scenario.Vaults"/> share its collateral, split by shares.</summary>
    SymbioticNetworkRestake,
}

/// <summary>
/// What staking and restaking pay (simple APRs as WADs) and who takes a cut. Defaults: base staking APR 3.5 %
/// (Lido 2023–24, docs/public-figures.md), no service rewards unless a service or <see cref="ServiceAprWad"/> says so (there is
/// no public figure for "an AVS" in general), operator commission 10 % (EigenLayer's default split, RewardsCoordinator).
/// JSON: <c>"rewards": { "baseApr": 0.035, "serviceApr": 0.01, "operatorCommission": 0.1 }</c>.
/// </summary>
public sealed record RewardSpec
{
    public long BaseAprWad { get; init; } = Rewards.RewardRate.BaseStaking.AprWad;
    /// <summary>The APR a service pays on the stake securing it when the service does not give its own <c>rewardApr</c>.</summary>
    public long ServiceAprWad { get; init; }
    public long OperatorCommissionWad { get; init; } = Rewards.RewardFees.BipsToWad(Rewards.RewardFees.EigenLayerDefaultOperatorSplitBips);

    public long AprOf(ServiceSpec service) => service.RewardAprWad ?? ServiceAprWad;

    public long CommissionOf(OperatorSpec op) => op.CommissionWad ?? OperatorCommissionWad;

    /// <summary>An issuer's fee on the rewards its token earns: the token's own, else Lido's 10 % for an LST and
    /// Renzo's 10 % on restaking rewards for an LRT (RewardFees cites both).</summary>
    public static long IssuerFeeOf(TokenSpec token) => token.IssuerFeeWad ?? Rewards.RewardFees.BipsToWad(
        token.Type == TokenType.Lst ? Rewards.RewardFees.LidoProtocolFeeBips : Rewards.RewardFees.RenzoRestakingFeeBips);
}

/// <summary>How the rational adversary searches for attacks. JSON: <c>"auto"</c> | <c>"exact"</c> | <c>"heuristic"</c> | <c>"off"</c>.</summary>
public enum AttackSearchMode
{
    Auto,
    Exact,
    Heuristic,
    Off,
}

/// <summary>JSON: <c>"adversary": { "search": "auto", "exactMaxOperators": 16 }</c>.</summary>
public sealed record AdversarySettings(AttackSearchMode Search = AttackSearchMode.Auto, int ExactMaxOperators = 16);

/// <summary>
/// The consensus layer. <see cref="TotalActiveBalanceGwei"/> is the whole network's active balance (e.g. 34.2M ETH),
/// most of it not modelled one by one; it sets the correlation penalty's denominator.
/// JSON: <c>"baseChain": { "totalActiveBalanceEth": 34200000, "validatorGroups": [...], "nativeValidatorsForOperators": true }</c>.
/// </summary>
public sealed record BaseChainSpec
{
    public required long TotalActiveBalanceGwei { get; init; }
    public IReadOnlyList<ValidatorGroupSpec> ValidatorGroups { get; init; } = [];
    /// <summary>When true, every operator's natively restaked ETH is run as 32 ETH validators in a group named
    /// "{operatorId}/native" owned by that operator.</summary>
    public bool NativeValidatorsForOperators { get; init; }
}

/// <summary>A set of identical validators owned by an operator (native restaking) or an LST issuer.
/// JSON: <c>{ "id": "lido-a", "owner": "steth", "count": 1000, "effectiveBalanceEth": 32 }</c>.</summary>
public sealed record ValidatorGroupSpec(string Id, string Owner, int Count, long EffectiveBalanceGwei);

/// <summary>JSON: <c>"lst"</c> | <c>"lrt"</c>.</summary>
public enum TokenType
{
    Lst,
    Lrt,
}

/// <summary>
/// A liquid staking token (LST: backed by validators) or liquid restaking token (LRT: backed by restaked positions).
/// JSON LST: <c>{ "id": "steth", "type": "lst", "supplyEth": 9800000, "backingEth": 9800000 }</c>.
/// JSON LRT: <c>{ "id": "ezeth", "type": "lrt", "delegations": [{ "operator": "op-1", "asset": "eth", "amountEth": 1000 }] }</c>
/// or <c>"allocate": { "amountEth": 600000, "asset": "steth", "operatorCount": 40 }</c> (spread over the largest operators).
/// </summary>
public sealed record TokenSpec
{
    public required string Id { get; init; }
    public required TokenType Type { get; init; }
    /// <summary>Supply in token gwei. LST: required. LRT: defaults to the sum of its delegations (NAV starts at 1).</summary>
    public long? SupplyGwei { get; init; }
    /// <summary>LST only: ETH backing in gwei; defaults to the supply.</summary>
    public long? BackingGwei { get; init; }
    public IReadOnlyList<DelegationSpec> Delegations { get; init; } = [];
    public LrtAllocationSpec? Allocate { get; init; }
    /// <summary>A secondary market and a redemption queue; without one, the price is NAV × a factor price shocks push down.</summary>
    public MarketSpec? Market { get; init; }
    /// <summary>The issuer's fee on rewards (WAD); null takes <see cref="RewardSpec.IssuerFeeOf"/>'s default.</summary>
    public long? IssuerFeeWad { get; init; }
}

/// <summary>
/// A token's secondary market and redemption path (docs/domain-rules.md, liquid tokens; our model, documented in docs/models/tokens-and-lending.md):
/// a constant-product pool of <see cref="PoolTokensGwei"/> tokens against <see cref="PoolEthGwei"/> ETH with a fee,
/// a withdrawal queue that pays NAV after <see cref="RedemptionDelayTicks"/> and at most <see cref="RedemptionEthPerTick"/>
/// a tick, holders in an exit wave who sell into the pool when the discount or the queue is too deep, and arbitrageurs
/// who buy with up to <see cref="ArbitrageEthPerTick"/> a tick while the price is more than <see cref="ArbitrageDiscountWad"/>
/// below NAV (patient capital that holds to redemption; panicking holders price the wait far higher).
/// JSON: <c>"market": { "poolEth": 8700, "poolTokens": 8700, "feeBps": 30, "redemptionDelayTicks": 168,
/// "redemptionEthPerTick": 500, "sellDiscount": 0.01, "maxWaitTicks": 24, "sellFractionPerTick": 0.2,
/// "waitCostPerTick": 0.0005, "arbitrageEthPerTick": 300, "arbitrageDiscount": 0.02 }</c>.
/// With <see cref="Venues"/> the market trades on several pools (the pool fields are then the first venue's) and
/// <see cref="VenueArbitrageEthPerTick"/> of capital a tick closes gaps between venues.
/// </summary>
public sealed record MarketSpec(long PoolTokensGwei, long PoolEthGwei, long FeeBps, int RedemptionDelayTicks, long RedemptionEthPerTick,
    long SellDiscountWad, int MaxWaitTicks, long SellFractionPerTickWad, long WaitCostPerTickWad, long ArbitrageEthPerTick, long ArbitrageDiscountWad,
    YieldFlowSpec? YieldFlows = null, IReadOnlyList<VenueSpec>? Venues = null, long VenueArbitrageEthPerTick = 0)
{
    /// <summary>Every venue: the listed ones, or the single pool as one venue on the default chain.</summary>
    public IReadOnlyList<VenueSpec> AllVenues => Venues ?? [new VenueSpec("pool", VenueSpec.DefaultChain, PoolTokensGwei, PoolEthGwei, FeeBps)];
}

/// <summary>
/// Deposits and exits driven by yield (<see cref="Markets.YieldDrivenFlows"/>): per tick, a share <see cref="SensitivityWad"/> × the
/// spread between the token's yield (<see cref="PromisedAprWad"/> + the NAV's annualized change over <see cref="WindowTicks"/>)
/// and the base APR joins (deposits, minted at NAV) or leaves (through the exit-wave path), at most <see cref="MaxFlowPerTickWad"/>
/// of the supply. JSON: <c>"yieldFlows": { "sensitivity": 0.2, "maxFlowPerTick": 0.01, "promisedApr": 0.06, "windowTicks": 24 }</c>.
/// </summary>
public sealed record YieldFlowSpec(long SensitivityWad, long MaxFlowPerTickWad, long PromisedAprWad, int WindowTicks);

/// <summary>Which price a lending market's oracle reads. JSON: <c>"market"</c> | <c>"nav"</c>.</summary>
public enum OracleSource
{
    /// <summary>The market price — the pool's spot price; with venues, their ETH-weighted price or one venue's (<see cref="LendingMarketSpec.OracleVenue"/>):
    /// a depeg liquidates at once (how Gearbox and Morpho markets on ezETH read it in April 2024).</summary>
    Market,
    /// <summary>The token's NAV (an exchange-rate oracle, as Aave's wstETH/weETH feeds): only slashing lowers it.</summary>
    Nav,
}

/// <summary>
/// An Aave-style market lending ETH against one token (<see cref="Collateral"/>, which must have a market: liquidators
/// sell the collateral they seize into its pool). JSON: <c>{ "id": "gearbox-ezeth", "collateral": "ezeth", "oracle": "market",
/// "ltv": 0.9, "liquidationThreshold": 0.93, "liquidationBonus": 0.03, "loops": [{ "count": 20, "equityEth": 500, "leverage": 8 }] }</c>.
/// Optional: <see cref="OracleVenue"/> (a market oracle reading one venue instead of the market price), <see cref="CloseFactorWad"/>
/// (default Aave's 50 %; Morpho Blue and Gearbox liquidate whole positions, 1) and <see cref="Liquidators"/>.
/// </summary>
public sealed record LendingMarketSpec(string Id, string Collateral, OracleSource Oracle, long LtvWad, long LiquidationThresholdWad,
    long LiquidationBonusWad, IReadOnlyList<LoopSpec> Loops, string? OracleVenue = null, long? CloseFactorWad = null, LiquidatorSpec? Liquidators = null)
{
    /// <summary>An oracle service whose reports this market reads (<c>"oracleService"</c>): a corrupted one may report a false price.</summary>
    public string? OracleService { get; init; }
}

/// <summary><see cref="Count"/> identical looped positions: equity E ETH levered to L (collateral E·L at the entry price, debt E·(L−1));
/// <see cref="LeverageBps"/> is L in basis points (8× = 80,000).</summary>
public sealed record LoopSpec(int Count, long EquityGwei, long LeverageBps);

/// <summary>An LRT's restaked position. <see cref="Asset"/> is "eth" or an LST id.</summary>
public sealed record DelegationSpec(string Operator, string Asset, long AmountGwei);

/// <summary>Spread an LRT's deposits over the <see cref="OperatorCount"/> largest operators, in proportion to their stake.</summary>
public sealed record LrtAllocationSpec(long AmountGwei, string Asset, int OperatorCount);

/// <summary>
/// A service (AVS / network) secured by operators. <see cref="Kind"/> names a registered behaviour
/// ("bridge", "oracle", "da-layer", or a plug-in's). Null fractions take the kind's defaults.
/// JSON: <c>{ "id": "bridge-1", "kind": "bridge", "valueAtRiskEth": 120000, "attackThreshold": 0.667, "slashFraction": 1, "wraps": "steth" }</c>.
/// </summary>
public sealed record ServiceSpec
{
    public required string Id { get; init; }
    public required string Kind { get; init; }
    /// <summary>π: what an attacker gains by corrupting the service (DR24's profit from corruption), in gwei.</summary>
    public required long ValueAtRiskGwei { get; init; }
    /// <summary>α: the share of the service's securing stake an attack must control (WAD).</summary>
    public long? AttackThresholdWad { get; init; }
    /// <summary>Share of an operator's securing stake slashed for a proven equivocation (WAD).</summary>
    public long? SlashFractionWad { get; init; }
    /// <summary>Share slashed for a liveness fault (outage) (WAD).</summary>
    public long? LivenessSlashWad { get; init; }
    /// <summary>Bridges: the token whose backing the bridge holds; draining the bridge depegs it.</summary>
    public string? Wraps { get; init; }
    /// <summary>APR the service pays on the stake securing it (WAD); null takes <see cref="RewardSpec.ServiceAprWad"/>.</summary>
    public long? RewardAprWad { get; init; }
    /// <summary>How the service's slashing requests execute; null is the instant slasher (every request at once).</summary>
    public SlasherSpec? Slasher { get; init; }
    /// <summary>ELIP-006: where the stake this service slashes goes; null burns it (the default burn address).</summary>
    public string? RedistributionRecipient { get; init; }
    /// <summary>Who controls <see cref="RedistributionRecipient"/> (only with one): by default not the attacker.</summary>
    public RecipientControl RedistributionRecipientControl { get; init; }
    /// <summary>Its <c>params</c>, as its kind read them (<see cref="Services.ServiceBehaviour.ReadParams"/>); null for kinds without.</summary>
    public object? Params { get; init; }
    /// <summary>Its kind wants a wake-up every tick (<see cref="Services.ServiceBehaviour.WantsTicks"/>).</summary>
    public bool WantsTicks { get; init; }
}

/// <summary>Who controls a redistributing service's recipient. JSON <c>"redistributionRecipientControl"</c>:
/// <c>"independent"</c> | <c>"corruptor"</c>.</summary>
public enum RecipientControl
{
    /// <summary>Not the attacker (the default): e.g. an insurance fund paying the service's users under its own governance.
    /// For the adversary redistribution is then the same as a burn.</summary>
    Independent,
    /// <summary>The service's own (its treasury, its keys): whoever corrupts the service holds its slasher and its recipient,
    /// slashes every operator securing it and is paid the stake (ELIP-006 Impact Summary; <c>AttackRules.Redistributable</c>).</summary>
    Corruptor,
}

/// <summary>JSON <c>"slasher": { "type": … }</c>: <c>"instant"</c> | <c>"veto"</c>.</summary>
public enum SlasherType
{
    /// <summary>Symbiotic Slasher.slash: a request executes at once (today's behaviour for every service).</summary>
    Instant,
    /// <summary>Symbiotic VetoSlasher: a request waits <see cref="SlasherSpec.VetoTicks"/> ticks, during which a resolver may veto it.</summary>
    Veto,
}

/// <summary>Who may veto a veto slasher's requests. JSON: <c>"none"</c> | <c>"vetoes-rogue"</c> | <c>"vetoes-all"</c>.</summary>
public enum VetoResolver
{
    /// <summary>No resolver: VetoSlasher.executeSlash does not wait, so every request executes at once.</summary>
    None,
    /// <summary>A resolver (a veto committee) that vetoes the requests of a rogue or buggy slashing contract (fault <c>rogue-service</c>).</summary>
    VetoesRogue,
    /// <summary>A resolver that vetoes every request.</summary>
    VetoesAll,
}

/// <summary>
/// A service's slasher. JSON: <c>{ "type": "instant" }</c> or <c>{ "type": "veto", "vetoTicks": 2, "resolver": "vetoes-rogue" }</c>.
/// The veto slasher's vault epoch is <see cref="VetoTicks"/> + 1 ticks: the shortest whole number of ticks longer than
/// the veto window (VetoSlasher requires vetoDuration &lt; epochDuration), and long enough that a request can still
/// execute at its deadline (executeSlash refuses once now − captureTimestamp &gt; epochDuration).
/// <see cref="VetoAfterTicks"/> (JSON <c>"vetoAfterTicks"</c>, 0 … vetoTicks): how long the resolver takes to veto a request it
/// vetoes; at vetoTicks its veto comes at the deadline, reverts (VetoSlasher.vetoSlash: VetoPeriodEnded) and the slash executes.
/// </summary>
public sealed record SlasherSpec(SlasherType Type, int VetoTicks = 0, VetoResolver Resolver = VetoResolver.None, int VetoAfterTicks = 0);

/// <summary>JSON: <c>{ "id": "op-1", "group": "cloud-a", "allocations": [{ "service": "bridge-1", "magnitude": 0.2 }] }</c>.
/// Under the pooled model the magnitudes only say which services the operator secures.</summary>
public sealed record OperatorSpec
{
    public required string Id { get; init; }
    /// <summary>A correlation group (cloud, client, region) that a correlated outage can name.</summary>
    public string? Group { get; init; }
    public IReadOnlyList<AllocationSpec> Allocations { get; init; } = [];
    /// <summary>The operator's cut of service rewards (WAD); null takes <see cref="RewardSpec.OperatorCommissionWad"/>.</summary>
    public long? CommissionWad { get; init; }
    /// <summary>The operator's <c>ALLOCATION_DELAY</c> in seconds: how long an allocation increase (reallocate fault) waits
    /// before it is slashable. The protocol sets no default — each operator picks one when it registers, 0 allowed
    /// (eigenlayer-contracts AllocationManager.md "setAllocationDelay"; safety-delays-reference.md) — so ours is 0.</summary>
    public long AllocationDelaySeconds { get; init; }
}

/// <summary>An operator's allocation to one service, as a fraction (WAD) of its max magnitude (ELIP-002).</summary>
public sealed record AllocationSpec(string Service, long MagnitudeWad);

/// <summary>A staker's deposit delegated to one operator. <see cref="Asset"/> is "eth" (native restaking) or an LST id.
/// JSON: <c>{ "id": "alice", "operator": "op-1", "asset": "steth", "amountEth": 32 }</c>, optionally with
/// <c>"depositTick": 5</c> (the deposit reaches the operator at that tick; default 0, present from the start) and
/// <c>"withdrawTick": 9</c> (the staker queues a withdrawal of all its shares then). Pooled and unique stake only.</summary>
public sealed record StakerSpec(string Id, string Operator, string Asset, long AmountGwei, int DepositTick = 0, int? WithdrawTick = null)
{
    /// <summary>Whether the staker moves on its own ticks, so its position cannot be one of its pool's tick-0 stakers.</summary>
    public bool HasOwnTicks => new StakerTicks(DepositTick, WithdrawTick).IsOwn;
}

/// <summary>Counts and distributions that expand into entities at load time, so a million-staker world is a short file.</summary>
public sealed record GenerationSpec
{
    public ServiceGeneration? Services { get; init; }
    public OperatorGeneration? Operators { get; init; }
    public StakerGeneration? Stakers { get; init; }
}

/// <summary>JSON: <c>{ "count": 500, "idPrefix": "svc-", "kinds": { "bridge": 1, "oracle": 2, "da-layer": 1 },
/// "valueAtRiskEth": { "distribution": "pareto", "min": 100, "max": 500000, "tailIndex": 1.2 } }</c>.</summary>
public sealed record ServiceGeneration
{
    public required int Count { get; init; }
    public string IdPrefix { get; init; } = "svc-";
    /// <summary>Kind name → integer weight.</summary>
    public required IReadOnlyList<KeyValuePair<string, int>> KindWeights { get; init; }
    public required AmountDistribution ValueAtRisk { get; init; }
}

/// <summary>JSON: <c>{ "count": 5000, "idPrefix": "op-", "servicesPerOperator": { "min": 1, "max": 20 },
/// "servicePopularity": 1.0, "allocatedFraction": 0.8, "groups": ["cloud-a", "cloud-b", "bare-metal"] }</c>.
/// Operators pick services with Zipf popularity of exponent <see cref="ServicePopularity"/> (heavy-tailed fan-in).</summary>
public sealed record OperatorGeneration
{
    public required int Count { get; init; }
    public string IdPrefix { get; init; } = "op-";
    public required int MinServices { get; init; }
    public required int MaxServices { get; init; }
    public decimal ServicePopularity { get; init; } = 1.0m;
    /// <summary>Share of max magnitude allocated in total, split evenly over the operator's services (WAD).</summary>
    public long AllocatedFractionWad { get; init; } = Units.Wad.One * 8 / 10;
    public IReadOnlyList<string> Groups { get; init; } = [];
}

/// <summary>JSON: <c>{ "count": 1000000, "idPrefix": "staker-", "stakeEth": { "distribution": "pareto", "min": 0.1, "max": 50000, "tailIndex": 1.16 },
/// "operatorPopularity": 1.1, "assets": { "eth": 1, "steth": 1 } }</c>.
/// Delegation fan-out: stakers pick operators with Zipf popularity of exponent <see cref="OperatorPopularity"/>.</summary>
public sealed record StakerGeneration
{
    public required int Count { get; init; }
    public string IdPrefix { get; init; } = "staker-";
    public required AmountDistribution Stake { get; init; }
    public decimal OperatorPopularity { get; init; } = 1.0m;
    /// <summary>Asset ("eth" or an LST id) → integer weight.</summary>
    public required IReadOnlyList<KeyValuePair<string, int>> AssetWeights { get; init; }
}

/// <summary>JSON: <c>"fixed"</c> | <c>"uniform"</c> | <c>"log-uniform"</c> | <c>"pareto"</c>.</summary>
public enum DistributionKind
{
    Fixed,
    Uniform,
    LogUniform,
    Pareto,
}

/// <summary>An amount distribution in gwei; Pareto is truncated to [min, max] with tail index <see cref="TailIndex"/>.</summary>
public sealed record AmountDistribution(DistributionKind Kind, long MinGwei, long MaxGwei, decimal TailIndex = 1.16m);

/// <summary>JSON <c>"type"</c> values: <c>"operator-equivocation"</c>, <c>"rogue-service"</c>, <c>"correlated-outage"</c>,
/// <c>"base-chain-mass-slashing"</c>, <c>"token-price-shock"</c>, <c>"bridge-exploit"</c>, <c>"exit-wave"</c>, <c>"withdrawal-wave"</c>,
/// <c>"reallocate"</c>, <c>"vault-withdrawal"</c>, <c>"vault-limit"</c>.</summary>
public enum FaultType
{
    /// <summary>A fault type a service kind registered (<see cref="FaultSpec.PluginType"/>): it strikes the service it names.</summary>
    Plugin = -1,
    /// <summary>An operator double-signs on a service: the service slashes it by its slash fraction. Needs operator, service.</summary>
    OperatorEquivocation,
    /// <summary>A rogue or buggy service slashes every operator securing it by <c>fraction</c> (default: its slash fraction). Needs service.</summary>
    RogueService,
    /// <summary>A named operator group (or list) goes offline: every service they secure slashes them by its liveness fraction.
    /// Needs group or operators.</summary>
    CorrelatedOutage,
    /// <summary>A share (<c>fraction</c>) of the validators of the named owners (or of all groups) is slashed on the base chain:
    /// Electra initial penalty now, correlation penalty ~18 days later. Optional <c>otherSlashedEth</c>: slashings elsewhere on
    /// the network in the same window.</summary>
    BaseChainMassSlashing,
    /// <summary>A token's market price drops by <c>fraction</c>. Needs token.</summary>
    TokenPriceShock,
    /// <summary>A bridge is drained of <c>amountEth</c> (default: its whole value at risk); the wrapped token loses that backing
    /// and the bridge slashes its operators. Needs service (of kind bridge).</summary>
    BridgeExploit,
    /// <summary>Holders of <c>amountEth</c> tokens decide to leave a token with a market (e.g. ezETH after its airdrop terms,
    /// 2024-04-24): they queue for redemption, or sell into the pool when the queue is long or the discount deep. Needs token.</summary>
    ExitWave,
    /// <summary>Stakers queue <c>fraction</c> of their deposit shares for withdrawal from the named operators (or <c>"all"</c>),
    /// in one <c>asset</c> or all: the operators' delegated shares drop at once (DelegationManager.queueWithdrawals), the
    /// withdrawals stay slashable for the withdrawal delay and complete with what slashing left of them. Needs operators, fraction.</summary>
    WithdrawalWave,
    /// <summary>An operator sets its allocation to a service to <c>magnitude</c> (AllocationManager.modifyAllocations): an increase
    /// is slashable after its allocation delay, a decrease stays slashable for the deallocation delay. unique-stake only.
    /// Needs operator, service, magnitude.</summary>
    Reallocate,
    /// <summary>Stakers of a shared Symbiotic vault withdraw <c>fraction</c> of its active stake, pro rata over its operators'
    /// pools (Vault.withdraw): it leaves the active stake at once, waits in withdrawals[currentEpoch + 1], stays slashable
    /// until the epoch before it ends and is claimable once that epoch ends. Symbiotic models only. Needs vault, fraction.</summary>
    VaultWithdrawal,
    /// <summary>A shared vault's curator sets the network limit of <c>service</c> (BaseDelegator.setNetworkLimit) or, with
    /// <c>operator</c>, that operator's limit for it (FullRestakeDelegator.setOperatorNetworkLimit) to <c>limitEth</c>. Limits are
    /// checkpointed in time: every operator's stake moves at once, a slash captured before the change still reads the old
    /// limit. Symbiotic models only; <c>operator</c> only on a full-restake vault. Needs vault, service, limitEth.</summary>
    VaultLimit,
}

/// <summary>A scheduled fault. Which fields apply depends on <see cref="Type"/>; the loader rejects missing or stray ones.</summary>
public sealed record FaultSpec
{
    public required string Id { get; init; }
    public required int Tick { get; init; }
    public required FaultType Type { get; init; }
    /// <summary><see cref="FaultType.Plugin"/>: the type name a service kind registered, and what its reader made of the fault's own fields.</summary>
    public string? PluginType { get; init; }
    public object? PluginData { get; init; }
    public string? Operator { get; init; }
    public IReadOnlyList<string> Operators { get; init; } = [];
    public string? Group { get; init; }
    public string? Service { get; init; }
    public string? Token { get; init; }
    public IReadOnlyList<string> Owners { get; init; } = [];
    public long? FractionWad { get; init; }
    public long? AmountGwei { get; init; }
    public long? OtherSlashedGwei { get; init; }
    /// <summary>withdrawal-wave: <c>"operators": "all"</c>.</summary>
    public bool AllOperators { get; init; }
    /// <summary>withdrawal-wave: "eth" or an LST id; null = every asset.</summary>
    public string? Asset { get; init; }
    /// <summary>reallocate: the new magnitude (WAD of the max magnitude).</summary>
    public long? MagnitudeWad { get; init; }
    /// <summary>vault-withdrawal, vault-limit: the vault's id.</summary>
    public string? Vault { get; init; }
    /// <summary>vault-limit: the new limit in gwei.</summary>
    public long? LimitGwei { get; init; }
}

/// <summary>
/// A fault drawn per trial (docs/random-faults.md): at every tick, every service of kind <see cref="ServiceKind"/> (listed or
/// generated) turns rogue with probability <see cref="ProbabilityPerTickWad"/>, slashing its operators by
/// <see cref="FractionWad"/>. The draw for (seed, this id, service, tick) is the counter-based generator's, so a trial's
/// faults depend on its seed only — the same on both engines and any silo count.
/// </summary>
public sealed record RandomFaultSpec(string Id, FaultType Type, string ServiceKind, long ProbabilityPerTickWad, long FractionWad);
