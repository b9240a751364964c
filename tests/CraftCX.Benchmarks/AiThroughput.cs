using System.Globalization;
using CraftCX.Testing;

namespace CraftCX.Benchmarks;

/// <summary>
/// Ingestion must not wait for the model: the same topic through a silo with the AI assessor off and one whose
/// assessor calls a fake Azure OpenAI that takes seconds per answer (every closed conversation and every risk
/// flag asks for an assessment). After a warm-up run, off and on alternate as off, on, on, off, off, on so that the
/// machine's drift (runs tend to get faster as the JIT settles) favours neither; median of each.
/// </summary>
public static class AiThroughput
{
    public static async Task MeasureAsync(string bootstrapServers, string topic, int events, BenchmarkOptions options)
    {
        await using var fake = await FakeAzureOpenAi.StartAsync();
        fake.Delay = TimeSpan.FromSeconds(options.AiAnswerSeconds);
        var off = new List<double>();
        var on = new List<double>();
        for (var run = -1; run < 2 * options.AiRuns; run++)
        {
            var enabled = run >= 0 && run % 4 is 1 or 2;
            var settings = new Dictionary<string, string?>();
            if (enabled)
            {
                settings["Ai:Endpoint"] = fake.BaseAddress.ToString();
                settings["Ai:Deployment"] = "bench-model";
                settings["Ai:ApiKey"] = "bench-key";
                settings["Ai:TokensPerMinute"] = "0";
                settings["Ai:TokensPerDay"] = "0";
            }

            await using var host = await PipelineHost.StartAsync(bootstrapServers, topic, "bench-ai-" + run.ToString(CultureInfo.InvariantCulture), options.MaxInFlight, settings);
            var elapsed = await host.ConsumeAllAsync(events, TimeSpan.FromMinutes(10));
            var rate = events / elapsed.TotalSeconds;
            if (run < 0)
            {
                Console.WriteLine($"AI phase warm-up: {rate:0} events/s");
                continue;
            }

            Console.WriteLine($"AI assessor {(enabled ? "on " : "off")}: {rate:0} events/s ({elapsed.TotalSeconds:0.00} s, {fake.Requests.Count} model calls so far)");
            (enabled ? on : off).Add(rate);
        }

        var (medianOn, medianOff) = (Median(on), Median(off));
        Console.WriteLine(
            $"pipeline with the AI assessor on (fake Azure OpenAI answering in {options.AiAnswerSeconds} s, {fake.Requests.Count} model calls started by then): {medianOn:0} events/s; off: {medianOff:0} events/s (medians of {options.AiRuns}); ratio {medianOn / medianOff:0.00} (target >= 0.9)");
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[values.Count / 2 - 1] + values[values.Count / 2]) / 2;
    }
}
