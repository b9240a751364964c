using System.Collections.Immutable;
using CraftCX.Assessments;
using CraftCX.Conversations;
using CraftCX.Events;
using CraftCX.Privacy;

namespace CraftCX.Tests.Retention;

/// <summary>What a purge removes from a conversation's state, and what it keeps for the scores.</summary>
[Trait("Category", "Unit")]
public sealed class PersonalDataPurgeTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Transcript_identifiers_subject_and_the_ai_free_text_go_while_scores_and_labels_stay()
    {
        var state = StateWithPersonalData();
        Assert.True(PersonalDataPurge.Apply(state, Now));

        Assert.Empty(state.Transcript);
        Assert.Null(state.Customer);
        Assert.Null(state.Subject);
        Assert.Null(state.Ai.Pending);
        var content = state.Ai.Latest!.Content;
        Assert.Equal(string.Empty, content.Summary.Value);
        Assert.Empty(content.Recommendations);
        Assert.All(content.Criteria, c => Assert.Equal(string.Empty, c.Explanation));
        Assert.Equal(string.Empty, content.Classifications.Intent.Value);
        Assert.Equal("billing", content.Classifications.Topic.Value);
        Assert.Null(state.Ai.LastProblem);
        Assert.Equal(Now, state.PersonalDataPurgedAt);

        // What the aggregates and the scorecard read is untouched.
        Assert.Equal(85, Assert.Single(content.Criteria).Score);
        Assert.Equal(0.5, content.Summary.Confidence);
        Assert.Equal(["billing"], state.Tags);
        Assert.Equal(12, state.Messages);
        Assert.Equal(41, state.LastSequence);
    }

    [Fact]
    public void A_second_purge_finds_nothing_and_keeps_the_first_time()
    {
        var state = StateWithPersonalData();
        Assert.True(PersonalDataPurge.Apply(state, Now));
        Assert.False(PersonalDataPurge.Apply(state, Now.AddDays(1)));
        Assert.Equal(Now, state.PersonalDataPurgedAt);
    }

    private static ConversationState StateWithPersonalData()
    {
        var state = new ConversationState
        {
            Exists = true,
            Subject = "Refund for Crystal Minh",
            Customer = new CustomerRef("cminh", "crystal.minh@example.com", "(977) 625-2661", "Crystal Minh"),
            Messages = 12,
            LastSequence = 41,
            ClosedAt = Now.AddDays(-40),
            Tags = ["billing"],
        };
        state.Transcript.Add(TranscriptCodec.Encode(new TranscriptMessage("m1", AuthorRole.Customer, "cminh", Now.AddDays(-41), "My email is crystal.minh@example.com", false)));
        state.Ai.Pending = new PendingAssessment(AssessmentTriggers.Closed, Now, 0, null, null);
        state.Ai.LastProblem = "failed: 'Crystal Minh wants a refund' is not one of the topics";
        state.Ai.Latest = new AiAssessmentRecord(
            new AiAssessmentContent(
                [new AiCriterionAssessment("empathy", 85, 0.9, "The agent thanked Crystal for her patience.", ["m1"])],
                new AiScoredValue("Crystal Minh asked for a refund.", 0.5),
                new AiClassifications(new("billing", 0.8), new("refund for Crystal", 0.8), new("resolved", 0.8), new("low", 0.8), new("low", 0.8)),
                [new AiScoredValue("Offer Crystal a callback.", 0.6)]),
            new AiProvenance("gpt", "qa", "v1", Now.AddDays(-40)),
            new AiTokenUsage(100, 50),
            41,
            AssessmentTriggers.Closed,
            0);
        return state;
    }
}
