using CraftCX.Silo.Hosting;
using CraftCX.Silo.Ingestion;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CraftCX.Tests.Infrastructure;

/// <summary>
/// The real executable's host (silo, embedded broker, ingestor, HTTP API) on free loopback ports, reached over
/// real HTTP.
/// </summary>
public class SiloHostFixture : IAsyncLifetime
{
    public WebApplication App { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public IngestionStats Stats => App.Services.GetRequiredService<IngestionStats>();

    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Orleans:SiloPort"] = FreePort.Next().ToString(),
            ["Orleans:GatewayPort"] = FreePort.Next().ToString(),
            ["Orleans:ClusterId"] = "test-" + Guid.NewGuid().ToString("N"),
            ["Kafka:BootstrapServers"] = "",
            ["Kafka:SessionTimeout"] = "00:00:06",
            ["Kafka:EmbeddedBroker:Partitions"] = "4",
            ["Demo:Enabled"] = "false",
            ["Ingestion:SummaryInterval"] = "00:00:00",
            ["Aggregation:FlushInterval"] = "00:00:00.050",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in Settings)
        {
            settings[key] = value;
        }

        App = CraftCxSiloHost.Build([], builder => builder.Configuration.AddInMemoryCollection(settings));
        await App.StartAsync();
        var address = App.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        BaseAddress = new Uri(address);
        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
