using System.Diagnostics;
using CraftCX.Aggregation.History;
using CraftCX.Events.Json;
using CraftCX.Silo.Ingestion;
using CraftCX.Tenants;
using Microsoft.Extensions.DependencyInjection;

namespace CraftCX.Benchmarks;

/// <summary>
/// Backfill: conversations of the last 60 days on the import topic, alone (its rate, CPU per event, and whether the
/// history holds them) and then again while live traffic flows (the live latency beside the import's rate), and
/// what a query of 13 months of daily history with its previous period costs.
/// </summary>
internal static class ImportThroughput
{
    public const string Tenant = "bench-import";

    public static async Task MeasureAsync(
        PipelineHost host,
        string importTopic,
        Func<string, int, DateTimeOffset, TimeSpan, List<ChatEventDto>> build,
        Func<ChatEventDto, (byte[]? Key, byte[] Value)> encode,
        Func<string, List<(byte[]? Key, byte[] Value)>, TimeSpan> produceAll,
        Func<List<(byte[]? Key, byte[] Value)>, int, Task> produceLive,
        BenchmarkOptions options,
        BenchmarkReport report)
    {
        var progress = host.App.Services.GetRequiredService<ImportProgress>();
        var now = DateTimeOffset.UtcNow;

        // Alone: the whole backlog produced first, then timed from its first event to its last one counted.
        var backlog = build(Tenant, options.ImportConversations, now.AddDays(-60), TimeSpan.FromDays(59)).Select(encode).ToList();
        var doneBefore = progress.Done;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var started = Stopwatch.StartNew();
        var produced = produceAll(importTopic, backlog);
        await WaitAsync(progress, doneBefore + backlog.Count, TimeSpan.FromMinutes(10));
        var elapsed = started.Elapsed;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        report.Add($"import alone: {backlog.Count} events of {options.ImportConversations} conversations over the last 60 days on the import topic, counted at {backlog.Count / elapsed.TotalSeconds:0} events/s ({elapsed.TotalSeconds:0.00} s from the first produce, produced in {produced.TotalSeconds:0.00} s; {cpu.TotalMicroseconds / backlog.Count:0.0} us CPU/event, producing included; peak {progress.PeakInFlight} import events in flight)");

        var view = await host.Grains.GetGrain<ITenantGrain>(Tenant).GetViewAsync();
        HistoryRange.TryCreate("day", now.AddDays(-61), now.AddDays(1), now, months: 25, out var sixtyDays, out _);
        var history = await ReadHistoryAsync(host, sixtyDays!);
        report.Add($"check: the import's 60 days of daily history count {history} of {options.ImportConversations} conversations; the live week window counts {view!.Windows.Single(w => w.Window == "week").Conversations} (those of the last 7 days)");

        // With live traffic: a second backlog waits on the topic while live events arrive at the latency rate.
        var second = build(Tenant + "-again", options.ImportConversations, now.AddDays(-60), TimeSpan.FromDays(59)).Select(encode).ToList();
        var live = build("bench-latency", Math.Max(1, options.LatencyRate * options.LatencySeconds / 20), now.AddMinutes(-30), TimeSpan.FromMinutes(10)).Select(encode).ToList();
        host.Stats.Latency.Reset();
        doneBefore = progress.Done;
        var liveBefore = host.Stats.Completed;
        var watch = Stopwatch.StartNew();
        produceAll(importTopic, second);
        await produceLive(live, options.LatencyRate);
        var liveSeconds = watch.Elapsed.TotalSeconds;
        var importDuringLive = progress.Done - doneBefore;
        await WaitAsync(progress, doneBefore + second.Count, TimeSpan.FromMinutes(10));
        await WaitForAsync(() => host.Stats.Completed >= liveBefore + live.Count + second.Count, TimeSpan.FromMinutes(5));
        report.Add($"import beside live traffic at {options.LatencyRate} events/s: live produce -> score applied and aggregated p50 {host.Stats.Latency.PercentileMs(0.5):0.0} ms, p99 {host.Stats.Latency.PercentileMs(0.99):0.0} ms ({host.Stats.Latency.Count} events); the import went on at {importDuringLive / liveSeconds:0} events/s meanwhile and finished {second.Count} events in {watch.Elapsed.TotalSeconds:0.0} s");

        // Reading it: 13 months of days with the 13 before them, from the chunks.
        HistoryRange.TryCreate("day", now.AddMonths(-13), now, now, months: 25, out var thirteenMonths, out _);
        var tenant = host.Grains.GetGrain<ITenantGrain>(Tenant);
        await tenant.GetHistoryAsync(thirteenMonths!, compare: true);
        var queries = Stopwatch.StartNew();
        const int rounds = 20;
        for (var i = 0; i < rounds; i++)
        {
            await tenant.GetHistoryAsync(thirteenMonths!, compare: true);
        }

        report.Add($"history query, tenant, 13 months of daily buckets with the previous 13 months (compare), after the import: {queries.Elapsed.TotalMilliseconds / rounds:0.0} ms each (mean of {rounds}, chunks in memory)");
    }

    private static async Task<long> ReadHistoryAsync(PipelineHost host, HistoryRange range)
    {
        // History is sent to its chunks every few seconds; a query adds what is still on its way, so this is exact at once.
        var view = await host.Grains.GetGrain<ITenantGrain>(Tenant).GetHistoryAsync(range, compare: false);
        return view?.Current.Total.Conversations ?? 0;
    }

    private static async Task<TimeSpan> WaitAsync(ImportProgress progress, long done, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        await WaitForAsync(() => progress.Done >= done, timeout);
        return watch.Elapsed;
    }

    private static async Task WaitForAsync(Func<bool> condition, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > timeout)
            {
                throw new TimeoutException($"Timed out after {timeout}.");
            }

            await Task.Delay(5);
        }
    }
}
