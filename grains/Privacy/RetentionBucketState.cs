namespace CraftCX.Privacy;

/// <summary>Stored conversation ids of one retention bucket.</summary>
[GenerateSerializer, Alias("craftcx.retention-bucket.v1")]
internal sealed class RetentionBucketState
{
    [Id(0)] public HashSet<string> Conversations { get; set; } = new(StringComparer.Ordinal);
}
