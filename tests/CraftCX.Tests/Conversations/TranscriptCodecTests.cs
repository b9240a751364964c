using CraftCX.Conversations;
using CraftCX.Events;

namespace CraftCX.Tests.Conversations;

[Trait("Category", "Unit")]
public sealed class TranscriptCodecTests
{
    [Theory]
    [InlineData("m-1", AuthorRole.Agent, "agent-42", "Thanks for waiting! ✓ Ünïcode and emoji 🎉", false)]
    [InlineData("m-2", AuthorRole.Customer, null, "", false)]
    [InlineData("m-3", AuthorRole.System, null, "Account pulled up", true)]
    public void Messages_survive_encoding_exactly(string id, AuthorRole role, string? author, string text, bool isInternal)
    {
        var message = new TranscriptMessage(id, role, author, new DateTimeOffset(2026, 11, 29, 10, 0, 0, 123, TimeSpan.Zero), text, isInternal);
        Assert.Equal(message, TranscriptCodec.Decode(TranscriptCodec.Encode(message)));
    }

    [Fact]
    public void Recent_event_ids_forget_the_oldest_beyond_capacity()
    {
        var recent = new RecentEventIds();
        for (var i = 0; i < 5; i++)
        {
            recent.Add($"e{i}", capacity: 3);
        }

        Assert.False(recent.Contains("e0"));
        Assert.False(recent.Contains("e1"));
        Assert.True(recent.Contains("e2"));
        Assert.True(recent.Contains("e4"));
        Assert.False(recent.Contains("never"));
    }
}
