using CraftCX.Assessments;
using CraftCX.Conversations;
using CraftCX.Scoring;

namespace CraftCX.Tests.Assessments;

/// <summary>When a conversation asks for an assessment, and what each outcome does to its AI state.</summary>
[Trait("Category", "Unit")]
public sealed class AssessmentLifecycleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Debounce = TimeSpan.FromMinutes(5);

    private static ScoreResult Score(bool autoFailed) => new(autoFailed ? 0 : 80, autoFailed, 0.5, []);

    [Fact]
    public void Closing_asks_once_and_replaces_a_pending_risk_request()
    {
        var state = new ConversationState();
        state.Scorer.SlaBreaches = 1;
        Assert.True(AssessmentRequests.Observe(state, wasClosed: false, Score(false), Now, Debounce));
        Assert.Equal(AssessmentTriggers.Risk, state.Ai.Pending!.Trigger);

        state.ClosedAt = Now.AddMinutes(1);
        Assert.True(AssessmentRequests.Observe(state, wasClosed: false, Score(false), Now.AddMinutes(1), Debounce));
        Assert.Equal(AssessmentTriggers.Closed, state.Ai.Pending!.Trigger);
        Assert.False(AssessmentRequests.Observe(state, wasClosed: true, Score(true), Now.AddMinutes(2), Debounce));
    }

    [Fact]
    public void Only_a_new_risk_flag_asks_and_at_most_once_per_debounce_interval()
    {
        var state = new ConversationState();
        Assert.False(AssessmentRequests.Observe(state, false, Score(false), Now, Debounce));
        Assert.True(AssessmentRequests.Observe(state, false, Score(true), Now, Debounce));
        state.Ai.Pending = null;

        // Still failed: not new. Another SLA breach is new, but within the debounce interval.
        Assert.False(AssessmentRequests.Observe(state, false, Score(true), Now.AddMinutes(1), Debounce));
        state.Scorer.SlaBreaches = 1;
        Assert.False(AssessmentRequests.Observe(state, false, Score(true), Now.AddMinutes(2), Debounce));
        state.Scorer.SlaBreaches = 2;
        Assert.True(AssessmentRequests.Observe(state, false, Score(true), Now.AddMinutes(6), Debounce));
    }

    [Fact]
    public void A_success_applies_the_record_raises_the_revision_and_clears_the_request()
    {
        var ai = new ConversationAiState { Pending = new PendingAssessment(AssessmentTriggers.Closed, Now, 2, Now, "circuit-open"), LastProblem = "failed: x" };
        Assert.True(AssessmentCompletion.Apply(ai, AssessmentOutcome.Succeeded(Record(AssessmentTriggers.Closed)), Now));
        Assert.Null(ai.Pending);
        Assert.Equal(1, ai.Revision);
        Assert.NotNull(ai.Latest);
        Assert.Null(ai.LastProblem);
    }

    [Fact]
    public void A_risk_assessment_finishing_after_the_close_leaves_the_closing_one_pending()
    {
        var ai = new ConversationAiState { Pending = new PendingAssessment(AssessmentTriggers.Closed, Now, 0, null, null) };
        Assert.True(AssessmentCompletion.Apply(ai, AssessmentOutcome.Succeeded(Record(AssessmentTriggers.Risk)), Now));
        Assert.Equal(AssessmentTriggers.Closed, ai.Pending!.Trigger);
    }

    [Fact]
    public void A_wait_keeps_the_request_with_its_reason_and_ends_are_visible()
    {
        var ai = new ConversationAiState { Pending = new PendingAssessment(AssessmentTriggers.Closed, Now, 0, null, null) };
        Assert.False(AssessmentCompletion.Apply(ai, AssessmentOutcome.Wait("budget-minute", Now.AddSeconds(40)), Now));
        Assert.Equal(new PendingAssessment(AssessmentTriggers.Closed, Now, 1, Now.AddSeconds(40), "budget-minute"), ai.Pending);

        Assert.False(AssessmentCompletion.Apply(ai, AssessmentOutcome.Failed("invalid-answer: $.criteria: criterion 'greeting' is missing"), Now));
        Assert.Null(ai.Pending);
        Assert.StartsWith("failed: invalid-answer", ai.LastProblem);

        ai.Pending = new PendingAssessment(AssessmentTriggers.Risk, Now, 0, null, null);
        AssessmentCompletion.Apply(ai, AssessmentOutcome.Skip("budget-day"), Now);
        Assert.Equal("skipped: budget-day", ai.LastProblem);
        Assert.Null(ai.Latest);
        Assert.Equal(0, ai.Revision);
    }

    private static AiAssessmentRecord Record(string trigger) => new(
        new AiAssessmentContent([], new AiScoredValue("s", 1), new AiClassifications(new("refund", 1), new("i", 1), new("resolved", 1), new("low", 1), new("low", 1)), []),
        new AiProvenance("gpt-test", "qa", AssessmentPrompt.Version, Now),
        new AiTokenUsage(100, 50),
        7,
        trigger,
        0);
}
