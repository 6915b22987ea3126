using Restaking.Domain.Cascade;

namespace Restaking.Contracts;

/// <summary>
/// One sender's messages to one recipient in one cascade step, in the sender's sequence order.
/// <see cref="SentStep"/> numbers the step across the whole run; the recipient applies it at a later step, never in
/// the step it was sent (docs/architecture.md: what is sent in round r is delivered in round r + 1).
/// </summary>
[GenerateSerializer, Immutable, Alias("restaking.CascadeBatch")]
public sealed record CascadeBatch(
    [property: Id(0)] int SentStep,
    [property: Id(1)] BatchMail Mail,
    [property: Id(2)] int Epoch = 0);

/// <summary>
/// The envelopes of a <see cref="CascadeBatch"/>. Immutable, so a batch to a grain on the same silo travels by reference;
/// between silos it travels as <see cref="Domain.Checkpoints.CascadeMail"/> bytes (<see cref="Serialization.BatchMailConverter"/>):
/// every message has one binary form, for the wire and for checkpoints, and no serializer of its own.
/// </summary>
[Immutable]
public sealed class BatchMail(IReadOnlyList<Envelope> envelopes)
{
    public IReadOnlyList<Envelope> Envelopes { get; } = envelopes;
}

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
