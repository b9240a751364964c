using System.Diagnostics.Metrics;

namespace CraftCX.Api.Dashboard;

/// <summary>The live side ("CraftCX.Live"): messages sent to dashboards over SignalR, and clients following the score stream.</summary>
internal sealed class LiveMetrics
{
    public const string MeterName = "CraftCX.Live";

    private readonly Counter<long> _messages;
    private readonly UpDownCounter<long> _streamClients;

    public LiveMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _messages = meter.CreateCounter<long>("craftcx.live.messages", unit: "{message}", description: "SignalR messages sent to workspace groups, by kind");
        _streamClients = meter.CreateUpDownCounter<long>("craftcx.stream.clients", unit: "{client}", description: "Clients reading the score stream now");
    }

    public void Sent(string kind) => _messages.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void StreamOpened() => _streamClients.Add(1);

    public void StreamClosed() => _streamClients.Add(-1);
}
