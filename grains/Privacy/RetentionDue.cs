namespace CraftCX.Privacy;

/// <summary>What retention asks of a conversation now.</summary>
internal enum RetentionDue
{
    Nothing,
    PurgePersonalData,

    /// <summary>Its derived data expired: the conversation becomes a tombstone that drops replays of its events.</summary>
    Delete,

    /// <summary>The replay window after the deletion passed too: the tombstone goes, and with it the row.</summary>
    Forget,
}
