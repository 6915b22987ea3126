using System.Text.Json;

namespace Restaking.Domain.Scenarios;

/// <summary>
/// The fields of one object a service kind reads from a scenario file — a service's <c>params</c> or one of its own
/// faults — with the file's rules: every error is one line <c>file: $.path: message [rule]</c>, all are reported, and the
/// run does not start (exit 2). Unknown properties were already reported when the object was opened against the kind's names.
/// </summary>
public sealed class ScenarioFieldReader
{
    private readonly ScenarioObject fields;
    private readonly ScenarioValueReader values;
    private readonly ScenarioIdIndex index;

    internal ScenarioFieldReader(ScenarioObject fields, ScenarioValueReader values, ScenarioIdIndex index)
    {
        this.fields = fields;
        this.values = values;
        this.index = index;
    }

    /// <summary>The JSONPath of the object (e.g. <c>$.services[3].params</c>).</summary>
    public string Path => fields.Path;

    /// <summary>Errors reported so far in the whole file.</summary>
    public int ErrorCount => values.Sink.Count;

    public string PathOf(string name) => fields.PathOf(name);

    public bool Has(string name) => fields.Has(name);

    /// <summary>A fraction in (0, 1] (or [0, 1] with <paramref name="allowZero"/>), as WAD.</summary>
    public long? Fraction(string name, bool required, bool allowZero = false) => fields.Fraction(name, required, allowZero);

    /// <summary>An ETH amount, as gwei.</summary>
    public long? Eth(string name, bool required, bool allowZero = false) => fields.Eth(name, required, allowZero);

    public int? Int(string name, bool required, int min, int max) => fields.Int(name, required, min, max);

    public bool? Bool(string name) => fields.Bool(name);

    public string? String(string name, bool required) => fields.String(name, required);

    /// <summary>The id of a listed token.</summary>
    public string? Token(string name, bool required)
    {
        var id = fields.String(name, required);
        if (id is not null && !index.Tokens.ContainsKey(id))
        {
            Error(name, ScenarioRule.UnknownReference, $"'{id}' is not a listed token");
            return null;
        }
        return id;
    }

    /// <summary>A non-empty list of distinct listed or generated operator ids.</summary>
    public IReadOnlyList<string>? Operators(string name, bool required)
    {
        if (!fields.Has(name))
        {
            if (required) fields.TryGet(name, true, out _, out _);
            return null;
        }
        int before = ErrorCount;
        var ids = new List<string>();
        foreach (var (item, path) in fields.Array(name, required: true, nonEmpty: true))
        {
            var id = values.String(item, path);
            if (id is null) continue;
            if (!index.IsOperator(id)) values.Sink.Add(path, ScenarioRule.UnknownReference, $"'{id}' is not a listed or generated operator");
            else if (ids.Contains(id)) values.Sink.Add(path, ScenarioRule.DuplicateId, $"operator '{id}' is listed twice");
            else ids.Add(id);
        }
        return ErrorCount > before ? null : ids;
    }

    /// <summary>Reports an error at field <paramref name="name"/> (<c>file: $.…params.name: message [rule]</c>).</summary>
    public void Error(string name, string rule, string message) => values.Sink.Add(fields.PathOf(name), rule, message);

    /// <summary>Reports an error at the object itself.</summary>
    public void ErrorHere(string rule, string message) => values.Sink.Add(fields.Path, rule, message);

    internal static ScenarioFieldReader Open(JsonElement? element, string path, ScenarioValueReader values, ScenarioIdIndex index,
        IReadOnlyCollection<string> known)
    {
        using var empty = JsonDocument.Parse("{}");
        var fields = ScenarioObject.Open(element ?? empty.RootElement.Clone(), path, values, known)
            ?? ScenarioObject.Open(empty.RootElement.Clone(), path, values, known)!;
        return new ScenarioFieldReader(fields, values, index);
    }
}
