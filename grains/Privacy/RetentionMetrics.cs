using System.Diagnostics.Metrics;

namespace CraftCX.Privacy;

/// <summary>What the retention sweeps did ("CraftCX.Retention"): conversations purged of personal data, deleted, forgotten.</summary>
public sealed class RetentionMetrics
{
    public const string MeterName = "CraftCX.Retention";

    private readonly Counter<long> _conversations;

    public RetentionMetrics(IMeterFactory meterFactory) =>
        _conversations = meterFactory.Create(MeterName).CreateCounter<long>("craftcx.retention.conversations", unit: "{conversation}", description: "Conversations a retention sweep purged, deleted or forgot, by outcome");

    internal void Swept(long purged, long deleted, long forgotten)
    {
        Add(purged, "purged");
        Add(deleted, "deleted");
        Add(forgotten, "forgotten");
    }

    private void Add(long count, string outcome)
    {
        if (count > 0)
        {
            _conversations.Add(count, new KeyValuePair<string, object?>("outcome", outcome));
        }
    }
}
