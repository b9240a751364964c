namespace CraftCX.Privacy;

/// <summary>How far retention has gone with one day of a tenant's closed conversations.</summary>
[GenerateSerializer, Alias("craftcx.retention-stage.v1")]
internal enum RetentionStage
{
    Indexed = 0,
    PersonalDataPurged = 1,
    Tombstoned = 2,
}
