namespace CraftCX.Aggregation;

/// <summary>A conversation's contribution an aggregate still holds, with when it arrived.</summary>
[GenerateSerializer, Alias("craftcx.held-contribution.v1")]
internal sealed class HeldContribution
{
    [Id(0)] public required ScoreContribution Contribution { get; set; }

    /// <summary>The aggregate's clock, not the conversation's activity: an import's contributions are old on arrival.</summary>
    [Id(1)] public DateTimeOffset AppliedAt { get; set; }
}
