namespace Restaking.Domain.Units;

/// <summary>
/// A counter-based generator: every draw is a pure function of (seed, purpose, a, b), so results never depend on the
/// order in which entities, grains or threads ask (see docs/architecture.md, "Determinism"). The mixer is SplitMix64
/// (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014).
/// </summary>
public readonly struct DeterministicRandom(ulong seed)
{
    public ulong Seed { get; } = seed;

    public static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A 64-bit draw for (purpose, a, b).</summary>
    public ulong Next(ulong purpose, ulong a, ulong b = 0) => Mix(Mix(Mix(Seed ^ Mix(purpose)) ^ a) ^ Mix(b + 0x632BE59BD9B4E019UL));

    /// <summary>A uniform double in [0, 1) with 53 random bits: the same value as <see cref="NextFraction"/>. For tests
    /// and search heuristics only; nothing that decides an output computes with it (docs/deterministic-maths.md).</summary>
    public double NextUnit(ulong purpose, ulong a, ulong b = 0) => (Next(purpose, a, b) >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform fraction in [0, 1) as Q0.64 (value·2⁶⁴) with 53 random bits: exactly the fraction
    /// <see cref="NextUnit"/> returns, for integer and fixed-point shaping (<see cref="FixedPoint"/>).</summary>
    public ulong NextFraction(ulong purpose, ulong a, ulong b = 0) => Next(purpose, a, b) >> 11 << 11;

    /// <summary>A uniform integer in [0, n).</summary>
    public long NextBelow(long n, ulong purpose, ulong a, ulong b = 0)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n));
        return (long)(((UInt128)Next(purpose, a, b) * (ulong)n) >> 64);
    }

    /// <summary>Stable 64-bit hash of a purpose name (FNV-1a), so purposes can be named in code.</summary>
    public static ulong Purpose(string name)
    {
        ulong h = 14695981039346656037UL;
        foreach (var ch in name) { h ^= ch; h *= 1099511628211UL; }
        return h;
    }
}
