using CraftCX.Events;
using CraftCX.Silo.Demo;

namespace CraftCX.Tests.Demo;

[Trait("Category", "Unit")]
public sealed class DemoBackfillPlanTests
{
    private static readonly DemoOptions Options = new() { BackfillDays = 60, BackfillConversationsPerDay = 12 };

    private static DemoBackfillPlan Plan() => new(
        Options,
        AbcdDataset.Load(TestWorkload.AbcdPath),
        SgdDataset.Load(Path.Combine(AppContext.BaseDirectory, "Demo", "Data", "sgd", "sgd_support_sample.json")));

    [Fact]
    public void Sixty_days_end_yesterday_and_each_holds_valid_conversations_within_its_working_hours()
    {
        var now = new DateTimeOffset(2026, 12, 2, 0, 30, 0, TimeSpan.Zero);
        var days = Plan().Days(now).ToList();
        Assert.Equal(60, days.Count);
        Assert.Equal(new DateOnly(2026, 12, 1), days[^1]);
        Assert.Equal(new DateOnly(2026, 10, 3), days[0]);

        var parser = new ChatEventParser();
        var day = Plan().EventsOf(days[^1]);
        Assert.Equal(12, day.Select(e => e.Conversation).Distinct().Count());
        Assert.All(day, e => Assert.True(parser.Parse(TestEvents.Json(e)).IsValid));
        Assert.All(day, e => Assert.InRange(e.OccurredAt!.Value, new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero)));
        Assert.Contains(day, e => e.Data?.Author?.Role == "bot");
        Assert.Contains(day, e => e.Data?.Author?.Role == "agent");
        Assert.All(day.GroupBy(e => e.Conversation), g => Assert.Equal("conversation.started", g.First().Type));
    }

    [Fact]
    public void The_same_day_is_the_same_conversations_every_time_so_a_second_start_imports_only_duplicates()
    {
        var day = new DateOnly(2026, 11, 20);
        var first = Plan().EventsOf(day);
        var again = Plan().EventsOf(day);
        Assert.Equal(
            first.Select(e => (e.Id, e.Conversation, e.Sequence, e.OccurredAt)),
            again.Select(e => (e.Id, e.Conversation, e.Sequence, e.OccurredAt)));
        Assert.All(first, e => Assert.StartsWith("bf20261120-", e.Conversation, StringComparison.Ordinal));
    }
}
