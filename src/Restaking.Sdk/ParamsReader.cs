using Restaking.Domain.Scenarios;

namespace Restaking.Sdk;

/// <summary>
/// Reads the fields of a service's <c>"params"</c> or of a kind's own fault, with the scenario file's rules. Each getter
/// reports a missing required field or a bad value itself (one line, <c>file: $.path: message [rule]</c>) and returns null;
/// <see cref="Error"/> reports your own checks. Any error refuses the scenario (exit 2, nothing written).
/// </summary>
public sealed class ParamsReader
{
    private readonly ScenarioFieldReader fields;

    internal ParamsReader(ScenarioFieldReader fields) => this.fields = fields;

    /// <summary>The JSONPath of the object read, e.g. <c>$.services[3].params</c>.</summary>
    public string Path => fields.Path;

    /// <summary>Whether the field is present.</summary>
    public bool Has(string name) => fields.Has(name);

    /// <summary>A fraction in (0, 1] (with <paramref name="allowZero"/>: [0, 1]) as a WAD.</summary>
    public long? Fraction(string name, bool required = false, bool allowZero = false) => fields.Fraction(name, required, allowZero);

    /// <summary>An amount in ETH (<c>…Eth</c> fields by convention) as gwei.</summary>
    public long? Eth(string name, bool required = false, bool allowZero = false) => fields.Eth(name, required, allowZero);

    /// <summary>An integer in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public int? Int(string name, int min, int max, bool required = false) => fields.Int(name, required, min, max);

    /// <summary>true or false.</summary>
    public bool? Bool(string name) => fields.Bool(name);

    /// <summary>A non-empty string.</summary>
    public string? String(string name, bool required = false) => fields.String(name, required);

    /// <summary>The id of a token listed in the scenario.</summary>
    public string? Token(string name, bool required = false) => fields.Token(name, required);

    /// <summary>A non-empty list of distinct operator ids of the scenario.</summary>
    public IReadOnlyList<string>? Operators(string name, bool required = false) => fields.Operators(name, required);

    /// <summary>Reports an error at field <paramref name="name"/>: <c>file: $.services[3].params.name: message [rule]</c>.
    /// <paramref name="rule"/> is a short kebab-case id of the rule broken (e.g. <c>"range"</c>, <c>"quorum-size"</c>).</summary>
    public void Error(string name, string message, string rule = ScenarioRule.Range) => fields.Error(name, rule, message);
}
