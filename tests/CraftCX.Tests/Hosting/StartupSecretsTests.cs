using System.Net;
using System.Text.RegularExpressions;
using CraftCX.Security;
using CraftCX.Silo.Demo;
using CraftCX.Silo.Hosting;
using CraftCX.Tenants;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CraftCX.Tests.Hosting;

/// <summary>What the start-up log may show: a configured secret never; a generated one once, in the embedded default only.</summary>
public sealed partial class StartupSecretsTests
{
    [Fact]
    public async Task A_configured_operator_key_signing_key_and_index_key_never_reach_any_log_line()
    {
        var logs = new CapturedLogs();
        await using var silo = await StartWithDemoAsync(logs, "demo-logs", operatorKey: RunningSilo.OperatorKey);
        var key = await DemoKeyAsync(logs);

        using var client = silo.ClientWithKey(key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/tenants/demo-logs/scorecard")).StatusCode);
        Assert.DoesNotContain(logs.Lines, l => l.Contains(RunningSilo.OperatorKey, StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Contains(RunningSilo.TokenSigningKey, StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Contains(RunningSilo.PrivacyIndexKey, StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Contains("Operator key", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_generated_operator_key_is_logged_once_and_works_for_key_management()
    {
        var logs = new CapturedLogs();
        await using var silo = await StartWithDemoAsync(logs, "demo-generated", operatorKey: "");
        await DemoKeyAsync(logs);

        // Logged just after the demo key, in a line of its own.
        await Eventually.ReturnsAsync(() => logs.Lines.Count(l => l.Contains("Operator key for /v1/admin", StringComparison.Ordinal)), n => n > 0, TimeSpan.FromSeconds(10), "the operator key line");
        var line = Assert.Single(logs.Lines, l => l.Contains("Operator key for /v1/admin", StringComparison.Ordinal));
        var operatorKey = OperatorKeyPattern().Match(line).Groups[1].Value;
        Assert.Equal(32, operatorKey.Length);
        Assert.DoesNotContain(logs.Lines, l => l.Contains(RunningSilo.OperatorKey, StringComparison.Ordinal));
        Assert.Single(logs.Lines, l => l.Contains(operatorKey, StringComparison.Ordinal));

        using var list = new HttpRequestMessage(HttpMethod.Get, "/v1/admin/tenants/demo-generated/keys");
        list.Headers.Add("X-Operator-Key", operatorKey);
        Assert.Equal(HttpStatusCode.OK, (await silo.Http.SendAsync(list)).StatusCode);
    }

    [Fact]
    public async Task Replacing_a_named_key_keeps_one_active_and_never_reaches_the_key_limit()
    {
        await using var silo = await RunningSilo.StartAsync(new Dictionary<string, string?>());
        var tenant = silo.Grains.GetGrain<IApiKeysGrain>("t-rotate");
        string? previous = null;
        for (var i = 0; i < 105; i++)
        {
            var created = await tenant.ReplaceAsync(DemoAccessBootstrapper.KeyName, ApiScopes.All);
            previous = created.Key;
        }

        var keys = await tenant.ListAsync();
        Assert.Single(keys, k => k.RevokedAt is null);
        Assert.InRange(keys.Count, 2, 6);
        using var client = silo.ClientWithKey(previous!);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/tenants/t-rotate/scorecard")).StatusCode);

        // Another name is left alone.
        await tenant.CreateAsync("bi", [ApiScopes.Read]);
        await tenant.ReplaceAsync(DemoAccessBootstrapper.KeyName, ApiScopes.All);
        Assert.Single(await tenant.ListAsync(), k => k.Name == "bi" && k.RevokedAt is null);
    }

    [Fact]
    public async Task A_demo_that_cannot_start_leaves_the_silo_running()
    {
        var logs = new CapturedLogs();
        await using var silo = await RunningSilo.StartAsync(
            new Dictionary<string, string?> { ["Demo:Enabled"] = "true", ["Demo:DataFile"] = "/no/such/file.json", ["Logging:LogLevel:Default"] = "Information" },
            configure: b => b.Logging.AddProvider(logs));
        await Eventually.ReturnsAsync(() => logs.Lines.Any(l => l.Contains("Demo: stopped", StringComparison.Ordinal)), stopped => stopped, TimeSpan.FromSeconds(20), "the demo to give up");
        await Task.Delay(500);
        Assert.Equal(HttpStatusCode.OK, (await silo.Http.GetAsync("/health/live")).StatusCode);
        Assert.False(silo.App.Services.GetRequiredService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested);
    }

    internal static Task<RunningSilo> StartWithDemoAsync(CapturedLogs logs, string tenant, string operatorKey, IDictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Auth:DemoTenant"] = tenant,
            ["Auth:OperatorKey"] = operatorKey,
            ["Logging:LogLevel:Default"] = "Information",
        };
        foreach (var (k, v) in more ?? new Dictionary<string, string?>())
        {
            settings[k] = v;
        }

        return RunningSilo.StartAsync(settings, migrate: more?.ContainsKey("Storage:ConnectionString") == true, configure: b => b.Logging.AddProvider(logs));
    }

    internal static async Task<string> DemoKeyAsync(CapturedLogs logs, int skip = 0)
    {
        var line = await Eventually.ReturnsAsync(
            () => logs.Lines.Where(l => l.Contains("Demo access for tenant", StringComparison.Ordinal)).Skip(skip).FirstOrDefault(),
            l => l is not null,
            TimeSpan.FromSeconds(30),
            "the demo key in the log");
        return DemoKeyPattern().Match(line!).Groups[1].Value;
    }

    [GeneratedRegex(@"API key (ccx_\S+)")]
    private static partial Regex DemoKeyPattern();

    [GeneratedRegex(@"Operator key for /v1/admin.* is empty: ([0-9a-f]+)")]
    private static partial Regex OperatorKeyPattern();
}
