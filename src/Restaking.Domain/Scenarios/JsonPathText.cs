using System.Text;

namespace Restaking.Domain.Scenarios;

/// <summary>Builds JSONPath (RFC 9535) strings: <c>$.operators[12].allocations[3].service</c>, <c>$.generate.services.kinds['da-layer']</c>.</summary>
internal static class JsonPathText
{
    public const string Root = "$";

    public static string Property(string parent, string name) =>
        IsPlainName(name) && name.Length <= MaxShownName ? $"{parent}.{name}" : $"{parent}['{Escape(name)}']";

    public static string Index(string parent, int index) => $"{parent}[{index}]";

    private static bool IsPlainName(string name)
    {
        if (name.Length == 0 || !(char.IsAsciiLetter(name[0]) || name[0] == '_')) return false;
        foreach (var c in name)
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_')) return false;
        return true;
    }

    /// <summary>Longest property name a path shows in full; a longer one is cut (a message must stay one readable line).</summary>
    public const int MaxShownName = 80;

    /// <summary>RFC 9535 name-selector escapes: quote and backslash, control characters as \uXXXX, so a path is one line.</summary>
    private static string Escape(string name)
    {
        var shown = name.Length <= MaxShownName ? name : name[..MaxShownName];
        var sb = new StringBuilder(shown.Length + 16);
        foreach (var c in shown)
        {
            if (c is '\\' or '\'') sb.Append('\\').Append(c);
            else if (char.IsControl(c) || c is '\u2028' or '\u2029') sb.Append($"\\u{(int)c:x4}");
            else sb.Append(c);
        }
        if (shown.Length < name.Length) sb.Append($"…({name.Length} characters)");
        return sb.ToString();
    }
}
