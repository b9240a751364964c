using CraftCX.Imports;

namespace CraftCX.Tests.Ingestion;

[Trait("Category", "Unit")]
public sealed class ImportProgressStateTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Pending_rate_and_estimate_follow_what_was_submitted_and_counted()
    {
        var state = new ImportProgressState();
        var rate = new ImportRate(TimeSpan.FromSeconds(30));
        Assert.Equal("idle", state.Status(0, Start).State);

        state.Submit(10_000, Start);
        rate.Observe(Start, 0);
        for (var second = 1; second <= 4; second++)
        {
            Assert.True(state.Add("silo-a", second, new ImportProgressReport(900, 50, 50, 20, Start.AddDays(-60), Start.AddDays(-59 + second)), Start.AddSeconds(second)));
            rate.Observe(Start.AddSeconds(second), state.Totals.Done);
        }

        var status = state.Status(rate.PerSecond(Start.AddSeconds(4)), Start.AddSeconds(4));
        Assert.Equal("running", status.State);
        Assert.Equal(3600, status.Counted);
        Assert.Equal(200, status.Duplicates);
        Assert.Equal(200, status.DeadLettered);
        Assert.Equal(6000, status.Pending);
        Assert.Equal(80, status.Conversations);
        Assert.Equal(1000, status.EventsPerSecond);
        Assert.Equal(6, status.SecondsRemaining);
        Assert.Equal(Start.AddDays(-60), status.FirstEventAt);
        Assert.Equal(Start.AddDays(-55), status.LastEventAt);
        Assert.Equal(Start, status.StartedAt);
    }

    [Fact]
    public void A_stalled_import_has_a_falling_rate_and_a_finished_one_is_done_a_minute_after_its_last_count()
    {
        var state = new ImportProgressState();
        var rate = new ImportRate(TimeSpan.FromSeconds(30));
        state.Submit(100, Start);
        rate.Observe(Start, 0);
        state.Add("silo-a", 1, new ImportProgressReport(50, 0, 0, 1, Start, Start), Start.AddSeconds(1));
        rate.Observe(Start.AddSeconds(1), 50);
        Assert.Equal(50, rate.PerSecond(Start.AddSeconds(1)));
        Assert.Equal(5, rate.PerSecond(Start.AddSeconds(10)));
        Assert.Equal(0, rate.PerSecond(Start.AddSeconds(40)));
        Assert.Null(state.Status(0, Start.AddSeconds(40)).SecondsRemaining);
        Assert.Equal("running", state.Status(0, Start.AddMinutes(5)).State);

        state.Add("silo-a", 2, new ImportProgressReport(50, 0, 0, 0, Start, Start), Start.AddMinutes(6));
        Assert.Equal("running", state.Status(0, Start.AddMinutes(6).AddSeconds(59)).State);
        Assert.Equal("done", state.Status(0, Start.AddMinutes(7)).State);
        Assert.Equal(0, state.Status(0, Start.AddMinutes(7)).Pending);
    }

    [Fact]
    public void More_counted_than_submitted_from_events_written_straight_to_the_topic_leaves_nothing_pending()
    {
        var state = new ImportProgressState();
        state.Add("silo-a", 1, new ImportProgressReport(500, 0, 0, 10, Start, Start), Start);
        var status = state.Status(100, Start.AddSeconds(1));
        Assert.Equal(0, status.Pending);
        Assert.Null(status.SecondsRemaining);
        Assert.Equal("running", status.State);
    }

    [Fact]
    public void A_report_sent_again_after_a_timeout_counts_once_and_other_reporters_count_on_their_own()
    {
        var state = new ImportProgressState();
        var report = new ImportProgressReport(100, 0, 0, 2, Start, Start);
        Assert.True(state.Add("silo-a", 1, report, Start));
        Assert.False(state.Add("silo-a", 1, report, Start.AddSeconds(10)));
        Assert.True(state.Add("silo-b", 1, report, Start.AddSeconds(10)));
        Assert.True(state.Add("silo-a", 2, report, Start.AddSeconds(11)));
        Assert.Equal(300, state.Totals.Counted);

        // A reporter silent for a day (its silo restarted under a new name) is forgotten; the others stay.
        Assert.True(state.Add("silo-c", 1, report, Start.AddDays(1).AddSeconds(11)));
        Assert.Equal(["silo-a", "silo-c"], state.Reporters.Keys.Order());
    }
}
