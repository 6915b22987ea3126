using System.CommandLine;
using System.Net;
using Restaking.Silo;

namespace Restaking.Cli;

/// <summary><c>restaking view DIR [--port N] [--bind ADDRESS]</c>: serves a finished run folder (any engine) in the
/// contagion view's API until Ctrl+C (docs/contagion-view.md).</summary>
public static class ViewCommand
{
    public static Command Create()
    {
        var dir = new Argument<string>("dir") { Description = "a run folder: timeline.csv, summary.json, events.jsonl and scenario.json (restaking run writes them)" };
        var port = new Option<int>("--port") { Description = "port to serve on", DefaultValueFactory = _ => 8080 };
        var bind = new Option<string?>("--bind") { Description = "address to listen on (default 127.0.0.1: nothing open beyond this machine)" };
        var command = new Command("view", "serve a finished run folder in the contagion view, until Ctrl+C") { dir, port, bind };
        command.SetAction(async (parse, cancel) =>
        {
            string directory = parse.GetValue(dir)!;
            int p = parse.GetValue(port);
            if (p is < 0 or > 65535)
            {
                Console.Error.WriteLine($"--port: must be 0 … 65535, got {p} [range]");
                return ExitCodes.BadInput;
            }
            IPAddress? address = null;
            if (parse.GetValue(bind) is { } b && !IPAddress.TryParse(b, out address))
            {
                Console.Error.WriteLine($"--bind: '{b}' is not an IP address [range]");
                return ExitCodes.BadInput;
            }
            var missing = FolderRunCatalog.Required.Where(f => !File.Exists(Path.Combine(directory, f))).ToArray();
            if (missing.Length > 0)
            {
                Console.Error.WriteLine($"{directory}: missing {string.Join(", ", missing)}: not a run folder written by restaking run [missing-output]");
                return ExitCodes.BadInput;
            }
            RunViewHost host;
            try { host = await RunViewHost.StartAsync(directory, p, address, cancel); }
            catch (DashboardPortInUseException e)
            {
                Console.Error.WriteLine($"--port: {e.Message} [port-in-use]");
                return ExitCodes.BadInput;
            }
            catch (Exception e) when (e is System.Text.Json.JsonException or FormatException or IOException)
            {
                Console.Error.WriteLine($"{directory}: cannot read the run: {e.Message} [invalid-outputs]");
                return ExitCodes.BadInput;
            }
            await using (host)
            {
                Console.Error.WriteLine($"view: {host.Url}#/runs/{host.RunId} — press Ctrl+C to stop");
                await RunCommand.WaitForStop(cancel);
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}
