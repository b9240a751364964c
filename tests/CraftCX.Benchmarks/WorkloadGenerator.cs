using CraftCX.Events.Json;
using CraftCX.Silo.Demo;

namespace CraftCX.Benchmarks;

/// <summary>
/// A fixed, seeded workload of realistic conversations (ABCD text, demo cast and timing), each stretched or cut
/// to an exact number of events so that the total is what was asked for.
/// </summary>
internal sealed class WorkloadGenerator(IReadOnlyList<AbcdConversation> sources, int seed)
{
    private readonly Random _random = new(seed);

    /// <summary>Conversations start at random within <paramref name="arrivals"/> after <paramref name="start"/> (10 minutes when not given).</summary>
    public List<ChatEventDto> Build(string tenant, int conversations, int eventsPerConversation, DateTimeOffset start, TimeSpan? arrivals = null)
    {
        var spread = (arrivals ?? TimeSpan.FromMinutes(10)).TotalSeconds;
        var builder = new DemoScriptBuilder(new DemoOptions { Tenant = tenant, TimeScale = 0.25 });
        var events = new List<ChatEventDto>(conversations * eventsPerConversation);
        for (var c = 0; c < conversations; c++)
        {
            var source = sources[_random.Next(sources.Count)];
            var script = builder.Build(source, $"b{c}-{source.Id}", _random);
            var steps = Fit(script, eventsPerConversation);
            AnotherPerson(steps[0].Event, c);
            var at = start.AddSeconds(_random.NextDouble() * spread);
            foreach (var step in steps)
            {
                at += step.Delay;
                step.Event.OccurredAt = at;
                events.Add(step.Event);
            }
        }

        // Interleave conversations as live traffic does.
        return events.OrderBy(e => e.OccurredAt).ToList();
    }

    // The sample holds three people; live traffic has a different end user in nearly every conversation, and each
    // of them costs the end-user index its own entries.
    private static void AnotherPerson(ChatEventDto started, int c)
    {
        if (started.Data?.Customer is not { } customer)
        {
            return;
        }

        started.Data.Customer = new CustomerDto
        {
            Id = $"{customer.Id}-{c}",
            Email = customer.Email is { } email ? email.Replace("@", $"+{c}@", StringComparison.Ordinal) : null,
            Phone = $"+1 {200 + (c / 10_000_000 % 800):000} {c / 10_000 % 1_000:000} {c % 10_000:0000}",
            Name = customer.Name,
        };
    }

    /// <summary>Repeats the script's message turns (with new ids and sequences) or cuts them, keeping the close last.</summary>
    private static List<DemoStep> Fit(DemoScript script, int count)
    {
        var steps = script.Steps.ToList();
        var close = steps[^1];
        steps.RemoveAt(steps.Count - 1);
        var messages = steps.Where(s => s.Event.Type == "message.created").ToList();
        var copy = 0;
        while (steps.Count < count - 1)
        {
            var template = messages[copy % messages.Count];
            copy++;
            steps.Add(new DemoStep(template.Delay, new ChatEventDto
            {
                Type = template.Event.Type,
                Version = 1,
                Tenant = template.Event.Tenant,
                Workspace = template.Event.Workspace,
                Conversation = template.Event.Conversation,
                Data = new ChatEventDataDto
                {
                    MessageId = $"{template.Event.Data!.MessageId}-r{copy}",
                    Author = template.Event.Data.Author,
                    Text = template.Event.Data.Text,
                    Channel = template.Event.Data.Channel,
                    Internal = template.Event.Data.Internal,
                },
            }));
        }

        if (steps.Count > count - 1)
        {
            steps.RemoveRange(count - 1, steps.Count - (count - 1));
        }

        steps.Add(close);
        for (var i = 0; i < steps.Count; i++)
        {
            steps[i].Event.Sequence = i + 1;
            steps[i].Event.Id = $"{steps[i].Event.Conversation}-e{i + 1}";
        }

        return steps;
    }
}
