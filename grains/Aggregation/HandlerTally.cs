namespace CraftCX.Aggregation;

/// <summary>Overall and per-criterion tallies of the conversations of one <see cref="HandledBy"/> kind.</summary>
[GenerateSerializer, Alias("craftcx.handler-tally.v1")]
internal sealed class HandlerTally
{
    [Id(0)] public Tally Overall { get; set; } = new();
    [Id(1)] public Dictionary<string, Tally> Criteria { get; set; } = new(StringComparer.Ordinal);

    public bool IsZero => Overall.Count == 0 && Overall.Sum == 0 && Criteria.Values.All(t => t.Count == 0 && t.Sum == 0);

    public void Add(HandlerTally other)
    {
        Overall.Count += other.Overall.Count;
        Overall.Sum += other.Overall.Sum;
        foreach (var (criterionId, tally) in other.Criteria)
        {
            if (!Criteria.TryGetValue(criterionId, out var mine))
            {
                mine = new Tally();
                Criteria[criterionId] = mine;
            }

            mine.Count += tally.Count;
            mine.Sum += tally.Sum;
        }
    }

    public void Apply(ScoreContribution c, int sign)
    {
        Overall.Count += sign;
        Overall.Sum += sign * c.Overall;
        foreach (var criterion in c.Criteria)
        {
            if (!Criteria.TryGetValue(criterion.CriterionId, out var tally))
            {
                tally = new Tally();
                Criteria[criterion.CriterionId] = tally;
            }

            tally.Count += sign;
            tally.Sum += sign * criterion.Score;
        }
    }
}
