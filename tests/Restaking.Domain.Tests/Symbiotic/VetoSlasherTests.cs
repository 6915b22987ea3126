using Restaking.Domain.Symbiotic;
using Restaking.Domain.Units;

namespace Restaking.Domain.Tests.Symbiotic;

/// <summary>VetoSlasher.sol: requestSlash → veto window → executeSlash, vetoSlash by the resolver, setResolver's delay.</summary>
public class VetoSlasherTests
{
    private const long Day = 86_400;
    private const long Week = 7 * Day; // epochDuration
    private static long Eth(long eth) => Gwei.FromEth(eth);

    /// <summary>1000 ETH active from t = 1; full restake: A and B at 800, operator x at 800 on both; veto window 1 day,
    /// resolver "r" on A from t = 1 (a first resolver takes effect at once), none on B.</summary>
    private static VetoSlasher Setup(out Vault vault)
    {
        vault = new Vault(0, Week);
        vault.Deposit("alice", Eth(1000), 1);
        var d = new FullRestakeDelegator();
        foreach (var network in new[] { "A", "B" })
        {
            d.SetMaxNetworkLimit(network, Eth(800), 1);
            d.SetNetworkLimit(network, Eth(800), 1);
            d.SetOperatorNetworkLimit(network, "x", Eth(800), 1);
        }
        var slasher = new VetoSlasher(vault, d, vetoDuration: Day, resolverSetEpochsDelay: 3);
        slasher.SetResolver("A", "r", 1);
        return slasher;
    }

    [Fact]
    public void Veto_duration_must_be_shorter_than_an_epoch_and_resolver_delay_at_least_three_epochs()
    {
        var vault = new Vault(0, Week);
        var d = new FullRestakeDelegator();
        Reverts.With("InvalidVetoDuration", () => new VetoSlasher(vault, d, Week, 3));
        Reverts.With("InvalidResolverSetEpochsDelay", () => new VetoSlasher(vault, d, Day, 2));
    }

    [Fact]
    public void Request_is_capped_at_the_slashable_stake_and_executes_from_the_veto_deadline_on()
    {
        var slasher = Setup(out var vault);
        // stakeAt(A, x, 100) = min(1000, 800, 800) = 800: a request for 5000 is recorded as 800.
        int index = slasher.RequestSlash("A", "x", Eth(5000), captureTimestamp: 100, now: 1_000);
        var request = slasher.SlashRequests[index];
        Assert.Equal(Eth(800), request.Amount);
        Assert.Equal(1_000 + Day, request.VetoDeadline);

        // A has a resolver at the capture and now: execution waits until vetoDeadline ≤ now.
        Reverts.With("VetoPeriodNotEnded", () => slasher.ExecuteSlash(index, 1_000 + Day - 1));
        var executed = slasher.ExecuteSlash(index, 1_000 + Day);
        Assert.Equal(Eth(800), executed.Slashed);
        Assert.Equal(Eth(200), vault.ActiveStake);
        Assert.True(request.Completed);
        Assert.False(request.Vetoed);
    }

    [Fact]
    public void The_resolver_vetoes_only_before_the_deadline_and_a_vetoed_request_never_executes()
    {
        var slasher = Setup(out var vault);
        int index = slasher.RequestSlash("A", "x", Eth(300), 100, 1_000);

        Reverts.With("NotResolver", () => slasher.VetoSlash(index, "mallory", 2_000));
        Reverts.With("VetoPeriodEnded", () => slasher.VetoSlash(index, "r", 1_000 + Day)); // vetoDeadline ≤ now
        slasher.VetoSlash(index, "r", 1_000 + Day - 1);
        Assert.True(slasher.SlashRequests[index].Vetoed);

        Reverts.With("SlashRequestCompleted", () => slasher.ExecuteSlash(index, 1_000 + Day));
        Reverts.With("SlashRequestCompleted", () => slasher.VetoSlash(index, "r", 2_000));
        Assert.Equal(Eth(1000), vault.ActiveStake);
        Reverts.With("SlashRequestNotExist", () => slasher.ExecuteSlash(index + 1, 2_000));
    }

    [Fact]
    public void A_request_executes_once()
    {
        var slasher = Setup(out _);
        int index = slasher.RequestSlash("A", "x", Eth(300), 100, 1_000);
        slasher.ExecuteSlash(index, 1_000 + Day);
        // 800 − 300 = 500 is still slashable, so the second call reaches the completed check.
        Reverts.With("SlashRequestCompleted", () => slasher.ExecuteSlash(index, 1_000 + Day + 1));
    }

    [Fact]
    public void Without_a_resolver_there_is_no_veto_and_no_wait()
    {
        var slasher = Setup(out var vault);
        int index = slasher.RequestSlash("B", "x", Eth(300), 100, 1_000);
        Reverts.With("NoResolver", () => slasher.VetoSlash(index, "r", 1_001));
        // executeSlash waits only when a resolver existed at the capture and exists now.
        Assert.Equal(Eth(300), slasher.ExecuteSlash(index, 1_001).Slashed);
        Assert.Equal(Eth(700), vault.ActiveStake);
    }

    [Fact]
    public void Capture_windows_of_request_and_execution()
    {
        var slasher = Setup(out _);
        long now = Week + 1_000;
        // requestSlash: captureTimestamp ≥ now + vetoDuration − epochDuration = 1000 + 1 day, and < now.
        Reverts.With("InvalidCaptureTimestamp", () => slasher.RequestSlash("A", "x", Eth(1), Day + 999, now));
        Reverts.With("InvalidCaptureTimestamp", () => slasher.RequestSlash("A", "x", Eth(1), now, now));
        int index = slasher.RequestSlash("A", "x", Eth(1), Day + 1_000, now);

        // executeSlash: SlashPeriodEnded once now − captureTimestamp > epochDuration, i.e. after Day + 1000 + Week.
        Reverts.With("SlashPeriodEnded", () => slasher.ExecuteSlash(index, Day + 1_000 + Week + 1));
        Assert.Equal(Eth(1), slasher.ExecuteSlash(index, Day + 1_000 + Week).Slashed);
    }

    [Fact]
    public void Execution_is_capped_again_at_the_stake_left_for_the_capture()
    {
        var slasher = Setup(out _);
        // Two requests of 500 on the same capture, each ≤ 800 when requested; the second executes only 800 − 500 = 300.
        int first = slasher.RequestSlash("A", "x", Eth(500), 100, 1_000);
        int second = slasher.RequestSlash("A", "x", Eth(500), 100, 1_000);
        Assert.Equal(Eth(500), slasher.ExecuteSlash(first, 1_000 + Day).Slashed);
        Assert.Equal(Eth(300), slasher.ExecuteSlash(second, 1_000 + Day).Slashed);
    }

    [Fact]
    public void A_resolver_change_takes_effect_resolver_set_epochs_delay_epochs_after_the_current_epoch_start()
    {
        var slasher = Setup(out _);
        // At 2 days (epoch 0, start 0): "r2" takes effect at 0 + 3 × 7 days = 21 days.
        slasher.SetResolver("A", "r2", 2 * Day);
        Assert.Equal("r", slasher.ResolverAt("A", 21 * Day - 1));
        Assert.Equal("r2", slasher.ResolverAt("A", 21 * Day));

        // Setting "r" back while the change is pending pops it: "r" stays.
        slasher.SetResolver("A", "r", 3 * Day);
        Assert.Equal("r", slasher.ResolverAt("A", 21 * Day));
        Reverts.With("AlreadySet", () => slasher.SetResolver("A", "r", 4 * Day));
        Reverts.With("AlreadySet", () => slasher.SetResolver("B", null, 4 * Day));
    }
}
