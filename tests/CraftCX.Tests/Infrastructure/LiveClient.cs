using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace CraftCX.Tests.Infrastructure;

/// <summary>A .NET SignalR client of /hubs/live that records every message it receives, by kind.</summary>
public sealed class LiveClient : IAsyncDisposable
{
    public static readonly string[] Kinds = ["ConversationScoresChanged", "AgentScoresChanged", "WorkspaceAggregateChanged", "Alerts"];

    private LiveClient(HubConnection connection)
    {
        Connection = connection;
        foreach (var kind in Kinds)
        {
            connection.On<string, JsonElement>(kind, (workspace, payload) => Received.Enqueue((kind, workspace, payload, DateTime.UtcNow)));
        }
    }

    public HubConnection Connection { get; }

    public ConcurrentQueue<(string Kind, string Workspace, JsonElement Payload, DateTime At)> Received { get; } = new();

    /// <summary>Connects with a credential sent as the Authorization header (what .NET clients do).</summary>
    public static async Task<LiveClient> ConnectAsync(Uri baseAddress, string credential)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(baseAddress, "/hubs/live"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(credential))
            .Build();
        var client = new LiveClient(connection);
        await connection.StartAsync();
        return client;
    }

    /// <summary>Connects the way a browser does: WebSockets straight away, the token in the URL.</summary>
    public static async Task<LiveClient> ConnectWithTokenInUrlAsync(Uri baseAddress, string token)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(baseAddress, "/hubs/live?access_token=" + Uri.EscapeDataString(token)), o =>
            {
                o.SkipNegotiation = true;
                o.Transports = HttpTransportType.WebSockets;
            })
            .Build();
        var client = new LiveClient(connection);
        await connection.StartAsync();
        return client;
    }

    public Task<JsonElement> JoinAsync(string workspace) => Connection.InvokeAsync<JsonElement>("JoinWorkspace", workspace);

    public IEnumerable<JsonElement> Of(string kind) => Received.Where(r => r.Kind == kind).Select(r => r.Payload);

    public IEnumerable<string> ConversationsSeen() =>
        Of("ConversationScoresChanged").SelectMany(p => p.EnumerateArray()).Select(c => c.GetProperty("conversation").GetString()!);

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();
}
