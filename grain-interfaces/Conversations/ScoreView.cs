namespace CraftCX.Conversations;

/// <summary>A conversation's weighted overall score, its confidence and its criteria.</summary>
/// <param name="Overall">Weighted mean of the judged criteria; 0 when an auto-fail criterion failed; null before any is judged.</param>
/// <param name="Confidence">0–1: how much of the scorecard could be judged and on how much evidence.</param>
[GenerateSerializer, Immutable, Alias("craftcx.score-view.v1")]
public sealed record ScoreView(
    [property: Id(0)] int? Overall,
    [property: Id(1)] bool AutoFailed,
    [property: Id(2)] double Confidence,
    [property: Id(3)] string ScorecardId,
    [property: Id(4)] int ScorecardVersion,
    [property: Id(5)] IReadOnlyList<CriterionScoreView> Criteria);
