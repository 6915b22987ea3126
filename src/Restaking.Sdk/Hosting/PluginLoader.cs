using System.Reflection;
using System.Runtime.Loader;
using System.Security.Cryptography;

namespace Restaking.Sdk.Hosting;

/// <summary>A plug-in assembly loaded by a host: where from, its name and the SHA-256 of its bytes (its version, as far as
/// a cluster is concerned: two silos agree on a plug-in only if the hashes match).</summary>
public sealed record LoadedPlugin(string Path, Assembly Assembly, string Name, string Sha256);

/// <summary>
/// Loads plug-in assemblies (<c>--plugin PATH.dll</c>, a scenario's <c>"plugins"</c>) each into its own
/// <see cref="AssemblyLoadContext"/> that resolves the host's shared assemblies (Restaking.*, Orleans.*, the framework) to
/// the host's copies — so a plug-in's <see cref="ServiceKind"/> is the host's type — and its private dependencies next to it.
/// A missing or unloadable file is a <see cref="PluginException"/> with one line for the user.
/// </summary>
public static class PluginLoader
{
    private static readonly Dictionary<string, LoadedPlugin> loaded = new(StringComparer.Ordinal);
    private static readonly Lock gate = new();

    /// <summary>Loads the plug-in at <paramref name="path"/> (once per full path and content in a process).</summary>
    public static LoadedPlugin Load(string path)
    {
        string full;
        try
        {
            full = System.IO.Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new PluginException($"plugin '{path}': not a valid path");
        }
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(full);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new PluginException($"plugin '{path}': file not found");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PluginException($"plugin '{path}': cannot read the file: {KindCatalogs.FirstLine(e)}");
        }
        string hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        lock (gate)
        {
            if (loaded.TryGetValue(full, out var known))
                return known.Sha256 == hash ? known : throw new PluginException($"plugin '{path}': the file changed since it was loaded in this process");
            Assembly assembly;
            try
            {
                assembly = new PluginLoadContext(full).LoadFromAssemblyPath(full);
            }
            catch (BadImageFormatException)
            {
                throw new PluginException($"plugin '{path}': not a .NET assembly");
            }
            catch (Exception e) when (e is FileLoadException or IOException)
            {
                throw new PluginException($"plugin '{path}': cannot load it: {KindCatalogs.FirstLine(e)}");
            }
            var plugin = new LoadedPlugin(full, assembly, assembly.GetName().Name ?? System.IO.Path.GetFileNameWithoutExtension(full), hash);
            if (KindCatalogs.KindsIn(assembly).Count == 0)
                throw new PluginException($"plugin '{path}': it defines no public service kind (a class deriving from Restaking.Sdk.ServiceKind)");
            loaded[full] = plugin;
            return plugin;
        }
    }

    /// <summary>The plug-ins a scenario file lists (<c>"plugins"</c>, paths relative to the file), read before the scenario is
    /// parsed since its kinds decide what parses. An unreadable file or a bad list returns none: the parse reports it.</summary>
    public static IReadOnlyList<string> ListedIn(string scenarioFile)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(scenarioFile));
            if (document.RootElement.ValueKind != System.Text.Json.JsonValueKind.Object
                || !document.RootElement.TryGetProperty("plugins", out var list) || list.ValueKind != System.Text.Json.JsonValueKind.Array)
                return [];
            var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(scenarioFile))!;
            return list.EnumerateArray().Where(p => p.ValueKind == System.Text.Json.JsonValueKind.String && p.GetString()!.Length > 0)
                .Select(p => System.IO.Path.Combine(directory, p.GetString()!)).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException or ArgumentException or NotSupportedException)
        {
            return [];
        }
    }

    /// <summary>Resolves what the host already has (the SDK, Domain, Orleans, the framework) to the host's copy: a plug-in
    /// built against them must share their types. Anything else comes from the plug-in's own folder.</summary>
    private sealed class PluginLoadContext(string path) : AssemblyLoadContext(System.IO.Path.GetFileNameWithoutExtension(path))
    {
        private readonly AssemblyDependencyResolver resolver = new(path);

        protected override Assembly? Load(AssemblyName name)
        {
            if (IsShared(name)) return null;   // the default context: the host's copy
            var own = resolver.ResolveAssemblyToPath(name);
            return own is null ? null : LoadFromAssemblyPath(own);
        }

        /// <summary>The host has it: loaded already, next to the host, or in the framework.</summary>
        private static bool IsShared(AssemblyName name)
        {
            string simple = name.Name ?? "";
            if (Default.Assemblies.Any(a => a.GetName().Name == simple)) return true;
            if (File.Exists(System.IO.Path.Combine(AppContext.BaseDirectory, simple + ".dll"))) return true;
            return AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") is string tpa
                && tpa.Split(System.IO.Path.PathSeparator).Any(p => System.IO.Path.GetFileNameWithoutExtension(p) == simple);
        }

        protected override IntPtr LoadUnmanagedDll(string unmanagedDllName) =>
            resolver.ResolveUnmanagedDllToPath(unmanagedDllName) is { } p ? LoadUnmanagedDllFromPath(p) : IntPtr.Zero;
    }
}
