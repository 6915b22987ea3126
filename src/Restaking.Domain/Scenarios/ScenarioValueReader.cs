using System.Globalization;
using System.Text.Json;
using Restaking.Domain.Units;

namespace Restaking.Domain.Scenarios;

/// <summary>
/// Reads one JSON value as a scenario quantity (ETH amount → gwei, fraction → WAD, integer, enum name, id string),
/// reporting a type, range or decimals error instead of throwing. Numbers go through <see cref="decimal"/>, never double.
/// </summary>
internal sealed class ScenarioValueReader(ScenarioErrorSink sink)
{
    /// <summary>Largest single ETH amount accepted: 1e9 ETH (1e18 gwei), so sums of many amounts stay far from long overflow.</summary>
    public const decimal MaxEth = 1_000_000_000m;

    public ScenarioErrorSink Sink => sink;

    public string? String(JsonElement value, string path, bool allowEmpty = false)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            sink.Add(path, ScenarioRule.Type, $"must be a string, got {Describe(value)}");
            return null;
        }
        var text = value.GetString()!;
        if (!allowEmpty && text.Length == 0)
        {
            sink.Add(path, ScenarioRule.Empty, "must not be empty");
            return null;
        }
        return text;
    }

    public bool? Bool(JsonElement value, string path)
    {
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False) return value.GetBoolean();
        sink.Add(path, ScenarioRule.Type, $"must be true or false, got {Describe(value)}");
        return null;
    }

    /// <summary>Longest number text echoed in a message.</summary>
    private const int EchoedNumberChars = 40;

    /// <summary>
    /// A JSON number as an exact decimal: a number too large for decimal is a range error, one with more significant digits
    /// than a decimal holds (which System.Text.Json would round) a decimals error — decided on the text (<see cref="JsonNumberText"/>).
    /// </summary>
    public decimal? Number(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Number)
        {
            sink.Add(path, ScenarioRule.Type, $"must be a number, got {Describe(value)}");
            return null;
        }
        if (!value.TryGetDecimal(out var number))
        {
            sink.Add(path, ScenarioRule.Range, $"number {Raw(value)} is out of range");
            return null;
        }
        if (!Text(value).IsExactly(number))
        {
            sink.Add(path, ScenarioRule.Decimals, $"{Raw(value)} has more significant digits than a decimal holds (28)");
            return null;
        }
        return number;
    }

    /// <summary>The exact value of a number's text (see <see cref="JsonNumberText"/>).</summary>
    private static JsonNumberText Text(JsonElement value) => JsonNumberText.Parse(value.GetRawText());

    /// <summary>A number's text as messages echo it: at most <see cref="EchoedNumberChars"/> characters.</summary>
    public static string Raw(JsonElement value)
    {
        var raw = value.GetRawText();
        return raw.Length <= EchoedNumberChars ? raw : $"{raw[..EchoedNumberChars]}… ({raw.Length} characters)";
    }

    /// <summary>An integral JSON number as a long, "N.0" and "1e3" included; false for anything else (no error reported).
    /// For the lenient pre-walk (<see cref="ScenarioIdIndex"/>), which must read counts as the walk does.</summary>
    public static bool TryGetInteger(JsonElement value, out long integer)
    {
        integer = 0;
        if (value.ValueKind != JsonValueKind.Number) return false;
        if (value.TryGetInt64(out integer)) return true;
        if (!value.TryGetDecimal(out var number) || !Text(value).IsExactly(number) || number != decimal.Truncate(number)
            || number < long.MinValue || number > long.MaxValue) return false;
        integer = (long)number;
        return true;
    }

    public long? Integer(JsonElement value, string path, long min, long max)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var exact))
            return InRange(exact, path, min, max);
        if (value.ValueKind == JsonValueKind.Number && !Text(value).IsInteger)
        {
            sink.Add(path, ScenarioRule.Type, $"must be an integer, got {Raw(value)}");
            return null;
        }
        var number = Number(value, path);
        if (number is null) return null;
        if (number.Value < long.MinValue || number.Value > long.MaxValue)
        {
            sink.Add(path, ScenarioRule.Range, $"must be between {Format(min)} and {Format(max)}, got {Raw(value)}");
            return null;
        }
        return InRange((long)number.Value, path, min, max);
    }

    public int? Int(JsonElement value, string path, int min, int max) => (int?)Integer(value, path, min, max);

    public ulong? UInt64(JsonElement value, string path)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetUInt64(out var exact)) return exact;
        if (value.ValueKind == JsonValueKind.Number && !Text(value).IsInteger)
        {
            sink.Add(path, ScenarioRule.Type, $"must be an integer, got {Raw(value)}");
            return null;
        }
        var number = Number(value, path);
        if (number is null) return null;
        if (number.Value < 0 || number.Value > ulong.MaxValue)
        {
            sink.Add(path, ScenarioRule.Range, $"must be a non-negative integer of at most {ulong.MaxValue}, got {Raw(value)}");
            return null;
        }
        return (ulong)number.Value;
    }

    /// <summary>A plain decimal in [min, max] (or (min, max] when <paramref name="minExclusive"/>).</summary>
    public decimal? Decimal(JsonElement value, string path, decimal min, decimal max, bool minExclusive = false)
    {
        var number = Number(value, path);
        if (number is null) return null;
        if (number.Value > max || number.Value < min || (minExclusive && number.Value == min))
        {
            var low = minExclusive ? $"greater than {Format(min)}" : $"at least {Format(min)}";
            sink.Add(path, ScenarioRule.Range, $"must be {low} and at most {Format(max)}, got {Raw(value)}");
            return null;
        }
        return number.Value;
    }

    /// <summary>An ETH amount converted exactly to gwei: positive (or non-negative), at most <see cref="MaxEth"/>, at most 9 decimals.</summary>
    public long? Eth(JsonElement value, string path, bool allowZero = false)
    {
        // Decided on the text: decimal reading would round 29 decimals away before TryFromEth could see them.
        if (value.ValueKind == JsonValueKind.Number && Text(value).Scale > 9)
        {
            sink.Add(path, ScenarioRule.Decimals, $"{Raw(value)} ETH has more than 9 decimals (finer than 1 gwei)");
            return null;
        }
        var eth = Number(value, path);
        if (eth is null) return null;
        if (eth.Value < 0 || (!allowZero && eth.Value == 0) || eth.Value > MaxEth)
        {
            var low = allowZero ? "at least 0" : "greater than 0";
            sink.Add(path, ScenarioRule.Range, $"must be {low} and at most {Format(MaxEth)} ETH, got {Raw(value)}");
            return null;
        }
        if (!Gwei.TryFromEth(eth.Value, out var gwei))
        {
            sink.Add(path, ScenarioRule.Decimals, $"{Raw(value)} ETH has more than 9 decimals (finer than 1 gwei)");
            return null;
        }
        return gwei;
    }

    /// <summary>A fraction in (0, 1] (or [0, 1] when <paramref name="allowZero"/>) converted exactly to a WAD (at most 18 decimals).</summary>
    public long? Fraction(JsonElement value, string path, bool allowZero = false)
    {
        if (value.ValueKind == JsonValueKind.Number && Text(value).Scale > 18)
        {
            sink.Add(path, ScenarioRule.Decimals, $"{Raw(value)} has more than 18 decimals (finer than 1 WAD unit)");
            return null;
        }
        var fraction = Number(value, path);
        if (fraction is null) return null;
        if (fraction.Value < 0 || (!allowZero && fraction.Value == 0) || fraction.Value > 1)
        {
            var interval = allowZero ? "[0, 1]" : "(0, 1]";
            sink.Add(path, ScenarioRule.Range, $"must be a fraction in {interval}, got {Raw(value)}");
            return null;
        }
        if (!Wad.TryFromDecimal(fraction.Value, out var wad))
        {
            sink.Add(path, ScenarioRule.Decimals, $"{Raw(value)} has more than 18 decimals (finer than 1 WAD unit)");
            return null;
        }
        return wad;
    }

    public T? Enum<T>(JsonElement value, string path, IReadOnlyDictionary<string, T> names) where T : struct
    {
        var text = String(value, path, allowEmpty: true);
        if (text is null) return null;
        if (names.TryGetValue(text, out var parsed)) return parsed;
        sink.Add(path, ScenarioRule.Enum, $"{Quote(text)} is not one of {string.Join(", ", names.Keys.Select(k => $"\"{k}\""))}");
        return null;
    }

    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string {Quote(value.GetString()!, '"')}",
        JsonValueKind.Number => $"the number {Raw(value)}",
        JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        JsonValueKind.Null => "null",
        _ => value.ValueKind.ToString(),
    };

    /// <summary>Longest string echoed in a message.</summary>
    private const int EchoedStringChars = 80;

    /// <summary>A string from the file as a message echoes it: quoted, control characters escaped as \uXXXX (a newline cannot
    /// break the one-line error format), at most <see cref="EchoedStringChars"/> characters of it.</summary>
    public static string Quote(string text, char quote = '\'')
    {
        var shown = text.Length <= EchoedStringChars ? text : text[..EchoedStringChars];
        if (shown.Length > 0 && char.IsHighSurrogate(shown[^1])) shown = shown[..^1];
        var sb = new System.Text.StringBuilder(shown.Length + 8).Append(quote);
        foreach (var c in shown)
            sb.Append(char.IsControl(c) || c is '\u2028' or '\u2029' ? $"\\u{(int)c:x4}" : c);
        sb.Append(quote);
        if (shown.Length < text.Length) sb.Append($"… ({text.Length} characters)");
        return sb.ToString();
    }

    private long? InRange(long number, string path, long min, long max)
    {
        if (number >= min && number <= max) return number;
        sink.Add(path, ScenarioRule.Range, $"must be between {Format(min)} and {Format(max)}, got {number.ToString(CultureInfo.InvariantCulture)}");
        return null;
    }

    private static string Format(long n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Format(decimal n) => n.ToString(CultureInfo.InvariantCulture);
}
