namespace CraftCX.Privacy.EndUsers;

/// <summary>
/// An end user's requests through the customer (find, erase, restrict, hold, verify) for one tenant; key: the
/// tenant. Identifiers arrive in the call and are only ever stored as keyed hashes.
/// </summary>
[Alias("craftcx.IEndUserPrivacyGrain")]
public interface IEndUserPrivacyGrain : IGrainWithStringKey
{
    [ReadOnly]
    Task<EndUserSearchResult> SearchAsync(EndUserQuery query);

    /// <summary>Removes the end user's personal data from every conversation about them; throws <see cref="EndUserHeldException"/> under a legal hold.</summary>
    Task<ErasureReceipt> EraseAsync(EndUserQuery query);

    /// <summary>Restricts (a restriction) or resumes (null) the processing of the end user's conversations.</summary>
    Task<EndUserSearchResult> SetRestrictionAsync(EndUserQuery query, EndUserRestriction? restriction);

    /// <summary>Sets (a hold) or lifts (null) a legal hold over the end user's conversations.</summary>
    Task<EndUserSearchResult> SetHoldAsync(EndUserQuery query, LegalHold? hold);

    /// <summary>Searches the index, the conversations and their reviews for the probe's identifiers and sentences.</summary>
    [ReadOnly]
    Task<VerificationReport> VerifyAsync(PersonalDataProbe probe);
}
