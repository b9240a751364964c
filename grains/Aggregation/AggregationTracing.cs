using System.Diagnostics;

namespace CraftCX.Aggregation;

/// <summary>The source of aggregation's spans ("CraftCX.Aggregation"): one per delivery of contributions to an aggregate.</summary>
public sealed class AggregationTracing : IDisposable
{
    public const string SourceName = "CraftCX.Aggregation";

    internal ActivitySource Source { get; } = new(SourceName);

    public void Dispose() => Source.Dispose();
}
