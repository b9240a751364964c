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

    /// <summary>One day's conversations, started during its working hours (08:00 to 20:00 UTC), each event at its time.</summary>
    public List<ChatEventDto> EventsOf(DateOnly day)
    {
        var random = new Random(day.DayNumber ^ (options.Seed ?? 0));
        var start = new DateTimeOffset(day.ToDateTime(new TimeOnly(8, 0)), TimeSpan.Zero);
        var events = new List<ChatEventDto>();
        for (var i = 0; i < options.BackfillConversationsPerDay; i++)
        {
            var id = $"bf{day:yyyyMMdd}-{i}";
            var script = dialogues.Count > 0 && random.NextDouble() < options.AssistantShare
                ? _builder.BuildAssistant(dialogues[random.Next(dialogues.Count)], id + "-sgd", random)
                : _builder.Build(sources[random.Next(sources.Count)], id, random);
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
}
