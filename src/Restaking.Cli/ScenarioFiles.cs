using System.CommandLine;
using Restaking.Domain.Scenarios;
using Restaking.Grains.Services;

namespace Restaking.Cli;

/// <summary>A scenario read from disk: the validated model and the exact text (which the Orleans engine ships to silos).</summary>
public sealed record ScenarioFile(string Path, string Text, Scenario Scenario);

/// <summary>Loads scenario files and reports every error as "file: path: message [rule]" on standard error.</summary>
public static class ScenarioFiles
{
    /// <summary>The service kinds scenarios may name: the built-in ones, registered like plug-ins.</summary>
    public static ServiceKindCatalog Kinds { get; } = ServiceKindCatalog.CreateDefault();

    public static ScenarioFile? Load(string file, TextWriter errors, long maxFileBytes = ScenarioLoader.DefaultMaxFileBytes)
    {
        var result = ScenarioLoader.Load(file, Kinds.Names, maxFileBytes);
        foreach (var error in result.Errors) errors.WriteLine(error.ToString());
        if (!result.IsValid) return null;
        // Load has just read it; a file changed in between is caught again when the silo parses the text.
        return new ScenarioFile(file, File.ReadAllText(file), result.Scenario!);
    }

    /// <summary>The world limits (<see cref="WorldLimits"/>) on a loaded scenario, printed; false when it is beyond them.</summary>
    public static bool WithinLimits(Scenario scenario, string file, bool allowLarge, TextWriter errors, string? suffix = null)
    {
        var problems = WorldLimits.Check(scenario, file, allowLarge);
        foreach (var error in problems) errors.WriteLine(suffix is null ? error.ToString() : $"{error} {suffix}");
        return problems.Count == 0;
    }

    /// <summary>--max-file-mib: the scenario file size limit (docs/limits.md).</summary>
    public static Option<int> MaxFileOption() => new("--max-file-mib")
    {
        Description = "largest scenario file read, in MiB (default 64)",
        DefaultValueFactory = _ => (int)(ScenarioLoader.DefaultMaxFileBytes >> 20),
    };

    /// <summary>--allow-large-world: lift the per-list sizes and the memory estimate (docs/limits.md).</summary>
    public static Option<bool> AllowLargeOption() => new("--allow-large-world")
    {
        Description = $"allow more than {WorldLimits.MaxOperators:N0} operators or services, {WorldLimits.MaxStakers:N0} stakers, or a world estimated over {WorldLimits.MaxEstimatedBytes >> 30} GiB",
    };

    /// <summary>The --max-file-mib value in bytes, or null (printed) when it is not positive.</summary>
    public static long? MaxFileBytes(int mib)
    {
        if (mib >= 1) return (long)mib << 20;
        Console.Error.WriteLine($"--max-file-mib: must be at least 1, got {mib} [range]");
        return null;
    }
}
