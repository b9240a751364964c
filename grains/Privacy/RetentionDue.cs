namespace CraftCX.Privacy;

/// <summary>What retention asks of a conversation now.</summary>
internal enum RetentionDue
{
    Nothing,
    PurgePersonalData,
    Delete,
}
