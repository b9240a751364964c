namespace CraftCX.ScoreChanges;

/// <summary>The alert kinds a workspace raises when a conversation crosses a line.</summary>
public static class LiveAlertKinds
{
    public const string AutoFail = "auto-fail";
    public const string SentimentCollapse = "sentiment-collapse";
    public const string SlaBreach = "sla-breach";
}
