namespace Restaking.Domain.Scenarios;

/// <summary>
/// One problem found in a scenario file. <see cref="Path"/> is a JSONPath into the document
/// (e.g. <c>$.operators[12].allocations[3].service</c>; a missing property is reported at the path it would have);
/// <see cref="Rule"/> is a stable kebab-case id from <see cref="ScenarioRule"/>.
/// </summary>
public sealed record ScenarioError(string File, string Path, string Rule, string Message)
{
    /// <summary>Longest path or message a line shows; the middle of a longer one is elided.</summary>
    public const int MaxShownChars = 1000;

    /// <summary>The one-line form. Values echoed from the file are quoted and capped where they are quoted; this is the last
    /// guard: any control character left (a file name, a path) is escaped, and an overlong part is cut in the middle.</summary>
    public override string ToString() => $"{OneLine(File)}: {OneLine(Path)}: {OneLine(Message)} [{Rule}]";

    public static string OneLine(string text)
    {
        if (text.Length > MaxShownChars)
            text = $"{text[..(MaxShownChars / 2)]} … ({text.Length - MaxShownChars} characters elided) … {text[^(MaxShownChars / 2)..]}";
        if (!text.Any(c => char.IsControl(c) || c is '\u2028' or '\u2029')) return text;
        var sb = new System.Text.StringBuilder(text.Length + 16);
        foreach (var c in text)
            sb.Append(char.IsControl(c) || c is '\u2028' or '\u2029' ? $"\\u{(int)c:x4}" : c);
        return sb.ToString();
    }
}
