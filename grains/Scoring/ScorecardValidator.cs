using CraftCX.Events;

namespace CraftCX.Scoring;

/// <summary>
/// Rejects scorecards that would make scores meaningless (no criteria, duplicate ids, bad weights or targets) or
/// that exceed the limits every silo compiles and every AI prompt carries.
/// </summary>
internal static class ScorecardValidator
{
    public const int MaxCriteria = 50;
    public const int MaxNameLength = 200;
    public const int MaxPhraseLength = 200;
    public const int MaxPhrasesPerCriterion = 500;
    public const int MaxPhrasesPerScorecard = 2000;

    /// <summary>A week: a target beyond it measures nothing a customer would wait for.</summary>
    public const int MaxSlaSeconds = 7 * 24 * 3600;

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

        if (scorecard.Criteria.Count > MaxCriteria)
        {
            // Not looked at one by one: the count alone makes it invalid.
            yield return $"it may have at most {MaxCriteria} criteria";
            yield break;
        }

        if (scorecard.Criteria.Any(c => c is null))
        {
            yield return "a criterion is null";
            yield break;
        }

        var phraseCount = scorecard.Criteria.Sum(c => c.Phrases?.Count ?? 0);
        if (phraseCount > MaxPhrasesPerScorecard) { yield return $"it may have at most {MaxPhrasesPerScorecard} phrases in all (has {phraseCount})"; }
        if (scorecard.Sla is null || scorecard.Sla.FirstResponseSeconds <= 0 || scorecard.Sla.ResponseSeconds <= 0)
        {
            yield return "SLA targets must be positive numbers of seconds";
        }

        foreach (var (channel, targets) in scorecard.Sla?.Channels ?? new Dictionary<string, ChannelSla>())
        {
            if (!ChannelKinds.All.Contains(channel, StringComparer.Ordinal))
            {
                yield return $"SLA channel '{(channel.Length > 32 ? channel[..32] + "…" : channel)}' is not one of {string.Join(", ", ChannelKinds.All)}";
            }
            else if (targets is null || targets.FirstResponseSeconds is <= 0 or > MaxSlaSeconds || targets.ResponseSeconds is <= 0 or > MaxSlaSeconds)
            {
                yield return $"SLA targets of channel '{channel}' must be 1..{MaxSlaSeconds} seconds";
            }
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var criterion in scorecard.Criteria)
        {
            if (!IdRules.IsValidId(criterion.Id)) { yield return $"criterion id '{criterion.Id}' must match [A-Za-z0-9._:-]{{1,128}}"; }
            else if (!seen.Add(criterion.Id)) { yield return $"criterion id '{criterion.Id}' appears twice"; }
            if (!IsDisplayable(criterion.Name, MaxNameLength)) { yield return $"criterion '{criterion.Id}' name must be 1..{MaxNameLength} characters without control characters"; }
            if (!Enum.IsDefined(criterion.Kind)) { yield return $"criterion '{criterion.Id}' has an unknown kind"; }
            if (!(criterion.Weight > 0 && criterion.Weight <= 1000)) { yield return $"criterion '{criterion.Id}' weight must be in (0, 1000]"; }
            if (criterion.AutoFailBelow is < 1 or > 100) { yield return $"criterion '{criterion.Id}' autoFailBelow must be 1..100"; }
            if (criterion.Phrases is { } phrases && (phrases.Count == 0 || phrases.Count > MaxPhrasesPerCriterion
                || phrases.Any(p => string.IsNullOrWhiteSpace(p) || !IsDisplayable(p, MaxPhraseLength))))
            {
                yield return $"criterion '{criterion.Id}' phrases must be 1..{MaxPhrasesPerCriterion} non-empty strings of at most {MaxPhraseLength} characters without control characters when set";
            }
        }
    }

    private static bool IsDisplayable(string? text, int maxLength) =>
        !string.IsNullOrWhiteSpace(text) && text.Length <= maxLength && !text.Any(char.IsControl) && !TextRules.HasLoneSurrogate(text);
}
