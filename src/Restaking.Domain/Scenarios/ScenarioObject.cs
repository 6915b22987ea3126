using System.Text.Json;

namespace Restaking.Domain.Scenarios;

/// <summary>
/// One JSON object of a scenario file, opened against the property names its part of the format defines:
/// unknown (with a "did you mean" hint) and repeated properties are reported when it is opened;
/// the typed getters report missing required properties at the path they would have.
/// </summary>
internal sealed class ScenarioObject
{
    private readonly Dictionary<string, JsonElement> properties = new(StringComparer.Ordinal);
    private readonly ScenarioValueReader values;

    private ScenarioObject(string path, ScenarioValueReader values)
    {
        Path = path;
        this.values = values;
    }

    public string Path { get; }

    public static ScenarioObject? Open(JsonElement element, string path, ScenarioValueReader values, IReadOnlyCollection<string> known, bool allowSchema = false)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            values.Sink.Add(path, ScenarioRule.Type, $"must be an object, got {ScenarioValueReader.Describe(element)}");
            return null;
        }
        var scope = new ScenarioObject(path, values);
        foreach (var property in element.EnumerateObject())
        {
            var propertyPath = JsonPathText.Property(path, property.Name);
            if (allowSchema && property.Name == "$schema")
            {
                // The editor's schema reference: ignored, but held to the rules of any other property (a string, once).
                if (!scope.properties.TryAdd(property.Name, property.Value))
                    values.Sink.Add(propertyPath, ScenarioRule.DuplicateProperty, "property '$schema' appears more than once");
                else
                    values.String(property.Value, propertyPath, allowEmpty: true);
                continue;
            }
            if (!known.Contains(property.Name))
            {
                values.Sink.Add(propertyPath, ScenarioRule.UnknownProperty, $"unknown property {ScenarioValueReader.Quote(property.Name)}{Suggestion(property.Name, known)}");
                continue;
            }
            if (!scope.properties.TryAdd(property.Name, property.Value))
                values.Sink.Add(propertyPath, ScenarioRule.DuplicateProperty, $"property '{property.Name}' appears more than once");
        }
        return scope;
    }

    public string PathOf(string name) => JsonPathText.Property(Path, name);

    public bool Has(string name) => properties.ContainsKey(name);

    public bool TryGet(string name, bool required, out JsonElement value, out string path)
    {
        path = PathOf(name);
        if (properties.TryGetValue(name, out value)) return true;
        if (required) values.Sink.Add(path, ScenarioRule.Required, $"'{name}' is required");
        return false;
    }

    public string? String(string name, bool required, bool allowEmpty = false) =>
        TryGet(name, required, out var v, out var p) ? values.String(v, p, allowEmpty) : null;

    public bool? Bool(string name) => TryGet(name, false, out var v, out var p) ? values.Bool(v, p) : null;

    public int? Int(string name, bool required, int min, int max) =>
        TryGet(name, required, out var v, out var p) ? values.Int(v, p, min, max) : null;

    public ulong? UInt64(string name, bool required) =>
        TryGet(name, required, out var v, out var p) ? values.UInt64(v, p) : null;

    public decimal? Decimal(string name, bool required, decimal min, decimal max, bool minExclusive = false) =>
        TryGet(name, required, out var v, out var p) ? values.Decimal(v, p, min, max, minExclusive) : null;

    public long? Eth(string name, bool required, bool allowZero = false) =>
        TryGet(name, required, out var v, out var p) ? values.Eth(v, p, allowZero) : null;

    public long? Fraction(string name, bool required, bool allowZero = false) =>
        TryGet(name, required, out var v, out var p) ? values.Fraction(v, p, allowZero) : null;

    public T? Enum<T>(string name, bool required, IReadOnlyDictionary<string, T> names) where T : struct =>
        TryGet(name, required, out var v, out var p) ? values.Enum(v, p, names) : null;

    public ScenarioObject? Object(string name, bool required, IReadOnlyCollection<string> known) =>
        TryGet(name, required, out var v, out var p) ? Open(v, p, values, known) : null;

    /// <summary>The items of an array property with their paths; nothing when it is missing or not an array (reported).</summary>
    public IReadOnlyList<(JsonElement Item, string Path)> Array(string name, bool required, bool nonEmpty = false)
    {
        if (!TryGet(name, required, out var v, out var p)) return [];
        if (v.ValueKind != JsonValueKind.Array)
        {
            values.Sink.Add(p, ScenarioRule.Type, $"must be an array, got {ScenarioValueReader.Describe(v)}");
            return [];
        }
        var items = v.EnumerateArray().Select((item, i) => (item, JsonPathText.Index(p, i))).ToList();
        if (nonEmpty && items.Count == 0) values.Sink.Add(p, ScenarioRule.Empty, $"'{name}' must not be empty");
        return items;
    }

    /// <summary>The members of an object used as a map (name → value) with their paths.</summary>
    public IReadOnlyList<(string Key, JsonElement Value, string Path)> Map(string name, bool required) =>
        TryGet(name, required, out var v, out var p) ? MapOf(v, p, name, values) : [];

    /// <summary>A JSON value used as a map (e.g. the inner level of a two-level map): its members with their paths;
    /// a value that is not an object, a repeated name or an empty object is reported.</summary>
    public static IReadOnlyList<(string Key, JsonElement Value, string Path)> MapOf(JsonElement v, string p, string name, ScenarioValueReader values)
    {
        if (v.ValueKind != JsonValueKind.Object)
        {
            values.Sink.Add(p, ScenarioRule.Type, $"must be an object, got {ScenarioValueReader.Describe(v)}");
            return [];
        }
        var members = new List<(string, JsonElement, string)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in v.EnumerateObject())
        {
            var memberPath = JsonPathText.Property(p, member.Name);
            if (!seen.Add(member.Name))
                values.Sink.Add(memberPath, ScenarioRule.DuplicateProperty, $"{ScenarioValueReader.Quote(member.Name)} appears more than once");
            else
                members.Add((member.Name, member.Value, memberPath));
        }
        if (members.Count == 0) values.Sink.Add(p, ScenarioRule.Empty, $"'{name}' must have at least one entry");
        return members;
    }

    private static string Suggestion(string name, IReadOnlyCollection<string> known)
    {
        // A hint is only given within max(2, length / 4) edits, so a name much longer than every known one has none:
        // skip the quadratic search (a 50 MB name took 38 s and 1.2 GB).
        int longest = known.Count == 0 ? 0 : known.Max(k => k.Length);
        if (name.Length > 2 * longest + 2) return "";
        var best = known
            .Select(k => (Name: k, Distance: EditDistance(name.ToLowerInvariant(), k.ToLowerInvariant())))
            .OrderBy(c => c.Distance).ThenBy(c => c.Name, StringComparer.Ordinal)
            .FirstOrDefault();
        return best.Name is not null && best.Distance <= Math.Max(2, name.Length / 4) ? $"; did you mean '{best.Name}'?" : "";
    }

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
