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

    public static ScenarioFile? Load(string file, TextWriter errors)
    {
        var listed = PluginLoader.ListedIn(file);
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
        var result = ScenarioLoader.Load(file, Kinds.Behaviours);
        foreach (var error in result.Errors) errors.WriteLine(error.ToString());
        if (!result.IsValid) return null;
        // Load has just read it; a file changed in between is caught again when the silo parses the text.
        return new ScenarioFile(file, File.ReadAllText(file), result.Scenario!);
    }
}
