using System.Net;

namespace CraftCX.Tests.Security;

/// <summary>A silo whose keys may make only a few requests a second.</summary>
[Trait("Category", "Unit")]
public sealed class TightRateLimitFixture : SiloHostFixture
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Api:RateLimit:PermitsPerSecond"] = "1",
        ["Api:RateLimit:Burst"] = "5",
    };
}

/// <summary>Rate limiting per key: one key exhausting its budget gets 429, another key is unaffected.</summary>
public sealed class RateLimitTests(TightRateLimitFixture host) : IClassFixture<TightRateLimitFixture>
{
    [Fact]
    public async Task A_key_over_its_budget_gets_429_with_retry_after_while_another_key_goes_on()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            statuses.Add((await host.Http.GetAsync("/v1/tenants/t-http/scorecard")).StatusCode);
        }

        Assert.Contains(HttpStatusCode.OK, statuses);
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        var limited = await host.Http.GetAsync("/v1/tenants/t-http/scorecard");
        await ApiSecurityTests.AssertProblemAsync(limited, HttpStatusCode.TooManyRequests);
        Assert.True(limited.Headers.RetryAfter is not null);

        using var other = host.Silo.ClientWithKey(await host.Silo.CreateKeyAsync("t-http"));
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/v1/tenants/t-http/scorecard")).StatusCode);
    }
}
