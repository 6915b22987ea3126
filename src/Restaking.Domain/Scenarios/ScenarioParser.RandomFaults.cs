namespace Restaking.Domain.Scenarios;

/// <summary>"randomFaults": hazard rates per tick per service kind (docs/random-faults.md). One fault type so far:
/// "rogue-service", with the slash fraction of the listed fault of that type.</summary>
internal sealed partial class ScenarioParser
{
    private static readonly string[] RandomFaultFields = ["id", "type", "serviceKind", "probabilityPerTick", "fraction"];

    private IReadOnlyList<RandomFaultSpec> ParseRandomFaults(ScenarioObject parent, IReadOnlyList<FaultSpec> listed)
    {
        var specs = new List<RandomFaultSpec>();
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var f in listed) ids.TryAdd(f.Id, "$.faults");
        foreach (var (item, path) in parent.Array("randomFaults", required: false))
        {
            var o = ScenarioObject.Open(item, path, values, RandomFaultFields);
            if (o is null) continue;
            var id = o.String("id", true);
            if (id is not null) CheckUnique(ids, id, o.PathOf("id"), "fault");
            var type = o.Enum("type", true, ScenarioJsonNames.FaultTypes);
            if (type is not null and not FaultType.RogueService)
                sink.Add(o.PathOf("type"), ScenarioRule.FaultField, "random faults are of type \"rogue-service\" so far");
            var kind = o.String("serviceKind", true);
            if (kind is not null) CheckKind(kind, o.PathOf("serviceKind"));
            var probability = o.Fraction("probabilityPerTick", true);
            var fraction = o.Fraction("fraction", true);
            if (id is null || type is null || kind is null || probability is null || fraction is null) continue;
            specs.Add(new RandomFaultSpec(id, type.Value, kind, probability.Value, fraction.Value));
        }
        return specs;
    }
}
