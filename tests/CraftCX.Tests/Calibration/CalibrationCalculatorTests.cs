using System.Collections.Immutable;
using CraftCX.Calibration;
using CraftCX.Reviews;

namespace CraftCX.Tests.Calibration;

/// <summary>Which score pairs calibration compares, and the figures it reports for them.</summary>
[Trait("Category", "Unit")]
public sealed class CalibrationCalculatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Every_reviewer_is_paired_with_the_ai_the_rule_scorer_and_each_other_reviewer_per_criterion()
    {
        var sample = Sample("c1",
            ai: [("greeting", 80), ("clarity", 60)],
            rule: [("greeting", 70)],
            ("alice", [("greeting", 85), ("clarity", 40)]),
            ("bob", [("greeting", 75)]));

        var view = CalibrationCalculator.Compute("t", "floor", [sample]);

        var greeting = view.Criteria.Single(c => c.CriterionId == "greeting");
        Assert.Equal(2, greeting.AiVsHuman.Pairs);
        Assert.Equal(5, greeting.AiVsHuman.MeanAbsoluteDifference);
        Assert.Equal(1, greeting.AiVsHuman.ShareWithin10);
        Assert.Equal(2, greeting.RuleVsHuman.Pairs);
        Assert.Equal(10, greeting.RuleVsHuman.MeanAbsoluteDifference);
        Assert.Equal(0.5, greeting.RuleVsHuman.ShareWithin10);
        Assert.Equal(1, greeting.HumanVsHuman.Pairs);
        Assert.Equal(10, greeting.HumanVsHuman.MeanAbsoluteDifference);

        var clarity = view.Criteria.Single(c => c.CriterionId == "clarity");
        Assert.Equal(1, clarity.AiVsHuman.Pairs);
        Assert.Equal(20, clarity.AiVsHuman.MeanAbsoluteDifference);
        Assert.Equal(0, clarity.RuleVsHuman.Pairs);
        Assert.Null(clarity.RuleVsHuman.MeanAbsoluteDifference);
        Assert.Equal(0, clarity.HumanVsHuman.Pairs);

        Assert.Equal(CalibrationCalculator.AllCriteria, view.All.CriterionId);
        Assert.Equal(3, view.All.AiVsHuman.Pairs);
        Assert.Equal(10, view.All.AiVsHuman.MeanAbsoluteDifference);
        Assert.Equal(new[] { "clarity", "greeting" }, view.Criteria.Select(c => c.CriterionId));
    }

    [Fact]
    public void Kappa_over_several_conversations_is_the_kappa_of_all_their_pairs()
    {
        var samples = new[]
        {
            Sample("c1", [("resolution", 90)], [], ("alice", [("resolution", 95)])),
            Sample("c2", [("resolution", 30)], [], ("alice", [("resolution", 20)])),
            Sample("c3", [("resolution", 55)], [], ("alice", [("resolution", 75)])),
            Sample("c4", [("resolution", 10)], [], ("bob", [("resolution", 90)])),
        };

        var view = CalibrationCalculator.Compute("t", "floor", samples);

        var expected = AgreementStatistics.Compute([(90, 95), (30, 20), (55, 75), (10, 90)]);
        Assert.Equal(expected, view.Criteria.Single().AiVsHuman);
        Assert.NotNull(expected.WeightedKappa);
        Assert.Equal(4, view.ReviewedConversations);
        Assert.Equal(4, view.Reviews);
    }

    [Fact]
    public void Only_a_reviewers_latest_counting_review_is_a_rating()
    {
        var context = new ReviewContext("floor", "ana", ["ana"], ["greeting", "clarity"], [], [new ScoredCriterion("greeting", 80)], Closed: true, AiRevision: 1);
        var reviews = new[]
        {
            Review("r1", "alice", ("greeting", 20)),
            Review("r2", "alice", ("greeting", 78)),
            Review("r3", "bob", ("greeting", 10)) with { Dispute = new ReviewDispute("ana", "unfair", Now, DisputeStatus.Accepted) },
            Review("r4", "carol", ("greeting", 60)) with { Dispute = new ReviewDispute("ana", "unfair", Now, DisputeStatus.Open) },
        };

        var sample = CalibrationSamples.Create("c1", context, reviews, Now, version: 7);

        Assert.Equal(new[] { "alice", "carol" }, sample.Reviews.Select(r => r.ReviewerId));
        Assert.Equal(78, sample.Reviews[0].Scores.Single().Score);
        Assert.Equal(1, sample.OpenDisputes);
        Assert.Equal(1, sample.AcceptedDisputes);
        Assert.Equal(7, sample.Version);
        var view = CalibrationCalculator.Compute("t", "floor", [sample]);
        Assert.Equal(2, view.Criteria.Single().AiVsHuman.Pairs);
        Assert.Equal(11, view.Criteria.Single().AiVsHuman.MeanAbsoluteDifference);
    }

    [Fact]
    public void A_sample_version_orders_review_changes_first_then_ai_revisions()
    {
        Assert.True(CalibrationSamples.Version(5, 1) < CalibrationSamples.Version(5, 2));
        Assert.True(CalibrationSamples.Version(5, 900) < CalibrationSamples.Version(6, 0));
        Assert.True(CalibrationSamples.Version(0, 0) < CalibrationSamples.Version(0, 1));
    }

    [Fact]
    public void No_reviews_give_empty_figures_not_zeros()
    {
        var view = CalibrationCalculator.Compute("t", "floor", []);

        Assert.Empty(view.Criteria);
        Assert.Equal(0, view.All.AiVsHuman.Pairs);
        Assert.Null(view.All.AiVsHuman.MeanAbsoluteDifference);
        Assert.Null(view.All.HumanVsHuman.WeightedKappa);
    }

    private static ConversationReview Review(string id, string reviewer, params (string Criterion, int Score)[] scores) =>
        new(id, reviewer, Now, [.. scores.Select(s => new ReviewCriterionScore(s.Criterion, s.Score))], null, null, null);

    private static CalibrationSample Sample(string conversation, (string, int)[] ai, (string, int)[] rule, params (string Reviewer, (string, int)[] Scores)[] reviews) =>
        new(conversation, Scores(ai), Scores(rule), [.. reviews.Select(r => new CalibrationReview(r.Reviewer, Scores(r.Scores)))], 0, 0, Now, 1);

    private static ImmutableArray<ScoredCriterion> Scores((string Criterion, int Score)[] scores) =>
        [.. scores.Select(s => new ScoredCriterion(s.Criterion, s.Score))];
}
