using Restaking.Domain.Engine;
using Restaking.Domain.Scenarios;
using Restaking.Domain.Services;

namespace Restaking.Domain.Tests.Engine;

/// <summary>
/// Quiet ticks cost nothing (docs/architecture.md, "Quiet ticks"): a tick with nothing scheduled and no mail calls no
/// entity, idle markets are left out of the schedule, and the outputs are byte for byte those of a run that steps every
/// market and runs every tick (<see cref="TickDriver.SkipQuietTicks"/> off).
/// </summary>
public class QuietTickTests(ITestOutputHelper output)
{
    private const int MaxStakers = 100_000;

    private static readonly ServiceKindRegistry Kinds = Restaking.ServiceKinds.BuiltInKinds.Registry();

    public static TheoryData<string> ShippedScenarios() => DeterminismTests.ShippedScenarios();

    private static (RunResult Result, int Quiet, SortedSet<int> Active) Run(Scenario scenario, bool skip)
    {
        var session = new RunSession(scenario, Kinds, skipQuietTicks: skip);
        var active = new SortedSet<int>();
        int tick = 0;
        session.RoundObserver = (_, _) => active.Add(tick);
        while (!session.Finished)
        {
            tick = session.NextTick;
            session.RunTick();
        }
        return (session.Result(), session.QuietTicks, active);
    }

    [Theory]
    [MemberData(nameof(ShippedScenarios))]
    public void Skipping_quiet_ticks_changes_no_byte(string file)
    {
        var scenario = ShippedScenario.Load(file);
        int stakers = scenario.Stakers.Count + (scenario.Generate?.Stakers?.Count ?? 0);
        if (stakers > MaxStakers)
        {
            output.WriteLine($"{file}: {stakers:N0} stakers, skipped to keep the suite fast");
            return;
        }
        var (every, noneQuiet, _) = Run(scenario, skip: false);
        var (skipping, quiet, active) = Run(scenario, skip: true);
        Assert.Equal(0, noneQuiet);
        Assert.Equal(every.TimelineCsv, skipping.TimelineCsv);
        Assert.Equal(every.SummaryJson, skipping.SummaryJson);
        Assert.Equal(every.EventLines, skipping.EventLines);
        // A quiet tick calls nobody: the ticks with rounds are exactly the others.
        Assert.Equal(scenario.Ticks.Count - quiet, active.Count);
        output.WriteLine($"{file}: {quiet} of {scenario.Ticks.Count} ticks quiet");
    }

    [Fact]
    public void A_long_quiet_tail_calls_no_entity()
    {
        // mainnet-2025 over a year of hourly ticks: its faults fall in the first week; afterwards only the base chain's
        // correlation penalty is due, so almost every tick is quiet.
        var scenario = ShippedScenario.Load("mainnet-2025.json", text => ShippedScenario.Replace(text, "\"count\": 720", "\"count\": 8760"));
        var (result, quiet, active) = Run(scenario, skip: true);
        Assert.Equal(8760 + 1, result.TimelineCsv.Count(c => c == '\n'));
        Assert.True(quiet >= 8700, $"{quiet} quiet ticks");
        Assert.True(active.Count < 60, $"{active.Count} ticks ran rounds");
        var staticWork = TickSchedule.StaticWorkTicks(ScenarioExpansion.Expand(scenario));
        Assert.Contains(24, staticWork);
        Assert.DoesNotContain(25, staticWork);
    }
}
