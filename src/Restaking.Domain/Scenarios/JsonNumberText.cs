using System.Globalization;

namespace Restaking.Domain.Scenarios;

/// <summary>
/// The exact value a JSON number's text denotes, as significant digits × 10^exponent. System.Text.Json's decimal reading
/// rounds past 28–29 significant digits (42.00000000000000000000000000001 reads as 42), so whether a number has more
/// decimals than a field allows, or is exactly representable at all, is decided on the text, never on the rounded value.
/// </summary>
internal readonly record struct JsonNumberText(bool Negative, string Digits, long Exponent)
{
    /// <summary>Exponents beyond this are out of every field's range; capping keeps the arithmetic in a long.</summary>
    private const long ExponentCap = 1_000_000_000;

    public bool IsZero => Digits.Length == 0;

    /// <summary>Decimals after the point once trailing zeros are dropped (0 for an integer).</summary>
    public long Scale => IsZero ? 0 : Math.Max(0, -Exponent);

    public bool IsInteger => Scale == 0;

    /// <summary>Parses the JSON number grammar (-?int(.frac)?([eE][+-]?digits)?); the parser has already checked it.</summary>
    public static JsonNumberText Parse(ReadOnlySpan<char> raw)
    {
        bool negative = raw.Length > 0 && raw[0] == '-';
        if (negative) raw = raw[1..];
        int e = raw.IndexOfAny('e', 'E');
        long exponent = 0;
        if (e >= 0)
        {
            var exp = raw[(e + 1)..];
            bool expNegative = exp.Length > 0 && exp[0] == '-';
            if (exp.Length > 0 && exp[0] is '-' or '+') exp = exp[1..];
            foreach (var c in exp)
                exponent = Math.Min(ExponentCap, exponent * 10 + (c - '0'));
            if (expNegative) exponent = -exponent;
            raw = raw[..e];
        }
        int point = raw.IndexOf('.');
        var integer = point >= 0 ? raw[..point] : raw;
        var fraction = point >= 0 ? raw[(point + 1)..] : [];
        exponent -= fraction.Length;
        var digits = string.Concat(integer, fraction).TrimStart('0');
        int trailing = digits.Length - digits.TrimEnd('0').Length;
        digits = digits[..^trailing];
        exponent = digits.Length == 0 ? 0 : exponent + trailing;
        return new JsonNumberText(negative && digits.Length > 0, digits, exponent);
    }

    /// <summary>Whether <paramref name="value"/> is exactly this number (false when decimal reading rounded it).</summary>
    public bool IsExactly(decimal value) => this == Parse(value.ToString(CultureInfo.InvariantCulture));
}
