using System.Text;

namespace Restaking.Domain.Engine;

/// <summary>
/// Writes a run's files into its output folder. The deterministic three (timeline.csv, summary.json, events.jsonl)
/// are written to temporary names first and moved into place together, so a failed run leaves nothing half written.
/// Wall-clock facts go only to run-info.json.
/// </summary>
public static class RunOutputs
{
    public const string Timeline = "timeline.csv";
    public const string Summary = "summary.json";
    public const string Events = "events.jsonl";
    public const string RunInfo = "run-info.json";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static void Write(string directory, RunResult result, string runInfoJson) =>
        Write(directory, result.TimelineCsv, result.SummaryJson, result.EventLines, runInfoJson);

    public static void Write(string directory, string timelineCsv, string summaryJson, IReadOnlyList<string> eventLines, string runInfoJson) =>
        WriteTogether(directory,
        [
            (Timeline, w => w.Write(timelineCsv)),
            (Summary, w => w.Write(summaryJson)),
            (Events, w => { foreach (var line in eventLines) { w.Write(line); w.Write('\n'); } }),
            (RunInfo, w => w.Write(runInfoJson)),
        ]);

    /// <summary>Writes each file to "name.partial", then moves them all into place: a failure leaves no file half written.</summary>
    public static void WriteTogether(string directory, IReadOnlyList<(string Name, Action<TextWriter> Write)> files)
    {
        Directory.CreateDirectory(directory);
        var temps = new List<(string Temp, string Final)>();
        try
        {
            foreach (var (name, write) in files)
            {
                string final = Path.Combine(directory, name), temp = final + ".partial";
                using (var writer = new StreamWriter(temp, append: false, Utf8)) write(writer);
                temps.Add((temp, final));
            }
            foreach (var (temp, final) in temps) File.Move(temp, final, overwrite: true);
        }
        finally
        {
            foreach (var (temp, _) in temps) if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
