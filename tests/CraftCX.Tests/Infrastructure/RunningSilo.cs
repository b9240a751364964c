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

    public IngestionStats Stats => App.Services.GetRequiredService<IngestionStats>();

    public static async Task<RunningSilo> StartAsync(IDictionary<string, string?> overrides, bool migrate = false)
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
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        var app = CraftCxSiloHost.Build([], builder => builder.Configuration.AddInMemoryCollection(settings));
        await CraftCxSiloHost.MigrateIfRequestedAsync(app, migrate);
        await app.StartAsync();
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
