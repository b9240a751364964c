namespace CraftCX.Privacy;

/// <summary>What applying a retention policy did to one conversation.</summary>
public enum RetentionOutcome
{
    /// <summary>Nothing was due (still open, or not yet past a horizon), or it was already done.</summary>
    Kept,

    /// <summary>Transcript text, customer identifiers and the AI's free text were removed; scores and labels stay.</summary>
    PersonalDataPurged,

    /// <summary>Its derived data expired too: its data was deleted; a tombstone drops replays of its events for a while.</summary>
    Deleted,

    /// <summary>Under a legal hold: nothing was removed, and it stays indexed until the hold is lifted.</summary>
    Held,

    /// <summary>Its tombstone went too, once the replay window had passed: nothing of it is stored.</summary>
    Forgotten,
}
