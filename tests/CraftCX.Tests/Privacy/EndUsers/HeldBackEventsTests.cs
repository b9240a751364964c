using CraftCX.Conversations;
using CraftCX.Events;
using CraftCX.Privacy;

namespace CraftCX.Tests.Privacy.EndUsers;

/// <summary>Events of a restricted end user are kept unprocessed, once each and in order, and lose their text in a purge.</summary>
[Trait("Category", "Unit")]
public sealed class HeldBackEventsTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Replays_of_applied_or_held_back_events_are_duplicates_and_the_rest_is_kept_in_order()
    {
        var state = new ConversationState { Exists = true, LastSequence = 2 };
        state.RecentEventIds.Add("e2", 32);
        var (held, duplicates, rejections) = ConversationProcessor.HoldBack(state, "t", "c", [Message(2), Message(3), Message(4), Message(3)], limit: 10);
        Assert.Equal(2, held);
        Assert.Equal(2, duplicates);
        Assert.Null(rejections);
        Assert.Equal(["e3", "e4"], state.HeldBack.Select(e => e.Id));
        Assert.Equal(2, state.LastSequence);
        Assert.Equal(0, state.Messages);
    }

    [Fact]
    public void Beyond_the_limit_an_event_is_refused_with_the_reason_and_another_conversation_s_event_too()
    {
        var state = new ConversationState();
        var stray = Message(9) with { Conversation = "other" };
        var (held, _, rejections) = ConversationProcessor.HoldBack(state, "t", "c", [Message(1), Message(2), Message(3), stray], limit: 2);
        Assert.Equal(2, held);
        Assert.NotNull(rejections);
        Assert.Equal([(2, RejectionCodes.ProcessingRestricted), (3, RejectionCodes.RejectedByConversation)], rejections.Select(r => (r.Index, r.Rejection.Code)));
        Assert.Contains("restricted", rejections[0].Rejection.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_purge_removes_the_text_and_customer_of_held_back_events_and_keeps_the_events()
    {
        var started = new ChatEvent("e1", ChatEventType.ConversationStarted, "t", "w", "c", Start, 1)
        {
            Customer = new CustomerRef("cminh730", "cminh730@email.com", null, "Crystal Minh"),
            Subject = "Refund for Crystal",
        };
        var state = new ConversationState { HeldBack = [started, Message(2)] };
        Assert.True(PersonalDataPurge.Apply(state, Start));
        Assert.Equal(2, state.HeldBack.Count);
        Assert.Null(state.HeldBack[0].Customer);
        Assert.Null(state.HeldBack[0].Subject);
        Assert.Equal(string.Empty, state.HeldBack[1].Text);
        Assert.Null(state.HeldBack[1].Author!.Id);
        Assert.Null(state.HeldBack[1].Author!.Name);
        Assert.False(PersonalDataPurge.Apply(state, Start));
    }

    private static ChatEvent Message(long sequence) => new($"e{sequence}", ChatEventType.MessageCreated, "t", "w", "c", Start.AddSeconds(sequence), sequence)
    {
        MessageId = $"m{sequence}",
        Author = new Participant(AuthorRole.Customer, "cminh730", "Crystal Minh", null),
        Text = $"message {sequence} from Crystal",
    };
}
