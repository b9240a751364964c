using System.Net.Http.Json;
using Microsoft.Playwright;

namespace CraftCX.Tests.Dashboard;

/// <summary>
/// The supervisor dashboard in a real headless Chromium (Debian's, driven by Playwright): sign in with a key,
/// open a workspace, produce events, and see the new score appear. The screenshot is kept with the test results.
/// </summary>
public sealed class DashboardBrowserTests(Security.SecurityFixture host) : IClassFixture<Security.SecurityFixture>
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task The_dashboard_shows_a_conversations_new_score_live()
    {
        Assert.True(File.Exists(Chromium), "Chromium is not installed: run the README's test command (tests/run.sh), which installs Debian's chromium.");
        await host.PrepareAsync();
        await using var dashboard = await SignedInDashboard.OpenAsync(host.BaseAddress, host.Key, "showroom");
        var page = dashboard.Page;
        Assert.DoesNotContain(host.Key, page.Url);

        // The browser itself refuses a workspace the contract would refuse (the pattern compiles in Chromium's v-mode).
        Assert.False(await page.EvaluateAsync<bool>("() => { const f = document.getElementById('workspace'); f.value = 'Bad Team!'; return f.checkValidity(); }"));
        Assert.True(await page.EvaluateAsync<bool>("() => { const f = document.getElementById('workspace'); f.value = 'showroom'; return f.checkValidity(); }"));

        var events = TestWorkload.Build("tenant-a", conversations: 8, seed: 404)
            .Select(e => { e.Workspace = "showroom"; return e; })
            .Where(e => e.Type != "conversation.closed")
            .ToArray();
        await TestEvents.PostAsync(host.Http, events);

        var target = events.Last(e => e.Type == "message.created" && e.Data!.Author!.Role == "agent").Conversation!;
        var score = page.Locator($"#conversations tr[data-conversation='{target}'] td.score");
        await score.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        Assert.InRange(int.Parse(await score.GetAttributeAsync("data-score") ?? "-1", System.Globalization.CultureInfo.InvariantCulture), 0, 100);

        // Two reviewers score the conversation: the calibration panel shows their agreement on its next refresh.
        foreach (var (reviewer, greeting) in new[] { ("alice", 80), ("bob", 60) })
        {
            var review = await host.Http.PostAsJsonAsync($"/v1/tenants/tenant-a/conversations/{target}/reviews", new
            {
                reviewerId = reviewer,
                scores = new[] { new { criterionId = "greeting", score = greeting }, new { criterionId = "resolution", score = 70 } },
            });
            Assert.Equal(System.Net.HttpStatusCode.Created, review.StatusCode);
        }

        await page.WaitForFunctionAsync(
            "() => document.querySelector(\"#calibration tr[data-criterion='greeting'] td.human-pairs\")?.textContent === '1'",
            null,
            new PageWaitForFunctionOptions { Timeout = 30_000 });
        Assert.Equal("20.0", await page.Locator("#calibration tr[data-criterion='greeting'] td.human-mad").TextContentAsync());
        Assert.Equal("2", await page.Locator("#calibration tr[data-criterion='all'] td.human-pairs").TextContentAsync());
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#leaderboard tbody tr').length > 0", null, new PageWaitForFunctionOptions { Timeout = 20_000 });
        await page.WaitForFunctionAsync("() => document.getElementById('kpi-conversations').textContent !== '–'", null, new PageWaitForFunctionOptions { Timeout = 20_000 });
        Assert.True(await page.Locator("#histograms canvas").CountAsync() >= 2);

        var artifacts = Path.Combine(RepositoryRoot.Find() ?? AppContext.BaseDirectory, "TestResults");
        Directory.CreateDirectory(artifacts);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(artifacts, "dashboard.png"), FullPage = true });
        Assert.Empty(dashboard.ConsoleErrors);
    }

    [Fact]
    public async Task The_trend_shows_imported_days_with_the_previous_period_and_the_period_picker_narrows_it()
    {
        Assert.True(File.Exists(Chromium), "Chromium is not installed: run the README's test command (tests/run.sh), which installs Debian's chromium.");
        await host.PrepareAsync();

        // Past conversations imported at noon 50, 20 and 3 days ago: three days with activity, none of them live.
        var noon = new DateTimeOffset(DateTimeOffset.UtcNow.UtcDateTime.Date, TimeSpan.Zero).AddHours(12);
        var imported = new[] { (50, 4), (20, 4), (3, 3) }
            .SelectMany(d => TestWorkload.Renamed(TestWorkload.Build("tenant-a", conversations: d.Item2, seed: 500 + d.Item1, noon.AddDays(-d.Item1)), $"trend{d.Item1}-"))
            .Select(e => { e.Workspace = "trendroom"; return e; })
            .ToArray();
        foreach (var chunk in imported.Chunk(200))
        {
            await TestEvents.PostAsync(host.Http, "/v1/events?import=true", chunk);
        }

        await Eventually.ReturnsAsync(
            () => host.Http.GetFromJsonAsync<System.Text.Json.JsonElement>($"/v1/tenants/tenant-a/import"),
            s => s.GetProperty("pending").GetInt64() == 0,
            TimeSpan.FromSeconds(60),
            "the import counted");

        await using var dashboard = await SignedInDashboard.OpenAsync(host.BaseAddress, host.Key, "trendroom");
        var page = dashboard.Page;

        // 90 days: all three days and eleven conversations, drawn solid with the previous 90 days dotted beside them.
        await page.WaitForSelectorAsync("#trend-chart[data-days='3'][data-conversations='11']", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached, Timeout = 20_000 });
        Assert.Equal(90, await page.EvaluateAsync<int>("() => Chart.getChart('trend-chart').data.labels.length"));
        Assert.Equal(3, await page.EvaluateAsync<int>("() => Chart.getChart('trend-chart').data.datasets[0].data.filter(v => v !== null).length"));
        Assert.True(await page.EvaluateAsync<bool>("() => Chart.getChart('trend-chart').data.datasets[1].borderDash.length === 2"));
        Assert.Equal(0, await page.Locator("#conversations tbody tr").CountAsync());

        // 30 days: the day 50 days ago moves to the previous period.
        await page.SelectOptionAsync("#trend-period", "30");
        await page.WaitForSelectorAsync("#trend-chart[data-days='2'][data-conversations='7'][data-previous-conversations='4']", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached, Timeout = 20_000 });
        Assert.Equal(30, await page.EvaluateAsync<int>("() => Chart.getChart('trend-chart').data.labels.length"));

        // One criterion instead of the overall score.
        await page.SelectOptionAsync("#trend-criterion", "greeting");
        Assert.Contains("conversations, mean", await page.Locator("#trend-summary").TextContentAsync(), StringComparison.Ordinal);

        // Opted in to the peer benchmarks alone: its segment shows, unpublished (one tenant is fewer than five).
        Assert.Equal(0, await page.Locator("#peer-benchmarks li").CountAsync());
        var optIn = await host.Http.PutAsJsonAsync("/v1/tenants/tenant-a/settings/benchmarks", new { optIn = true, industry = "retail" });
        Assert.True(optIn.IsSuccessStatusCode, await optIn.Content.ReadAsStringAsync());
        try
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, (await host.Silo.OperatorAsync(HttpMethod.Post, "benchmarks/publish")).StatusCode);
            await page.SelectOptionAsync("#trend-period", "90");
            await page.WaitForSelectorAsync("#peer-benchmarks li[data-segment]", new PageWaitForSelectorOptions { Timeout = 20_000 });
            Assert.Contains("not published", await page.Locator("#peer-benchmarks li[data-segment]").First.TextContentAsync(), StringComparison.Ordinal);
        }
        finally
        {
            await host.Http.PutAsJsonAsync("/v1/tenants/tenant-a/settings/benchmarks", new { optIn = false });
        }

        Assert.Empty(dashboard.ConsoleErrors);
    }

    /// <summary>Headless Chromium on the dashboard, signed in with a key, live on a workspace; console errors recorded.</summary>
    private sealed class SignedInDashboard(IPlaywright playwright, IBrowser browser, IPage page) : IAsyncDisposable
    {
        public IPage Page { get; } = page;

        public List<string> ConsoleErrors { get; } = [];

        public static async Task<SignedInDashboard> OpenAsync(Uri baseAddress, string key, string workspace)
        {
            var playwright = await Playwright.CreateAsync();
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Chromium,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
            });
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
            var dashboard = new SignedInDashboard(playwright, browser, page);
            page.Console += (_, message) =>
            {
                if (message.Type == "error")
                {
                    dashboard.ConsoleErrors.Add(message.Text + " @ " + message.Location);
                }
            };

            await page.GotoAsync(new Uri(baseAddress, $"/dashboard/?workspace={workspace}").ToString());
            await page.FillAsync("#api-key", key);
            await page.ClickAsync("#login-form button[type=submit]");
            await page.WaitForSelectorAsync("#status.live", new PageWaitForSelectorOptions { Timeout = 20_000 });
            return dashboard;
        }

        public async ValueTask DisposeAsync()
        {
            await browser.DisposeAsync();
            playwright.Dispose();
        }
    }
}
