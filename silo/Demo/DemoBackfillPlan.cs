using CraftCX.Events.Json;

namespace CraftCX.Silo.Demo;

/// <summary>
/// The demo's past: for each day, the same conversations whenever it is asked (seeded by the date, named after it),
/// so that a silo started again imports duplicates, which change nothing, rather than a second copy of its history.
/// </summary>
internal sealed class DemoBackfillPlan(DemoOptions options, IReadOnlyList<AbcdConversation> sources, IReadOnlyList<SgdDialogue> dialogues)
{
    private readonly DemoScriptBuilder _builder = new(options);

    /// <summary>The days to backfill, oldest first, ending with yesterday.</summary>
    public IEnumerable<DateOnly> Days(DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        return Enumerable.Range(1, options.BackfillDays).Select(back => today.AddDays(-back)).Reverse();
    }

    /// <summary>
    /// One day's conversations, started during its working hours (08:00 to 20:00 UTC), each event at its time, with
    /// the agents' conduct of that day (<see cref="DemoConduct.On"/>).
    /// </summary>
    public List<ChatEventDto> EventsOf(DateOnly day)
    {
        var random = new Random(SeedOf(day));
        var start = new DateTimeOffset(day.ToDateTime(new TimeOnly(8, 0)), TimeSpan.Zero);
        var events = new List<ChatEventDto>();
        for (var i = 0; i < options.BackfillConversationsPerDay; i++)
        {
            var id = $"bf{day:yyyyMMdd}-{i}";
            var script = dialogues.Count > 0 && random.NextDouble() < options.AssistantShare
                ? _builder.BuildAssistant(dialogues[random.Next(dialogues.Count)], id + "-sgd", random)
                : _builder.Build(sources[random.Next(sources.Count)], id, random, DemoConduct.On(day));
            var at = start.AddSeconds(random.NextDouble() * TimeSpan.FromHours(12).TotalSeconds);
            foreach (var step in script.Steps)
            {
                at += step.Delay;
                step.Event.OccurredAt = at;
                events.Add(step.Event);
            }
        }

        return events;
    }

    // Seeded Random streams of neighbouring seeds start almost alike, so that consecutive days would roll the same
    // conduct: the day number is mixed (SplitMix64's finaliser) into an unrelated seed first.
    private int SeedOf(DateOnly day)
    {
        var x = unchecked((ulong)(day.DayNumber ^ (options.Seed ?? 0)) + 0x9E3779B97F4A7C15UL);
        x = unchecked((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL);
        x = unchecked((x ^ (x >> 27)) * 0x94D049BB133111EBUL);
        return unchecked((int)(x ^ (x >> 31)));
    }
}
