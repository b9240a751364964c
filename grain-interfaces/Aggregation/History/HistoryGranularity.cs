namespace CraftCX.Aggregation.History;

/// <summary>The bucket sizes history is kept in (weeks are merged from days).</summary>
public enum HistoryGranularity
{
    FiveMinutes,
    Hour,
    Day,
    Week,
    Month,
}
