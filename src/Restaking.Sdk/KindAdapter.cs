using Restaking.Domain.Checkpoints;
using Restaking.Domain.Scenarios;
using Restaking.Domain.Services;

namespace Restaking.Sdk;

/// <summary>A <see cref="ServiceKind"/> as the Domain's hook (<see cref="ServiceBehaviour"/>): the one path every kind,
/// built-in or loaded, takes into a run.</summary>
internal sealed class KindAdapter : ServiceBehaviour
{
    private readonly Dictionary<string, FaultType> faults;

    public KindAdapter(ServiceKind kind)
    {
        Inner = kind;
        faults = kind.FaultTypes.ToDictionary(f => f.Name, StringComparer.Ordinal);
        FaultTypes = faults.ToDictionary(f => f.Key, f => f.Value.Fields, StringComparer.Ordinal);
        ParamNames = kind.ParamNames;
        TimelineColumns = kind.TimelineColumns;
    }

    public ServiceKind Inner { get; }
    public override string Kind => Inner.Name;
    public override long DefaultAttackThresholdWad => Inner.DefaultAttackThresholdWad;
    public override long DefaultSlashFractionWad => Inner.DefaultSlashFractionWad;
    public override long DefaultLivenessSlashWad => Inner.DefaultLivenessSlashWad;
    public override IReadOnlyCollection<string> ParamNames { get; }
    public override IReadOnlyDictionary<string, IReadOnlyCollection<string>> FaultTypes { get; }
    public override IReadOnlyList<string> TimelineColumns { get; }
    public override bool WantsTicks => Inner.WantsTicks;

    public override object? ReadParams(ScenarioFieldReader reader) => Inner.ReadParams(new ParamsReader(reader));

    public override object? ReadFault(string type, ScenarioFieldReader reader) => faults[type].Read(new ParamsReader(reader));

    public override IEnumerable<string> WatchedTokens(ServiceProfile service) => Inner.WatchedTokens(Info(service));

    /// <summary>A plain <see cref="ServiceInstance"/> overrides nothing: the service then runs the core's handling alone.</summary>
    public override ServiceLogic CreateLogic(ServiceProfile service) =>
        Inner.CreateService(Info(service)) is var instance && instance.GetType() == typeof(ServiceInstance) ? ServiceLogic.Inert : new Logic(instance);

    private static ServiceInfo Info(ServiceProfile p) => new(p.Id, p.Kind, p.ValueAtRiskGwei, p.Wraps, p.Params);

    private sealed class Logic(ServiceInstance instance) : ServiceLogic
    {
        public override void OnInput(ServiceHost host, ServiceInput input)
        {
            var context = new ServiceContext(host);
            switch (input)
            {
                case ServiceInput.StakeChanged s: instance.OnStakeChanged(context, host.OperatorId(s.Operator), s.StakeGwei); break;
                case ServiceInput.Compromised c: instance.OnCompromised(context, c.LostGwei, c.ByAttack); break;
                case ServiceInput.TokenPrice t: instance.OnTokenPrice(context, t.Token, t.PriceWad, t.NavWad); break;
                case ServiceInput.Tick: instance.OnTick(context); break;
                case ServiceInput.Fault f: instance.OnFault(context, f.Type, f.Id, f.Data); break;
                default: throw new InvalidOperationException($"no SDK callback for {input.GetType().Name}");
            }
        }

        public override void Save(CheckpointWriter writer) => writer.WriteLongs(instance.SaveState());

        public override void Restore(CheckpointReader reader) => instance.RestoreState(reader.ReadLongs());

        public override long[] Figures => instance.Figures;
    }
}
