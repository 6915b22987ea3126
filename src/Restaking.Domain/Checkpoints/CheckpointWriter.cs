using System.Buffers.Binary;
using System.Text;

namespace Restaking.Domain.Checkpoints;

/// <summary>
/// Writes primitive values into a checkpoint: fixed-width little-endian integers, length-prefixed UTF-8 strings and
/// arrays. Nothing depends on the machine or on dictionary order, so the same state always gives the same bytes.
/// </summary>
public sealed class CheckpointWriter
{
    private byte[] buffer = new byte[256];
    private int length;

    public int Length => length;

    public void WriteByte(byte value) => Reserve(1)[0] = value;

    public void WriteBool(bool value) => WriteByte(value ? (byte)1 : (byte)0);

    public void WriteInt(int value) => BinaryPrimitives.WriteInt32LittleEndian(Reserve(4), value);

    public void WriteLong(long value) => BinaryPrimitives.WriteInt64LittleEndian(Reserve(8), value);

    /// <summary>An <see cref="Int128"/> as its upper then lower 64 bits (as <see cref="EigenLayer.DepositScalingFactor"/> writes k).</summary>
    public void WriteInt128(Int128 value)
    {
        WriteLong((long)(value >> 64));
        WriteLong((long)(ulong)(value & ulong.MaxValue));
    }

    /// <summary>A string as its UTF-8 byte count then its bytes; null as count −1.</summary>
    public void WriteString(string? value)
    {
        if (value is null)
        {
            WriteInt(-1);
            return;
        }
        int count = Encoding.UTF8.GetByteCount(value);
        WriteInt(count);
        Encoding.UTF8.GetBytes(value, Reserve(count));
    }

    /// <summary>A nullable long as a presence flag, then the value when present.</summary>
    public void WriteNullableLong(long? value)
    {
        WriteBool(value.HasValue);
        if (value is { } v) WriteLong(v);
    }

    public void WriteLongs(IReadOnlyList<long> values) => WriteAll(values, WriteLong);

    public void WriteInts(IReadOnlyList<int> values) => WriteAll(values, WriteInt);

    public void WriteBools(IReadOnlyList<bool> values) => WriteAll(values, WriteBool);

    public void WriteStrings(IReadOnlyList<string> values) => WriteAll(values, WriteString);

    /// <summary>A count, then each item.</summary>
    public void WriteAll<T>(IReadOnlyList<T> items, Action<T> write)
    {
        WriteInt(items.Count);
        foreach (var item in items) write(item);
    }

    /// <summary>Another checkpoint (or any byte block) nested as a length-prefixed block.</summary>
    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        WriteInt(bytes.Length);
        bytes.CopyTo(Reserve(bytes.Length));
    }

    public byte[] ToArray() => buffer.AsSpan(0, length).ToArray();

    private Span<byte> Reserve(int count)
    {
        if (length + count > buffer.Length) Array.Resize(ref buffer, Math.Max(buffer.Length * 2, length + count));
        var span = buffer.AsSpan(length, count);
        length += count;
        return span;
    }
}
