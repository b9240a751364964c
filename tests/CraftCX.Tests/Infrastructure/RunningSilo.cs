using System.Net.Http.Json;
using System.Text.Json;
using CraftCX.Security;
using CraftCX.Silo.Hosting;
using CraftCX.Silo.Ingestion;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CraftCX.Tests.Infrastructure;

/// <summary>
/// The real executable's host (silo, ingestor, HTTP API) in this process, on free loopback ports, reached over
/// real HTTP; settings override appsettings.json exactly as environment variables would.
/// </summary>
public sealed class RunningSilo : IAsyncDisposable
{
    private RunningSilo(WebApplication app, Uri baseAddress)
    {
        App = app;
        BaseAddress = baseAddress;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    public IGrainFactory Grains => App.Services.GetRequiredService<IGrainFactory>();

    internal IngestionStats Stats => App.Services.GetRequiredService<IngestionStats>();

    /// <summary>The operator key every test silo is configured with.</summary>
    public const string OperatorKey = "test-operator-key-0123456789";

    /// <summary>The token signing key every test silo shares (a cluster's silos must), base64 of 48 bytes.</summary>
    public const string TokenSigningKey = "dGVzdC1zaWduaW5nLWtleS10ZXN0LXNpZ25pbmcta2V5LXRlc3Qtc2lnbmluZy1rZXk=";

    /// <summary>The end-user index key every test host shares, so that silos on one database find each other's entries.</summary>
    public const string PrivacyIndexKey = "dGVzdC1wcml2YWN5LWluZGV4LWtleS10ZXN0LXByaXZhY3ktaW5kZXgta2V5";

    /// <summary>The key-encryption key every test host shares (base64 of 32 bytes), so that silos on one key store open each other's keys.</summary>
    public const string KeyEncryptionKey = "dGVzdC1rZXktZW5jcnlwdGlvbi1rZXktMzItYnl0ZXM=";

    /// <summary>Creates an API key through the admin endpoint, as an operator would.</summary>
    public Task<string> CreateKeyAsync(string tenant, params string[] scopes) => CreateAgentKeyAsync(tenant, agent: null, scopes);

    /// <summary>Creates an agent's own key (it acts as <paramref name="agent"/>), or a plain one when agent is null.</summary>
    public async Task<string> CreateAgentKeyAsync(string tenant, string? agent, params string[] scopes)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/admin/tenants/{tenant}/keys")
        {
            Content = JsonContent.Create(new { name = "test", scopes = scopes.Length == 0 ? ApiScopes.All.ToArray() : scopes, agent }),
        };
        request.Headers.Add("X-Operator-Key", OperatorKey);
        var response = await Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
    }

    /// <summary>The dead letters this silo wrote to its (embedded) broker's dead-letter topic.</summary>
    public List<Confluent.Kafka.ConsumeResult<byte[]?, byte[]>> ReadDeadLetters(int expected, TimeSpan timeout) =>
        DeadLetterReader.Read(
            App.Services.GetRequiredService<CraftCX.Silo.Kafka.KafkaBootstrap>().BootstrapServers,
            App.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<CraftCX.Silo.Kafka.KafkaOptions>>().Value.DeadLetterTopicName,
            expected,
            timeout);

    /// <summary>What /metrics answers the operator key (Telemetry:Prometheus on).</summary>
    public async Task<string> ScrapeMetricsAsync()
    {
        using var scrape = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        scrape.Headers.Add("X-Operator-Key", OperatorKey);
        using var response = await Http.SendAsync(scrape);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>An operator route (under /v1/admin/) called with the operator key.</summary>
    public async Task<HttpResponseMessage> OperatorAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, "/v1/admin/" + path);
        request.Headers.Add("X-Operator-Key", OperatorKey);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return await Http.SendAsync(request);
    }

    /// <summary>An HTTP client that presents the key on every request.</summary>
    public HttpClient ClientWithKey(string key)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>A silo on PostgreSQL with the schema applied, on the test's clock when it moves time.</summary>
    public static Task<RunningSilo> StartOnPostgresAsync(string connectionString, IDictionary<string, string?>? settings = null, TimeProvider? clock = null)
    {
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["Storage:Provider"] = "Postgres",
            ["Storage:ConnectionString"] = connectionString,
        };
        return StartAsync(all, migrate: true, configure: clock is null ? null : builder => builder.Services.AddSingleton(clock));
    }

    public static async Task<RunningSilo> StartAsync(IDictionary<string, string?> overrides, bool migrate = false, Action<WebApplicationBuilder>? configure = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Orleans:SiloPort"] = FreePort.Next().ToString(),
            ["Orleans:GatewayPort"] = FreePort.Next().ToString(),
            ["Orleans:ClusterId"] = "test-" + Guid.NewGuid().ToString("N"),
            ["Kafka:BootstrapServers"] = "",
            ["Kafka:EmbeddedBroker:Enabled"] = "true",
            ["Kafka:SessionTimeout"] = "00:00:06",
            ["Kafka:EmbeddedBroker:Partitions"] = "4",
            ["Demo:Enabled"] = "false",
            ["Ingestion:SummaryInterval"] = "00:00:00",
            ["Aggregation:FlushInterval"] = "00:00:00.050",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Auth:OperatorKey"] = OperatorKey,
            ["Auth:TokenSigningKey"] = TokenSigningKey,
            ["Privacy:IndexKey"] = PrivacyIndexKey,
            ["Encryption:KeyEncryptionKey"] = KeyEncryptionKey,
            ["Auth:DemoTenant"] = "",
        };
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        var app = CraftCXSiloHost.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings);
            configure?.Invoke(builder);
        });
        try
        {
            await CraftCXSiloHost.MigrateIfRequestedAsync(app, migrate);
            await app.StartAsync();
        }
        catch
        {
            // A start that fails part-way (a refused setting) must not leave its broker, pools and threads behind;
            // what did start gets a few seconds to stop, not the production shutdown timeout.
            using (var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
            {
                try
                {
                    await app.StopAsync(stopping.Token);
                }
                catch (Exception ex) when (ex is InvalidOperationException or ArgumentNullException)
                {
                    // Orleans refuses to stop a silo that never reached Running, and a host that failed before its
                    // hosted services were resolved cannot stop them; disposing is what is left.
                }
            }

            await app.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new RunningSilo(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
