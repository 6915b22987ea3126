using System.Runtime.InteropServices;
using System.Text.Json;

namespace Restaking.Cli;

/// <summary>What the commands' wall-clock files (run-info.json, the bench results) share.</summary>
internal static class RunInfo
{
    /// <summary>The machine a figure was measured on.</summary>
    public static void WriteMachine(Utf8JsonWriter w)
    {
        w.WriteStartObject("machine");
        w.WriteString("name", Environment.MachineName);
        w.WriteNumber("processors", Environment.ProcessorCount);
        w.WriteString("os", RuntimeInformation.OSDescription);
        w.WriteString("runtime", RuntimeInformation.FrameworkDescription);
        w.WriteEndObject();
    }

    /// <summary>A scenario name as a folder name: ASCII letters, digits, '-', '_' and '.'.</summary>
    public static string FolderName(string name) =>
        new(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-').ToArray());
}
