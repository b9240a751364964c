using System.Diagnostics;
using System.Globalization;
using CraftCX.Silo.Hosting;
using CraftCX.Silo.Ingestion;
using CraftCX.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CraftCX.Benchmarks;

/// <summary>A CraftCX silo in this process whose ingestor is started by hand, so that its run can be timed.</summary>
internal sealed class PipelineHost : IAsyncDisposable
{
    private PipelineHost(WebApplication app, KafkaIngestor ingestor)
    {
        App = app;
        Ingestor = ingestor;
    }

    public WebApplication App { get; }

    internal KafkaIngestor Ingestor { get; }

    internal IngestionStats Stats => App.Services.GetRequiredService<IngestionStats>();

    public IGrainFactory Grains => App.Services.GetRequiredService<IGrainFactory>();

    public Uri BaseAddress => new(App.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
        .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First());

    public static async Task<PipelineHost> StartAsync(string bootstrapServers, string topic, string groupId, int maxInFlight, IDictionary<string, string?>? storage = null, TimeProvider? clock = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Orleans:SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Orleans:ClusterId"] = "bench-" + groupId,
            ["Kafka:BootstrapServers"] = bootstrapServers,
            ["Kafka:Topic"] = topic,
            ["Kafka:GroupId"] = groupId,
            ["Ingestion:Enabled"] = "false",
            ["Ingestion:SummaryInterval"] = "00:00:00",
            ["Ingestion:MaxInFlightEvents"] = maxInFlight.ToString(CultureInfo.InvariantCulture),
            ["Demo:Enabled"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Auth:DemoTenant"] = "",
            ["Auth:TokenSigningKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            ["Privacy:IndexKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            ["Encryption:KeyEncryptionKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
        };
        foreach (var (key, value) in storage ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var app = CraftCXSiloHost.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings);
            if (clock is not null)
            {
                builder.Services.AddSingleton(clock);
            }
        });
        await CraftCXSiloHost.MigrateIfRequestedAsync(app, requested: false);
        await app.StartAsync();

        // Created as an operator would: the events of any other tenant are dead-lettered.
        var grains = app.Services.GetRequiredService<IGrainFactory>();
        await Task.WhenAll(Tenants.Select(t => grains.GetGrain<CraftCX.Tenants.ITenantGrain>(t).RegisterAsync()));
        return new PipelineHost(app, ActivatorUtilities.CreateInstance<KafkaIngestor>(app.Services));
    }

    /// <summary>Every tenant the benchmark's workloads name.</summary>
    public static IReadOnlyList<string> Tenants { get; } = ["bench", "bench-warmup", "bench-latency", "bench-live-warmup", "bench-live", "bench-live-traced", "bench-memory-1", "bench-memory-2", "bench-retain", "bench-retain-quiet", "bench-retain-busy", ImportThroughput.Tenant, ImportThroughput.Tenant + "-again", ScaleCurve.Tenant, ScaleCurve.ProbeTenant];

    /// <summary>Starts consuming and times from the first event consumed until <paramref name="events"/> are complete.</summary>
    public async Task<TimeSpan> ConsumeAllAsync(long events, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        await Ingestor.StartAsync(CancellationToken.None);
        await WaitAsync(() => Stats.Consumed > 0, timeout);
        watch.Restart();
        await WaitForCompletedAsync(events, timeout);
        return watch.Elapsed;
    }

    /// <summary>Starts consuming and returns once the group has assigned this host its partitions.</summary>
    public async Task StartConsumingAsync(int partitions, TimeSpan timeout)
    {
        await Ingestor.StartAsync(CancellationToken.None);
        await WaitAsync(() => Stats.AssignedPartitions >= partitions, timeout);
    }

    public Task WaitForCompletedAsync(long events, TimeSpan timeout) => WaitAsync(() => Stats.Completed >= events, timeout);

    public async ValueTask DisposeAsync()
    {
        await Ingestor.StopAsync(CancellationToken.None);
        Ingestor.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }

    private async Task WaitAsync(Func<bool> condition, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > timeout)
            {
                throw new TimeoutException($"Timed out after {timeout}: {Stats.Completed} events complete, {Stats.InFlight} in flight.");
            }

            await Task.Delay(5);
        }
    }
}
