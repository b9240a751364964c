using CraftCX.ScoreChanges;
using CraftCX.Silo.Storage;

namespace CraftCX.Silo.LiveBroadcast;

/// <summary>The live stream: Orleans streams that carry each workspace's updates to every silo's hub bridge.</summary>
internal static class LiveStreamServices
{
    /// <summary>
    /// The live stream provider (memory streams by default, Azure Event Hubs when configured) and the pub-sub
    /// store it needs, on the same storage as the grains.
    /// </summary>
    public static ISiloBuilder AddCraftCXStreaming(this ISiloBuilder silo, StreamingOptions streaming, StorageOptions storage)
    {
        if (storage.Provider == StorageProvider.Postgres)
        {
            var connectionString = PostgresConnection.Require(storage);
            silo.AddAdoNetGrainStorage("PubSubStore", o => PostgresConnection.Configure(o, connectionString));
        }
        else
        {
            silo.AddMemoryGrainStorage("PubSubStore");
        }

        if (string.Equals(streaming.Provider, "EventHubs", StringComparison.OrdinalIgnoreCase))
        {
            // Both connection strings are checked before the host is built (EagerSettings).
            var eventHubs = streaming.EventHubs;
            silo.AddEventHubStreams(
                LiveStreams.Provider,
                o => o.ConfigureEventHubConnection(eventHubs.ConnectionString!, eventHubs.EventHubName, eventHubs.ConsumerGroup),
                o => o.TableServiceClient = new Azure.Data.Tables.TableServiceClient(eventHubs.CheckpointConnectionString!));
            return silo;
        }

        // The pulling agents poll their queues every 100 ms by default: too slow for a live dashboard.
        silo.AddMemoryStreams(LiveStreams.Provider, b => b.ConfigurePullingAgent(o => o.Configure(p => p.GetQueueMsgsTimerPeriod = streaming.PollInterval)));
        return silo;
    }
}
