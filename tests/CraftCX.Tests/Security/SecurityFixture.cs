using CraftCX.Security;

namespace CraftCX.Tests.Security;

/// <summary>A silo with two tenants' keys of various scopes, and a short key cache so that revocation shows quickly.</summary>
public sealed class SecurityFixture : SiloHostFixture
{
    public override string Tenant => "tenant-a";

    public string OtherTenantKey { get; private set; } = string.Empty;

    public string ReadOnlyKey { get; private set; } = string.Empty;

    public string IngestOnlyKey { get; private set; } = string.Empty;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Auth:KeyCacheTtl"] = "00:00:01",
    };

    public async Task PrepareAsync()
    {
        if (OtherTenantKey.Length > 0)
        {
            return;
        }

        OtherTenantKey = await Silo.CreateKeyAsync("tenant-b");
        ReadOnlyKey = await Silo.CreateKeyAsync(Tenant, ApiScopes.Read);
        IngestOnlyKey = await Silo.CreateKeyAsync(Tenant, ApiScopes.Ingest);

        // Tenant B has data that tenant A's keys must never reach.
        using var b = Silo.ClientWithKey(OtherTenantKey);
        var events = new[]
        {
            TestEvents.Message("tenant-b", "secret-team", "c-b1", 1, "customer", "u-b", "Tenant B's private question"),
            TestEvents.Message("tenant-b", "secret-team", "c-b1", 2, "agent", "agent-b", "Hello! Tenant B's private answer."),
        };
        var body = "[" + string.Join(",", events.Select(e => System.Text.Encoding.UTF8.GetString(TestEvents.Json(e)))) + "]";
        (await b.PostAsync("/v1/events", new StringContent(body, System.Text.Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        await Eventually.ReturnsAsync(
            async () => (await b.GetAsync("/v1/tenants/tenant-b/workspaces/secret-team")).StatusCode,
            s => s == System.Net.HttpStatusCode.OK,
            TimeSpan.FromSeconds(30),
            "tenant B's data");
    }
}
