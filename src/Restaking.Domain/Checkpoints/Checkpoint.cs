namespace Restaking.Domain.Checkpoints;

/// <summary>
/// Something whose mutable simulation state can be saved at a tick barrier and restored into the same entity of a
/// world freshly built from the same scenario. The immutable rest (ids, listeners, thresholds …) comes from that
/// rebuild, so only what changes during a run is saved.
/// </summary>
public interface ICheckpointable
{
    /// <summary>What the bytes hold ("operator", "lst" …): restoring them into another kind fails.</summary>
    string CheckpointKind { get; }

    /// <summary>Which one of its kind (the scenario id): restoring another entity's bytes fails.</summary>
    string CheckpointId { get; }

    /// <summary>Writes the mutable state (without the header).</summary>
    void SaveState(CheckpointWriter writer);

    /// <summary>Replaces the whole mutable state with what <see cref="SaveState"/> wrote; the object then behaves
    /// exactly like the one saved. If it throws, the object may be half restored: restore again or rebuild it.</summary>
    void RestoreState(CheckpointReader reader);
}

/// <summary>
/// The framing every checkpoint shares: a magic, the format version, the kind and the id, then the state. The
/// header makes restoring the wrong thing fail with a message that names both sides.
/// </summary>
public static class Checkpoint
{
    /// <summary>Bumped whenever any entity's layout changes: an old checkpoint then fails instead of misreading.</summary>
    public const int FormatVersion = 14;

    private const int Magic = 0x4B435352; // "RSCK" little-endian

    public static byte[] Save(this ICheckpointable entity)
    {
        var writer = new CheckpointWriter();
        WriteHeader(writer, entity.CheckpointKind, entity.CheckpointId);
        entity.SaveState(writer);
        return writer.ToArray();
    }

    public static void Restore(this ICheckpointable entity, byte[] bytes)
    {
        var reader = new CheckpointReader(bytes);
        ReadHeader(reader, entity.CheckpointKind, entity.CheckpointId);
        entity.RestoreState(reader);
        reader.RequireEnd($"{entity.CheckpointKind} '{entity.CheckpointId}'");
    }

    public static void WriteHeader(CheckpointWriter writer, string kind, string id)
    {
        writer.WriteInt(Magic);
        writer.WriteInt(FormatVersion);
        writer.WriteString(kind);
        writer.WriteString(id);
    }

    /// <summary>Reads the header and fails unless it is this format version and the expected kind and id (any id
    /// when <paramref name="id"/> is null). Returns the id saved.</summary>
    public static string ReadHeader(CheckpointReader reader, string kind, string? id)
    {
        string into = id is null ? kind : $"{kind} '{id}'";
        if (reader.Remaining < 8 || reader.ReadInt() != Magic)
            throw new CheckpointFormatException($"not a checkpoint (restoring {into})");
        int version = reader.ReadInt();
        if (version != FormatVersion)
            throw new CheckpointFormatException($"checkpoint format version {version}, this build reads version {FormatVersion} (restoring {into})");
        string savedKind = reader.ReadString(), savedId = reader.ReadString();
        if (savedKind != kind || (id is not null && savedId != id))
            throw new CheckpointFormatException($"checkpoint of {savedKind} '{savedId}' cannot be restored into {into}");
        return savedId;
    }
}

/// <summary>A checkpoint that cannot be restored here: malformed, another format version, or another entity's.</summary>
public sealed class CheckpointFormatException(string message) : Exception(message);
