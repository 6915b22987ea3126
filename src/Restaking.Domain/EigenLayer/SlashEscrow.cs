namespace Restaking.Domain.EigenLayer;

/// <summary>What ends a pause of escrow releases: the pauser unpauses (the escrows release once their delay has passed),
/// or governance resolves the slash as wrong and the escrowed funds go back (a model choice: docs/models/eigenlayer.md,
/// "Slash escrow").</summary>
public enum EscrowPauseOutcome
{
    Release,
    Return,
}

/// <summary>A pause of escrow releases from <see cref="FromTick"/> until <see cref="UntilTick"/> (exclusive; null: past the
/// run's end). SlashEscrowFactory.releaseSlashEscrow requires PAUSED_RELEASE_ESCROW unset and the escrow not paused
/// (pauseEscrow); ELIP-016's pause flag PAUSED_BURNING_AND_REDISTRIBUTION gates the clearing the same way.</summary>
public sealed record EscrowPause(int FromTick, int? UntilTick, EscrowPauseOutcome Outcome);

/// <summary>The scenario's <c>eigenlayer.slashEscrow</c>: the delay redistributed funds wait and the pauses of release.</summary>
public sealed record SlashEscrowSpec(long DelaySeconds, IReadOnlyList<EscrowPause> Pauses)
{
    /// <summary>SlashEscrowFactory's _globalEscrowDelayBlocks = 28,800 blocks × 12 s = 4 days (ELIP-006; docs/models/eigenlayer.md).</summary>
    public const long Elip006DelaySeconds = 28_800 * 12;

    /// <summary>ELIP-016's SLASH_RESOLUTION_DELAY_BLOCKS = 50,400 blocks × 12 s ≈ 7 days (docs/models/eigenlayer.md).</summary>
    public const long Elip016DelaySeconds = 50_400 * 12;

    /// <summary>The delay in whole ticks, rounded up: an escrow is never released before its delay has passed.</summary>
    public int DelayTicks(long tickSeconds) => checked((int)((DelaySeconds + tickSeconds - 1) / tickSeconds));
}

/// <summary>How one escrow ended by the end of the run.</summary>
public enum EscrowOutcome
{
    Released,
    Returned,
    /// <summary>Still in escrow when the run ended: its delay had not passed, or a pause was still on.</summary>
    Held,
}

/// <summary>One escrow: what a service's slashes of one tick redistributed (one slashId per service and tick), and how it ended.</summary>
public sealed record Escrow(int Service, string Recipient, int Tick, long Gwei, int CompleteTick, EscrowOutcome Outcome, int? EndTick);

/// <summary>
/// The slash escrow of ELIP-006 (SlashEscrowFactory): redistributed slashed funds do not reach the redistribution recipient
/// at the slash; they wait in an escrow per slash until the escrow delay has passed, and are then released to the recipient
/// (releaseSlashEscrow, "at or after getEscrowCompleteBlock"). While releases are paused (PAUSED_RELEASE_ESCROW or the
/// escrow's own pauseEscrow; ELIP-016's PAUSED_BURNING_AND_REDISTRIBUTION) nothing is released; a pause that ends in a
/// return sends every escrow still waiting back instead (the model's choice, docs/models/eigenlayer.md). The recipient is
/// assumed to release as soon as it may. Pure bookkeeping: the recipient's funds feed nothing back into the world, so the
/// escrow is computed from the run's slashes once, the same on every engine.
/// </summary>
public static class SlashEscrows
{
    /// <summary>
    /// The escrow entered at <paramref name="tick"/>: complete at tick + delay; released at the first tick from then on that no
    /// pause covers; returned at the end of a pause with outcome Return that it waits through (entered before the pause ends,
    /// not released before it starts); held if neither happens before <paramref name="tickCount"/>.
    /// </summary>
    public static Escrow Settle(int service, string recipient, int tick, long gwei, SlashEscrowSpec spec, long tickSeconds, int tickCount)
    {
        int complete = checked(tick + spec.DelayTicks(tickSeconds));
        int release = complete;
        foreach (var pause in spec.Pauses.OrderBy(p => p.FromTick))
        {
            bool waitsThrough = tick < (pause.UntilTick ?? int.MaxValue) && release >= pause.FromTick;
            if (!waitsThrough) continue;
            if (pause.Outcome == EscrowPauseOutcome.Return)
            {
                // Governance's return: at the pause's end, for every escrow waiting through it (delay passed or not).
                return pause.UntilTick is { } back && back < tickCount
                    ? new Escrow(service, recipient, tick, gwei, complete, EscrowOutcome.Returned, back)
                    : new Escrow(service, recipient, tick, gwei, complete, EscrowOutcome.Held, null);
            }
            // Released only once the delay has passed and the pause has ended.
            if (release < (pause.UntilTick ?? int.MaxValue)) release = pause.UntilTick ?? int.MaxValue;
        }
        return release < tickCount
            ? new Escrow(service, recipient, tick, gwei, complete, EscrowOutcome.Released, release)
            : new Escrow(service, recipient, tick, gwei, complete, EscrowOutcome.Held, null);
    }
}
