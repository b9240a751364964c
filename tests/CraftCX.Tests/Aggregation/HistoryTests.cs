using CraftCX.Aggregation;
using CraftCX.Aggregation.History;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace CraftCX.Tests.Aggregation;

/// <summary>History buckets: the calendar, the ranges retention allows, and exact figures through the outbox and its chunks.</summary>
[Trait("Category", "Unit")]
public sealed class HistoryTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static ScoreContribution C(string conversation, long version, int overall, DateTimeOffset at, string agent = "a1") =>
        new($"acme/{conversation}", version, false, at, agent, false, HandledBy.Human, overall, AutoFailed: false, [new CriterionScore("greeting", overall)])
        { Workspace = "w" };

    private static HistoryRange Range(string granularity, DateTimeOffset from, DateTimeOffset to, int months = HistoryRetention.DefaultMonths)
    {
        Assert.True(HistoryRange.TryCreate(granularity, from, to, Now, months, out var range, out var error), error);
        return range!;
    }

    [Fact]
    public void Weeks_start_on_monday_and_months_are_calendar_months_in_utc()
    {
        var wednesday = new DateTimeOffset(2026, 12, 2, 23, 30, 0, TimeSpan.Zero);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero), HistoryCalendar.Floor(HistoryGranularity.Week, wednesday));
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 0, 0, 0, TimeSpan.Zero), HistoryCalendar.Ceiling(HistoryGranularity.Week, wednesday));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), HistoryCalendar.Floor(HistoryGranularity.Month, wednesday));
        Assert.Equal(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero), HistoryCalendar.EndOf(HistoryGranularity.Month, HistoryCalendar.IndexOf(HistoryGranularity.Month, wednesday)));
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 23, 30, 0, TimeSpan.Zero), HistoryCalendar.Floor(HistoryGranularity.FiveMinutes, wednesday.AddMinutes(4)));
        var withOffset = new DateTimeOffset(2026, 12, 1, 1, 0, 0, TimeSpan.FromHours(3));
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), HistoryCalendar.Floor(HistoryGranularity.Month, withOffset));

        // A chunk holds one period: the days of a month, the months of a year.
        var day = HistoryChunkId.Of(HistoryGranularity.Day, HistoryCalendar.IndexOf(HistoryGranularity.Day, wednesday));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), day.Start);
        Assert.Equal(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero), day.End);
        var month = HistoryChunkId.Of(HistoryGranularity.Month, HistoryCalendar.IndexOf(HistoryGranularity.Month, wednesday));
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), month.Start);
        Assert.Equal("acme/history.agent.day.2026-12-01.a:1", day.KeyFor(AggregateLevel.Agent, "acme/a:1"));
        Assert.Equal("acme/history.tenant.month.2026-01.", month.KeyFor(AggregateLevel.Tenant, "acme"));
    }

    [Fact]
    public void A_range_is_widened_to_whole_buckets_and_refused_beyond_retention_or_too_long()
    {
        var range = Range("5m", Now.AddMinutes(-58), Now.AddMinutes(-1));
        Assert.Equal(Now.AddHours(-1), range.From);
        Assert.Equal(Now, range.To);
        Assert.Equal(12, range.BucketCount);

        Assert.False(HistoryRange.TryCreate("5m", Now.AddDays(-2), Now, Now, 25, out _, out var error));
        Assert.Contains("five-minute buckets are kept for a day", error);
        Assert.False(HistoryRange.TryCreate("hour", Now.AddDays(-40), Now, Now, 25, out _, out error));
        Assert.Contains("31 days", error);
        Assert.True(HistoryRange.TryCreate("day", Now.AddMonths(-13), Now, Now, 25, out _, out _));
        var kept = Now.AddMonths(-13);
        Assert.False(HistoryRange.TryCreate("week", HistoryCalendar.Floor(HistoryGranularity.Week, kept), Now, Now, 25, out _, out _));
        Assert.True(HistoryRange.TryCreate("week", HistoryCalendar.Ceiling(HistoryGranularity.Week, kept), Now, Now, 25, out _, out _));
        Assert.False(HistoryRange.TryCreate("day", Now.AddMonths(-14), Now, Now, 25, out _, out _));
        Assert.True(HistoryRange.TryCreate("month", Now.AddMonths(-25), Now, Now, 25, out _, out _));
        Assert.False(HistoryRange.TryCreate("month", Now.AddMonths(-7), Now, Now, 6, out _, out error));
        Assert.Contains("6 months", error);
        Assert.False(HistoryRange.TryCreate("day", Now.AddMonths(-7), Now, Now, 6, out _, out _));
        Assert.False(HistoryRange.TryCreate("minute", null, null, Now, 25, out _, out error));
        Assert.Contains("5m, hour, day, week, month", error);
        Assert.False(HistoryRange.TryCreate("day", Now, Now.AddDays(-1), Now, 25, out _, out error));
        Assert.Contains("from must be before to", error);
        Assert.False(HistoryRange.TryCreate("5m", Now.AddHours(-1), Now.AddYears(1), Now, 25, out _, out error));
        Assert.Contains("at most 2000", error);

        // Period over period: the same number of buckets just before, cut where retention begins.
        var week = Range("day", Now.AddDays(-7), Now);
        var before = week.Previous();
        Assert.Equal(week.BucketCount, before.BucketCount);
        Assert.Equal(week.From, before.To);
        var year = Range("day", Now.AddMonths(-12), Now);
        Assert.True(year.Previous().From >= HistoryCalendar.Floor(HistoryGranularity.Day, Now.AddMonths(-13)));
        Assert.Equal(year.From, year.Previous().To);
    }

    [Fact]
    public void Figures_are_exact_through_rescoring_a_move_across_periods_a_release_and_resent_deltas()
    {
        var history = new History();
        var lastOfNovember = new DateTimeOffset(2026, 11, 30, 23, 50, 0, TimeSpan.Zero);
        var first = C("c1", 1, 80, lastOfNovember);
        history.Apply(first);
        history.Store();

        // Re-scored after midnight: the conversation leaves November (its day, its month) for December.
        var second = C("c1", 2, 60, lastOfNovember.AddMinutes(20));
        history.Apply(second);
        history.Apply(C("c2", 1, 100, Now.AddHours(-1)));
        history.Store();
        history.Send(twice: true);

        var months = history.Read(Range("month", Now.AddMonths(-2), Now));
        Assert.Equal(new long[] { 0, 0, 2 }, months.Buckets.Select(b => b.Conversations));
        Assert.Equal(80, months.Buckets[2].Overall.Mean);
        Assert.Equal(0, history.Read(Range("day", lastOfNovember, lastOfNovember.AddHours(1))).Buckets[0].Conversations);

        // Released, then changed again: the next contribution names what it replaces, and history follows.
        Assert.True(history.Aggregate.Release(second.ToRelease(), Now));
        history.Apply(C("c1", 3, 20, lastOfNovember.AddMinutes(30)) with { Replaces = second });
        history.Store();
        var december = history.Read(Range("day", new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), Now));
        Assert.Equal(2, december.Total.Conversations);
        Assert.Equal(60, december.Total.Overall.Mean);
        Assert.Equal(1, december.Total.Overall.Histogram![20]);
        Assert.Equal(0, december.Total.Overall.Histogram![60]);

        // Not sent yet: the query adds the outbox. Sent twice: the chunk counts it once.
        history.Send(twice: true);
        Assert.True(history.Outbox.IsEmpty);
        var sent = history.Read(Range("day", new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), Now)).Total;
        Assert.Equal(2, sent.Conversations);
        Assert.Equal(december.Total.Overall.Histogram!, sent.Overall.Histogram!);
    }

    [Fact]
    public void A_delta_is_sent_only_as_stored_keeps_one_per_chunk_between_sends_and_never_changes_once_handed_off()
    {
        var history = new History();
        history.Apply(C("c1", 1, 80, Now.AddMinutes(-3)));
        Assert.False(history.Outbox.HasSendable);
        history.Store();
        Assert.True(history.Outbox.HasSendable);

        // Changed after a write stored it: one delta per chunk still, renumbered, and not sendable until stored again.
        var stored = history.State.HistoryOutbox.Select(d => d.Sequence).ToArray();
        history.Apply(C("c2", 1, 70, Now.AddMinutes(-2)));
        Assert.False(history.Outbox.HasSendable);
        Assert.Equal(4, history.State.HistoryOutbox.Count);
        Assert.All(history.State.HistoryOutbox, d => Assert.DoesNotContain(d.Sequence, stored));
        for (var i = 0; i < 20; i++)
        {
            history.Store();
            history.Apply(C($"more{i}", 1, 50, Now.AddMinutes(-1)));
        }

        Assert.Equal(4, history.State.HistoryOutbox.Count);
        history.Store();
        var taken = history.Outbox.TakeSendable();
        Assert.Equal(4, taken.Count);
        Assert.All(taken, t => Assert.Equal(22, t.Deltas.Single().Buckets.Values.Single().Conversations));

        // Handed to a send, a delta never changes (the chunk may have it): the next change opens another.
        var sentNumbers = taken.Select(t => t.Deltas[0].Sequence).ToArray();
        history.Apply(C("c3", 1, 60, Now.AddMinutes(-1)));
        Assert.Equal(8, history.State.HistoryOutbox.Count);
        Assert.Equal(sentNumbers, taken.Select(t => t.Deltas[0].Sequence));
        Assert.All(taken, t => Assert.Equal(22, t.Deltas[0].Buckets.Values.Single().Conversations));

        // That send is lost; the next one carries both deltas, and the chunk applies each once.
        history.Store();
        history.Send(twice: true);
        Assert.True(history.Outbox.IsEmpty);
        Assert.Equal(23, history.Read(Range("5m", Now.AddHours(-1), Now)).Total.Conversations);
    }

    [Fact]
    public void A_query_that_a_send_overtakes_still_counts_the_delta_once()
    {
        var history = new History();
        history.Apply(C("c1", 1, 80, Now.AddMinutes(-3)));
        history.Store();
        var range = Range("5m", Now.AddHours(-1), Now);

        // The query takes the outbox and then waits for the chunks; the pump stores and acknowledges in between.
        var pending = history.Outbox.Pending();
        var before = history.Snapshots(range);
        history.Send(twice: false);
        Assert.True(history.Outbox.IsEmpty);
        Assert.Equal(1, HistoryQuery.Build(range, HistoryQuery.Chunks(range), before, pending).Total.Conversations);
        Assert.Equal(1, HistoryQuery.Build(range, HistoryQuery.Chunks(range), history.Snapshots(range), pending).Total.Conversations);
    }

    [Fact]
    public void A_delta_sent_before_a_restart_is_never_changed_after_it()
    {
        var history = new History();
        history.Apply(C("c1", 1, 80, Now.AddMinutes(-3)));
        history.Store();
        var sent = history.Outbox.TakeSendable();
        history.ApplyToChunks(sent);

        // The acknowledgement never came; the next activation reads the stored outbox again.
        var restarted = history.Restarted();
        restarted.Apply(C("c2", 1, 40, Now.AddMinutes(-2)));
        Assert.Equal(8, restarted.State.HistoryOutbox.Count);
        restarted.Store();
        restarted.Send(twice: true);
        var total = restarted.Read(Range("5m", Now.AddHours(-1), Now)).Total;
        Assert.Equal(2, total.Conversations);
        Assert.Equal(60, total.Overall.Mean);
    }

    [Fact]
    public void Percentiles_of_a_range_come_from_merged_histograms_and_weeks_merge_their_days()
    {
        var history = new History();
        var random = new Random(7);
        var scores = new List<int>();
        for (var i = 0; i < 400; i++)
        {
            var score = random.Next(0, 101);
            var at = Now.AddDays(-random.Next(0, 60)).AddMinutes(-random.Next(0, 1440));
            if (at >= HistoryCalendar.Floor(HistoryGranularity.Week, Now.AddDays(-56)))
            {
                scores.Add(score);
            }

            history.Apply(C($"c{i}", 1, score, at, agent: $"a{i % 7}"));
        }

        history.Store();
        history.Send(twice: false);
        var weeks = history.Read(Range("week", Now.AddDays(-56), Now));
        Assert.Equal(9, weeks.Buckets.Count);
        Assert.All(weeks.Buckets, b => Assert.Equal(DayOfWeek.Monday, b.From.DayOfWeek));
        Assert.Equal(scores.Count, weeks.Buckets.Sum(b => b.Conversations));
        var sorted = scores.Order().ToArray();
        Assert.Equal(sorted[(int)Math.Ceiling(0.5 * sorted.Length) - 1], weeks.Total.Overall.P50);
        Assert.Equal(sorted[(int)Math.Ceiling(0.9 * sorted.Length) - 1], weeks.Total.Overall.P90);
        Assert.Equal(Math.Round(scores.Average(), 2), weeks.Total.Overall.Mean);
        Assert.Equal(7, weeks.Total.Leaderboard.Count);

        var days = history.Read(Range("day", weeks.From, weeks.To));
        Assert.Equal(weeks.Total.Conversations, days.Total.Conversations);
        Assert.Equal(weeks.Total.Overall.Histogram!, days.Total.Overall.Histogram!);
        Assert.Equal(weeks.Total.Criteria["greeting"].P90, days.Total.Criteria["greeting"].P90);
    }

    [Fact]
    public void Old_activity_lands_only_in_the_granularities_that_keep_it_and_expired_chunks_are_found()
    {
        var history = new History();
        history.Apply(C("old", 1, 50, Now.AddDays(-45)));
        history.Store();
        Assert.All(history.State.HistoryOutbox, d => Assert.True(d.Chunk.Granularity is HistoryGranularity.Day or HistoryGranularity.Month));
        Assert.Equal(2, history.State.HistoryChunks.Count);

        history.Apply(C("today", 1, 50, Now.AddMinutes(-1)));
        Assert.Empty(history.Outbox.Expired(Now, 25));
        var expired = history.Outbox.Expired(Now.AddDays(2), 25);
        Assert.Equal([HistoryGranularity.FiveMinutes], expired.Select(c => c.Granularity));
        // A tenant that keeps one month: October's and December's days, and 2026's months, are gone by February.
        Assert.Equal(3, history.Outbox.Expired(Now.AddMonths(2), 1).Count(c => c.Granularity is HistoryGranularity.Day or HistoryGranularity.Month));
        history.Outbox.Forget(expired[0]);
        Assert.DoesNotContain(history.State.HistoryChunks, c => c.Granularity == HistoryGranularity.FiveMinutes);
        Assert.DoesNotContain(history.State.HistoryOutbox, d => d.Chunk == expired[0]);
    }

    [Fact]
    public void A_chunk_that_straddles_retention_drops_its_expired_buckets_and_refuses_them_later()
    {
        var history = new History();
        history.Apply(C("october", 1, 40, Now.AddDays(-45)));
        history.Apply(C("november", 1, 60, Now.AddDays(-10)));
        history.Apply(C("today", 1, 80, Now.AddMinutes(-1)));
        history.Store();
        history.Send(twice: false);
        var year = HistoryChunkId.Of(HistoryGranularity.Month, HistoryCalendar.IndexOf(HistoryGranularity.Month, Now));
        var october = HistoryCalendar.IndexOf(HistoryGranularity.Month, Now.AddDays(-45));
        var november = october + 1;
        Assert.Equal([october, november, november + 1], history.Chunk(year).Buckets.Keys.Order());

        // Kept 25 months, nothing of this year's chunk is old enough; kept one month, October is.
        Assert.Empty(history.Outbox.Trimmable(Now, 25));
        var trimmable = history.Outbox.Trimmable(Now, 1);
        Assert.Equal([(year, november)], trimmable);
        Assert.True(history.Chunk(year).Trim(november));
        Assert.Equal([november, november + 1], history.Chunk(year).Buckets.Keys.Order());
        Assert.Equal(2, history.Read(Range("month", Now.AddMonths(-1), Now, months: 1)).Total.Conversations);

        // Asked again: nothing to drop, nothing to store; once stored, the aggregate does not ask until the edge moves.
        Assert.False(history.Chunk(year).Trim(november));
        history.Outbox.Trimmed(year, november);
        Assert.Empty(history.Outbox.Trimmable(Now, 1));
        Assert.Equal([(year, november + 1)], history.Outbox.Trimmable(Now.AddMonths(1), 1).Where(t => t.Chunk.Granularity == HistoryGranularity.Month));

        // A late re-score of the October conversation cannot bring its month back; November's change still lands.
        var late = new HistoryDelta { Chunk = year, Sequence = history.Chunk(year).LastSequence + 1 };
        late.Buckets[october] = new AggregateBucket { Conversations = 1 };
        late.Buckets[november] = new AggregateBucket { Conversations = 1 };
        Assert.True(history.Chunk(year).Apply([late]));
        Assert.Equal([november, november + 1], history.Chunk(year).Buckets.Keys.Order());
        Assert.Equal(2, history.Chunk(year).Buckets[november].Conversations);

        // The daily chunk of October is wholly expired and goes whole; November's first day is still kept.
        Assert.Contains(history.Outbox.Expired(Now, 1), c => c.Granularity == HistoryGranularity.Day && c.End <= Now.AddMonths(-1));
        Assert.DoesNotContain(trimmable, t => t.Chunk.Granularity == HistoryGranularity.Day);
    }

    /// <summary>An aggregate with its history as the grain runs it, and its chunks in memory.</summary>
    private sealed class History
    {
        private readonly Dictionary<HistoryChunkId, HistoryChunkState> _chunks;

        public History(AggregateState? state = null, Dictionary<HistoryChunkId, HistoryChunkState>? chunks = null)
        {
            State = state ?? new AggregateState();
            _chunks = chunks ?? [];
            Aggregate = new WindowedAggregate(State, Packing.Contributions, trackAgents: true);
            Outbox = new HistoryOutbox(State, trackAgents: true);
        }

        public AggregateState State { get; }

        /// <summary>A new activation over the same stored state (a copy, as storage would give it) and the same chunks.</summary>
        public History Restarted()
        {
            var serializer = new ServiceCollection().AddSerializer().BuildServiceProvider()
                .GetRequiredService<Serializer>();
            return new History(serializer.Deserialize<AggregateState>(serializer.SerializeToArray(State)), _chunks);
        }

        public void ApplyToChunks(IEnumerable<(HistoryChunkId Chunk, IReadOnlyList<HistoryDelta> Deltas)> sends)
        {
            foreach (var (chunk, deltas) in sends)
            {
                var state = _chunks.TryGetValue(chunk, out var s) ? s : _chunks[chunk] = new HistoryChunkState();
                state.Apply(deltas);
            }
        }

        public WindowedAggregate Aggregate { get; }

        public HistoryOutbox Outbox { get; }

        public HistoryChunkState Chunk(HistoryChunkId chunk) => _chunks[chunk];

        public void Apply(ScoreContribution contribution)
        {
            if (Aggregate.Apply(contribution, Now, out var previous))
            {
                Outbox.Record(previous, contribution, Now);
            }
        }

        public void Store() => Outbox.Stored(Outbox.Seal());

        public void Send(bool twice)
        {
            foreach (var (chunk, deltas) in Outbox.TakeSendable())
            {
                var state = _chunks.TryGetValue(chunk, out var s) ? s : _chunks[chunk] = new HistoryChunkState();
                Assert.True(state.Apply(deltas));
                Assert.False(twice && state.Apply(deltas));
                Outbox.Acknowledge(chunk, deltas[^1].Sequence);
            }
        }

        public HistoryPeriod Read(HistoryRange range) => HistoryQuery.Build(range, HistoryQuery.Chunks(range), Snapshots(range), Outbox.Pending());

        /// <summary>Copies, as a grain call returns them.</summary>
        public HistoryChunkSnapshot[] Snapshots(HistoryRange range) =>
            HistoryQuery.Chunks(range)
                .Select(c => _chunks.TryGetValue(c, out var s) ? new HistoryChunkSnapshot(s.LastSequence, s.Buckets.ToDictionary(b => b.Key, b => Copy(b.Value))) : new HistoryChunkSnapshot(0, []))
                .ToArray();

        private static AggregateBucket Copy(AggregateBucket bucket)
        {
            var copy = new AggregateBucket();
            copy.Add(bucket);
            return copy;
        }
    }
}
