using System.Text;
using System.Text.Json.Nodes;
using Restaking.Domain.Scenarios;

namespace Restaking.Domain.Tests.Hardening;

/// <summary>
/// A seeded fuzz corpus: 1,000+ mutations of the shipped scenarios, by family, each certain to be invalid. Every one must be
/// refused by the loader (or the world limits) with one line per error, each with a JSONPath, no exception, a bounded line
/// and bounded allocation. In process (the CLI's own cases are in Restaking.Cli.Tests), so the whole corpus takes seconds.
/// </summary>
public class ScenarioFuzzTests
{
    private const int PerFamily = 130;
    private static readonly HashSet<string> Kinds = ["bridge", "oracle", "da-layer"];
    private static readonly string[] ReferenceNames = ["operator", "service", "asset", "owner", "wraps"];

    private static readonly IReadOnlyList<(string Name, string Text)> Shipped =
        RepositoryFiles.ShippedScenarios().Select(f => (Path.GetFileName(f), File.ReadAllText(f))).ToList();

    public static TheoryData<string> Families() => ["types", "ranges", "decimals", "references", "duplicates", "encodings", "truncation", "sizes"];

    [Theory]
    [MemberData(nameof(Families))]
    public void Every_mutation_is_refused_cleanly(string family)
    {
        Assert.NotEmpty(Shipped);
        var rng = new Random(HashCode.Combine(15, family.Length, family[0]));   // seeded: the same corpus every run
        int checkedCount = 0;
        for (int n = 0; n < PerFamily; n++)
        {
            var (name, text) = Shipped[rng.Next(Shipped.Count)];
            var mutated = Mutate(family, text, rng);
            if (mutated is null) continue;
            long before = GC.GetAllocatedBytesForCurrentThread();
            IReadOnlyList<ScenarioError> errors;
            try
            {
                var load = ScenarioLoader.LoadFromText(name, mutated, Kinds);
                errors = load.IsValid ? WorldLimits.Check(load.Scenario!, name) : load.Errors;
            }
            catch (Exception e)
            {
                Assert.Fail($"{family} #{n} on {name} threw {e.GetType().Name}: {e.Message}");
                throw;
            }
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(errors.Count > 0, $"{family} #{n} on {name} was accepted:\n{Excerpt(mutated)}");
            foreach (var error in errors)
            {
                var line = error.ToString();
                Assert.StartsWith($"{name}: $", line);
                Assert.DoesNotContain('\n', line);
                Assert.DoesNotContain('\r', line);
                Assert.DoesNotContain("   at ", line);
                Assert.True(line.Length <= 2 * ScenarioError.MaxShownChars + 300, $"{family} #{n}: a {line.Length}-character line");
            }
            Assert.True(allocated < 64L * mutated.Length + (256L << 20), $"{family} #{n} on {name} allocated {allocated:N0} bytes");
            checkedCount++;
        }
        Assert.True(checkedCount >= PerFamily * 9 / 10, $"{family}: only {checkedCount} mutations applied");
    }

    [Fact]
    public void The_corpus_has_at_least_a_thousand_files() => Assert.True(PerFamily * Families().Count >= 1000);

    private static string Excerpt(string text) => text.Length <= 400 ? text : text[..400] + "…";

    /// <summary>One mutation of <paramref name="family"/>, or null when the file has nothing it applies to.</summary>
    private static string? Mutate(string family, string text, Random rng)
    {
        var root = JsonNode.Parse(text)!;
        var scalars = Walk(root).Where(n => n is JsonValue).ToList();
        var numbers = scalars.Where(n => n!.GetValueKind() == System.Text.Json.JsonValueKind.Number).ToList();
        var strings = scalars.Where(n => n!.GetValueKind() == System.Text.Json.JsonValueKind.String && NameOf(n) is not ("$schema" or "name" or "description")).ToList();
        switch (family)
        {
            case "types":
            {
                // A number becomes a string, a string a number, a bool a string, an object or array the other.
                var all = Walk(root).Where(n => n!.Parent is not null && NameOf(n) is not ("$schema" or "description")).ToList();
                var target = all[rng.Next(all.Count)]!;
                JsonNode replacement = target.GetValueKind() switch
                {
                    System.Text.Json.JsonValueKind.Number => JsonValue.Create("12")!,
                    System.Text.Json.JsonValueKind.String => JsonValue.Create(7)!,
                    System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False => JsonValue.Create("yes")!,
                    System.Text.Json.JsonValueKind.Object => new JsonArray(),
                    _ => JsonValue.Create(true)!,
                };
                return Replace(target, replacement, root);
            }
            case "ranges":
            {
                if (numbers.Count == 0) return null;
                var target = numbers[rng.Next(numbers.Count)]!;
                return Replace(target, JsonNode.Parse(rng.Next(2) == 0 ? "-1e40" : "1e40")!, root);
            }
            case "decimals":
            {
                if (numbers.Count == 0) return null;
                var target = numbers[rng.Next(numbers.Count)]!;
                var raw = target.ToJsonString();
                var finer = raw.Contains('.') ? raw + "00000000000000000000000000000001" : raw + ".00000000000000000000000000000001";
                return Replace(target, JsonNode.Parse(finer)!, root);
            }
            case "references":
            {
                var refs = strings.Where(n => ReferenceNames.Contains(NameOf(n!))).ToList();
                if (refs.Count == 0) return null;
                return Replace(refs[rng.Next(refs.Count)]!, JsonValue.Create($"no-such-id-{rng.Next(1000)}")!, root);
            }
            case "duplicates":
            {
                var objects = Walk(root).OfType<JsonObject>().Where(o => o.Count > 0).ToList();
                var o = objects[rng.Next(objects.Count)];
                var key = o.ElementAt(rng.Next(o.Count)).Key;
                var json = root.ToJsonString();
                // Text level: JsonObject cannot hold a repeated name. Repeat the first occurrence of this member in the text.
                var needle = System.Text.Json.JsonSerializer.Serialize(key) + ":";
                int at = json.IndexOf(needle, StringComparison.Ordinal);
                return at < 0 ? null : json[..at] + needle + o[key]!.ToJsonString() + "," + json[at..];
            }
            case "encodings":
            {
                if (strings.Count == 0) return null;
                var target = strings[rng.Next(strings.Count)]!;
                var json = Replace(target, JsonValue.Create("\u0001MARK\u0001")!, root);
                var escape = rng.Next(3) switch { 0 => "\\ud800", 1 => "\\udfff", _ => "x\\ud83dy" };
                return json.Replace("\\u0001MARK\\u0001", escape, StringComparison.Ordinal);
            }
            case "truncation":
            {
                int cut = rng.Next(1, text.LastIndexOf('}'));
                return text[..cut];
            }
            case "sizes":
            {
                var json = root.ToJsonString();
                return rng.Next(4) switch
                {
                    0 => "{" + System.Text.Json.JsonSerializer.Serialize(new string('p', 200_000 + rng.Next(1000))) + ": 1," + json[1..],
                    1 => json.Replace("\"seed\":", "\"seed\": 1" + new string('0', 50_000) + ", \"ignored\":", StringComparison.Ordinal),
                    2 => "{\"deep\": " + new string('[', 200) + new string(']', 200) + "," + json[1..],
                    _ => json.Replace("\"name\":", "\"securityModel\": \"" + new string('m', 300_000) + "\", \"x-name\":", StringComparison.Ordinal),
                };
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(family));
        }
    }

    private static string? NameOf(JsonNode? node) => node?.Parent is JsonObject ? node.GetPropertyName() : null;

    private static string Replace(JsonNode target, JsonNode replacement, JsonNode root)
    {
        switch (target.Parent)
        {
            case JsonObject o: o[target.GetPropertyName()] = replacement; break;
            case JsonArray a: a[target.GetElementIndex()] = replacement; break;
        }
        return root.ToJsonString();
    }

    private static IEnumerable<JsonNode?> Walk(JsonNode? node)
    {
        yield return node;
        if (node is JsonObject o) foreach (var (_, v) in o) foreach (var d in Walk(v)) yield return d;
        if (node is JsonArray a) foreach (var v in a) foreach (var d in Walk(v)) yield return d;
    }
}
