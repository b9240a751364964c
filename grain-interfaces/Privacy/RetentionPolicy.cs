namespace CraftCX.Privacy;

/// <summary>
/// How long a tenant's data is kept after its conversation closes, per category. Null means for the life of the
/// customer relationship (until the tenant is terminated and its wind-down ends).
/// </summary>
/// <param name="TranscriptDays">Transcript text and every customer identifier (name, email, phone, ids), and the AI's free text that may quote them.</param>
/// <param name="DerivedDays">Scores, labels, AI scores and reviews; when they expire the conversation is deleted. At least <paramref name="TranscriptDays"/>.</param>
/// <param name="TechnicalDays">Technical records that may hold personal data: dead letters and the score log.</param>
/// <param name="WindDownDays">After the tenant is terminated, how long before all of its data is deleted (it can be restored meanwhile); null: 30.</param>
/// <param name="AuditDays">How long audit entries are kept; they hold ids and outcomes, never customer text; null: 730.</param>
/// <param name="HistoryMonths">How long de-identified aggregate history (agent, workspace and tenant buckets, no conversation in them) is kept; null: 25.</param>
[GenerateSerializer, Immutable, Alias("craftcx.retention-policy.v1")]
public sealed record RetentionPolicy(
    [property: Id(0)] int? TranscriptDays = null,
    [property: Id(1)] int? DerivedDays = null,
    [property: Id(2)] int TechnicalDays = RetentionPolicy.DefaultTechnicalDays,
    [property: Id(3)] int? WindDownDays = null,
    [property: Id(4)] int? AuditDays = null,
    [property: Id(5)] int? HistoryMonths = null)
{
    // Nullable, because a policy stored before these fields existed reads them back as missing, never as zero.

    /// <summary>The wind-down that applies: the tenant's, or the default.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int WindDownPeriodDays => WindDownDays ?? DefaultWindDownDays;

    /// <summary>The audit log's period that applies: the tenant's, or the default.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int AuditPeriodDays => AuditDays ?? DefaultAuditDays;

    /// <summary>The history period that applies: the tenant's, or the default.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int HistoryPeriodMonths => HistoryMonths ?? Aggregation.History.HistoryRetention.DefaultMonths;

    /// <summary>Two years: long enough to answer for what was done with the data, bounded like every category.</summary>
    public const int DefaultAuditDays = 730;

    /// <summary>Thirty days after termination, as the privacy policy promises.</summary>
    public const int DefaultWindDownDays = 30;

    /// <summary>Longest wind-down a tenant can ask for.</summary>
    public const int MaxWindDownDays = 365;

    /// <summary>Two weeks: long enough to investigate a refused event, short enough for a record that was never meant to stay.</summary>
    public const int DefaultTechnicalDays = 14;

    /// <summary>Longest period a category can be set to (ten years); longer means for the life of the relationship (null).</summary>
    public const int MaxDays = 3650;
}
