using Restaking.Domain.Cascade;
using Restaking.Domain.Checkpoints;

namespace Restaking.Domain.Engine;

/// <summary>
/// The latest figures of every entity (<see cref="EntityKindDescriptor.Figures"/>): taken from the world at tick 0,
/// then from each entity's report after every round it took part in. An entity's figures change only when it applies
/// mail, so at the end of a tick these are the entities' figures, on either host, without asking any of them. The
/// end-of-tick snapshot and the schedule's wake-ups (veto slashers, correlation penalties) read them.
/// </summary>
public sealed class TimelineFigures
{
    private readonly long[]?[][] figures;

    private TickSnapshot? snapshot;

    private TimelineFigures(long[]?[][] figures) => this.figures = figures;

    /// <summary>The figures of <paramref name="world"/> as it stands (at tick 0, or just restored).</summary>
    public static TimelineFigures Of(World world)
    {
        var figures = new long[]?[EntityKinds.TableLength][];
        for (int k = 0; k < figures.Length; k++) figures[k] = [];
        var table = new TimelineFigures(figures);
        table.ReadFrom(world);
        return table;
    }

    /// <summary>Reads every entity's figures from <paramref name="world"/> (after a checkpoint was restored into it: an
    /// entity's figures follow from its state).</summary>
    public void ReadFrom(World world)
    {
        foreach (var d in EntityKinds.All)
        {
            var members = d.Members(world);
            figures[(int)d.Kind] = d.Figures is { } read ? members.Select(read).ToArray() : new long[]?[members.Count];
        }
        snapshot = null;
    }

    public void Update(EntityRef entity, long[]? reported)
    {
        if (reported is null) return;
        figures[(int)entity.Kind][entity.Index] = reported;
        snapshot = null;
    }

    private long[] Row(EntityKind kind, int index) => figures[(int)kind][index]!;

    private IEnumerable<long[]> Rows(EntityKind kind) => figures[(int)kind].Select(f => f!);

    public long RestakedValueGwei => Rows(EntityKind.Operator).Sum(f => f[EntityKinds.OperatorValue]);

    public int ServicesCompromised => Rows(EntityKind.Service).Count(f => f[EntityKinds.ServiceCompromised] != 0);

    /// <summary>When service <paramref name="service"/>'s veto slasher next has a request due.</summary>
    public int NextSlashDueTick(int service) => (int)Row(EntityKind.Service, service)[EntityKinds.ServiceSlashDueTick];

    /// <summary>Whether the base chain has correlation penalties falling due by <paramref name="tick"/>.</summary>
    public bool PenaltiesDue(int tick) => Row(EntityKind.BaseChain, 0)[EntityKinds.BaseChainPenaltyDueTick] <= tick;

    /// <summary>When token <paramref name="token"/>'s market next needs a step (<see cref="Markets.TokenMarket.NextDueTick"/>).</summary>
    public int MarketDueTick(int token) => (int)Row(EntityKind.Token, token)[EntityKinds.TokenMarketDueTick];

    /// <summary>What the timeline's row reads at the end of a tick: kept until an entity reports new figures, so a quiet
    /// tick does not sum every operator again.</summary>
    public TickSnapshot Snapshot() => snapshot ??= Compute();

    private TickSnapshot Compute() => new(
        RestakedValueGwei,
        Rows(EntityKind.Operator).Count(f => f[EntityKinds.OperatorEverSlashed] != 0),
        ServicesCompromised,
        Rows(EntityKind.Token).Select(f => (f[EntityKinds.TokenNav], f[EntityKinds.TokenPrice])).ToList());

    /// <summary>Every entity's figures, kind by kind (a coordinator's checkpoint keeps them beside its recorder).</summary>
    public byte[] Save()
    {
        var w = new CheckpointWriter();
        w.WriteAll(figures, kind => w.WriteAll(kind, f =>
        {
            w.WriteBool(f is not null);
            if (f is not null) w.WriteLongs(f);
        }));
        return w.ToArray();
    }

    public void Restore(byte[] bytes)
    {
        var r = new CheckpointReader(bytes);
        var saved = r.ReadAll(4, () => r.ReadAll(1, () => r.ReadBool() ? r.ReadLongs() : null));
        CheckpointReader.RequireCount(saved.Length, figures.Length, "entity kinds with figures");
        for (int k = 0; k < figures.Length; k++)
        {
            CheckpointReader.RequireCount(saved[k].Length, figures[k].Length, $"{(EntityKind)k} figures");
            saved[k].CopyTo(figures[k], 0);
        }
        snapshot = null;
        r.RequireEnd("timeline figures");
    }
}
