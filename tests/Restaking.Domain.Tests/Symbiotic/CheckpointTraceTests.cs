using Restaking.Domain.Symbiotic;

namespace Restaking.Domain.Tests.Symbiotic;

/// <summary>Checkpoints.Trace256 semantics: push overwrites at the same key, refuses an earlier one; upperLookupRecent.</summary>
public class CheckpointTraceTests
{
    [Fact]
    public void Lookup_returns_the_last_value_at_or_before_the_key()
    {
        var trace = new CheckpointTrace<long>();
        Assert.Equal(0, trace.UpperLookupRecent(5)); // empty → 0
        trace.Push(10, 100);
        trace.Push(20, 200);
        trace.Push(20, 250); // same key: overwritten, not appended
        Assert.Equal(2, trace.Length);
        Assert.Equal(0, trace.UpperLookupRecent(9));
        Assert.Equal(100, trace.UpperLookupRecent(10));
        Assert.Equal(100, trace.UpperLookupRecent(19));
        Assert.Equal(250, trace.UpperLookupRecent(20));
        Assert.Equal(250, trace.Latest);
        Reverts.With("CheckpointUnorderedInsertion", () => trace.Push(15, 1));
        trace.Pop();
        Assert.Equal(100, trace.Latest);
    }
}
