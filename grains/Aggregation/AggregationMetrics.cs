using System.Diagnostics.Metrics;

namespace CraftCX.Aggregation;

/// <summary>What aggregation costs ("CraftCX.Aggregation"): contributions per delivery to an aggregate, and the time of its state writes.</summary>
public sealed class AggregationMetrics
{
    public const string MeterName = "CraftCX.Aggregation";

    private readonly Histogram<int> _flushed;
    private readonly Histogram<double> _writes;

    public AggregationMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _flushed = meter.CreateHistogram<int>("craftcx.aggregate.flush.contributions", unit: "{contribution}", description: "Contributions in one delivery to an agent, workspace or tenant aggregate");
        _writes = meter.CreateHistogram<double>("craftcx.aggregate.write.duration", unit: "ms", description: "One group-committed state write of an aggregate");
    }

    internal void Flushed(AggregateLevel level, int contributions) => _flushed.Record(contributions, Level(level));

    internal void Written(AggregateLevel level, TimeSpan took) => _writes.Record(took.TotalMilliseconds, Level(level));

    private static KeyValuePair<string, object?> Level(AggregateLevel level) => new("level", level switch
    {
        AggregateLevel.Agent => "agent",
        AggregateLevel.Workspace => "workspace",
        _ => "tenant",
    });
}
