using System.Reflection;
using Restaking.Domain.Services;
using Restaking.Grains.Services;

namespace Restaking.Sdk.Hosting;

/// <summary>For hosts (the CLI, silos, tests), not plug-in authors: turns assemblies of <see cref="ServiceKind"/>s into the
/// catalog a run uses. The built-in kinds (Restaking.ServiceKinds) and loaded plug-ins take this same path.</summary>
public static class KindCatalogs
{
    /// <summary>Every public, non-abstract <see cref="ServiceKind"/> with a parameterless constructor in the assembly, by name.</summary>
    public static IReadOnlyList<ServiceKind> KindsIn(Assembly assembly)
    {
        Type[] types;
        try
        {
            types = assembly.GetExportedTypes();
        }
        catch (Exception e) when (e is ReflectionTypeLoadException or FileNotFoundException or FileLoadException or TypeLoadException)
        {
            throw new PluginException($"{assembly.GetName().Name}: cannot read its types ({FirstLine(e)})");
        }
        var kinds = new List<ServiceKind>();
        foreach (var type in types.Where(t => typeof(ServiceKind).IsAssignableFrom(t) && !t.IsAbstract).OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            if (type.GetConstructor(Type.EmptyTypes) is null)
                throw new PluginException($"{assembly.GetName().Name}: service kind {type.FullName} needs a public parameterless constructor");
            try
            {
                kinds.Add((ServiceKind)Activator.CreateInstance(type)!);
            }
            catch (TargetInvocationException e)
            {
                throw new PluginException($"{assembly.GetName().Name}: creating service kind {type.FullName} failed: {FirstLine(e.InnerException ?? e)}");
            }
        }
        return kinds;
    }

    /// <summary>The kind as the Domain's hook, for a registry without grains (the reference engine, Monte Carlo trials).</summary>
    public static ServiceBehaviour ToBehaviour(ServiceKind kind) => new KindAdapter(kind);

    /// <summary>Registers a kind with its grain class (its own, or the generic <see cref="PluginServiceGrain"/>).</summary>
    public static ServiceKindCatalog Register(ServiceKindCatalog catalog, ServiceKind kind)
    {
        var grain = kind.GrainClass ?? typeof(PluginServiceGrain);
        if (!typeof(ServiceGrain).IsAssignableFrom(grain) || grain.IsAbstract)
            throw new PluginException($"service kind '{kind.Name}': its grain class {grain.FullName} is not a concrete ServiceGrain");
        try
        {
            return catalog.Register(new KindAdapter(kind), grain);
        }
        catch (InvalidOperationException e)
        {
            throw new PluginException($"service kind '{kind.Name}' ({kind.GetType().Assembly.GetName().Name}): {e.Message}");
        }
    }

    /// <summary>A catalog of every kind in the assemblies, in the order given.</summary>
    public static ServiceKindCatalog FromAssemblies(IEnumerable<Assembly> assemblies)
    {
        var catalog = new ServiceKindCatalog();
        foreach (var assembly in assemblies)
            foreach (var kind in KindsIn(assembly))
                Register(catalog, kind);
        return catalog;
    }

    internal static string FirstLine(Exception e) => e.Message.Split('\n')[0].Trim();
}

/// <summary>A plug-in that cannot be used: its message is the one line the user sees (exit 2).</summary>
public sealed class PluginException(string message) : Exception(message);
