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

    /// <param name="filePath">The scenario file; errors name it as given.</param>
    /// <param name="serviceKinds">The registered service kind names (e.g. "bridge", "oracle", "da-layer").</param>
    public static ScenarioLoadResult Load(string filePath, IReadOnlySet<string> serviceKinds) =>
        Load(filePath, Services.ServiceKindRegistry.NamesOnly(serviceKinds));

    /// <param name="filePath">The scenario file; errors name it as given.</param>
    /// <param name="serviceKinds">The registered service kinds: their names, <c>params</c> and fault types.</param>
    public static ScenarioLoadResult Load(string filePath, Services.ServiceKindRegistry serviceKinds)
    {
        ArgumentNullException.ThrowIfNull(filePath);
        string json;
        try
        {
            json = File.ReadAllText(filePath);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Failure(filePath, ScenarioRule.FileNotFound, "file not found");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            return Failure(filePath, ScenarioRule.FileUnreadable, $"cannot read the file: {e.Message}");
        }
        return LoadFromText(filePath, json, serviceKinds);
    }

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
        using (document)
        {
            var sink = new ScenarioErrorSink(fileName);
            var index = ScenarioIdIndex.Build(document.RootElement);
            var scenario = new ScenarioParser(sink, serviceKinds, index).Parse(document.RootElement);
            return sink.Count > 0 ? new ScenarioLoadResult(null, sink.Errors) : new ScenarioLoadResult(scenario, []);
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
