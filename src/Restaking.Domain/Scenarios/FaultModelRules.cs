namespace Restaking.Domain.Scenarios;

/// <summary>
/// Which faults a security model can apply. The loader checks the file's model; <c>restaking run --security-model</c>
/// checks the model it overrides the file's with (<see cref="Check"/>), so both say the same thing.
/// </summary>
public static class FaultModelRules
{
    /// <summary>Why <paramref name="model"/> cannot apply a fault of <paramref name="type"/>, or null when it can.</summary>
    public static string? Rejects(FaultType type, SecurityModel model) => (type, model) switch
    {
        // ELIP-002 allocations and their delays exist only under unique stake: pooled restake slashes the whole stake
        // whatever the allocations (they only say which services an operator secures), and the Symbiotic models read
        // the curator's network limits instead (vault-limit faults).
        (FaultType.Reallocate, not SecurityModel.UniqueStake) =>
            $"reallocate faults need securityModel \"unique-stake\"; under \"{SecurityModelNames.Of(model)}\" allocations do not bound what a service can slash",
        // DelegationManager's queue is EigenLayer's; a Symbiotic vault's withdrawals run on its epochs (Domain/Symbiotic/Vault):
        // the vault-withdrawal fault, on a shared vault, which only the Symbiotic models build.
        (FaultType.WithdrawalWave, SecurityModel.SymbioticFullRestake or SecurityModel.SymbioticNetworkRestake) =>
            $"withdrawal-wave faults queue EigenLayer withdrawals (securityModel \"pooled\" or \"unique-stake\"); "
            + $"under \"{SecurityModelNames.Of(model)}\" use a vault-withdrawal fault on a shared vault (Symbiotic epochs)",
        (FaultType.VaultWithdrawal, SecurityModel.Pooled or SecurityModel.UniqueStake) =>
            $"vault-withdrawal faults withdraw from a Symbiotic vault (securityModel \"symbiotic-full-restake\" or \"symbiotic-network-restake\"); "
            + $"\"{SecurityModelNames.Of(model)}\" builds no vaults, use a withdrawal-wave fault",
        (FaultType.VaultLimit, SecurityModel.Pooled or SecurityModel.UniqueStake) =>
            $"vault-limit faults set a Symbiotic vault curator's limits (securityModel \"symbiotic-full-restake\" or \"symbiotic-network-restake\"); "
            + $"\"{SecurityModelNames.Of(model)}\" builds no vaults",
        _ => null,
    };

    /// <summary>
    /// Why a vault-limit fault cannot name an operator of <paramref name="vault"/> when the model decides its delegator (no
    /// <c>delegator</c> in the file): setOperatorNetworkLimit is FullRestakeDelegator's; a network-restake vault splits a
    /// network's limit between operators by shares. Null when it can.
    /// </summary>
    public static string? RejectsOperatorLimit(VaultSpec vault, SecurityModel model) =>
        vault.Delegator is null && model == SecurityModel.SymbioticNetworkRestake
            ? $"under \"{SecurityModelNames.Of(model)}\" vault '{vault.Id}' is a network-restake vault, which has no operator-network limits "
              + "(FullRestakeDelegator.setOperatorNetworkLimit); leave 'operator' out to set the network limit"
            : null;

    /// <summary>Why <paramref name="model"/> cannot move a listed staker on ticks of its own, or null when it can. The deposit
    /// scaling factor and the per-staker queue are EigenLayer's (SharesAccounting.md), as for a withdrawal wave; a Symbiotic
    /// vault's deposits and withdrawals run on its epochs.</summary>
    public static string? RejectsStakerTicks(SecurityModel model) => model is SecurityModel.SymbioticFullRestake or SecurityModel.SymbioticNetworkRestake
        ? $"a staker's depositTick and withdrawTick are EigenLayer deposits and withdrawals (securityModel \"pooled\" or \"unique-stake\"); "
          + $"under \"{SecurityModelNames.Of(model)}\" stakers deposit at tick 0 and leave a shared vault with a vault-withdrawal fault"
        : null;

    /// <summary>Every fault of <paramref name="scenario"/> its security model cannot apply, at <c>$.faults[i].type</c>, and every
    /// listed staker with ticks of its own it cannot move, at <c>$.stakers[i].depositTick</c> (or <c>withdrawTick</c>).</summary>
    public static IReadOnlyList<ScenarioError> Check(Scenario scenario, string file)
    {
        var errors = new List<ScenarioError>();
        for (int i = 0; i < scenario.Faults.Count; i++)
        {
            var fault = scenario.Faults[i];
            if (Rejects(fault.Type, scenario.SecurityModel) is { } why)
                errors.Add(new ScenarioError(file, JsonPathText.Property(JsonPathText.Index("$.faults", i), "type"), ScenarioRule.SecurityModel, why));
            else if (fault is { Type: FaultType.VaultLimit, Operator: not null }
                     && RejectsOperatorLimit(scenario.Vaults.First(v => v.Id == fault.Vault), scenario.SecurityModel) is { } notHere)
                errors.Add(new ScenarioError(file, JsonPathText.Property(JsonPathText.Index("$.faults", i), "operator"), ScenarioRule.SecurityModel, notHere));
        }
        for (int i = 0; i < scenario.Stakers.Count; i++)
        {
            var staker = scenario.Stakers[i];
            if (staker.HasOwnTicks && RejectsStakerTicks(scenario.SecurityModel) is { } why)
                errors.Add(new ScenarioError(file, JsonPathText.Property(JsonPathText.Index("$.stakers", i), staker.DepositTick > 0 ? "depositTick" : "withdrawTick"),
                    ScenarioRule.SecurityModel, why));
        }
        return errors;
    }
}
