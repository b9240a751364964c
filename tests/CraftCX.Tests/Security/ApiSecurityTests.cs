using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CraftCX.Events;
using CraftCX.Security;

namespace CraftCX.Tests.Security;

/// <summary>Every REST surface: credentials required, tenant taken from the credential, scopes enforced, keys hashed and revocable.</summary>
public sealed class ApiSecurityTests(SecurityFixture host) : IClassFixture<SecurityFixture>
{
    private static readonly string[] TenantBRoutes =
    [
        "/v1/tenants/tenant-b/conversations/c-b1",
        "/v1/tenants/tenant-b/agents/agent-b",
        "/v1/tenants/tenant-b/workspaces/secret-team",
        "/v1/tenants/tenant-b",
        "/v1/tenants/tenant-b/scorecard",
        "/v1/tenants/tenant-b/conversations/c-b1/reviews",
        "/v1/tenants/tenant-b/workspaces/secret-team/calibration",
    ];

    [Fact]
    public async Task Missing_or_bad_credentials_get_401_problem_details_without_detail_leaks()
    {
        await host.PrepareAsync();
        using var anonymous = new HttpClient { BaseAddress = host.BaseAddress };
        foreach (var route in TenantBRoutes.Append("/v1/tenants/tenant-a/workspaces/w"))
        {
            await AssertProblemAsync(await anonymous.GetAsync(route), HttpStatusCode.Unauthorized);
        }

        await AssertProblemAsync(await anonymous.PostAsync("/v1/events", Json("[]")), HttpStatusCode.Unauthorized);
        await AssertProblemAsync(await anonymous.PostAsync("/v1/auth/token", null), HttpStatusCode.Unauthorized);

        var wrongSecret = host.Key[..^4] + "AAAA";
        foreach (var bad in new[] { wrongSecret, "ccx_tenant-a_nokey_0123456789abcdef", "not-a-key", "ccx_" })
        {
            using var client = host.Silo.ClientWithKey(bad);
            var response = await client.GetAsync("/v1/tenants/tenant-a");
            await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
            Assert.DoesNotContain("tenant-a", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task A_key_of_one_tenant_gets_404_for_everything_of_another_and_cannot_ingest_for_it()
    {
        await host.PrepareAsync();
        using var b = host.Silo.ClientWithKey(host.OtherTenantKey);
        Assert.Equal(HttpStatusCode.OK, (await b.GetAsync("/v1/tenants/tenant-b/conversations/c-b1")).StatusCode);

        foreach (var route in TenantBRoutes)
        {
            var response = await host.Http.GetAsync(route);
            await AssertProblemAsync(response, HttpStatusCode.NotFound);
            Assert.DoesNotContain("private", await response.Content.ReadAsStringAsync());
        }

        var forged = TestEvents.Message("tenant-b", "secret-team", "c-b1", 3, "agent", "intruder", "Injected by tenant A");
        var ingest = await host.Http.PostAsync("/v1/events", Json("[" + Encoding.UTF8.GetString(TestEvents.Json(forged)) + "]"));
        Assert.Equal(HttpStatusCode.Forbidden, ingest.StatusCode);
        var body = await ingest.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(RejectionCodes.ForbiddenTenant, body.GetProperty("errors")[0].GetProperty("code").GetString());
        await Task.Delay(500);
        var conversation = await b.GetFromJsonAsync<JsonElement>("/v1/tenants/tenant-b/conversations/c-b1");
        Assert.Equal(2, conversation.GetProperty("lastSequence").GetInt64());

        var scorecard = await host.Http.PutAsJsonAsync("/v1/tenants/tenant-b/scorecard", new { id = "x", version = 1, criteria = Array.Empty<object>(), sla = new { firstResponseSeconds = 1, responseSeconds = 1 } });
        await AssertProblemAsync(scorecard, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Scopes_limit_what_a_key_may_do()
    {
        await host.PrepareAsync();
        using var readOnly = host.Silo.ClientWithKey(host.ReadOnlyKey);
        using var ingestOnly = host.Silo.ClientWithKey(host.IngestOnlyKey);
        var valid = TestEvents.Message("tenant-a", "team", "c-scope", 1, "customer", "u", "hello");
        await AssertProblemAsync(await readOnly.PostAsync("/v1/events", Json("[" + Encoding.UTF8.GetString(TestEvents.Json(valid)) + "]")), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Accepted, (await ingestOnly.PostAsync("/v1/events", Json("[" + Encoding.UTF8.GetString(TestEvents.Json(valid)) + "]"))).StatusCode);
        await AssertProblemAsync(await ingestOnly.GetAsync("/v1/tenants/tenant-a"), HttpStatusCode.Forbidden);
        await AssertProblemAsync(await readOnly.PutAsJsonAsync("/v1/tenants/tenant-a/scorecard", new { id = "x" }), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await readOnly.GetAsync("/v1/tenants/tenant-a/scorecard")).StatusCode);
    }

    [Fact]
    public async Task Settings_bodies_are_bounded_and_a_scorecard_beyond_the_limits_is_a_clear_400()
    {
        await host.PrepareAsync();
        var huge = new { id = "big", version = 1, criteria = new[] { new { id = "greeting", name = new string('n', 300 * 1024), kind = "greeting", weight = 1 } }, sla = new { firstResponseSeconds = 60, responseSeconds = 120 } };
        var tooLarge = await host.Http.PutAsJsonAsync("/v1/tenants/tenant-a/scorecard", huge);
        await AssertProblemAsync(tooLarge, HttpStatusCode.RequestEntityTooLarge);

        var longName = new { id = "long", version = 1, criteria = new[] { new { id = "greeting", name = new string('n', 201), kind = "greeting", weight = 1 } }, sla = new { firstResponseSeconds = 60, responseSeconds = 120 } };
        var invalid = await host.Http.PutAsJsonAsync("/v1/tenants/tenant-a/scorecard", longName);
        await AssertProblemAsync(invalid, HttpStatusCode.BadRequest);
        Assert.Contains("1..200 characters", await invalid.Content.ReadAsStringAsync());
        Assert.NotEqual("long", (await host.Http.GetFromJsonAsync<JsonElement>("/v1/tenants/tenant-a/scorecard")).GetProperty("id").GetString());
    }

    [Fact]
    public async Task Transcripts_need_their_own_scope_and_read_sees_scores_without_them()
    {
        await host.PrepareAsync();
        using var bi = host.Silo.ClientWithKey(await host.Silo.CreateKeyAsync("tenant-b", ApiScopes.Read));
        using var privacy = host.Silo.ClientWithKey(await host.Silo.CreateKeyAsync("tenant-b", ApiScopes.Transcripts));
        using var both = host.Silo.ClientWithKey(await host.Silo.CreateKeyAsync("tenant-b", ApiScopes.Read, ApiScopes.Transcripts));
        const string route = "/v1/tenants/tenant-b/conversations/c-b1";

        var scores = await bi.GetAsync(route);
        Assert.Equal(HttpStatusCode.OK, scores.StatusCode);
        var body = await scores.Content.ReadAsStringAsync();
        Assert.DoesNotContain("private question", body);
        Assert.DoesNotContain("u-b", body);

        var refused = await bi.GetAsync(route + "?transcript=true");
        await AssertProblemAsync(refused, HttpStatusCode.Forbidden);
        Assert.Contains("transcripts", await refused.Content.ReadAsStringAsync());
        await AssertProblemAsync(await privacy.GetAsync(route + "?transcript=true"), HttpStatusCode.Forbidden);

        var transcript = await both.GetFromJsonAsync<JsonElement>(route + "?transcript=true");
        Assert.Contains(transcript.GetProperty("transcript").EnumerateArray(), m => m.GetProperty("text").GetString() == "Tenant B's private question");
    }

    [Fact]
    public async Task Keys_are_managed_by_the_operator_listed_without_secrets_and_stop_working_when_revoked()
    {
        await host.PrepareAsync();
        using var noOperator = new HttpClient { BaseAddress = host.BaseAddress };
        await AssertProblemAsync(await noOperator.PostAsJsonAsync("/v1/admin/tenants/tenant-a/keys", new { name = "x", scopes = new[] { "read" } }), HttpStatusCode.Unauthorized);
        using (var wrong = new HttpRequestMessage(HttpMethod.Get, "/v1/admin/tenants/tenant-a/keys"))
        {
            wrong.Headers.Add("X-Operator-Key", "guess");
            await AssertProblemAsync(await noOperator.SendAsync(wrong), HttpStatusCode.Unauthorized);
        }

        var key = await host.Silo.CreateKeyAsync("tenant-a", ApiScopes.Read);
        Assert.True(ApiKeyFormat.TryParse(key, out _, out var keyId, out var secret));
        using var list = new HttpRequestMessage(HttpMethod.Get, "/v1/admin/tenants/tenant-a/keys");
        list.Headers.Add("X-Operator-Key", RunningSilo.OperatorKey);
        var listed = await (await noOperator.SendAsync(list)).Content.ReadAsStringAsync();
        Assert.Contains(keyId, listed);
        Assert.DoesNotContain(secret, listed);

        using var client = host.Silo.ClientWithKey(key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/tenants/tenant-a/scorecard")).StatusCode);
        using var revoke = new HttpRequestMessage(HttpMethod.Delete, $"/v1/admin/tenants/tenant-a/keys/{keyId}");
        revoke.Headers.Add("X-Operator-Key", RunningSilo.OperatorKey);
        Assert.Equal(HttpStatusCode.NoContent, (await noOperator.SendAsync(revoke)).StatusCode);
        await Eventually.ReturnsAsync(async () => (await client.GetAsync("/v1/tenants/tenant-a/scorecard")).StatusCode, s => s == HttpStatusCode.Unauthorized, TimeSpan.FromSeconds(10), "the revoked key to be refused");
    }

    [Fact]
    public async Task An_access_token_carries_the_keys_tenant_and_scopes_and_a_forged_one_is_refused()
    {
        await host.PrepareAsync();
        var token = await (await host.Http.PostAsync("/v1/auth/token", null)).Content.ReadFromJsonAsync<JsonElement>();
        var accessToken = token.GetProperty("accessToken").GetString()!;
        Assert.Equal("tenant-a", token.GetProperty("tenant").GetString());
        Assert.DoesNotContain("ccx_", accessToken);

        using var bearer = new HttpClient { BaseAddress = host.BaseAddress };
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync("/v1/tenants/tenant-a/scorecard")).StatusCode);
        await AssertProblemAsync(await bearer.GetAsync("/v1/tenants/tenant-b/scorecard"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await bearer.PostAsync("/v1/auth/token", null), HttpStatusCode.BadRequest);

        var parts = accessToken.Split('.');
        var payload = Encoding.UTF8.GetString(Convert.FromBase64String(PadBase64(parts[1]))).Replace("tenant-a", "tenant-b");
        var forged = parts[0] + "." + Convert.ToBase64String(Encoding.UTF8.GetBytes(payload)).TrimEnd('=').Replace('+', '-').Replace('/', '_') + "." + parts[2];
        using var forger = new HttpClient { BaseAddress = host.BaseAddress };
        forger.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", forged);
        await AssertProblemAsync(await forger.GetAsync("/v1/tenants/tenant-b/scorecard"), HttpStatusCode.Unauthorized);

        // A token in the URL is only for the hub's WebSocket; an API key in a URL is never accepted.
        using var anonymous = new HttpClient { BaseAddress = host.BaseAddress };
        await AssertProblemAsync(await anonymous.GetAsync($"/v1/tenants/tenant-a/scorecard?access_token={accessToken}"), HttpStatusCode.Unauthorized);
    }

    internal static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static string PadBase64(string value)
    {
        var s = value.Replace('-', '+').Replace('_', '/');
        return s + new string('=', (4 - s.Length % 4) % 4);
    }
}
