#:package Selenium.WebDriver
// Measures the contagion view's cost (docs/contagion-view.md, "Cost (measured, not asserted)"). A .NET file-based app,
// not part of the solution or the tests; Debian's chromium and chromedriver from PATH, as tests/Restaking.Web.Tests.
//   engine  RESTAKING_DLL SCENARIO N PORT : run SCENARIO on the orleans engine N times without and N times with a headless
//           chromium on the run's page (alternating, same session); prints wallSeconds (run-info.json) and the medians.
//   view    RESTAKING_DLL RUN_DIR PORT    : `restaking view RUN_DIR`, opens the page, reports time to the whole run drawn,
//           graph build time, per-frame render work, and slider moves across the run.
using System.Diagnostics;
using System.Globalization;
using System.Net.Http;
using System.Text.Json;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

var mode = args[0];
string dll = args[1];
var http = new HttpClient();

ChromeDriver Browser()
{
    Environment.SetEnvironmentVariable("SE_OFFLINE", "true");
    string OnPath(string name) => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, name))
        .FirstOrDefault(File.Exists) ?? throw new InvalidOperationException(name + " not on PATH: apt-get install -y chromium chromium-driver");
    var o = new ChromeOptions { BinaryLocation = OnPath("chromium") };
    o.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1600,1400",
        "--user-data-dir=" + Directory.CreateTempSubdirectory("vb-").FullName, "--enable-unsafe-swiftshader", "--use-angle=swiftshader");
    string driverPath = OnPath("chromedriver");
    var s = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(driverPath)!, "chromedriver");
    s.SuppressInitialDiagnosticInformation = true;
    return new ChromeDriver(s, o, TimeSpan.FromSeconds(120));
}

Process Start(params string[] a)
{
    var si = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
    si.ArgumentList.Add(dll);
    foreach (var x in a) si.ArgumentList.Add(x);
    var p = Process.Start(si)!;
    p.OutputDataReceived += (_, _) => { };
    p.ErrorDataReceived += (_, e) => { if (e.Data is not null && Environment.GetEnvironmentVariable("VB_VERBOSE") == "1") Console.Error.WriteLine(e.Data); };
    p.BeginOutputReadLine();
    p.BeginErrorReadLine();
    return p;
}

double Median(List<double> v) { v.Sort(); return v.Count % 2 == 1 ? v[v.Count / 2] : (v[v.Count / 2 - 1] + v[v.Count / 2]) / 2; }

if (mode == "engine")
{
    string scenario = args[2];
    int n = int.Parse(args[3]);
    int port = int.Parse(args[4]);
    var without = new List<double>();
    var with = new List<double>();
    for (int i = 0; i < n; i++)
    {
        foreach (bool browser in new[] { false, true })
        {
            string outDir = Path.Combine(Path.GetTempPath(), $"vb-run-{i}-{browser}");
            if (Directory.Exists(outDir)) Directory.Delete(outDir, true);
            using var p = Start("run", scenario, "--engine", "orleans", "--port", port.ToString(CultureInfo.InvariantCulture), "--quiet", "--out", outDir);
            ChromeDriver? driver = null;
            int ticksSeen = 0;
            if (browser)
            {
                driver = Browser();
                string? id = null;
                while (id is null && !p.HasExited)
                {
                    try
                    {
                        var runs = JsonDocument.Parse(await http.GetStringAsync($"http://127.0.0.1:{port}/api/runs")).RootElement;
                        if (runs.GetArrayLength() > 0) id = runs[0].GetProperty("id").GetString();
                    }
                    catch (HttpRequestException) { }
                    if (id is null) await Task.Delay(20);
                }
                if (id is not null) driver.Navigate().GoToUrl($"http://127.0.0.1:{port}/#/runs/{Uri.EscapeDataString(id)}");
            }
            await p.WaitForExitAsync();
            if (driver is not null)
            {
                ticksSeen = Convert.ToInt32(driver.ExecuteScript("return window.__restaking ? window.__restaking.ticksDone : -1"));
                driver.Quit();
            }
            var info = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "run-info.json"))).RootElement;
            double wall = info.GetProperty("wallSeconds").GetDouble();
            (browser ? with : without).Add(wall);
            Console.WriteLine($"run {i + 1} {(browser ? "with browser   " : "without browser")}: wallSeconds {wall:F3}" + (browser ? $" (page had {ticksSeen} ticks when the run ended)" : ""));
        }
    }
    double a = Median(without), b = Median(with);
    Console.WriteLine($"median without {a:F3} s, with {b:F3} s: {(b / a - 1) * 100:+0.0;-0.0} %");
}
else if (mode == "view")
{
    string runDir = args[2];
    int port = int.Parse(args[3]);
    // A fifth argument: the page is served already (by anything speaking the API on PORT); otherwise `restaking view`.
    using var p = args.Length > 4 ? Process.GetCurrentProcess() : Start("view", runDir, "--port", port.ToString(CultureInfo.InvariantCulture));
    string id = "";
    while (id == "")
    {
        if (args.Length <= 4 && p.HasExited) throw new InvalidOperationException("restaking view exited with " + p.ExitCode);
        try
        {
            var runs = JsonDocument.Parse(await http.GetStringAsync($"http://127.0.0.1:{port}/api/runs")).RootElement;
            id = runs[0].GetProperty("id").GetString()!;
        }
        catch (HttpRequestException) { await Task.Delay(50); }
    }
    var driver = Browser();
    var sw = Stopwatch.StartNew();
    driver.Navigate().GoToUrl($"http://127.0.0.1:{port}/#/runs/{Uri.EscapeDataString(id)}");
    new WebDriverWait(driver, TimeSpan.FromMinutes(5)).Until(d => true.Equals(((IJavaScriptExecutor)d).ExecuteScript("return !!(window.__restaking && window.__restaking.ended && window.__restaking.tick === window.__restaking.ticksDone - 1)")));
    double loaded = sw.Elapsed.TotalSeconds;
    string Facts() => (string?)driver.ExecuteScript("const h = window.__restaking; return JSON.stringify({ nodes: h.nodeCount, edges: h.edgeCount, ticks: h.ticksDone, events: h.events, marked: h.marked.length, graphBuildMs: Math.round(h.graphBuildMs), renders: h.renders.count, renderMaxMs: Math.round(h.renders.maxMs), renderMeanMs: Math.round(h.renders.totalMs / h.renders.count) })") ?? "";
    Console.WriteLine($"page open to whole run drawn: {loaded:F2} s; {Facts()}");
    int last = Convert.ToInt32(driver.ExecuteScript("return window.__restaking.ticksDone - 1"));
    var moves = new List<double>();
    for (int k = 0; k <= 20; k++)
    {
        int t = last * k / 20;
        var ms = Convert.ToDouble(driver.ExecuteAsyncScript(@"
            const done = arguments[arguments.length - 1], h = window.__restaking, before = h.renders.count, t0 = performance.now();
            h.setTick(arguments[0]);
            const wait = () => h.renders.count > before ? requestAnimationFrame(() => done(performance.now() - t0)) : requestAnimationFrame(wait);
            wait();", t));
        moves.Add(ms);
    }
    Console.WriteLine($"slider moves across the run (21 positions): median {Median(moves):F0} ms, max {moves.Max():F0} ms to the next painted frame");
    var work = new List<double>();
    for (int k = 0; k <= 20; k++)
    {
        int t = last * k / 20;
        driver.ExecuteAsyncScript(@"
            const done = arguments[arguments.length - 1], h = window.__restaking, before = h.renders.count;
            h.setTick(arguments[0]);
            const wait = () => h.renders.count > before ? done(0) : requestAnimationFrame(wait);
            wait();", t);
        work.Add(Convert.ToDouble(driver.ExecuteScript("return window.__restaking.renders.lastMs")));
    }
    Console.WriteLine($"page work per slider move (render(): state, graph refresh, charts, table): median {Median(work):F0} ms, max {work.Max():F0} ms");
    if (Environment.GetEnvironmentVariable("VB_HIDE") is { } hide)
    {
        driver.ExecuteScript($"document.querySelector('{hide}').style.display = 'none'");
        var hidden = new List<double>();
        for (int k = 0; k <= 10; k++)
        {
            int t = last * k / 10;
            hidden.Add(Convert.ToDouble(driver.ExecuteAsyncScript(@"
                const done = arguments[arguments.length - 1], h = window.__restaking, before = h.renders.count, t0 = performance.now();
                h.setTick(arguments[0]);
                const wait = () => h.renders.count > before ? requestAnimationFrame(() => done(performance.now() - t0)) : requestAnimationFrame(wait);
                wait();", t)));
        }
        Console.WriteLine($"with {hide} hidden: median {Median(hidden):F0} ms to the next painted frame");
    }
    driver.Quit();
    if (args.Length <= 4) p.Kill(true);
}
