using System.Net;
using CraftCX.Security;
using CraftCX.Silo.Demo;
using CraftCX.Silo.Hosting;
using CraftCX.Tenants;

namespace CraftCX.Tests.Hosting;

/// <summary>On PostgreSQL the demo tenant's keys outlive the process: every start replaces the last start's key.</summary>
[Collection(PostgresCollection.Name)]
public sealed class DemoKeyRestartTests(PostgresServer postgres)
{
    [Fact]
    public async Task Each_start_replaces_the_previous_demo_key_so_the_tenant_keeps_one_active()
    {
        var more = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Postgres",
            ["Storage:ConnectionString"] = await postgres.CreateDatabaseAsync("demokeys"),
            ["Orleans:ClusterId"] = "demokeys",
        };
        var keys = new List<string>();
        for (var start = 0; start < 3; start++)
        {
            var logs = new CapturedLogs();
            await using var silo = await StartupSecretsTests.StartWithDemoAsync(logs, "demo", RunningSilo.OperatorKey, more);
            keys.Add(await StartupSecretsTests.DemoKeyAsync(logs));

            using var current = silo.ClientWithKey(keys[^1]);
            Assert.Equal(HttpStatusCode.OK, (await current.GetAsync("/v1/tenants/demo/scorecard")).StatusCode);
            foreach (var old in keys.SkipLast(1))
            {
                using var stale = silo.ClientWithKey(old);
                Assert.Equal(HttpStatusCode.Unauthorized, (await stale.GetAsync("/v1/tenants/demo/scorecard")).StatusCode);
            }

            var listed = await silo.Grains.GetGrain<IApiKeysGrain>("demo").ListAsync();
            Assert.Single(listed, k => k.RevokedAt is null);
            Assert.All(listed, k => Assert.Equal(DemoAccessBootstrapper.KeyName, k.Name));
            Assert.Equal(start + 1, listed.Count);
        }
    }
}
