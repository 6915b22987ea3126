using System.Globalization;

namespace Restaking.Reports;

/// <summary>timeline.csv parsed: its column names and one row of numbers per tick (every column is an integer).</summary>
public sealed class TimelineTable
{
    public TimelineTable(IReadOnlyList<string> columns, IReadOnlyList<long[]> rows)
    {
        Columns = columns;
        Rows = rows;
    }

    public IReadOnlyList<string> Columns { get; }
    public IReadOnlyList<long[]> Rows { get; }

    public int IndexOf(string column)
    {
        for (int i = 0; i < Columns.Count; i++) if (Columns[i] == column) return i;
        return -1;
    }

    public long[] Column(string name)
    {
        int i = IndexOf(name);
        return i < 0 ? [] : Rows.Select(r => r[i]).ToArray();
    }

    public static TimelineTable Parse(string csv)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 0) return new TimelineTable([], []);
        var columns = lines[0].Split(',');
        var rows = lines.Skip(1).Select(ParseRow).ToArray();
        return new TimelineTable(columns, rows);
    }

    public static long[] ParseRow(string line) =>
        line.Split(',').Select(v => long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out long n) ? n : 0).ToArray();

    /// <summary>Token ids that have nav_/price_ columns, in column order.</summary>
    public IReadOnlyList<string> TokenIds() =>
        Columns.Where(c => c.StartsWith("nav_", StringComparison.Ordinal) && c.EndsWith("_wad", StringComparison.Ordinal))
            .Select(c => c[4..^4]).ToArray();
}
