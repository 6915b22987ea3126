using System.Text.Json;

namespace Restaking.Domain.Scenarios;

/// <summary>
/// Loads and validates a scenario file (format: scenarios/README.md, scenarios/scenario.schema.json).
/// Every error in the document is reported, each with its JSONPath and rule id; the scenario is returned only when there are none.
/// The only I/O is reading the file.
/// </summary>
public static class ScenarioLoader
{
    private static readonly JsonDocumentOptions StrictJson = new()
    {
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
    };

    /// <summary>Largest scenario file read by default: 64 MiB (docs/limits.md; the CLI's --max-file-mib raises it).</summary>
    public const long DefaultMaxFileBytes = 64L * 1024 * 1024;

    /// <param name="filePath">The scenario file; errors name it as given.</param>
    /// <param name="serviceKinds">The registered service kind names (e.g. "bridge", "oracle", "da-layer").</param>
    /// <param name="maxFileBytes">A larger file is refused before it is read.</param>
    public static ScenarioLoadResult Load(string filePath, IReadOnlySet<string> serviceKinds, long maxFileBytes = DefaultMaxFileBytes) =>
        Load(filePath, Services.ServiceKindRegistry.NamesOnly(serviceKinds), maxFileBytes);

    /// <param name="filePath">The scenario file; errors name it as given.</param>
    /// <param name="serviceKinds">The registered service kinds: their names, <c>params</c> and fault types.</param>
    /// <param name="maxFileBytes">A larger file is refused before it is read.</param>
    public static ScenarioLoadResult Load(string filePath, Services.ServiceKindRegistry serviceKinds, long maxFileBytes = DefaultMaxFileBytes)
    {
        ArgumentNullException.ThrowIfNull(filePath);
        var json = ScenarioFileReader.Read(filePath, maxFileBytes, out var rule, out var message);
        return json is null ? Failure(filePath, rule, message) : LoadFromText(filePath, json, serviceKinds);
    }

    /// <summary>The file checks of <see cref="Load(string, IReadOnlySet{string}, long)"/> alone (regular file, size, UTF-8):
    /// the error, or null when the file may be read — for whoever must look into it before loading it (plug-in lists).</summary>
    public static ScenarioError? CheckFile(string filePath, long maxFileBytes = DefaultMaxFileBytes) =>
        ScenarioFileReader.Read(filePath, maxFileBytes, out var rule, out var message) is null
            ? new ScenarioError(filePath, JsonPathText.Root, rule, message) : null;

    /// <param name="fileName">The name errors give the document.</param>
    /// <param name="json">The scenario document.</param>
    /// <param name="serviceKinds">The registered service kind names.</param>
    public static ScenarioLoadResult LoadFromText(string fileName, string json, IReadOnlySet<string> serviceKinds) =>
        LoadFromText(fileName, json, Services.ServiceKindRegistry.NamesOnly(serviceKinds));

    /// <param name="fileName">The name errors give the document.</param>
    /// <param name="json">The scenario document.</param>
    /// <param name="serviceKinds">The registered service kinds.</param>
    public static ScenarioLoadResult LoadFromText(string fileName, string json, Services.ServiceKindRegistry serviceKinds)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(serviceKinds);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, StrictJson);
        }
        catch (JsonException e)
        {
            var line = (e.LineNumber ?? 0) + 1;
            var position = (e.BytePositionInLine ?? 0) + 1;
            return Failure(fileName, ScenarioRule.InvalidJson, $"invalid JSON at line {line}, byte {position}: {FirstSentence(e.Message)}");
        }
        catch (ArgumentException)
        {
            // The text itself holds a lone surrogate (only a caller's string can: files are decoded strictly).
            return Failure(fileName, ScenarioRule.Encoding, "the text is not valid UTF-16 (a lone surrogate)");
        }
        using (document)
        {
            // Every string must decode before any rule reads one: a lone "\ud800" escape makes GetString throw.
            var encoding = new ScenarioErrorSink(fileName);
            CheckStrings(document.RootElement, JsonPathText.Root, encoding);
            if (encoding.Count > 0) return new ScenarioLoadResult(null, encoding.Errors);
            var sink = new ScenarioErrorSink(fileName);
            var index = ScenarioIdIndex.Build(document.RootElement);
            var scenario = new ScenarioParser(sink, serviceKinds, index).Parse(document.RootElement);
            return sink.Count > 0 ? new ScenarioLoadResult(null, sink.Errors) : new ScenarioLoadResult(scenario, []);
        }
    }

    private static void CheckStrings(JsonElement element, string path, ScenarioErrorSink sink)
    {
        const string Lone = "escapes half of a UTF-16 surrogate pair (a lone \\uD800-\\uDFFF): not text";
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                try { element.GetString(); }
                catch (InvalidOperationException) { sink.Add(path, ScenarioRule.Encoding, $"the string {Lone}"); }
                break;
            case JsonValueKind.Array:
                int i = 0;
                foreach (var item in element.EnumerateArray()) CheckStrings(item, JsonPathText.Index(path, i++), sink);
                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    string name;
                    try { name = property.Name; }
                    catch (InvalidOperationException)
                    {
                        sink.Add(path, ScenarioRule.Encoding, $"a property name here {Lone}");
                        continue;
                    }
                    CheckStrings(property.Value, JsonPathText.Property(path, name), sink);
                }
                break;
        }
    }

    private static ScenarioLoadResult Failure(string file, string rule, string message) =>
        new(null, [new ScenarioError(file, JsonPathText.Root, rule, message)]);

    /// <summary>System.Text.Json messages end with "LineNumber: 0 | BytePositionInLine: 5." (zero-based); we give our own one-based position.</summary>
    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut >= 0 ? message[..cut] : message).Replace(" Change the reader options.", "", StringComparison.Ordinal).TrimEnd();
    }
}
