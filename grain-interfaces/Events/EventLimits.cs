namespace CraftCX.Events;

/// <summary>Size and time bounds of contract v1 that every entry point enforces.</summary>
internal static class EventLimits
{
    public const int MaxTextBytes = 32 * 1024;
    public const int DefaultMaxEventBytes = 256 * 1024;
    public const int MaxTags = 50;
    public const int MaxTagLength = 64;
    public const int MaxFreeTextLength = 1024;
    public static readonly DateTimeOffset EarliestTimestamp = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly TimeSpan DefaultMaxClockSkew = TimeSpan.FromMinutes(5);
}
