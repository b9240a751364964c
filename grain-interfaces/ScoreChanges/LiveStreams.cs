namespace CraftCX.ScoreChanges;

/// <summary>Names of the Orleans streams that carry live updates between silos.</summary>
public static class LiveStreams
{
    /// <summary>The stream provider: memory streams locally, Azure Event Hubs when configured.</summary>
    public const string Provider = "live";

    /// <summary>One stream per workspace, keyed tenant/workspace.</summary>
    public const string WorkspaceNamespace = "workspace-live";
}
