using CraftCX.Events;

namespace CraftCX.Reviews;

/// <summary>What makes a review, a dispute and a dispute decision acceptable; each problem names its field.</summary>
internal static class ReviewRules
{
    public static List<string> Check(ReviewSubmission? submission, IReadOnlyCollection<string> criterionIds, ReviewOptions options)
    {
        var problems = new List<string>();
        if (submission is null)
        {
            problems.Add("body: a review with reviewerId and scores is required");
            return problems;
        }

        CheckId(problems, "reviewerId", submission.ReviewerId);
        CheckText(problems, "comment", submission.Comment, required: false, options);
        if (submission.Scores.IsDefaultOrEmpty)
        {
            problems.Add("scores: at least one criterion score is required");
            return problems;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < submission.Scores.Length; i++)
        {
            var score = submission.Scores[i];
            var field = $"scores[{i}]";
            if (score is null)
            {
                problems.Add($"{field}: must be an object with criterionId and score");
                continue;
            }

            if (string.IsNullOrEmpty(score.CriterionId) || !criterionIds.Contains(score.CriterionId))
            {
                problems.Add($"{field}.criterionId: '{score.CriterionId}' is not a criterion of the tenant's scorecard ({string.Join(", ", criterionIds)})");
            }
            else if (!seen.Add(score.CriterionId))
            {
                problems.Add($"{field}.criterionId: '{score.CriterionId}' is scored twice");
            }

            if (score.Score is < 0 or > 100)
            {
                problems.Add($"{field}.score: {score.Score} is outside 0–100");
            }

            CheckText(problems, $"{field}.comment", score.Comment, required: false, options);
        }

        return problems;
    }

    public static List<string> Check(DisputeSubmission? dispute, ReviewOptions options)
    {
        var problems = new List<string>();
        if (dispute is null)
        {
            problems.Add("body: a dispute with agentId and reason is required");
            return problems;
        }

        CheckId(problems, "agentId", dispute.AgentId);
        CheckText(problems, "reason", dispute.Reason, required: true, options);
        return problems;
    }

    public static List<string> Check(DisputeDecision? decision, ReviewOptions options)
    {
        var problems = new List<string>();
        if (decision is null)
        {
            problems.Add("body: a decision with decidedBy and outcome is required");
            return problems;
        }

        CheckId(problems, "decidedBy", decision.DecidedBy);
        if (decision.Outcome is not (DisputeStatus.Accepted or DisputeStatus.Rejected))
        {
            problems.Add($"outcome: must be '{DisputeStatus.Accepted}' (the review no longer counts) or '{DisputeStatus.Rejected}' (it stands), not '{decision.Outcome}'");
        }

        CheckText(problems, "comment", decision.Comment, required: false, options);
        return problems;
    }

    private static void CheckId(List<string> problems, string field, string? value)
    {
        if (!IdRules.IsValidId(value))
        {
            problems.Add($"{field}: required, 1–{IdRules.MaxIdLength} of A-Z a-z 0-9 . _ : -");
        }
    }

    private static void CheckText(List<string> problems, string field, string? value, bool required, ReviewOptions options)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                problems.Add($"{field}: required");
            }
        }
        else if (value.Length > options.MaxCommentLength)
        {
            problems.Add($"{field}: {value.Length} characters, at most {options.MaxCommentLength}");
        }
    }
}
