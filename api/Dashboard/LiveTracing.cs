using System.Diagnostics;

namespace CraftCX.Api.Dashboard;

/// <summary>The source of the live hub's spans ("CraftCX.Live"): one per send to a workspace's clients.</summary>
internal sealed class LiveTracing : IDisposable
{
    public const string SourceName = "CraftCX.Live";

    public ActivitySource Source { get; } = new(SourceName);

    public void Dispose() => Source.Dispose();
}
