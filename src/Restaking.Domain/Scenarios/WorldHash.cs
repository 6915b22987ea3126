using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace Restaking.Domain.Scenarios;

/// <summary>
/// A canonical hash of an expanded world: SHA-256 over every public property of the <see cref="WorldSpec"/> and of all it
/// holds (the scenario, services, operators, allocations, stakers, tokens…), in declaration order, lists with their counts,
/// numbers in invariant form, primitive arrays as their bytes. Every silo of a cluster expands the scenario itself, so two
/// silos on different builds or with different service kinds could run different worlds silently; comparing this hash with
/// the coordinator's before the run refuses that with one line (docs/cluster.md).
/// </summary>
public static class WorldHash
{
    private const int MaxDepth = 32;

    public static string Of(WorldSpec world)
    {
        ArgumentNullException.ThrowIfNull(world);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Write(hash, world, 0);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void Text(IncrementalHash hash, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        Span<byte> length = stackalloc byte[4];
        BitConverter.TryWriteBytes(length, bytes.Length);
        hash.AppendData(length);
        hash.AppendData(bytes);
    }

    private static void Write(IncrementalHash hash, object? value, int depth)
    {
        switch (value)
        {
            case null: Text(hash, "∅"); return;
            case string s: Text(hash, "s" + s); return;
            case Enum e: Text(hash, "e" + e.GetType().Name + "." + e); return;
            case IFormattable f when value.GetType().IsPrimitive || value is decimal or Int128 or UInt128:
                Text(hash, "n" + f.ToString(null, CultureInfo.InvariantCulture)); return;
            case bool b: Text(hash, b ? "T" : "F"); return;
            case Array array when array.GetType().GetElementType() is { IsPrimitive: true } element:
                Text(hash, $"a{element.Name}:{array.Length}");
                hash.AppendData(PrimitiveBytes(array));
                return;
            case Delegate: Text(hash, "λ"); return;
        }
        if (depth > MaxDepth) { Text(hash, "…"); return; }
        if (value is IDictionary dictionary)
        {
            Text(hash, "d" + dictionary.Count.ToString(CultureInfo.InvariantCulture));
            foreach (DictionaryEntry entry in dictionary) { Write(hash, entry.Key, depth + 1); Write(hash, entry.Value, depth + 1); }
            return;
        }
        if (value is IEnumerable items)
        {
            var list = items.Cast<object?>().ToList();
            Text(hash, "l" + list.Count.ToString(CultureInfo.InvariantCulture));
            foreach (var item in list) Write(hash, item, depth + 1);
            return;
        }
        var type = value.GetType();
        Text(hash, "o" + type.Name);
        foreach (var property in Properties(type))
        {
            Text(hash, property.Name);
            object? v;
            try { v = property.GetValue(value); }
            catch (TargetInvocationException e) { v = "!" + e.InnerException?.GetType().Name; }
            Write(hash, v, depth + 1);
        }
    }

    private static byte[] PrimitiveBytes(Array array) => array switch
    {
        byte[] b => b,
        int[] i => MemoryMarshal.AsBytes(i.AsSpan()).ToArray(),
        long[] l => MemoryMarshal.AsBytes(l.AsSpan()).ToArray(),
        _ => Encoding.UTF8.GetBytes(string.Join(',', array.Cast<IFormattable>().Select(x => x.ToString(null, CultureInfo.InvariantCulture)))),
    };

    private static readonly Dictionary<Type, PropertyInfo[]> PropertyCache = [];

    private static PropertyInfo[] Properties(Type type)
    {
        lock (PropertyCache)
        {
            if (!PropertyCache.TryGetValue(type, out var properties))
                PropertyCache[type] = properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                    .Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")
                    .OrderBy(p => p.MetadataToken).ToArray();
            return properties;
        }
    }
}
