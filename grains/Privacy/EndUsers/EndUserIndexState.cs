namespace CraftCX.Privacy.EndUsers;

/// <summary>Stored entry of one end user under one identifier: conversation ids and controls, never the identifier.</summary>
[GenerateSerializer, Alias("craftcx.end-user-index-state.v1")]
internal sealed class EndUserIndexState
{
    /// <summary>Most conversation ids an erasure is remembered for (what a later verification checks).</summary>
    public const int MaxErased = 1000;

    /// <summary>Most conversations one entry lists: more means the identifier is not one person's.</summary>
    public const int MaxConversations = 10_000;

    [Id(0)] public HashSet<string> Conversations { get; set; } = new(StringComparer.Ordinal);
    [Id(1)] public EndUserRestriction? Restriction { get; set; }
    [Id(2)] public LegalHold? Hold { get; set; }

    /// <summary>Conversations an erasure cleaned, newest last.</summary>
    [Id(3)] public List<string> Erased { get; set; } = [];

    /// <summary>More conversations than <see cref="MaxConversations"/> named this identifier; the list is incomplete.</summary>
    [Id(4)] public bool Overflowed { get; set; }

    public EndUserControls Controls => new(Restriction is not null, Hold is not null);

    public bool IsEmpty => Conversations.Count == 0 && Restriction is null && Hold is null && Erased.Count == 0;
}
