using CraftCX.Privacy;

namespace CraftCX.Tests.Retention;

/// <summary>How closed conversations are filed by day and shard, and when a whole day is due.</summary>
[Trait("Category", "Unit")]
public sealed class RetentionBucketsTests
{
    private static readonly DateOnly Day = new(2026, 12, 1);
    private static readonly TimeSpan Window = TimeSpan.FromDays(7);

    [Fact]
    public void A_close_is_filed_under_its_utc_day_in_a_stable_shard()
    {
        Assert.Equal(Day, RetentionBuckets.DayOf(new DateTimeOffset(2026, 12, 2, 0, 30, 0, TimeSpan.FromHours(1))));
        var shards = Enumerable.Range(0, 10_000).Select(i => RetentionBuckets.ShardOf($"c-{i}")).ToList();
        Assert.All(shards, s => Assert.InRange(s, 0, RetentionBuckets.Shards - 1));
        Assert.Equal(RetentionBuckets.Shards, shards.Distinct().Count());
        Assert.Equal(RetentionBuckets.ShardOf("c-7"), RetentionBuckets.ShardOf("c-7"));

        var key = RetentionBuckets.Key("acme", Day, 3);
        Assert.Equal("acme/20261201/3", key);
        Assert.Equal(("acme", Day), RetentionBuckets.Parse(key));
    }

    [Fact]
    public void A_day_is_due_once_its_last_moment_has_passed_the_period()
    {
        var policy = new RetentionPolicy(TranscriptDays: 2, DerivedDays: 10);
        var dayEnd = new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero);

        Assert.Equal(RetentionDue.Nothing, RetentionBuckets.DueFor(policy, Day, RetentionStage.Indexed, dayEnd.AddDays(2).AddTicks(-1), Window));
        Assert.Equal(RetentionDue.PurgePersonalData, RetentionBuckets.DueFor(policy, Day, RetentionStage.Indexed, dayEnd.AddDays(2), Window));
        Assert.Equal(RetentionDue.Nothing, RetentionBuckets.DueFor(policy, Day, RetentionStage.PersonalDataPurged, dayEnd.AddDays(5), Window));
        Assert.Equal(RetentionDue.Delete, RetentionBuckets.DueFor(policy, Day, RetentionStage.PersonalDataPurged, dayEnd.AddDays(10), Window));
        Assert.Equal(RetentionDue.Nothing, RetentionBuckets.DueFor(policy, Day, RetentionStage.Tombstoned, dayEnd.AddDays(17).AddTicks(-1), Window));
        Assert.Equal(RetentionDue.Forget, RetentionBuckets.DueFor(policy, Day, RetentionStage.Tombstoned, dayEnd.AddDays(17), Window));
        Assert.Equal(RetentionDue.Nothing, RetentionBuckets.DueFor(new RetentionPolicy(), Day, RetentionStage.Indexed, dayEnd.AddYears(30), Window));
    }
}
