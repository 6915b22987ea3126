using System.Text.Json;
using Restaking.Domain.Checkpoints;
using Restaking.Domain.Engine;
using Restaking.Domain.Scenarios;
using Restaking.Domain.Services;
using Restaking.Domain.Tests.Engine;

namespace Restaking.Domain.Tests.Checkpoints;

/// <summary>
/// A run stopped at a tick barrier, saved, and restored into a session built afresh from the scenario ends with
/// the same timeline.csv, summary.json and events.jsonl, byte for byte, as the run that never stopped.
/// </summary>
public class CheckpointReplayTests(ITestOutputHelper output)
{
    private static readonly ServiceKindRegistry Kinds = Restaking.ServiceKinds.BuiltInKinds.Registry();
    private static readonly ReferenceEngine Engine = new(Kinds);

    public static TheoryData<string> ShippedScenarios() => DeterminismTests.ShippedScenarios();

    private static Scenario Load(string file)
    {
        var load = ScenarioLoader.Load(RepositoryFiles.Scenario(file), Kinds.Names);
        Assert.True(load.IsValid, string.Join("\n", load.Errors));
        return load.Scenario!;
    }

    [Theory]
    [MemberData(nameof(ShippedScenarios))]
    public void Run_restored_at_a_tick_barrier_ends_byte_identical(string file) => RestoresByteIdentical(Load(file), file);

    /// <summary>The shipped file runs its shared vault under network restake; full restake empties the vault instead.</summary>
    [Fact]
    public void A_shared_vault_under_full_restake_restored_at_a_tick_barrier_ends_byte_identical() =>
        RestoresByteIdentical(Load("symbiotic-vaults.json") with { SecurityModel = SecurityModel.SymbioticFullRestake }, "symbiotic-vaults.json (full restake)");

    /// <summary>symbiotic-withdrawals.json under full restake: withdrawals pending in the vault across the barriers.</summary>
    [Fact]
    public void Vault_withdrawals_under_full_restake_restored_at_a_tick_barrier_end_byte_identical() =>
        RestoresByteIdentical(Load("symbiotic-withdrawals.json") with { SecurityModel = SecurityModel.SymbioticFullRestake }, "symbiotic-withdrawals.json (full restake)");

    /// <summary>symbiotic-capture.json under both Symbiotic models, restored at every barrier: requests waiting with their capture
    /// and a late veto to come, withdrawals of two epochs, the vault's active-stake history, slash ledger and curator limits.</summary>
    [Theory]
    [InlineData(SecurityModel.SymbioticNetworkRestake)]
    [InlineData(SecurityModel.SymbioticFullRestake)]
    public void Captured_slashes_late_vetoes_and_curator_limits_restored_at_every_barrier_end_byte_identical(SecurityModel model)
    {
        var scenario = Load("symbiotic-capture.json") with { SecurityModel = model };
        RestoresByteIdentical(scenario, $"symbiotic-capture.json ({model})", [.. Enumerable.Range(1, scenario.Ticks.Count - 1)]);
    }

    /// <summary>redistribution-capture.json under pooled restake: the recorder's attack slashes per service (what the
    /// corruptor took) across the barriers.</summary>
    [Fact]
    public void Redistribution_to_the_corruptor_under_pooled_restake_restored_at_a_tick_barrier_ends_byte_identical() =>
        RestoresByteIdentical(Load("redistribution-capture.json") with { SecurityModel = SecurityModel.Pooled }, "redistribution-capture.json (pooled)");

    private void RestoresByteIdentical(Scenario scenario, string file, int[]? at = null)
    {
        var whole = Engine.Run(scenario, cancellation: TestContext.Current.CancellationToken);
        Assert.NotEmpty(whole.EventLines);   // a run where nothing happens would prove nothing

        // Just after the first cascade, mid-run, and at the last barrier.
        int firstCascade = JsonDocument.Parse(whole.EventLines[0]).RootElement.GetProperty("tick").GetInt32();
        int[] barriers = at ?? new[] { firstCascade + 1, scenario.Ticks.Count / 2, scenario.Ticks.Count - 1 }
            .Where(t => t > 0 && t < scenario.Ticks.Count).Distinct().Order().ToArray();
        var checkpoints = RunSaving(scenario, barriers, whole);

        foreach (var checkpoint in checkpoints)
        {
            // Through the single-block form too, as storage would keep it.
            var restored = Engine.Start(scenario);
            restored.Restore(RunCheckpoint.FromBytes(checkpoint.ToBytes()));
            Assert.Equal(checkpoint.ToBytes(), restored.SaveCheckpoint().ToBytes());
            AssertSameOutputs(whole, RunToEnd(restored), $"{file} restored at tick {checkpoint.NextTick}");
            output.WriteLine($"{file}: restored at tick {checkpoint.NextTick} of {scenario.Ticks.Count}: "
                + $"{checkpoint.TotalBytes:N0} bytes, identical to the uninterrupted run");
        }
    }

    /// <summary>No shipped scenario cuts a cascade at the round cap, so a low cap makes ticks that do: the mail they
    /// carry into the next tick must come back with the checkpoint.</summary>
    [Theory]
    [InlineData("quickstart.json", 2)]
    [InlineData("bench-cascade.json", 3)]
    [InlineData("symbiotic-vaults.json", 2)]   // slashes forwarded to the shared vault and its answers, carried over
    public void Cascade_cut_by_the_round_cap_resumes_from_the_carried_mail(string file, int maxRounds)
    {
        var scenario = Load(file) with { MaxCascadeRounds = maxRounds };
        var whole = Engine.Run(scenario, cancellation: TestContext.Current.CancellationToken);

        var session = Engine.Start(scenario);
        while (!session.RunTick().RoundCapHit) Assert.False(session.Finished, $"no tick of {file} hit a cap of {maxRounds} rounds");
        Assert.NotEmpty(session.CarriedMail);
        var checkpoint = session.SaveCheckpoint();
        Assert.NotEmpty(checkpoint.CarriedMail);

        var restored = Engine.Start(scenario);
        restored.Restore(RunCheckpoint.FromBytes(checkpoint.ToBytes()));
        Assert.Equal(session.CarriedMail.Keys, restored.CarriedMail.Keys);
        Assert.Equal(checkpoint.ToBytes(), restored.SaveCheckpoint().ToBytes());
        AssertSameOutputs(whole, RunToEnd(restored), $"{file} restored after the cap hit at tick {checkpoint.NextTick - 1}");
        AssertSameOutputs(whole, RunToEnd(session), $"{file} saved after the cap hit and run on");
        Assert.Contains("\"roundCapHits\": ", whole.SummaryJson);
        Assert.DoesNotContain("\"roundCapHits\": 0,", whole.SummaryJson);
        output.WriteLine($"{file}: cap hit at tick {checkpoint.NextTick - 1}, {checkpoint.CarriedMail.Count} entities with carried mail");
    }

    [Fact]
    public void The_same_state_gives_the_same_bytes()
    {
        var scenario = Load("quickstart.json");
        byte[] At(int tick)
        {
            var session = Engine.Start(scenario);
            while (session.NextTick < tick) session.RunTick();
            return session.SaveCheckpoint().ToBytes();
        }
        Assert.Equal(At(7), At(7));
        Assert.NotEqual(At(7), At(8));   // a tick on, if only by a timeline row
    }

    [Fact]
    public void A_checkpoint_of_another_scenario_is_refused()
    {
        var quickstart = Engine.Start(Load("quickstart.json"));
        quickstart.RunTick();
        var other = Engine.Start(Load("dr24-tight.json"));
        var e = Assert.Throws<CheckpointFormatException>(() => other.Restore(quickstart.SaveCheckpoint()));
        Assert.Contains("quickstart", e.Message);
    }

    /// <summary>Runs <paramref name="scenario"/> to the end, saving a checkpoint at each barrier; saving must not
    /// disturb the run.</summary>
    private static List<RunCheckpoint> RunSaving(Scenario scenario, int[] barriers, RunResult whole)
    {
        var session = Engine.Start(scenario);
        var checkpoints = new List<RunCheckpoint>();
        while (!session.Finished)
        {
            if (barriers.Contains(session.NextTick)) checkpoints.Add(session.SaveCheckpoint());
            session.RunTick();
        }
        AssertSameOutputs(whole, session.Result(), "the run that was saved along the way");
        Assert.Equal(barriers.Length, checkpoints.Count);
        return checkpoints;
    }

    private static RunResult RunToEnd(RunSession session)
    {
        while (!session.Finished) session.RunTick();
        return session.Result();
    }

    private static void AssertSameOutputs(RunResult expected, RunResult actual, string what)
    {
        Assert.True(expected.TimelineCsv == actual.TimelineCsv, $"{what}: timeline.csv differs");
        Assert.True(expected.SummaryJson == actual.SummaryJson, $"{what}: summary.json differs");
        Assert.True(expected.EventLines.SequenceEqual(actual.EventLines), $"{what}: events.jsonl differs");
    }
}
