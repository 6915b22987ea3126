namespace Restaking.Domain.Scenarios;

/// <summary>The bounds the loader enforces on counts and settings (documented in scenarios/README.md).</summary>
internal static class ScenarioLimits
{
    public const int MaxTicks = 1_000_000;
    public const int MaxCascadeRounds = 10_000;
    public const int MaxExactOperators = 24;
    /// <summary>Largest generator count and validator group count.</summary>
    public const int MaxGeneratedCount = 10_000_000;
    public const int MaxWeight = 1_000_000;
    public const decimal MaxPopularity = 10m;
    public const decimal MaxTailIndex = 100m;
    /// <summary>Validator effective balance bounds in ETH: one EFFECTIVE_BALANCE_INCREMENT up to Electra MAX_EFFECTIVE_BALANCE.</summary>
    public const int MinEffectiveBalanceEth = (int)(BaseChain.ElectraSlashing.EffectiveBalanceIncrement / Units.Gwei.PerEth);
    public const int MaxEffectiveBalanceEth = (int)(BaseChain.ElectraSlashing.MaxEffectiveBalance / Units.Gwei.PerEth);
    public const int DefaultEffectiveBalanceEth = (int)(BaseChain.ElectraSlashing.ClassicEffectiveBalance / Units.Gwei.PerEth);
}
