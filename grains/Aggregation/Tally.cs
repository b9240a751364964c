namespace CraftCX.Aggregation;

/// <summary>A count and a sum of scores, enough for an exact mean.</summary>
[GenerateSerializer, Alias("craftcx.tally.v1")]
internal sealed class Tally
{
    [Id(0)] public long Count { get; set; }
    [Id(1)] public long Sum { get; set; }
    [Id(2)] public bool IsBot { get; set; }
}
