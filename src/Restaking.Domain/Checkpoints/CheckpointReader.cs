using System.Buffers.Binary;
using System.Text;

namespace Restaking.Domain.Checkpoints;

/// <summary>
/// Reads what a <see cref="CheckpointWriter"/> wrote, in the same order. Truncated or malformed bytes fail with a
/// <see cref="CheckpointFormatException"/> that says where, never with a half-restored entity passing silently.
/// </summary>
public sealed class CheckpointReader(byte[] bytes)
{
    private int position;

    /// <summary>Bytes not read yet.</summary>
    public int Remaining => bytes.Length - position;

    public byte ReadByte() => Take(1)[0];

    public bool ReadBool() => ReadByte() switch
    {
        0 => false,
        1 => true,
        var b => throw Malformed($"a bool byte is {b}"),
    };

    public int ReadInt() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    public long ReadLong() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    /// <summary>An <see cref="Int128"/> written by <see cref="CheckpointWriter.WriteInt128"/>: upper then lower 64 bits.</summary>
    public Int128 ReadInt128()
    {
        long upper = ReadLong();
        ulong lower = (ulong)ReadLong();
        return new Int128((ulong)upper, lower);
    }

    public string? ReadNullableString()
    {
        int count = ReadInt();
        if (count == -1) return null;
        if (count < 0) throw Malformed($"a string length is {count}");
        return Encoding.UTF8.GetString(Take(count));
    }

    public string ReadString() => ReadNullableString() ?? throw Malformed("a string is null where one is required");

    public long? ReadNullableLong() => ReadBool() ? ReadLong() : null;

    public long[] ReadLongs() => ReadAll(8, ReadLong);

    public int[] ReadInts() => ReadAll(4, ReadInt);

    public bool[] ReadBools() => ReadAll(1, ReadBool);

    public string[] ReadStrings() => ReadAll(4, ReadString);

    /// <summary>A count (each item at least <paramref name="minBytesPerItem"/> long), then each item.</summary>
    public T[] ReadAll<T>(int minBytesPerItem, Func<T> read)
    {
        var items = new T[ReadCount(minBytesPerItem)];
        for (int i = 0; i < items.Length; i++) items[i] = read();
        return items;
    }

    public byte[] ReadBytes() => Take(ReadCount(1)).ToArray();

    /// <summary>Reads an array saved for <paramref name="target"/> into it; the lengths must agree (the world built from
    /// the scenario fixes them), else the checkpoint belongs to another world.</summary>
    public void ReadInto(long[] target, string what)
    {
        var values = ReadLongs();
        RequireCount(values.Length, target.Length, what);
        values.CopyTo(target, 0);
    }

    /// <summary>Fails unless the count saved equals the count this world has.</summary>
    public static void RequireCount(int saved, int here, string what)
    {
        if (saved != here)
            throw new CheckpointFormatException($"the checkpoint has {saved} {what}, this world has {here}: it was saved from another scenario");
    }

    /// <summary>A count prefix, checked against what is left so corrupt bytes cannot allocate a huge array.</summary>
    public int ReadCount(int minBytesPerItem)
    {
        int count = ReadInt();
        if (count < 0 || (long)count * minBytesPerItem > Remaining) throw Malformed($"a count is {count} with {Remaining} bytes left");
        return count;
    }

    /// <summary>Fails if anything is left: a reader that stops early read another layout than was written.</summary>
    public void RequireEnd(string what)
    {
        if (Remaining != 0) throw new CheckpointFormatException($"{what}: {Remaining} bytes left over after restoring");
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > Remaining) throw Malformed($"needs {count} more bytes, {Remaining} left");
        var span = bytes.AsSpan(position, count);
        position += count;
        return span;
    }

    private CheckpointFormatException Malformed(string what) => new($"checkpoint malformed at byte {position}: {what}");
}
