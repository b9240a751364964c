namespace CraftCX.Privacy;

/// <summary>What applying a retention policy did to one conversation.</summary>
public enum RetentionOutcome
{
    /// <summary>Nothing was due (still open, or not yet past a horizon), or it was already done.</summary>
    Kept,

    /// <summary>Transcript text, customer identifiers and the AI's free text were removed; scores and labels stay.</summary>
    PersonalDataPurged,

    /// <summary>Its derived data expired too: the stored state was cleared.</summary>
    Deleted,
}
