namespace CraftCX.Api.Connectors;

/// <summary>
/// Helpdesks number nothing per conversation, so a mapped event's sequence is its time in seconds × 1000 plus a
/// slot. Within one second the order is started, reopened, assigned, tagged, closed, rating, then messages: a reply
/// and the close it came with (one action in the helpdesk, two deliveries in either order) are then both applied.
/// </summary>
internal static class ConnectorSequence
{
    public const int Started = 0;
    public const int Reopened = 1;
    public const int Assigned = 2;
    public const int Tagged = 3;
    public const int Closed = 4;
    public const int Rating = 5;
    public const int Message = 10;

    public static long Of(DateTimeOffset at, int slot) => at.ToUnixTimeSeconds() * 1000 + Math.Clamp(slot, 0, 999);
}
