namespace CraftCX.Aggregation;

/// <summary>
/// The per-silo pre-aggregator: collects contributions, keeps only the newest per conversation and target,
/// and flushes them to the aggregate grains on a short timer.
/// </summary>
[Alias("craftcx.IScoreAggregationBatcherGrain")]
public interface IScoreAggregationBatcherGrain : IGrainWithIntegerKey
{
    /// <summary>Completes once every update has been applied by its aggregate grain.</summary>
    Task PublishAsync([Immutable] IReadOnlyList<AggregateUpdate> updates);

    /// <summary>Completes once every release has been taken (and stored) by its aggregate grain.</summary>
    Task ReleaseAsync([Immutable] IReadOnlyList<AggregateRelease> releases);
}
