namespace CraftCX.Privacy.EndUsers;

/// <summary>
/// One shard of a tenant's end-user index; key: tenant/first character of the entry's hash
/// (<see cref="EndUserKeys.ShardOf"/>). Each entry (one identifier of one end user, <c>tenant/hash</c>) is a
/// storage row of its own; the shard only routes, so a new end user costs a row, not an activation.
/// </summary>
[Alias("craftcx.IEndUserIndexGrain")]
internal interface IEndUserIndexGrain : IGrainWithStringKey
{
    /// <summary>Adds the conversation to the entry once stored and answers what the end user's controls ask of it.</summary>
    Task<EndUserControls> JoinAsync(string endUser, string conversation);

    /// <summary>
    /// The conversation no longer holds the end user's data (purged, deleted or, <paramref name="erased"/>, by an
    /// erasure, which the entry remembers for a later verification).
    /// </summary>
    Task LeaveAsync(string endUser, string conversation, bool erased);

    Task<EndUserIndexEntry> GetAsync(string endUser);

    /// <summary>Stores the restriction (null: lifted) and tells every conversation of the entry.</summary>
    Task SetRestrictionAsync(string endUser, EndUserRestriction? restriction);

    /// <summary>Stores the hold (null: lifted) and tells every conversation of the entry.</summary>
    Task SetHoldAsync(string endUser, LegalHold? hold);
}
