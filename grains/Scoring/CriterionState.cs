namespace CraftCX.Scoring;

/// <summary>
/// Running figures of one criterion. The fields are generic on purpose (each rule documents what it keeps
/// in them), so that one small serialisable class carries every rule's state.
/// </summary>
[GenerateSerializer, Alias("craftcx.criterion-state.v1")]
public sealed class CriterionState
{
    public const int MaxEvidence = 5;

    [Id(0)] public int Count { get; set; }
    [Id(1)] public int Hits { get; set; }
    [Id(2)] public int Misses { get; set; }
    [Id(3)] public double Sum { get; set; }
    [Id(4)] public int Penalty { get; set; }
    [Id(5)] public bool Flag { get; set; }
    [Id(6)] public List<string> Evidence { get; set; } = [];

    public void AddEvidence(string messageId)
    {
        if (Evidence.Count < MaxEvidence && !Evidence.Contains(messageId))
        {
            Evidence.Add(messageId);
        }
    }
}
