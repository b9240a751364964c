namespace CraftCX.Reviews;

/// <summary>The states of a dispute.</summary>
public static class DisputeStatus
{
    public const string Open = "open";
    public const string Accepted = "accepted";
    public const string Rejected = "rejected";
}
