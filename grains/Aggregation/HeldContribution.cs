namespace CraftCX.Aggregation;

/// <summary>A conversation's contribution an aggregate still holds, with when it arrived.</summary>
[GenerateSerializer, Alias("craftcx.held-contribution.v1")]
internal sealed class HeldContribution
{
    /// <summary>Written by builds before contributions were packed; packed when its aggregate activates.</summary>
    [Id(0)] public ScoreContribution? Contribution { get; set; }

    /// <summary>The aggregate's clock, not the conversation's activity: an import's contributions are old on arrival.</summary>
    [Id(1)] public DateTimeOffset AppliedAt { get; set; }

    /// <summary>The held contribution's version and revision, which recognise a copy without unpacking it.</summary>
    [Id(2)] public long Version { get; set; }

    [Id(3)] public int Revision { get; set; }

    /// <summary>The contribution, serialized alone (see <see cref="ContributionPacker"/>); read back only when it is replaced.</summary>
    [Id(4)] public byte[]? Packed { get; set; }
}
