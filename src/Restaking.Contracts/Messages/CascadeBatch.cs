using Restaking.Domain.Cascade;

namespace Restaking.Contracts;

/// <summary>
/// One sender's messages of one hop kind to one recipient in one cascade step, in the sender's sequence order.
/// <see cref="SentStep"/> numbers the step across the whole run; the recipient applies it at a later step, never in
/// the step it was sent (ARCHITECTURE.md: what is sent in round r is delivered in round r + 1).
/// </summary>
[GenerateSerializer, Immutable, Alias("restaking.CascadeBatch")]
public sealed record CascadeBatch(
    [property: Id(0)] int SentStep,
    [property: Id(1)] IReadOnlyList<Envelope> Envelopes,
    [property: Id(2)] int Epoch = 0);

/// <summary>
/// The coordinator's order to apply everything received before <see cref="Step"/>: <see cref="ExpectedBatches"/>
/// batches, counted from the senders' reports. Over calls they have all arrived when the order comes; over streams
/// delivery is asynchronous, so the entity waits until that many are in.
/// </summary>
[GenerateSerializer, Immutable, Alias("restaking.RoundOrder")]
public sealed record RoundOrder(
    [property: Id(0)] int Tick,
    [property: Id(1)] int Round,
    [property: Id(2)] int Step,
    [property: Id(3)] int ExpectedBatches,
    [property: Id(4)] int Epoch = 0);

/// <summary>
/// What an entity reports after a round: the events it recorded (in order), whom it sent messages to (they are
/// active next round) and how many batches each (<see cref="BatchesPerRecipient"/>, parallel to
/// <see cref="Recipients"/>), and its figures for the end-of-tick snapshot.
/// </summary>
[GenerateSerializer, Immutable, Alias("restaking.RoundReport")]
public sealed record RoundReport(
    [property: Id(0)] IReadOnlyList<CascadeEvent> Events,
    [property: Id(1)] IReadOnlyList<EntityRef> Recipients,
    [property: Id(2)] IReadOnlyList<int> BatchesPerRecipient,
    [property: Id(3)] EntityFigures Figures,
    [property: Id(4)] int MessagesSent);

/// <summary>
/// The numbers of one entity the timeline reads: an operator's value and whether it was ever slashed; whether a
/// service is compromised; a token's NAV and price. A service also reports when its veto slasher next has a request
/// due (<see cref="Domain.Services.ServiceState.NextSlashDueTick"/>), so the coordinator wakes it then without asking.
/// </summary>
[GenerateSerializer, Immutable, Alias("restaking.EntityFigures")]
public readonly record struct EntityFigures(
    [property: Id(0)] long ValueGwei,
    [property: Id(1)] bool Flag,
    [property: Id(2)] long NavWad,
    [property: Id(3)] long PriceWad,
    [property: Id(4)] int NextSlashDueTick = int.MaxValue);
