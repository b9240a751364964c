using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CraftCX.Silo.Hosting;

namespace CraftCX.Tests.Hosting;

/// <summary>The Orleans Dashboard: off by default, and when on, behind the operator key a browser can be asked for.</summary>
public sealed class OrleansDashboardTests
{
    [Fact]
    public async Task The_dashboard_is_off_by_default_and_when_on_asks_a_browser_for_the_operator_key()
    {
        await using (var plain = await RunningSilo.StartAsync(new Dictionary<string, string?>()))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await plain.Http.GetAsync(CraftCXSiloHost.OrleansDashboardPath + "/")).StatusCode);
        }

        await using var silo = await RunningSilo.StartAsync(new Dictionary<string, string?> { ["Orleans:Dashboard"] = "true" });
        var page = CraftCXSiloHost.OrleansDashboardPath + "/";

        var anonymous = await silo.Http.GetAsync(page);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains(anonymous.Headers.WwwAuthenticate, h => h.Scheme == "Basic" && h.Parameter!.Contains("CraftCX operator", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(silo, page, Basic("operator", "wrong-key-0123456789"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(silo, page, new AuthenticationHeaderValue("Basic", "not base64!"))).StatusCode);

        var signedIn = await GetAsync(silo, page, Basic("anyone", RunningSilo.OperatorKey));
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.Contains("text/html", signedIn.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);

        // Its data routes are behind the same key, as is the header a script would use.
        Assert.Equal(HttpStatusCode.Unauthorized, (await silo.Http.GetAsync(CraftCXSiloHost.OrleansDashboardPath + "/index.min.js")).StatusCode);
        using var withHeader = new HttpRequestMessage(HttpMethod.Get, CraftCXSiloHost.OrleansDashboardPath + "/index.min.js");
        withHeader.Headers.Add("X-Operator-Key", RunningSilo.OperatorKey);
        Assert.Equal(HttpStatusCode.OK, (await silo.Http.SendAsync(withHeader)).StatusCode);
    }

    private static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    private static async Task<HttpResponseMessage> GetAsync(RunningSilo silo, string path, AuthenticationHeaderValue authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = authorization;
        return await silo.Http.SendAsync(request);
    }
}
