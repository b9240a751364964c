namespace CraftCX.Aggregation;

/// <summary>Overall and per-criterion tallies of the conversations of one <see cref="HandledBy"/> kind.</summary>
[GenerateSerializer, Alias("craftcx.handler-tally.v1")]
internal sealed class HandlerTally
{
    [Id(0)] public Tally Overall { get; set; } = new();
    [Id(1)] public Dictionary<string, Tally> Criteria { get; set; } = new(StringComparer.Ordinal);

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
