namespace CraftCX.Assessments;

/// <summary>A tenant's AI usage: this minute, today, and in total.</summary>
[GenerateSerializer, Immutable, Alias("craftcx.ai-usage-view.v1")]
public sealed record AiUsageView(
    [property: Id(0)] long TokensThisMinute,
    [property: Id(1)] long TokensToday,
    [property: Id(2)] long TokensTotal,
    [property: Id(3)] long Assessments);
