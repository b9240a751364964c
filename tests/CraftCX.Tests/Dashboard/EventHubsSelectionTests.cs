using System.Reflection;
using CraftCX.ScoreChanges;
using CraftCX.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace CraftCX.Tests.Dashboard;

/// <summary>
/// The Azure Event Hubs stream provider is chosen by configuration alone. Its wire (AMQP to Azure) cannot be reached
/// here, so these tests stop at what the configuration selects: the host is built, never started.
/// </summary>
public sealed class EventHubsSelectionTests
{
    [Fact]
    public void EventHubs_selected_without_its_connection_strings_fails_at_build_with_the_settings_to_set()
    {
        var error = Assert.Throws<OptionsValidationException>(() => CraftCXSiloHost.Build(["--Streaming:Provider=EventHubs", "--Demo:Enabled=false"]));
        Assert.Contains(error.Failures, f => f.Contains("Streaming:EventHubs:ConnectionString", StringComparison.Ordinal));
        Assert.True(SettingsFailures.TryDescribe(error, out _), "a missing Event Hubs setting is a settings failure (one line, exit 2)");
    }

    [Fact]
    public async Task EventHubs_selected_with_settings_configures_the_live_provider_for_that_hub()
    {
        await using var app = CraftCXSiloHost.Build(
        [
            "--Streaming:Provider=EventHubs",
            "--Streaming:EventHubs:ConnectionString=Endpoint=sb://craftcx-test.servicebus.windows.net/;SharedAccessKeyName=listen;SharedAccessKey=c2VjcmV0",
            "--Streaming:EventHubs:EventHubName=live-updates",
            "--Streaming:EventHubs:ConsumerGroup=silos",
            "--Streaming:EventHubs:CheckpointConnectionString=UseDevelopmentStorage=true",
            "--Demo:Enabled=false",
        ]);

        var hub = app.Services.GetRequiredService<IOptionsMonitor<EventHubOptions>>().Get(LiveStreams.Provider);
        new EventHubOptionsValidator(hub, LiveStreams.Provider).ValidateConfiguration();
        Assert.Equal("live-updates", Read(hub, "EventHubName"));
        Assert.Equal("silos", Read(hub, "ConsumerGroup"));
    }

    [Fact]
    public async Task The_default_is_the_memory_provider_with_the_configured_poll_interval()
    {
        await using var app = CraftCXSiloHost.Build(["--Streaming:PollInterval=00:00:00.030", "--Demo:Enabled=false"]);
        var agents = app.Services.GetRequiredService<IOptionsMonitor<StreamPullingAgentOptions>>().Get(LiveStreams.Provider);
        Assert.Equal(TimeSpan.FromMilliseconds(30), agents.GetQueueMsgsTimerPeriod);
        var hub = app.Services.GetRequiredService<IOptionsMonitor<EventHubOptions>>().Get(LiveStreams.Provider);
        Assert.ThrowsAny<Exception>(() => new EventHubOptionsValidator(hub, LiveStreams.Provider).ValidateConfiguration());
    }

    // Orleans keeps these setters and getters internal (they are set through ConfigureEventHubConnection).
    private static object? Read(EventHubOptions options, string property) =>
        typeof(EventHubOptions).GetProperty(property, BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)!.GetValue(options);
}
