using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace Restaking.Web.Tests;

/// <summary>
/// Headless Debian chromium driven through its own chromedriver (packages chromium and chromium-driver, installed by
/// .ci/run). Nothing is downloaded: both are found on PATH, and Selenium Manager is told to stay offline.
/// </summary>
internal sealed class Browser : IDisposable
{
    private readonly string profile = Directory.CreateTempSubdirectory("restaking-chromium-").FullName;
    public ChromeDriver Driver { get; }

    public Browser()
    {
        Environment.SetEnvironmentVariable("SE_OFFLINE", "true");
        string chromium = OnPath("chromium") ?? OnPath("chromium-browser")
            ?? throw new InvalidOperationException("chromium not found on PATH: sudo apt-get install -y chromium chromium-driver");
        string driver = OnPath("chromedriver")
            ?? throw new InvalidOperationException("chromedriver not found on PATH: sudo apt-get install -y chromium chromium-driver");
        var options = new ChromeOptions { BinaryLocation = chromium };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
            "--disable-default-apps", "--window-size=1600,1400", $"--user-data-dir={profile}",
            // WebGL (sigma.js) on the CPU: headless chromium without a GPU only offers SwiftShader when asked.
            "--enable-unsafe-swiftshader", "--use-angle=swiftshader");
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(driver)!, Path.GetFileName(driver));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        Driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }

    /// <summary>Polls <paramref name="condition"/> until it holds (at most <paramref name="seconds"/>); a wait, not a timed assertion.</summary>
    public T Until<T>(Func<IWebDriver, T> condition, int seconds = 60, string? what = null)
    {
        var wait = new WebDriverWait(Driver, TimeSpan.FromSeconds(seconds)) { Message = what ?? "" };
        wait.IgnoreExceptionTypes(typeof(NoSuchElementException), typeof(StaleElementReferenceException));
        try
        {
            return wait.Until(condition);
        }
        catch (WebDriverTimeoutException e)
        {
            // What the page knew and showed when the wait gave up, and a screenshot of it.
            string shot = Screenshot("timeout-" + DateTime.UtcNow.ToString("HHmmss", System.Globalization.CultureInfo.InvariantCulture));
            var state = Js("return JSON.stringify(window.__restaking) + '\\n' + document.body.innerText.slice(0, 1500);");
            throw new WebDriverTimeoutException($"{e.Message}\npage: {state}\nscreenshot: {shot}", e);
        }
    }

    public object? Js(string script, params object[] args) => Driver.ExecuteScript(script, args);

    /// <summary>Saves a PNG of the page to screenshots/ in the test output folder; returns its path.</summary>
    public string Screenshot(string name)
    {
        string dir = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, name + ".png");
        Driver.GetScreenshot().SaveAsFile(path);
        return path;
    }

    public void Dispose()
    {
        Driver.Quit();
        Driver.Dispose();
        try { Directory.Delete(profile, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static string? OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
}
