using System.Text.Json;

namespace Restaking.Domain.Scenarios;

/// <summary>
/// Every id a scenario file declares (listed or generated), gathered leniently before the full walk so that references
/// can be checked wherever they appear, whatever the order of the lists. Malformed entries are skipped here; the walk reports them.
/// </summary>
internal sealed class ScenarioIdIndex
{
    public const string NativeGroupSuffix = "/native";

    /// <summary>Listed service id → its kind (null when missing or not a string). First occurrence wins.</summary>
    public Dictionary<string, string?> Services { get; } = new(StringComparer.Ordinal);
    public GeneratedIdRange? GeneratedServices { get; private set; }
    /// <summary>Listed operator id → the services its allocations name.</summary>
    public Dictionary<string, HashSet<string>> Operators { get; } = new(StringComparer.Ordinal);
    public GeneratedIdRange? GeneratedOperators { get; private set; }
    /// <summary>Operator groups: listed operators' "group" values and the operator generator's "groups".</summary>
    public HashSet<string> OperatorGroups { get; } = new(StringComparer.Ordinal);
    /// <summary>Token id → its type (null when missing or invalid).</summary>
    public Dictionary<string, TokenType?> Tokens { get; } = new(StringComparer.Ordinal);
    public HashSet<string> ValidatorGroups { get; } = new(StringComparer.Ordinal);
    public bool NativeValidatorsForOperators { get; private set; }
    public GeneratedIdRange? GeneratedStakers { get; private set; }

    public int ServiceCount => Services.Count + (GeneratedServices?.Count ?? 0);
    public int OperatorCount => Operators.Count + (GeneratedOperators?.Count ?? 0);

    public bool IsService(string id) => Services.ContainsKey(id) || (GeneratedServices?.Contains(id) ?? false);
    public bool IsOperator(string id) => Operators.ContainsKey(id) || (GeneratedOperators?.Contains(id) ?? false);
    public bool IsNativeGroup(string id) =>
        NativeValidatorsForOperators && id.EndsWith(NativeGroupSuffix, StringComparison.Ordinal) && IsOperator(id[..^NativeGroupSuffix.Length]);
    public bool IsValidatorGroup(string id) => ValidatorGroups.Contains(id) || IsNativeGroup(id);

    public static ScenarioIdIndex Build(JsonElement root)
    {
        var index = new ScenarioIdIndex();
        if (root.ValueKind != JsonValueKind.Object) return index;

        foreach (var token in Items(root, "tokens"))
            if (Text(token, "id") is { } id && !index.Tokens.ContainsKey(id))
                index.Tokens[id] = Text(token, "type") switch { "lst" => TokenType.Lst, "lrt" => TokenType.Lrt, _ => null };

        foreach (var service in Items(root, "services"))
            if (Text(service, "id") is { } id) index.Services.TryAdd(id, Text(service, "kind"));

        foreach (var op in Items(root, "operators"))
        {
            if (Text(op, "group") is { } group) index.OperatorGroups.Add(group);
            if (Text(op, "id") is not { } id || index.Operators.ContainsKey(id)) continue;
            index.Operators[id] = Items(op, "allocations").Select(a => Text(a, "service")).OfType<string>().ToHashSet(StringComparer.Ordinal);
        }

        if (Member(root, "baseChain") is { } baseChain)
        {
            foreach (var group in Items(baseChain, "validatorGroups"))
                if (Text(group, "id") is { } id) index.ValidatorGroups.Add(id);
            index.NativeValidatorsForOperators = Member(baseChain, "nativeValidatorsForOperators")?.ValueKind == JsonValueKind.True;
        }

        if (Member(root, "generate") is { } generate)
        {
            index.GeneratedServices = Generator(generate, "services", "svc-");
            index.GeneratedOperators = Generator(generate, "operators", "op-");
            index.GeneratedStakers = Generator(generate, "stakers", "staker-");
            if (Member(generate, "operators") is { } operators)
                foreach (var group in Items(operators, "groups"))
                    if (group.ValueKind == JsonValueKind.String && group.GetString() is { Length: > 0 } name) index.OperatorGroups.Add(name);
        }
        return index;
    }

    private static GeneratedIdRange? Generator(JsonElement generate, string name, string defaultPrefix)
    {
        if (Member(generate, name) is not { ValueKind: JsonValueKind.Object } spec) return null;
        // Read as the walk reads it ("498.0" is 498), or a valid count would be taken for none and mislead other checks.
        var count = Member(spec, "count") is { } c && ScenarioValueReader.TryGetInteger(c, out var n) && n is >= 1 and <= ScenarioLimits.MaxGeneratedCount ? (int)n : 0;
        var prefix = Member(spec, "idPrefix") is { ValueKind: JsonValueKind.String } p ? p.GetString()! : defaultPrefix;
        return count > 0 ? new GeneratedIdRange(prefix, count) : null;
    }

    private static JsonElement? Member(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : null;

    private static string? Text(JsonElement element, string name) =>
        Member(element, name) is { ValueKind: JsonValueKind.String } value && value.GetString() is { Length: > 0 } text ? text : null;

    private static IEnumerable<JsonElement> Items(JsonElement element, string name) =>
        Member(element, name) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray() : [];
}
