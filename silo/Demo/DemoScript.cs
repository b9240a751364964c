namespace CraftCX.Silo.Demo;

/// <summary>A whole scripted conversation: its id, workspace and timed events in sequence order.</summary>
internal sealed record DemoScript(string Tenant, string Workspace, string ConversationId, string Variant, IReadOnlyList<DemoStep> Steps);
