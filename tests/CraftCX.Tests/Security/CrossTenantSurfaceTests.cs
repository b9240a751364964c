using CraftCX.Connectors.Imports;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CraftCX.Security;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CraftCX.Tests.Security;

/// <summary>
/// Every operation of the OpenAPI document, and the live hub, called with another tenant's key, with no
/// credential, with a revoked key, with forged tokens and with a key missing the operation's scope. The routes come
/// from the document, so a route added later without a guard, or without an entry here, fails this test.
/// </summary>
public sealed class CrossTenantSurfaceTests(CrossTenantSurfaceTests.OwnerFixture host) : IClassFixture<CrossTenantSurfaceTests.OwnerFixture>
{
    private const string Owner = "owner";
    private const string OwnerImportId = "0123456789abcdef01234567";
    private const string Intruder = "intruder";

    /// <summary>Tenant "owner" has a closed conversation with a review; tenant "intruder" has its own data.</summary>
    public sealed class OwnerFixture : SiloHostFixture
    {
        public override string Tenant => Owner;

        // Dozens of deliberately bad keys in a few seconds: the failed-key throttle must not answer 429 for them here.
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Auth:KeyCacheTtl"] = "00:00:01",
            ["Api:RateLimit:FailedKeyBurst"] = "1000",
        };

        public string IntruderKey { get; private set; } = string.Empty;

        public string RevokedKey { get; private set; } = string.Empty;

        public string OwnerKeyId { get; private set; } = string.Empty;

        public string OwnerConnectorId { get; private set; } = string.Empty;

        public async Task PrepareAsync()
        {
            if (IntruderKey.Length > 0)
            {
                return;
            }

            IntruderKey = await Silo.CreateKeyAsync(Intruder);
            await Assessments.AiConversations.PostConversationAsync(Http, Owner, "c-1", close: true);
            using var intruder = Silo.ClientWithKey(IntruderKey);
            await Assessments.AiConversations.PostConversationAsync(intruder, Intruder, "c-1", close: true);
            await Assessments.AiConversations.WaitForAsync(Http, Owner, "c-1", s => s.GetProperty("status").GetString() == "closed");
            await Assessments.AiConversations.WaitForAsync(intruder, Intruder, "c-1", s => s.GetProperty("status").GetString() == "closed");
            var review = await Http.PostAsJsonAsync($"/v1/tenants/{Owner}/conversations/c-1/reviews", new { reviewerId = "lead", scores = new[] { new { criterionId = "greeting", score = 80 } } });
            Assert.Equal(HttpStatusCode.Created, review.StatusCode);
            await Eventually.ReturnsAsync(async () => (await Http.GetAsync($"/v1/tenants/{Owner}/workspaces/floor")).StatusCode, s => s == HttpStatusCode.OK, TimeSpan.FromSeconds(30), "the owner's workspace");

            RevokedKey = await Silo.CreateKeyAsync(Owner);
            Assert.True(ApiKeyFormat.TryParse(RevokedKey, out _, out var revokedId, out _));
            using var revoke = new HttpRequestMessage(HttpMethod.Delete, $"/v1/admin/tenants/{Owner}/keys/{revokedId}");
            revoke.Headers.Add("X-Operator-Key", RunningSilo.OperatorKey);
            Assert.Equal(HttpStatusCode.NoContent, (await Silo.Http.SendAsync(revoke)).StatusCode);
            Assert.True(ApiKeyFormat.TryParse(Key, out _, out var ownerKeyId, out _));
            OwnerKeyId = ownerKeyId;
            var connector = await Http.PostAsJsonAsync($"/v1/tenants/{Owner}/connectors", new { type = "standard-webhooks", name = "owner's hook", mapping = new { defaultWorkspace = "floor" } });
            Assert.Equal(HttpStatusCode.Created, connector.StatusCode);
            OwnerConnectorId = (await connector.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("connector").GetProperty("id").GetString()!;
            await Silo.Grains.GetGrain<IConnectorImportGrain>(ConnectorImportKeys.Of(Owner, OwnerImportId))
                .CreateAsync(new ConnectorImportSpec(OwnerConnectorId, ConnectorImportSource.File, "owner.json"));
        }
    }

    /// <summary>The values path parameters take: ids of the owner's data, so that only the guard stands in the way.</summary>
    private Dictionary<string, string> PathValues() => new()
    {
        ["tenant"] = Owner,
        ["conversation"] = "c-1",
        ["agent"] = "ana",
        ["workspace"] = "floor",
        ["review"] = "r1",
        ["keyId"] = host.OwnerKeyId,
        ["id"] = host.OwnerConnectorId,
        ["importId"] = OwnerImportId,
    };

    /// <summary>A plausible body for every operation that takes one; an operation missing here fails the test.</summary>
    private static readonly Dictionary<string, Func<object>> Bodies = new()
    {
        ["POST /v1/events"] = () => new[] { TestEvents.Message(Owner, "floor", "c-1", 99, "agent", "intruder", "Written by another tenant") },
        ["PUT /v1/tenants/{tenant}/scorecard"] = () => new { id = "taken", version = 1, criteria = new[] { new { id = "greeting", name = "INTRUDER", kind = "greeting", weight = 1 } }, sla = new { firstResponseSeconds = 60, responseSeconds = 120 } },
        ["PUT /v1/tenants/{tenant}/settings/ai"] = () => new { excludeFromTraining = false, tokensPerMinute = 1, tokensPerDay = 1 },
        ["PUT /v1/tenants/{tenant}/settings/benchmarks"] = () => new { optIn = true, industry = "retail" },
        ["PUT /v1/tenants/{tenant}/settings/retention"] = () => new { transcriptDays = 0, derivedDays = 0, technicalDays = 1 },
        ["PUT /v1/tenants/{tenant}/conversations/{conversation}/hold"] = () => new { reason = "INTRUDER" },
        ["PUT /v1/tenants/{tenant}/hold"] = () => new { reason = "INTRUDER" },
        ["POST /v1/tenants/{tenant}/conversations/{conversation}/reviews"] = () => new { reviewerId = "intruder", scores = new[] { new { criterionId = "greeting", score = 1 } } },
        ["POST /v1/tenants/{tenant}/conversations/{conversation}/reviews/{review}/dispute"] = () => new { reason = "not mine" },
        ["POST /v1/tenants/{tenant}/conversations/{conversation}/reviews/{review}/dispute/decision"] = () => new { decidedBy = "intruder", outcome = "accepted" },
        ["POST /v1/admin/tenants/{tenant}/keys"] = () => new { name = "intruder", scopes = new[] { "admin" } },
        ["POST /v1/tenants/{tenant}/connectors"] = () => new { type = "standard-webhooks", name = "INTRUDER", mapping = new { defaultWorkspace = "floor" } },
        ["PATCH /v1/tenants/{tenant}/connectors/{id}"] = () => new { name = "INTRUDER", enabled = false },
        ["POST /v1/tenants/{tenant}/connectors/{id}/imports"] = () => new { file = "intruder.json" },
        ["POST /v1/tenants/{tenant}/connectors/{id}/secret"] = () => new { secret = "whsec_SU5UUlVERVJJTlRSVURFUklOVFJVREVS" },

        ["POST /v1/admin/tenants/{tenant}/suspend"] = () => new { reason = "INTRUDER" },
        ["POST /v1/admin/tenants/{tenant}/terminate"] = () => new { reason = "INTRUDER" },

        // Raw bytes in truth (a sealed value); any body does, as the operator key is checked first.
        ["POST /v1/admin/tenants/{tenant}/dead-letters/open"] = () => new { value = "sealed" },

        // The owner's customer: a request that got through would find, export, erase or restrict them.
        ["POST /v1/tenants/{tenant}/privacy/end-users/search"] = () => new { email = "cminh730@email.com" },
        ["POST /v1/tenants/{tenant}/privacy/end-users/export"] = () => new { email = "cminh730@email.com" },
        ["POST /v1/tenants/{tenant}/privacy/end-users/delete"] = () => new { email = "cminh730@email.com" },
        ["POST /v1/tenants/{tenant}/privacy/end-users/restriction"] = () => new { email = "cminh730@email.com", reason = "INTRUDER" },
        ["POST /v1/tenants/{tenant}/privacy/end-users/restriction/lift"] = () => new { email = "cminh730@email.com" },
        ["POST /v1/tenants/{tenant}/privacy/end-users/verify"] = () => new { email = "cminh730@email.com", name = "Crystal Minh" },
        ["POST /v1/tenants/{tenant}/privacy/end-users/hold"] = () => new { email = "cminh730@email.com", reason = "INTRUDER" },
        ["POST /v1/tenants/{tenant}/privacy/end-users/hold/lift"] = () => new { email = "cminh730@email.com" },
    };

    /// <summary>Operations whose tenant comes only from the credential (no {tenant} in the route).</summary>
    private static readonly HashSet<string> CredentialTenantOperations = ["POST /v1/events", "GET /v1/stream/scores", "POST /v1/auth/token"];

    // Operator routes over every tenant at once: no tenant key of any kind may call them.
    /// <summary>
    /// Authenticated by the connector's signature, not a credential: its refusals (wrong secret, stale, changed,
    /// unsigned, another tenant's URL) are proven in the connector tests.
    /// </summary>
    private static readonly HashSet<string> SignedWebhookOperations = ["POST /v1/hooks/{tenant}/{connector}"];

    private static readonly HashSet<string> ClusterOperatorOperations = ["POST /v1/admin/encryption/rewrap", "POST /v1/admin/benchmarks/publish"];

    [Fact]
    public async Task Every_operation_refuses_other_tenants_missing_revoked_and_forged_credentials_and_missing_scopes()
    {
        await host.PrepareAsync();
        var before = await CaptureOwnerAsync();
        var operations = await OperationsAsync();
        Assert.True(operations.Count >= 20, $"only {operations.Count} operations in the document");

        var intruderToken = await TokenAsync(host.IntruderKey);
        var credentials = new (string Name, AuthenticationHeaderValue? Header, HttpStatusCode Expected)[]
        {
            ("no credential", null, HttpStatusCode.Unauthorized),
            ("the owner's revoked key", Bearer(host.RevokedKey), HttpStatusCode.Unauthorized),
            ("the intruder's token rewritten to the owner", Bearer(Rewrite(intruderToken, Intruder, Owner)), HttpStatusCode.Unauthorized),
            ("a token signed with another key", Bearer(SignedElsewhere()), HttpStatusCode.Unauthorized),
            ("a key of the right shape with a wrong secret", Bearer(host.Key[..^6] + "AAAAAA"), HttpStatusCode.Unauthorized),
        };

        var failures = new List<string>();
        var lackingKeys = new Dictionary<string, string>();
        foreach (var operation in operations)
        {
            var id = $"{operation.Method} {operation.Template}";
            var isAdmin = operation.Template.StartsWith("/v1/admin/", StringComparison.Ordinal);
            if (SignedWebhookOperations.Contains(id))
            {
                continue;
            }

            if (!operation.Template.Contains("{tenant}", StringComparison.Ordinal) && !CredentialTenantOperations.Contains(id) && !ClusterOperatorOperations.Contains(id))
            {
                failures.Add($"{id}: not classified; give it a guard and a case in this test");
                continue;
            }

            if (!isAdmin && operation.Scope is null && id != "POST /v1/auth/token")
            {
                failures.Add($"{id}: declares no scope (x-craftcx-scope); every tenant route needs one");
            }

            if (operation.HasBody && !Bodies.ContainsKey(id))
            {
                failures.Add($"{id}: takes a body but has none in this test");
                continue;
            }

            foreach (var (name, header, expected) in credentials)
            {
                await ExpectAsync(failures, operation, header, expected, name);
            }

            // The intruder's own, valid, all-scopes key.
            var intruderExpected = isAdmin ? HttpStatusCode.Unauthorized
                : id == "POST /v1/events" ? HttpStatusCode.Forbidden
                : CredentialTenantOperations.Contains(id) ? HttpStatusCode.OK
                : HttpStatusCode.NotFound;
            var response = await ExpectAsync(failures, operation, Bearer(host.IntruderKey), intruderExpected, "the intruder's key");
            if (response is not null && intruderExpected == HttpStatusCode.OK)
            {
                var text = await response.Content.ReadAsStringAsync();
                if (text.Contains("\"tenant\":\"owner\"", StringComparison.Ordinal) || text.Contains("tenant_owner", StringComparison.Ordinal))
                {
                    failures.Add($"{id}: the intruder's answer carries the owner's data");
                }
            }

            if (operation.Scope is { } scope)
            {
                if (!lackingKeys.TryGetValue(scope, out var lacking))
                {
                    lackingKeys[scope] = lacking = await host.Silo.CreateKeyAsync(Owner, [.. ApiScopes.All.Where(s => s != scope)]);
                }

                await ExpectAsync(failures, operation, Bearer(lacking), HttpStatusCode.Forbidden, $"an owner key without '{scope}'");
            }

            // Control: the owner's own key passes the guard, so the refusals above are the guard's, not a bad route.
            if (operation.Method == "GET" && !isAdmin)
            {
                await ExpectAsync(failures, operation, Bearer(host.Key), HttpStatusCode.OK, "the owner's key");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));

        // Nothing that was refused changed the owner's data.
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(before, await CaptureOwnerAsync());
    }

    [Fact]
    public async Task The_live_hub_refuses_missing_revoked_and_forged_credentials_and_keys_without_supervise()
    {
        await host.PrepareAsync();
        var intruderToken = await TokenAsync(host.IntruderKey);
        foreach (var credential in new[] { host.RevokedKey, Rewrite(intruderToken, Intruder, Owner), SignedElsewhere(), "" })
        {
            var refused = await Assert.ThrowsAsync<HttpRequestException>(() => LiveClient.ConnectAsync(host.BaseAddress, credential));
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        var readOnly = await host.Silo.CreateKeyAsync(Owner, ApiScopes.Read);
        var forbidden = await Assert.ThrowsAsync<HttpRequestException>(() => LiveClient.ConnectAsync(host.BaseAddress, readOnly));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);

        // The intruder's valid key joins "floor" of its own tenant: the owner's workspace of that name stays out of reach.
        await using var live = await LiveClient.ConnectAsync(host.BaseAddress, host.IntruderKey);
        var snapshot = await live.JoinAsync("floor");
        Assert.DoesNotContain("owner", snapshot.GetRawText(), StringComparison.Ordinal);
        Assert.All(snapshot.GetProperty("conversations").EnumerateArray(), c => Assert.Equal(Intruder, c.GetProperty("tenant").GetString()));
    }

    private async Task<HttpResponseMessage?> ExpectAsync(List<string> failures, Operation operation, AuthenticationHeaderValue? credential, HttpStatusCode expected, string who)
    {
        var id = $"{operation.Method} {operation.Template}";
        using var request = new HttpRequestMessage(new HttpMethod(operation.Method), Fill(operation.Template) + (id == "GET /v1/stream/scores" ? "?follow=false" : string.Empty));
        request.Headers.Authorization = credential;
        if (Bodies.TryGetValue(id, out var body))
        {
            request.Content = JsonContent.Create(body());
        }

        using var client = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var response = await client.SendAsync(request);
        if (response.StatusCode != expected)
        {
            failures.Add($"{id} with {who}: {(int)response.StatusCode}, expected {(int)expected}: {await response.Content.ReadAsStringAsync()}");
            return null;
        }

        if ((int)expected >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json" && id != "POST /v1/events")
        {
            failures.Add($"{id} with {who}: {(int)expected} without a problem body");
        }

        return response;
    }

    private string Fill(string template)
    {
        foreach (var (name, value) in PathValues())
        {
            template = template.Replace("{" + name + "}", value, StringComparison.Ordinal);
        }

        return template;
    }

    private async Task<List<Operation>> OperationsAsync()
    {
        var document = await host.Silo.Http.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var operations = new List<Operation>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in path.Value.EnumerateObject())
            {
                var scope = method.Value.TryGetProperty("x-craftcx-scope", out var s) ? s.GetString() : null;
                operations.Add(new Operation(method.Name.ToUpperInvariant(), path.Name, scope, method.Value.TryGetProperty("requestBody", out _)));
            }
        }

        return operations;
    }

    /// <summary>What the owner has, as the owner sees it: must not change while others try to write.</summary>
    private async Task<string> CaptureOwnerAsync()
    {
        var parts = new List<string>();
        foreach (var route in new[]
        {
            $"/v1/tenants/{Owner}/scorecard", $"/v1/tenants/{Owner}/settings/ai", $"/v1/tenants/{Owner}/settings/retention", $"/v1/tenants/{Owner}/settings/benchmarks",
            $"/v1/tenants/{Owner}/conversations/c-1/reviews", $"/v1/tenants/{Owner}/hold", $"/v1/tenants/{Owner}/conversations/c-1/hold", $"/v1/tenants/{Owner}/connectors",
        })
        {
            parts.Add(await host.Http.GetStringAsync(route));
        }

        var endUser = await host.Http.PostAsJsonAsync($"/v1/tenants/{Owner}/privacy/end-users/search", new { email = "cminh730@email.com" });
        parts.Add(await endUser.Content.ReadAsStringAsync());
        var conversation = await host.Http.GetFromJsonAsync<JsonElement>($"/v1/tenants/{Owner}/conversations/c-1?transcript=true");
        parts.Add($"{conversation.GetProperty("lastSequence")} {conversation.GetProperty("eventsApplied")} {conversation.GetProperty("transcript").GetRawText()}");
        using var keys = new HttpRequestMessage(HttpMethod.Get, $"/v1/admin/tenants/{Owner}/keys");
        keys.Headers.Add("X-Operator-Key", RunningSilo.OperatorKey);
        var listed = await (await host.Silo.Http.SendAsync(keys)).Content.ReadFromJsonAsync<JsonElement>();
        // Keys named "test" are the ones this test makes; any other name would be a write that got through.
        parts.Add(string.Join(",", listed.EnumerateArray().Select(k => k.GetProperty("name").GetString()).Where(n => n != "test")));
        return string.Join("\n", parts);
    }

    private async Task<string> TokenAsync(string key)
    {
        using var client = host.Silo.ClientWithKey(key);
        return (await (await client.PostAsync("/v1/auth/token", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    private static AuthenticationHeaderValue Bearer(string credential) => new("Bearer", credential);

    /// <summary>A real token whose payload is edited (its signature no longer matches).</summary>
    private static string Rewrite(string token, string from, string to)
    {
        var parts = token.Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1])).Replace($"\"{from}\"", $"\"{to}\"", StringComparison.Ordinal);
        return parts[0] + "." + Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(payload)) + "." + parts[2];
    }

    /// <summary>A well-formed token for the owner with every scope, signed with a key the silo does not know.</summary>
    private static string SignedElsewhere()
    {
        var claims = new Dictionary<string, object>
        {
            ["tenant"] = Owner,
            ["key_id"] = "forged",
            ["credential"] = "token",
            ["scope"] = ApiScopes.All.ToArray(),
        };
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "craftcx",
            Audience = "craftcx-live",
            Claims = claims,
            Expires = DateTime.UtcNow.AddMinutes(10),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)), SecurityAlgorithms.HmacSha256),
        });
    }

    private sealed record Operation(string Method, string Template, string? Scope, bool HasBody);
}
