using Restaking.Domain.Scenarios;
using Restaking.Domain.Units;

namespace Restaking.Domain.Tests.Scenarios;

/// <summary>A market's venues, a lending market's oracle venue, close factor and liquidators, read exactly (scenarios/README.md).</summary>
public class VenueFieldsTests
{
    private static readonly HashSet<string> Kinds = ["bridge", "oracle", "da-layer"];

    private const long Eth = 1_000_000_000;

    private static Scenario Load(string text)
    {
        var result = ScenarioLoader.LoadFromText("venues.json", text, Kinds);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Scenario!;
    }

    private static string Example => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Scenarios", "Valid", "venues-example.json"));

    [Fact]
    public void Venues_are_read_in_order_with_their_chains_and_the_first_is_the_pool_of_the_market()
    {
        var market = Load(Example).Tokens[1].Market!;
        // The second venue names no fee: Uniswap v2's 30 bps, as for a single pool.
        Assert.Equal([new VenueSpec("uniswap-v3", "ethereum", 100 * Eth, 100 * Eth, 5), new VenueSpec("blast", "blast", 300 * Eth, 300 * Eth, 30)],
            market.Venues!);
        Assert.Equal(market.Venues!, market.AllVenues);
        Assert.Equal((100 * Eth, 100 * Eth, 5L), (market.PoolTokensGwei, market.PoolEthGwei, market.FeeBps));
        Assert.Equal(Eth, market.VenueArbitrageEthPerTick);
    }

    [Fact]
    public void A_lending_market_reads_its_oracle_venue_close_factor_and_liquidators()
    {
        var lending = Load(Example).LendingMarkets[0];
        Assert.Equal("blast", lending.OracleVenue);
        Assert.Equal(Wad.One, lending.CloseFactorWad);
        Assert.Equal(new LiquidatorSpec(5 * Eth, Wad.FromDecimal(0.99m)), lending.Liquidators);
    }

    [Fact]
    public void A_single_pool_is_one_venue_on_the_default_chain_and_lending_defaults_are_aaves()
    {
        var scenario = Load(WithoutVenues());
        var market = scenario.Tokens[1].Market!;
        Assert.Null(market.Venues);
        Assert.Equal([new VenueSpec("pool", VenueSpec.DefaultChain, 80 * Eth, 100 * Eth, 7)], market.AllVenues);
        var lending = scenario.LendingMarkets[0];
        Assert.Null(lending.OracleVenue);
        Assert.Null(lending.CloseFactorWad);
        Assert.Null(lending.Liquidators);
    }

    /// <summary>The example with one pool (100 ETH / 80 tokens, 7 bps) and none of the optional lending fields.</summary>
    private static string WithoutVenues()
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(Example)!;
        var market = json["tokens"]![1]!["market"]!.AsObject();
        market.Remove("venues");
        market.Remove("venueArbitrageEthPerTick");
        market["poolEth"] = 100;
        market["poolTokens"] = 80;
        market["feeBps"] = 7;
        var lending = json["lendingMarkets"]![0]!.AsObject();
        lending.Remove("oracleVenue");
        lending.Remove("closeFactor");
        lending.Remove("liquidators");
        return json.ToJsonString();
    }
}
