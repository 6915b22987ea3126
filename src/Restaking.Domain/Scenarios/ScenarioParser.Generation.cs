using Restaking.Domain.Units;

namespace Restaking.Domain.Scenarios;

internal sealed partial class ScenarioParser
{
    private static readonly string[] GenerateFields = ["services", "operators", "stakers"];
    private static readonly string[] ServiceGenerationFields = ["count", "idPrefix", "kinds", "valueAtRiskEth"];
    private static readonly string[] OperatorGenerationFields = ["count", "idPrefix", "servicesPerOperator", "servicePopularity", "allocatedFraction", "groups"];
    private static readonly string[] StakerGenerationFields = ["count", "idPrefix", "stakeEth", "operatorPopularity", "assets"];
    private static readonly string[] RangeFields = ["min", "max"];
    private static readonly string[] DistributionFields = ["distribution", "min", "max", "tailIndex"];

    private GenerationSpec? ParseGeneration(ScenarioObject parent)
    {
        var o = parent.Object("generate", required: false, GenerateFields);
        if (o is null) return null;
        return new GenerationSpec
        {
            Services = ParseServiceGeneration(o),
            Operators = ParseOperatorGeneration(o),
            Stakers = ParseStakerGeneration(o),
        };
    }

    private ServiceGeneration? ParseServiceGeneration(ScenarioObject generate)
    {
        var o = generate.Object("services", required: false, ServiceGenerationFields);
        if (o is null) return null;
        var count = o.Int("count", true, 1, ScenarioLimits.MaxGeneratedCount);
        var prefix = o.String("idPrefix", false) ?? "svc-";
        var kinds = ParseWeights(o, "kinds", kind => CheckKind(kind.Key, kind.Path));
        var valueAtRisk = ParseDistribution(o, "valueAtRiskEth");
        return count is null || kinds is null || valueAtRisk is null ? null
            : new ServiceGeneration { Count = count.Value, IdPrefix = prefix, KindWeights = kinds, ValueAtRisk = valueAtRisk };
    }

    private OperatorGeneration? ParseOperatorGeneration(ScenarioObject generate)
    {
        var o = generate.Object("operators", required: false, OperatorGenerationFields);
        if (o is null) return null;
        if (index.ServiceCount == 0)
            sink.Add(o.Path, ScenarioRule.GenerationDependency, "generated operators need at least one service (listed or generated)");
        var count = o.Int("count", true, 1, ScenarioLimits.MaxGeneratedCount);
        var prefix = o.String("idPrefix", false) ?? "op-";

        int? min = null, max = null;
        var range = o.Object("servicesPerOperator", required: true, RangeFields);
        if (range is not null)
        {
            min = range.Int("min", true, 1, ScenarioLimits.MaxGeneratedCount);
            max = range.Int("max", true, 1, ScenarioLimits.MaxGeneratedCount);
            if (min is not null && max is not null && min > max)
            {
                sink.Add(range.PathOf("max"), ScenarioRule.MinMax, $"max ({max}) is less than min ({min})");
                max = null;
            }
            if (max is not null && index.ServiceCount > 0 && max > index.ServiceCount)
            {
                sink.Add(range.PathOf("max"), ScenarioRule.ExceedsServiceCount,
                    $"max ({max}) is more than the {index.ServiceCount} services (listed + generated)");
                max = null;
            }
        }
        var popularity = o.Decimal("servicePopularity", false, 0m, ScenarioLimits.MaxPopularity);
        var allocated = o.Fraction("allocatedFraction", false);
        var groups = new List<string>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (item, path) in o.Array("groups", required: false, nonEmpty: true))
        {
            var group = values.String(item, path);
            if (group is null) continue;
            CheckUnique(seen, group, path, "operator group");
            groups.Add(group);
        }
        if (count is null || min is null || max is null) return null;
        var spec = new OperatorGeneration { Count = count.Value, IdPrefix = prefix, MinServices = min.Value, MaxServices = max.Value, Groups = groups };
        if (popularity is not null) spec = spec with { ServicePopularity = popularity.Value };
        if (allocated is not null) spec = spec with { AllocatedFractionWad = allocated.Value };
        return spec;
    }

    private StakerGeneration? ParseStakerGeneration(ScenarioObject generate)
    {
        var o = generate.Object("stakers", required: false, StakerGenerationFields);
        if (o is null) return null;
        if (index.OperatorCount == 0)
            sink.Add(o.Path, ScenarioRule.GenerationDependency, "generated stakers need at least one operator (listed or generated)");
        var count = o.Int("count", true, 1, ScenarioLimits.MaxGeneratedCount);
        var prefix = o.String("idPrefix", false) ?? "staker-";
        var stake = ParseDistribution(o, "stakeEth");
        var popularity = o.Decimal("operatorPopularity", false, 0m, ScenarioLimits.MaxPopularity);
        var assets = ParseWeights(o, "assets", asset => CheckAsset(asset.Key, asset.Path));
        if (count is null || stake is null || assets is null) return null;
        var spec = new StakerGeneration { Count = count.Value, IdPrefix = prefix, Stake = stake, AssetWeights = assets };
        return popularity is null ? spec : spec with { OperatorPopularity = popularity.Value };
    }

    /// <summary>An object of name → positive integer weight; each name is checked by <paramref name="checkName"/>.</summary>
    private List<KeyValuePair<string, int>>? ParseWeights(ScenarioObject parent, string name, Action<(string Key, string Path)> checkName)
    {
        var weights = new List<KeyValuePair<string, int>>();
        var valid = true;
        var members = parent.Map(name, required: true);
        foreach (var (key, value, path) in members)
        {
            checkName((key, path));
            var weight = values.Int(value, path, 1, ScenarioLimits.MaxWeight);
            if (weight is null) { valid = false; continue; }
            weights.Add(new(key, weight.Value));
        }
        return valid && weights.Count > 0 ? weights : null;
    }

    /// <summary>
    /// An amount distribution: "distribution" and "min" are required; "max" is required except for "fixed" (where it may be
    /// given only if equal to min); "tailIndex" (default 1.16) applies only to "pareto". Amounts are ETH &gt; 0.
    /// </summary>
    private AmountDistribution? ParseDistribution(ScenarioObject parent, string name)
    {
        var o = parent.Object(name, required: true, DistributionFields);
        if (o is null) return null;
        var kind = o.Enum("distribution", true, ScenarioJsonNames.Distributions);
        var min = o.Eth("min", true);
        var max = o.Eth("max", kind is not null && kind != DistributionKind.Fixed);
        var tailIndex = o.Decimal("tailIndex", false, 0m, ScenarioLimits.MaxTailIndex, minExclusive: true);

        if (kind == DistributionKind.Fixed && min is not null && max is not null && max != min)
        {
            sink.Add(o.PathOf("max"), ScenarioRule.DistributionField,
                $"a fixed distribution takes only 'min' (or max equal to min); got min {Gwei.ToEthString(min.Value)} and max {Gwei.ToEthString(max.Value)}");
            return null;
        }
        if (kind is not null && kind != DistributionKind.Pareto && o.Has("tailIndex"))
        {
            sink.Add(o.PathOf("tailIndex"), ScenarioRule.DistributionField, "'tailIndex' applies only to the pareto distribution");
            return null;
        }
        if (min is not null && max is not null && min > max)
        {
            sink.Add(o.PathOf("max"), ScenarioRule.MinMax, $"max ({Gwei.ToEthString(max.Value)} ETH) is less than min ({Gwei.ToEthString(min.Value)} ETH)");
            return null;
        }
        if (kind is null || min is null) return null;
        if (kind != DistributionKind.Fixed && max is null) return null;
        var distribution = new AmountDistribution(kind.Value, min.Value, max ?? min.Value);
        return tailIndex is null ? distribution : distribution with { TailIndex = tailIndex.Value };
    }
}
