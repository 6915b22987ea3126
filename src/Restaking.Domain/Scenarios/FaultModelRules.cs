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
        // network limits fixed at tick 0.
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
        _ => null,
    };

    /// <summary>Every fault of <paramref name="scenario"/> its security model cannot apply, at <c>$.faults[i].type</c>.</summary>
    public static IReadOnlyList<ScenarioError> Check(Scenario scenario, string file)
    {
        var errors = new List<ScenarioError>();
        for (int i = 0; i < scenario.Faults.Count; i++)
            if (Rejects(scenario.Faults[i].Type, scenario.SecurityModel) is { } why)
                errors.Add(new ScenarioError(file, JsonPathText.Property(JsonPathText.Index("$.faults", i), "type"), ScenarioRule.SecurityModel, why));
        return errors;
    }
}
