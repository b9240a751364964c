namespace CraftCX.Privacy;

/// <summary>Stored retention state of a tenant: its indexed days and the last finished sweep.</summary>
[GenerateSerializer, Alias("craftcx.retention-state.v1")]
internal sealed class RetentionState
{
    /// <summary>Indexed days and how far retention has gone with each.</summary>
    [Id(0)] public SortedDictionary<DateOnly, RetentionStage> Days { get; set; } = [];

    [Id(1)] public RetentionSweepReport? LastSweep { get; set; }
}
