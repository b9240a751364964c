using CraftCX.Events;

namespace CraftCX.Scoring;

/// <summary>Rejects scorecards that would make scores meaningless: no criteria, duplicate ids, bad weights or targets.</summary>
public static class ScorecardValidator
{
    public static void EnsureValid(Scorecard scorecard)
    {
        var errors = Validate(scorecard).ToList();
        if (errors.Count > 0)
        {
            throw new ArgumentException($"Scorecard '{scorecard.Id}' is not valid: {string.Join("; ", errors)}.", nameof(scorecard));
        }
    }

    public static IEnumerable<string> Validate(Scorecard scorecard)
    {
        if (!IdRules.IsValidId(scorecard.Id)) { yield return "id must match [A-Za-z0-9._:-]{1,128}"; }
        if (scorecard.Criteria is null || scorecard.Criteria.Count == 0)
        {
            yield return "it needs at least one criterion";
            yield break;
        }

        if (scorecard.Criteria.Count > 50) { yield return "it may have at most 50 criteria"; }
        if (scorecard.Sla is null || scorecard.Sla.FirstResponseSeconds <= 0 || scorecard.Sla.ResponseSeconds <= 0)
        {
            yield return "SLA targets must be positive numbers of seconds";
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var criterion in scorecard.Criteria)
        {
            if (!IdRules.IsValidId(criterion.Id)) { yield return $"criterion id '{criterion.Id}' must match [A-Za-z0-9._:-]{{1,128}}"; }
            else if (!seen.Add(criterion.Id)) { yield return $"criterion id '{criterion.Id}' appears twice"; }
            if (!Enum.IsDefined(criterion.Kind)) { yield return $"criterion '{criterion.Id}' has an unknown kind"; }
            if (!(criterion.Weight > 0 && criterion.Weight <= 1000)) { yield return $"criterion '{criterion.Id}' weight must be in (0, 1000]"; }
            if (criterion.AutoFailBelow is < 1 or > 100) { yield return $"criterion '{criterion.Id}' autoFailBelow must be 1..100"; }
            if (criterion.Phrases is { } phrases && (phrases.Count == 0 || phrases.Count > 500 || phrases.Any(string.IsNullOrWhiteSpace)))
            {
                yield return $"criterion '{criterion.Id}' phrases must be 1..500 non-empty strings when set";
            }
        }
    }
}
