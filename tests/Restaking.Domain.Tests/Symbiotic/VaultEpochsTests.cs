using Restaking.Domain.Symbiotic;

namespace Restaking.Domain.Tests.Symbiotic;

/// <summary>VaultStorage.epochAt / currentEpochStart: epochs of a fixed length counted from the vault's initialisation.</summary>
public class VaultEpochsTests
{
    [Fact]
    public void Epoch_of_a_timestamp_counts_whole_epochs_since_init()
    {
        // init 1000, duration 100: epochAt(t) = (t − 1000) / 100 rounded down.
        var epochs = new VaultEpochs(1_000, 100);
        Assert.Equal(0, epochs.EpochAt(1_000));
        Assert.Equal(0, epochs.EpochAt(1_099));
        Assert.Equal(1, epochs.EpochAt(1_100));
        Assert.Equal(3, epochs.EpochAt(1_399));
        Assert.Equal(1_300, epochs.EpochStart(3)); // 1000 + 3 × 100
        Assert.Equal(1_300, epochs.CurrentEpochStart(1_350));
    }

    [Fact]
    public void A_time_before_init_and_a_zero_duration_revert()
    {
        Reverts.With("InvalidTimestamp", () => new VaultEpochs(1_000, 100).EpochAt(999));
        Reverts.With("InvalidEpochDuration", () => new VaultEpochs(1_000, 0));
    }
}
