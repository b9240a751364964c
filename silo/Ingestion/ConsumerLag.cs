using System.Diagnostics.Metrics;
using System.Text.Json;

namespace CraftCX.Silo.Ingestion;

/// <summary>
/// This silo's consumer lag per partition, read from librdkafka's statistics (each partition's consumer_lag: the
/// high watermark minus the consumer's position), and exported as the gauge craftcx.ingest.consumer_lag.
/// </summary>
internal sealed class ConsumerLag
{
    private volatile IReadOnlyList<(string Topic, int Partition, long Lag)> _latest = [];

    public ConsumerLag(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(IngestionStats.MeterName);
        meter.CreateObservableGauge(
            "craftcx.ingest.consumer_lag",
            () => _latest.Select(p => new Measurement<long>(p.Lag, new KeyValuePair<string, object?>("topic", p.Topic), new KeyValuePair<string, object?>("partition", p.Partition))),
            unit: "{message}",
            description: "Messages behind the newest of each partition this silo consumes");
    }

    /// <summary>The partitions of the last statistics this silo consumes, with their lag.</summary>
    public IReadOnlyList<(string Topic, int Partition, long Lag)> Latest => _latest;

    /// <summary>Takes one statistics document; partitions without a known lag (not fetched yet, or not ours) are left out.</summary>
    public void Update(string statistics)
    {
        var partitions = new List<(string, int, long)>();
        try
        {
            using var document = JsonDocument.Parse(statistics);
            if (!document.RootElement.TryGetProperty("topics", out var topics) || topics.ValueKind != JsonValueKind.Object)
            {
                return;
            }

            foreach (var topic in topics.EnumerateObject())
            {
                if (!topic.Value.TryGetProperty("partitions", out var each) || each.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                foreach (var partition in each.EnumerateObject())
                {
                    // "-1" is librdkafka's internal unassigned partition; a lag of -1 means unknown.
                    if (int.TryParse(partition.Name, out var id) && id >= 0
                        && partition.Value.TryGetProperty("consumer_lag", out var lag) && lag.TryGetInt64(out var value) && value >= 0)
                    {
                        partitions.Add((topic.Name, id, value));
                    }
                }
            }
        }
        catch (JsonException)
        {
            // A statistics document that does not parse keeps the last figures.
            return;
        }

        _latest = partitions;
    }
}
