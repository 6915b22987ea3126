using System.CommandLine;
using Restaking.Domain.Scenarios;
using Restaking.Grains.Services;
using Restaking.Sdk.Hosting;

namespace Restaking.Cli;

/// <summary>A scenario read from disk: the validated model and the exact text (which the Orleans engine ships to silos).</summary>
public sealed record ScenarioFile(string Path, string Text, Scenario Scenario);

/// <summary>Loads scenario files and reports every error as "file: path: message [rule]" on standard error.</summary>
public static class ScenarioFiles
{
    private static readonly List<LoadedPlugin> plugins = [];

    /// <summary>The service kinds scenarios may name: the built-in ones and those of the loaded plug-ins, registered alike.</summary>
    public static ServiceKindCatalog Kinds { get; private set; } = Restaking.ServiceKinds.BuiltInKinds.Catalog();

    /// <summary>The plug-ins loaded so far (<c>--plugin</c>, then the scenario's <c>"plugins"</c>), in load order.</summary>
    public static IReadOnlyList<LoadedPlugin> Plugins => plugins;

    /// <summary>Loads plug-ins and rebuilds <see cref="Kinds"/> with them; throws <see cref="PluginException"/> with one line.</summary>
    public static void UsePlugins(IEnumerable<string> paths)
    {
        bool added = false;
        foreach (var path in paths)
        {
            var plugin = PluginLoader.Load(path);
            if (plugins.Any(p => p.Path == plugin.Path)) continue;
            plugins.Add(plugin);
            added = true;
        }
        if (added) Kinds = Restaking.ServiceKinds.BuiltInKinds.Catalog([.. plugins.Select(p => p.Assembly)]);
    }

    public static ScenarioFile? Load(string file, TextWriter errors, long maxFileBytes = ScenarioLoader.DefaultMaxFileBytes)
    {
        // Fail closed before anything reads the file (a FIFO would block, /dev/zero never end): then the plug-in list.
        if (ScenarioLoader.CheckFile(file, maxFileBytes) is { } unreadable)
        {
            errors.WriteLine(unreadable.ToString());
            return null;
        }
        IReadOnlyList<string> listed;
        try { listed = PluginLoader.ListedIn(file); }
        catch (InvalidOperationException) { listed = []; }   // a lone surrogate: the loader reports it at its path
        for (int i = 0; i < listed.Count; i++)
        {
            try
            {
                UsePlugins([listed[i]]);
            }
            catch (PluginException e)
            {
                errors.WriteLine(new ScenarioError(file, $"$.plugins[{i}]", "plugin", e.Message).ToString());
                return null;
            }
        }
        var result = ScenarioLoader.Load(file, Kinds.Behaviours, maxFileBytes);
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
