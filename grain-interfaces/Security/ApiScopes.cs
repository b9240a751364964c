namespace CraftCX.Security;

/// <summary>What an API key may do; a key holds one or more.</summary>
public static class ApiScopes
{
    /// <summary>Post events.</summary>
    public const string Ingest = "ingest";

    /// <summary>Read scores, labels, aggregates, reviews, exports and the score stream: derived data, no transcript text.</summary>
    public const string Read = "read";

    /// <summary>Read transcripts (message text and the ids of the people who wrote them): personal data.</summary>
    public const string Transcripts = "transcripts";

    /// <summary>Watch live dashboards (the SignalR hub).</summary>
    public const string Supervise = "supervise";

    /// <summary>Change the tenant's settings (its scorecard).</summary>
    public const string Admin = "admin";

    /// <summary>Carry out end users' requests (find, export, erase, restrict, verify): the customer's privacy team.</summary>
    public const string Privacy = "privacy";

    public static IReadOnlyList<string> All { get; } = [Ingest, Read, Transcripts, Supervise, Admin, Privacy];

    public static bool IsKnown(string scope) => All.Contains(scope, StringComparer.Ordinal);
}
