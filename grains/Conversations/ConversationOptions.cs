using System.ComponentModel.DataAnnotations;

namespace CraftCX.Conversations;

/// <summary>Limits of a conversation's state (section "Conversations").</summary>
public sealed class ConversationOptions
{
    public const string Section = "Conversations";

    /// <summary>The transcript keeps the newest messages up to this count; scores still cover every message.</summary>
    [Range(1, 100_000)]
    public int MaxTranscriptMessages { get; set; } = 50;

    /// <summary>Event ids remembered besides the last sequence, to recognise a replayed id.</summary>
    [Range(1, 100_000)]
    public int RecentEventIds { get; set; } = 32;
}
