using System.Globalization;

namespace Restaking.Domain.Scenarios;

/// <summary>The ids a generator creates: <c>{Prefix}{i}</c> for i = 1..<see cref="Count"/> (no leading zeros).</summary>
internal sealed record GeneratedIdRange(string Prefix, int Count)
{
    public bool Contains(string id)
    {
        if (Count <= 0 || !id.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        var digits = id.AsSpan(Prefix.Length);
        if (digits.Length == 0 || digits[0] == '0') return false;
        foreach (var c in digits)
            if (!char.IsAsciiDigit(c)) return false;
        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i <= Count;
    }

    public override string ToString() => Count == 1 ? $"{Prefix}1" : $"{Prefix}1..{Prefix}{Count}";
}
