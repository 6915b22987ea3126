using System.Text.Json;
using Restaking.Domain.Engine;
using Restaking.Domain.Scenarios;
using Restaking.Domain.Services;

namespace Restaking.Domain.Tests.Markets;

/// <summary>
/// scenarios/ezeth-2024-04-24.json end to end on the reference engine: the exit wave, the pool, the liquidation spiral
/// and arbitrage together. Public figures (docs/public-figures.md, Bankless): low ≈ 0.22 ETH, about an hour. The checks are
/// bands around those, wide enough for the model, narrow enough that a broken pool, queue or liquidation fails them.
/// </summary>
public class EzEthCalibrationTests
{
    private static readonly ServiceKindRegistry Kinds = Restaking.ServiceKinds.BuiltInKinds.Registry();

    private static JsonElement Run(Func<string, string>? edit = null) =>
        ShippedScenario.Summary(ShippedScenario.Run("ezeth-2024-04-24.json", edit));

    [Fact]
    public void The_depeg_reaches_about_0_22_and_recovers_to_the_arbitrage_band_within_hours_while_nav_stays_1()
    {
        var summary = Run();
        var token = summary.GetProperty("tokens")[0];
        decimal low = decimal.Parse(token.GetProperty("minPrice").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(low, 0.15m, 0.30m);
        Assert.Equal("1", token.GetProperty("minNav").GetString());                       // no slashing: only the price moves
        Assert.InRange(token.GetProperty("depegSeconds").GetInt64(), 30 * 60, 4 * 3600);  // public: ~1 h
        decimal final = decimal.Parse(token.GetProperty("finalPrice").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(final, 0.98m, 1m);                                                  // arbitrage buys up to 2 % below NAV
        var lending = summary.GetProperty("lending");
        Assert.True(lending.GetProperty("debtRepaidGwei").GetInt64() > 0);
    }

    [Fact]
    public void Without_the_market_oracle_loops_nobody_is_liquidated_and_the_low_is_higher()
    {
        // The NAV-oracle market never liquidates (NAV stays 1). Turning the market-oracle one into a NAV-oracle one removes
        // every liquidation and its collateral dump, so the low is set by the exit wave and arbitrage alone: higher.
        static decimal Low(JsonElement s) =>
            decimal.Parse(s.GetProperty("tokens")[0].GetProperty("minPrice").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var withSpiral = Run();
        var summary = Run(text => text.Replace("\"oracle\": \"market\"", "\"oracle\": \"nav\"", StringComparison.Ordinal));
        Assert.Equal(0, summary.GetProperty("lending").GetProperty("liquidationEvents").GetInt32());
        Assert.True(Low(summary) > Low(withSpiral) + 0.05m, $"low without liquidations {Low(summary)}, with {Low(withSpiral)}");
    }

    [Theory]
    [InlineData("\"leverage\": 9", "\"leverage\": 11", "$.lendingMarkets[0].loops[0].leverage", ScenarioRule.Range)]
    [InlineData("\"collateral\": \"ezeth\"", "\"collateral\": \"steth\"", "$.lendingMarkets[0].collateral", ScenarioRule.UnknownReference)]
    public void Bad_lending_markets_name_the_path_and_the_rule(string from, string to, string path, string rule)
    {
        string text = File.ReadAllText(RepositoryFiles.Scenario("ezeth-2024-04-24.json"));
        int at = text.IndexOf(from, StringComparison.Ordinal);
        var load = ScenarioLoader.LoadFromText("ezeth.json", text[..at] + to + text[(at + from.Length)..], Kinds.Names);
        Assert.False(load.IsValid);
        Assert.Contains(load.Errors, e => e.Path == path && e.Rule == rule);
    }

    [Fact]
    public void An_exit_wave_on_a_token_without_a_market_is_refused()
    {
        string text = File.ReadAllText(RepositoryFiles.Scenario("quickstart.json"));
        text = text.Replace("\"faults\": [", "\"faults\": [ { \"id\": \"wave\", \"tick\": 1, \"type\": \"exit-wave\", \"token\": \"ezeth\", \"amountEth\": 10 },", StringComparison.Ordinal);
        var load = ScenarioLoader.LoadFromText("quickstart.json", text, Kinds.Names);
        Assert.Contains(load.Errors, e => e.Path == "$.faults[0].token" && e.Rule == ScenarioRule.NeedsMarket);
    }
}
