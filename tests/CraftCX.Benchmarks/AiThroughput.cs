using System.Diagnostics;
using System.Globalization;
using CraftCX.Testing;

namespace CraftCX.Benchmarks;

/// <summary>
/// Ingestion must not wait for the model: the same topic through a silo with the AI assessor off and one whose
/// assessor calls a fake Azure OpenAI that takes seconds per answer (every closed conversation and every risk flag
/// asks for an assessment). Single runs vary by ±15 %, and the first few after start are slower still while the
/// JIT settles, so: warm-up runs first (both settings, not counted), a full collection before every run, off and on
/// alternating as off, on, on, off, ... so that drift favours neither, and the median of each.
/// </summary>
internal static class AiThroughput
{
    public static async Task MeasureAsync(string bootstrapServers, string topic, int events, BenchmarkOptions options, BenchmarkReport report)
    {
        await using var fake = await FakeAzureOpenAi.StartAsync();
        fake.Delay = TimeSpan.FromSeconds(options.AiAnswerSeconds);
        var off = new List<Sample>();
        var on = new List<Sample>();
        for (var run = -options.AiWarmupRuns; run < 2 * options.AiRuns; run++)
        {
            var enabled = run < 0 ? run % 2 != 0 : run % 4 is 1 or 2;
            var sample = await RunAsync(bootstrapServers, topic, events, options, enabled ? fake.BaseAddress : null, run);
            report.Add(
                $"AI assessor {(enabled ? "on " : "off")}{(run < 0 ? " (warm-up)" : "")}: {sample.Rate:0} events/s ({sample.Seconds:0.00} s, " +
                $"CPU {sample.CpuMicroseconds:0.0} us/event, GC pause {sample.GcPauseMs:0} ms, {fake.Requests.Count} model calls so far)");
            if (run >= 0)
            {
                (enabled ? on : off).Add(sample);
            }
        }

        var (rateOn, rateOff) = (Median(on.Select(s => s.Rate)), Median(off.Select(s => s.Rate)));
        report.Add(
            $"pipeline with the AI assessor on (fake Azure OpenAI answering in {options.AiAnswerSeconds} s, {events} events per run): {rateOn:0} events/s " +
            $"(runs {Range(on)}, CPU {Median(on.Select(s => s.CpuMicroseconds)):0.0} us/event); off: {rateOff:0} events/s (runs {Range(off)}, " +
            $"CPU {Median(off.Select(s => s.CpuMicroseconds)):0.0} us/event); medians of {options.AiRuns} after {options.AiWarmupRuns} warm-up runs; ratio {rateOn / rateOff:0.00} (target >= 0.9)");
    }

    private static async Task<Sample> RunAsync(string bootstrapServers, string topic, int events, BenchmarkOptions options, Uri? endpoint, int run)
    {
        var settings = new Dictionary<string, string?>();
        if (endpoint is not null)
        {
            settings["Ai:Endpoint"] = endpoint.ToString();
            settings["Ai:Deployment"] = "bench-model";
            settings["Ai:ApiKey"] = "bench-key";
            settings["Ai:TokensPerMinute"] = "0";
            settings["Ai:TokensPerDay"] = "0";
        }

        Heap.FullCollect();
        var pauseBefore = GC.GetTotalPauseDuration();
        await using var host = await PipelineHost.StartAsync(bootstrapServers, topic, "bench-ai-" + run.ToString(CultureInfo.InvariantCulture), options.MaxInFlight, settings);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var elapsed = await host.ConsumeAllAsync(events, TimeSpan.FromMinutes(10));
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        return new Sample(events / elapsed.TotalSeconds, elapsed.TotalSeconds, cpu.TotalMicroseconds / events, (GC.GetTotalPauseDuration() - pauseBefore).TotalMilliseconds);
    }

    private static string Range(List<Sample> samples) =>
        FormattableString.Invariant($"{samples.Min(s => s.Rate):0}–{samples.Max(s => s.Rate):0}");

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private sealed record Sample(double Rate, double Seconds, double CpuMicroseconds, double GcPauseMs);
}
