using CraftCX.Api.Configuration;
using CraftCX.Silo.LiveBroadcast;
using CraftCX.Silo.Storage;
using Microsoft.Extensions.Options;

namespace CraftCX.Silo.Hosting;

/// <summary>
/// The sections the host reads before it is built (cluster identity and ports, storage, live streaming). Orleans and
/// Streaming are checked here at once, so that a bad one stops the start with its key named; storage's connection
/// string is checked where it is used (PostgresConnection.Require), and an unknown provider fails to bind.
/// </summary>
internal static class EagerSettings
{
    public static (OrleansOptions Orleans, StorageOptions Storage, StreamingOptions Streaming) Read(IConfiguration configuration)
    {
        var orleans = configuration.GetSection(OrleansOptions.Section).Get<OrleansOptions>() ?? new OrleansOptions();
        var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        var streaming = configuration.GetSection(StreamingOptions.Section).Get<StreamingOptions>() ?? new StreamingOptions();
        List<string> failures =
        [
            .. AnnotatedOptions.Check<OrleansOptions, OrleansOptionsValidator>(orleans, OrleansOptions.Section),
            .. AnnotatedOptions.Check<StreamingOptions, StreamingOptionsValidator>(streaming, StreamingOptions.Section),
        ];
        if (string.Equals(streaming.Provider, "EventHubs", StringComparison.OrdinalIgnoreCase)
            && (string.IsNullOrWhiteSpace(streaming.EventHubs.ConnectionString) || string.IsNullOrWhiteSpace(streaming.EventHubs.CheckpointConnectionString)))
        {
            failures.Add("Streaming:Provider is EventHubs: set Streaming:EventHubs:ConnectionString and Streaming:EventHubs:CheckpointConnectionString.");
        }

        return failures.Count > 0
            ? throw new OptionsValidationException(OrleansOptions.Section, typeof(OrleansOptions), failures)
            : (orleans, storage, streaming);
    }
}
