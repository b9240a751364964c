using CraftCX.Encryption;

namespace CraftCX.Silo.Ingestion;

/// <summary>Headers a dead-lettered message carries besides its original ones.</summary>
internal static class DeadLetterHeaders
{
    public const string Reason = "craftcx-dlq-reason";
    public const string Detail = "craftcx-dlq-detail";
    public const string SourceTopic = "craftcx-dlq-source-topic";
    public const string SourcePartition = "craftcx-dlq-source-partition";
    public const string SourceOffset = "craftcx-dlq-source-offset";
    public const string SourceTimestamp = "craftcx-dlq-source-timestamp";
    public const string FailedAt = "craftcx-dlq-failed-at";

    /// <summary>Set on a helpdesk delivery that could not be mapped: the connector it came through, its type and delivery id.</summary>
    public const string Connector = "craftcx-dlq-connector";
    public const string ConnectorType = "craftcx-dlq-connector-type";
    public const string DeliveryId = "craftcx-dlq-delivery-id";

    /// <summary>The value of <see cref="SourceTopic"/> for a helpdesk delivery, which came over HTTP, not from a topic.</summary>
    public const string ConnectorSource = "connector";

    /// <summary>Set when the record was too large for the topic: the value is a prefix, the original headers are left out.</summary>
    public const string Truncated = "craftcx-dlq-truncated";
    public const string OriginalBytes = "craftcx-dlq-original-bytes";
    public const string OriginalSha256 = "craftcx-dlq-original-sha256";

    /// <summary>Set when the value is sealed with this tenant's data key: POST /v1/admin/tenants/{tenant}/dead-letters/open opens it.</summary>
    public const string SealedFor = DeadLetterSealing.SealedForHeader;

    /// <summary>The value of <see cref="Truncated"/>.</summary>
    public const string TooLarge = "too-large";

    /// <summary>The value of <see cref="Truncated"/> when the tenant's keys did not open: the value is left out.</summary>
    public const string Unsealable = "unsealable";
}
