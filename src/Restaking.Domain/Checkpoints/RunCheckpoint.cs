using Restaking.Domain.Cascade;

namespace Restaking.Domain.Checkpoints;

/// <summary>One entity's state at a tick barrier (<see cref="Checkpoint.Save"/> bytes).</summary>
public sealed record EntityCheckpoint(EntityRef Entity, byte[] State);

/// <summary>Messages waiting for one entity across the barrier (<see cref="CascadeMail.Save"/> bytes).</summary>
public sealed record MailCheckpoint(EntityRef To, byte[] Envelopes);

/// <summary>
/// A whole run at a tick barrier: every entity's state, the recorder's, and the mail a tick cut by the round cap
/// carries into <see cref="NextTick"/>. Restored into a world freshly built from the same scenario, the run goes on
/// from <see cref="NextTick"/> exactly as if it had never stopped.
/// </summary>
public sealed record RunCheckpoint(
    string Scenario,
    ulong Seed,
    int NextTick,
    IReadOnlyList<EntityCheckpoint> Entities,
    byte[] Recorder,
    IReadOnlyList<MailCheckpoint> CarriedMail)
{
    public const string Kind = "run";

    public long TotalBytes => Entities.Sum(e => (long)e.State.Length) + Recorder.Length + CarriedMail.Sum(m => (long)m.Envelopes.Length);

    /// <summary>The whole checkpoint as one block (e.g. for storage).</summary>
    public byte[] ToBytes()
    {
        var w = new CheckpointWriter();
        Checkpoint.WriteHeader(w, Kind, Scenario);
        w.WriteLong((long)Seed);
        w.WriteInt(NextTick);
        w.WriteAll(Entities, e => { CascadeMail.Write(w, e.Entity); w.WriteBytes(e.State); });
        w.WriteBytes(Recorder);
        w.WriteAll(CarriedMail, m => { CascadeMail.Write(w, m.To); w.WriteBytes(m.Envelopes); });
        return w.ToArray();
    }

    public static RunCheckpoint FromBytes(byte[] bytes)
    {
        var r = new CheckpointReader(bytes);
        string scenario = Checkpoint.ReadHeader(r, Kind, null);
        ulong seed = (ulong)r.ReadLong();
        int nextTick = r.ReadInt();
        var entities = r.ReadAll(9, () => new EntityCheckpoint(CascadeMail.ReadEntity(r), r.ReadBytes()));
        byte[] recorder = r.ReadBytes();
        var mail = r.ReadAll(9, () => new MailCheckpoint(CascadeMail.ReadEntity(r), r.ReadBytes()));
        r.RequireEnd($"run checkpoint of {scenario}");
        return new RunCheckpoint(scenario, seed, nextTick, entities, recorder, mail);
    }
}
