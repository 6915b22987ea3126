namespace Restaking.Domain.Scenarios;

/// <summary>The stable ids of the scenario loader's rules (the <see cref="ScenarioError.Rule"/> values).</summary>
public static class ScenarioRule
{
    /// <summary>The file does not exist.</summary>
    public const string FileNotFound = "file-not-found";
    /// <summary>The file exists but could not be read.</summary>
    public const string FileUnreadable = "file-unreadable";
    /// <summary>The text is not JSON (strict: no comments, no trailing commas).</summary>
    public const string InvalidJson = "invalid-json";
    /// <summary>The path is not a regular file (a directory, device, FIFO or socket).</summary>
    public const string NotAFile = "not-a-file";
    /// <summary>The file is larger than the size limit (docs/limits.md).</summary>
    public const string FileTooLarge = "file-too-large";
    /// <summary>The text is not valid UTF-8, or a string escapes half of a UTF-16 surrogate pair.</summary>
    public const string Encoding = "encoding";
    /// <summary>The expanded world is beyond a size or sum limit (docs/limits.md).</summary>
    public const string WorldLimit = "world-limit";
    /// <summary>A required property is missing.</summary>
    public const string Required = "required";
    /// <summary>A value has the wrong JSON type (e.g. a string where a number belongs, a fraction where an integer belongs).</summary>
    public const string Type = "type";
    /// <summary>A property name the format does not define (typos are not ignored); only a top-level "$schema" is allowed.</summary>
    public const string UnknownProperty = "unknown-property";
    /// <summary>The same property twice in one object.</summary>
    public const string DuplicateProperty = "duplicate-property";
    /// <summary>A string that is not one of the allowed values (securityModel, type, distribution, ...).</summary>
    public const string Enum = "enum";
    /// <summary>A number outside its allowed range.</summary>
    public const string Range = "range";
    /// <summary>An ETH amount finer than 1 gwei (more than 9 decimals) or a fraction finer than 1 WAD unit (more than 18).</summary>
    public const string Decimals = "decimals";
    /// <summary>An empty string, list or object where at least one element is needed.</summary>
    public const string Empty = "empty";
    /// <summary>An id used twice in one list (services, operators, tokens, stakers, validator groups, faults, groups).</summary>
    public const string DuplicateId = "duplicate-id";
    /// <summary>A listed id equal to one the generator will create ({idPrefix}{i}, or "{operator}/native").</summary>
    public const string GeneratedIdCollision = "generated-id-collision";
    /// <summary>A token id equal to the reserved asset name "eth".</summary>
    public const string ReservedId = "reserved-id";
    /// <summary>A reference to an id that is neither listed nor generated.</summary>
    public const string UnknownReference = "unknown-reference";
    /// <summary>A reference to an entity of the wrong kind (an LRT used as a staking asset or validator owner).</summary>
    public const string ReferenceKind = "reference-kind";
    /// <summary>A service kind (or generator kind weight) that is not a registered service kind.</summary>
    public const string UnknownKind = "unknown-kind";
    /// <summary>One operator allocates to the same service twice.</summary>
    public const string DuplicateAllocation = "duplicate-allocation";
    /// <summary>One operator's allocation magnitudes add up to more than 1: at tick 0, or with a reallocate's magnitude beside
    /// the least its other allocations still hold at the fault's tick (modifyAllocations would always revert).</summary>
    public const string AllocationSum = "allocation-sum";
    /// <summary>A token field that its type requires is missing, or one that does not apply to its type is present.</summary>
    public const string TokenField = "token-field";
    /// <summary>An exit wave or a lending market names a token that has no market (pool and redemption queue).</summary>
    public const string NeedsMarket = "needs-market";
    /// <summary>A market with both one pool (poolEth, poolTokens, feeBps) and venues, or venue arbitrage without venues.</summary>
    public const string MarketVenues = "market-venues";
    /// <summary>A lending market's oracleVenue with a NAV oracle (a venue is a market price).</summary>
    public const string OracleVenue = "oracle-venue";
    /// <summary>A slasher field that its type requires is missing, or one that does not apply to its type is present.</summary>
    public const string SlasherField = "slasher-field";
    /// <summary>A redistributionRecipientControl without a redistributionRecipient, or a recipient controlled by the corruptor
    /// behind a veto slasher whose resolver may veto (the corruptor's slashes would then wait for a resolver: not modelled).</summary>
    public const string RedistributionField = "redistribution-field";
    /// <summary>A fault field that its type requires is missing, or one that does not apply to its type is present.</summary>
    public const string FaultField = "fault-field";
    /// <summary>An operator-equivocation fault on a service that the (listed) operator does not allocate to (at tick 0, or from
    /// the tick of a reallocate that opens the edge); a reallocate by a generated operator (its services are drawn at random); a vault limit or shares for a
    /// service that the operator (or, for a network limit, no operator of the vault) secures.</summary>
    public const string NotSecuring = "not-securing";
    /// <summary>A vault names an operator twice, an operator already in another vault, a generated operator, or gives limits
    /// or shares to an operator that is not one of its own.</summary>
    public const string VaultMembership = "vault-membership";
    /// <summary>A vault field of the other delegator: operatorNetworkLimits under "network-restake", operatorShares under "full-restake";
    /// a vault-limit fault's operator on a "network-restake" vault.</summary>
    public const string DelegatorField = "delegator-field";
    /// <summary>A fault the scenario's security model cannot apply (reallocate outside unique-stake, withdrawal-wave under a
    /// Symbiotic model, vault-withdrawal or vault-limit under pooled or unique stake, a vault-limit's operator on a vault that
    /// the model makes network-restake) or a listed staker's depositTick / withdrawTick under a
    /// Symbiotic model, also when <c>--security-model</c> overrides the file's model.</summary>
    public const string SecurityModel = "security-model";
    /// <summary>A shared vault whose epoch is not longer than the veto window of a service one of its operators secures
    /// (VetoSlasher.initialize: InvalidVetoDuration unless vetoDuration &lt; epochDuration).</summary>
    public const string VetoWindow = "veto-window";
    /// <summary>A listed staker's withdrawTick that is not after its depositTick (0 when not given).</summary>
    public const string TickOrder = "tick-order";
    /// <summary>A fault that needs a service of a given kind (bridge-exploit: a listed "bridge") names another.</summary>
    public const string ServiceKind = "service-kind";
    /// <summary>A minimum greater than its maximum (distributions, servicesPerOperator).</summary>
    public const string MinMax = "min-max";
    /// <summary>A distribution field that does not apply to its distribution (tailIndex outside pareto, fixed with max ≠ min).</summary>
    public const string DistributionField = "distribution-field";
    /// <summary>servicesPerOperator.max is larger than the number of services (listed + generated).</summary>
    public const string ExceedsServiceCount = "exceeds-service-count";
    /// <summary>An LRT's allocate.operatorCount is larger than the number of operators (listed + generated).</summary>
    public const string ExceedsOperatorCount = "exceeds-operator-count";
    /// <summary>A generator whose entities need others that do not exist (operators without services, stakers without operators).</summary>
    public const string GenerationDependency = "generation-dependency";
    /// <summary>The listed validator groups hold more ETH than the base chain's total active balance.</summary>
    public const string BalanceSum = "balance-sum";
    /// <summary>A validator effective balance that is not a whole number of ETH (EFFECTIVE_BALANCE_INCREMENT = 1 ETH).</summary>
    public const string EffectiveBalanceIncrement = "effective-balance-increment";
}
