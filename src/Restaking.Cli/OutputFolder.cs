namespace Restaking.Cli;

/// <summary>Checks an output folder before a run, so a run is never lost to a bad --out at its end: not empty, not a file
/// (nor /dev/null), and a folder (or its nearest existing parent) that a file can be created in.</summary>
public static class OutputFolder
{
    /// <summary>The one-line problem with <paramref name="folder"/>, or null when the outputs can be written there.</summary>
    public static string? Problem(string folder)
    {
        if (string.IsNullOrWhiteSpace(folder)) return "--out: must name a folder, got an empty value [out]";
        string full;
        try { full = Path.GetFullPath(folder); }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return $"--out {Domain.Scenarios.ScenarioError.OneLine(folder)}: not a usable path: {e.Message} [out]";
        }
        string shown = Domain.Scenarios.ScenarioError.OneLine(folder);
        var existing = full;
        while (!Directory.Exists(existing))
        {
            if (File.Exists(existing))
                return existing == full
                    ? $"--out {shown}: is a file, not a folder [out]"
                    : $"--out {shown}: {existing} is a file, so the folder cannot be created [out]";
            var parent = Path.GetDirectoryName(existing);
            if (parent is null) return $"--out {shown}: no existing parent folder [out]";
            existing = parent;
        }
        try
        {
            // Create and delete a file where the outputs (or their folder) will go: permissions, read-only mounts, a full disk's quota.
            using (new FileStream(Path.Combine(existing, $".restaking-write-check-{Environment.ProcessId}"), FileMode.CreateNew, FileAccess.Write,
                FileShare.None, 1, FileOptions.DeleteOnClose)) { }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"--out {shown}: cannot write in {existing}: {e.Message} [out]";
        }
        return null;
    }
}
