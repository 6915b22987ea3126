using Restaking.Domain.Cascade;
using Restaking.Domain.Scenarios;

namespace Restaking.Domain.Engine;

/// <summary>
/// Turns a scheduled fault into the messages that start its cascade, addressed to the entities it strikes.
/// Both engines inject exactly these messages in round 0 of the fault's tick.
/// </summary>
public static class FaultRouting
{
    public static IEnumerable<(EntityRef To, CascadeMessage Message)> Route(FaultSpec fault, WorldSpec world)
    {
        string cause = fault.Id;
        switch (fault.Type)
        {
            case FaultType.Plugin:
                // A kind's own fault: to the service it names, which hands it to its kind (ServiceState, ServiceInput.Fault).
                yield return (EntityRef.Service(world.ServiceIndex[fault.Service!]), new PluginFaultRaised(world.FaultIndex(fault), cause));
                break;
            case FaultType.OperatorEquivocation:
                yield return (EntityRef.Service(world.ServiceIndex[fault.Service!]), new EquivocationProven(world.OperatorIndex[fault.Operator!], cause));
                break;
            case FaultType.RogueService:
                yield return (EntityRef.Service(world.ServiceIndex[fault.Service!]), new RogueSlashing(fault.FractionWad, cause));
                break;
            case FaultType.CorrelatedOutage:
                var down = OutageOperators(fault, world);
                // Each service hears about its own operators that went down, once.
                var byService = new SortedDictionary<int, List<int>>();
                foreach (int v in down)
                    foreach (int s in world.OperatorServices[v])
                        (byService.TryGetValue(s, out var list) ? list : byService[s] = []).Add(v);
                foreach (var (s, ops) in byService)
                    yield return (EntityRef.Service(s), new OutageReported(ops, cause));
                break;
            case FaultType.BaseChainMassSlashing:
                var owners = fault.Owners.ToHashSet(StringComparer.Ordinal);
                var groups = owners.Count == 0 ? [] : Enumerable.Range(0, world.ValidatorGroups.Count)
                    .Where(g => owners.Contains(world.ValidatorGroups[g].Owner) || owners.Contains(world.ValidatorGroups[g].Id)).ToList();
                yield return (EntityRef.BaseChain, new MassSlashing(groups, fault.FractionWad!.Value, fault.OtherSlashedGwei ?? 0, cause));
                break;
            case FaultType.TokenPriceShock:
                yield return (EntityRef.Token(world.TokenIndex[fault.Token!]), new PriceShock(fault.FractionWad!.Value, cause));
                break;
            case FaultType.BridgeExploit:
                int bridge = world.ServiceIndex[fault.Service!];
                yield return (EntityRef.Service(bridge), new BridgeDrained(fault.AmountGwei ?? world.Services[bridge].ValueAtRiskGwei, cause));
                break;
            case FaultType.ExitWave:
                yield return (EntityRef.Token(world.TokenIndex[fault.Token!]), new ExitWave(fault.AmountGwei!.Value, cause));
                break;
            case FaultType.WithdrawalWave:
                int? asset = fault.Asset is { } name ? world.AssetOf(name) : null;
                foreach (int v in WaveOperators(fault, world))
                    yield return (EntityRef.Operator(v), new WithdrawalWave(fault.FractionWad!.Value, asset, cause));
                break;
            case FaultType.Reallocate:
                yield return (EntityRef.Operator(world.OperatorIndex[fault.Operator!]),
                    new Reallocation(world.ServiceIndex[fault.Service!], fault.MagnitudeWad!.Value, cause));
                break;
            case FaultType.VaultWithdrawal:
                // The vault's stakers, pro rata over its pools: the same message, to the vault (Vault.withdraw).
                yield return (VaultTiming.VaultOf(fault, world), new WithdrawalWave(fault.FractionWad!.Value, null, cause));
                break;
            case FaultType.VaultLimit:
                // The vault's curator (BaseDelegator.setNetworkLimit / FullRestakeDelegator.setOperatorNetworkLimit).
                yield return (VaultTiming.VaultOf(fault, world), new VaultLimitChange(world.ServiceIndex[fault.Service!],
                    fault.Operator is { } op ? world.OperatorIndex[op] : null, fault.LimitGwei!.Value, cause));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(fault), fault.Type, "unknown fault type");
        }
    }

    /// <summary>The operators whose stakers a withdrawal wave strikes: every one, or the list, in index order.</summary>
    public static IReadOnlyList<int> WaveOperators(FaultSpec fault, WorldSpec world) =>
        fault.AllOperators
            ? Enumerable.Range(0, world.Operators.Count).ToList()
            : fault.Operators.Select(id => world.OperatorIndex[id]).Order().ToList();

    /// <summary>The operators a correlated outage takes down: a named group or an explicit list, in index order.</summary>
    public static IReadOnlyList<int> OutageOperators(FaultSpec fault, WorldSpec world) =>
        fault.Group is { } group
            ? Enumerable.Range(0, world.Operators.Count).Where(v => world.Operators[v].Group == group).ToList()
            : fault.Operators.Select(id => world.OperatorIndex[id]).Order().ToList();
}
