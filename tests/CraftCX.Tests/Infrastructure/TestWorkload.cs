using CraftCX.Events.Json;
using CraftCX.Silo.Demo;

namespace CraftCX.Tests.Infrastructure;

/// <summary>Realistic conversations from the ABCD sample (seeded), interleaved in event-time order like live traffic.</summary>
public static class TestWorkload
{
    public static string AbcdPath => Path.Combine(AppContext.BaseDirectory, "Demo", "Data", "abcd", "abcd_sample.json");

    public static List<ChatEventDto> Build(string tenant, int conversations, int seed, DateTimeOffset? start = null)
    {
        var sources = AbcdDataset.Load(AbcdPath);
        var options = new DemoOptions { Tenant = tenant, TimeScale = 0.5 };
        var builder = new DemoScriptBuilder(options);
        var random = new Random(seed);
        var origin = start ?? DateTimeOffset.UtcNow.AddMinutes(-40);
        var events = new List<ChatEventDto>();
        for (var i = 0; i < conversations; i++)
        {
            var source = sources[random.Next(sources.Count)];
            var script = builder.Build(source, $"c{i}-{source.Id}", random);
            var at = origin.AddSeconds(random.NextDouble() * 60);
            foreach (var step in script.Steps)
            {
                at += step.Delay;
                step.Event.OccurredAt = at;
                events.Add(step.Event);
            }
        }

        return events.OrderBy(e => e.OccurredAt).ThenBy(e => e.Conversation, StringComparer.Ordinal).ThenBy(e => e.Sequence).ToList();
    }

    /// <summary>The same conversations under other ids (a second batch of one workload), changed in place.</summary>
    public static List<ChatEventDto> Renamed(List<ChatEventDto> events, string prefix)
    {
        foreach (var e in events)
        {
            e.Conversation = prefix + e.Conversation;
            e.Id = prefix + e.Id;
        }

        return events;
    }
}
