namespace CraftCX.Events;

/// <summary>Machine-readable reasons an event is rejected or dead-lettered.</summary>
public static class RejectionCodes
{
    public const string MalformedJson = "malformed-json";
    public const string MissingField = "missing-field";
    public const string InvalidField = "invalid-field";
    public const string UnknownType = "unknown-type";
    public const string UnsupportedVersion = "unsupported-version";
    public const string InvalidId = "invalid-id";
    public const string TextTooLarge = "text-too-large";
    public const string EventTooLarge = "event-too-large";
    public const string TimestampOutOfRange = "timestamp-out-of-range";
    public const string KeyMismatch = "key-mismatch";
    public const string RejectedByConversation = "rejected-by-conversation";
    public const string ForbiddenTenant = "forbidden-tenant";

    /// <summary>A verified helpdesk delivery whose payload has no field the mapping needs.</summary>
    public const string Unmappable = "unmappable";
    public const string ProcessingRestricted = "processing-restricted";
    public const string UnknownTenant = "unknown-tenant";
    public const string TenantSuspended = "tenant-suspended";
    public const string TenantTerminated = "tenant-terminated";
    public const string TenantDeleted = "tenant-deleted";

    /// <summary>The conversation's stored state failed its integrity check: its events wait in the dead-letter topic until the row is restored.</summary>
    public const string StoredStateUnreadable = "stored-state-unreadable";
}
