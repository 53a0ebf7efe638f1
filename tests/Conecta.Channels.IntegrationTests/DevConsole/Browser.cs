using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace Conecta.Channels.IntegrationTests.DevConsole;

/// <summary>
/// Debian's Chromium, headless, through its own chromedriver (scripts/servers.sh installs both; CHROMIUM and CHROMEDRIVER
/// point elsewhere). Started as root needs no sandbox; the network flags keep it from calling home on a closed network.
/// Waits are for what the page shows, with a generous limit: never a fixed sleep.
/// </summary>
internal sealed class Browser : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly DirectoryInfo _profile = Directory.CreateTempSubdirectory("conecta-chromium-");

    public Browser()
    {
        var chromium = Environment.GetEnvironmentVariable("CHROMIUM") ?? "/usr/bin/chromium";
        var chromedriver = Environment.GetEnvironmentVariable("CHROMEDRIVER") ?? "/usr/bin/chromedriver";
        if (!File.Exists(chromium) || !File.Exists(chromedriver))
            throw new FileNotFoundException($"No {chromium} or {chromedriver}: scripts/servers.sh installs chromium and chromium-driver (make test runs it).");
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(chromedriver)!, Path.GetFileName(chromedriver));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        var options = new ChromeOptions { BinaryLocation = chromium };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
            "--user-data-dir=" + _profile.FullName, "--window-size=1440,1500", "--lang=en-US");
        Driver = new ChromeDriver(service, options, Patience);
    }

    public ChromeDriver Driver { get; }

    public void Click(string id) => Driver.FindElement(By.Id(id)).Click();

    public string Text(string id) => Driver.FindElement(By.Id(id)).Text;

    /// <summary>Waits until the element's text is <paramref name="expected"/>; a timeout says what it showed, and the page's error.</summary>
    public void WaitForText(string id, string expected) =>
        Wait($"#{id} to read \"{expected}\"", () => Text(id) == expected, () => Text(id));

    /// <summary>Waits until the element's text matches the regular expression <paramref name="pattern"/>.</summary>
    public void WaitForMatch(string id, string pattern) =>
        Wait($"#{id} to match /{pattern}/", () => System.Text.RegularExpressions.Regex.IsMatch(Text(id), pattern), () => Text(id));

    /// <summary>Waits for an entry of the event list of <paramref name="type"/> whose text contains <paramref name="contains"/>.</summary>
    public void WaitForEvent(string type, string contains) =>
        Wait($"a {type} event with \"{contains}\"", () => Events(type).Any(text => text.Contains(contains, StringComparison.Ordinal)),
            () => string.Join(" | ", Events(type)));

    /// <summary>The event list's entries of one type (their summary line), newest first as the page lists them.</summary>
    public IReadOnlyList<string> Events(string type) =>
        Driver.FindElements(By.CssSelector($"#events li[data-type='{type}'] summary")).Select(e => e.Text).ToList();

    public IReadOnlyList<string> EventTypes() =>
        Driver.FindElements(By.CssSelector("#events li")).Select(e => e.GetDomAttribute("data-type") ?? "").ToList();

    public IReadOnlyList<string> Timeline() => Driver.FindElements(By.CssSelector("#timeline li")).Select(e => e.Text).ToList();

    public void Screenshot(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        Driver.GetScreenshot().SaveAsFile(path);
    }

    private void Wait(string what, Func<bool> done, Func<string> shown)
    {
        try
        {
            new WebDriverWait(Driver, Patience).Until(_ => done());
        }
        catch (WebDriverTimeoutException)
        {
            Screenshot(Path.Combine(Tests.AsyncApi.RepositoryFiles.Root, "artifacts", "console", "timed-out.png"));
            var error = Driver.FindElement(By.Id("error"));
            throw new Xunit.Sdk.XunitException($"Waited {Patience.TotalSeconds:0} s for {what}; the page shows \"{shown()}\"" +
                                               (error.Displayed ? $" and the error \"{error.Text}\"" : ""));
        }
    }

    public void Dispose()
    {
        Driver.Quit();
        Driver.Dispose();
        _profile.Delete(recursive: true);
    }
}
