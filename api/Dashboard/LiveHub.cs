using CraftCX.Aggregation;
using CraftCX.Api.Security;
using CraftCX.Events;
using CraftCX.ScoreChanges;
using CraftCX.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace CraftCX.Api.Dashboard;

/// <summary>
/// /hubs/live: a supervisor joins workspaces of the tenant of its credential and receives their live changes.
/// The tenant is never a parameter, so a key of one tenant cannot reach another tenant's workspace.
/// </summary>
[Authorize(Policy = "scope:" + ApiScopes.Supervise)]
internal sealed class LiveHub(IGrainFactory grains, LiveUpdateBridge bridge, CredentialSessions sessions, IOptions<LiveOptions> options) : Hub<ILiveClient>
{
    public const string Path = "/hubs/live";

    /// <summary>The kind of session a hub connection is in <see cref="CredentialSessions"/>.</summary>
    public const string SessionKind = "hub";

    private const string JoinedKey = "craftcx.joined";
    private const string SessionKey = "craftcx.session";

    public override Task OnConnectedAsync()
    {
        // Registered so that revoking the key closes this connection; the limit is checked before the upgrade
        // (LiveConnectionLimit answers 429), this catches connections that raced past it.
        var context = Context;
        var keyId = context.User?.FindFirst(CraftCXClaims.KeyId)?.Value ?? string.Empty;
        var lease = sessions.TryOpen(Tenant, keyId, SessionKind, options.Value.MaxConnectionsPerKey, context.Abort);
        if (lease is null)
        {
            context.Abort();
        }
        else
        {
            context.Items[SessionKey] = lease;
        }

        return base.OnConnectedAsync();
    }

    /// <summary>Joins a workspace of the caller's tenant and returns what to show until the first update.</summary>
    public async Task<WorkspaceLiveSnapshot> JoinWorkspace(string workspace)
    {
        if (!IdRules.IsValidScope(workspace))
        {
            throw new HubException($"Workspace '{workspace}' must match [a-z0-9-]{{1,64}}.");
        }

        var key = GrainKeys.Compose(Tenant, workspace);
        var joined = Joined();
        if (!joined.Contains(key) && joined.Count >= options.Value.MaxWorkspacesPerConnection)
        {
            throw new HubException($"A connection watches at most {options.Value.MaxWorkspacesPerConnection} workspaces (Live:MaxWorkspacesPerConnection); leave one first.");
        }

        if (joined.Add(key))
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, key);
            await bridge.AcquireAsync(key);
        }

        return await grains.GetGrain<IWorkspaceGrain>(key).GetLiveSnapshotAsync();
    }

    public async Task LeaveWorkspace(string workspace)
    {
        var key = GrainKeys.Compose(Tenant, workspace);
        if (Joined().Remove(key))
        {
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, key);
            await bridge.ReleaseAsync(key);
        }
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        (Context.Items.TryGetValue(SessionKey, out var lease) ? lease as IDisposable : null)?.Dispose();
        foreach (var key in Joined())
        {
            await bridge.ReleaseAsync(key);
        }

        await base.OnDisconnectedAsync(exception);
    }

    private string Tenant => Context.User?.FindFirst(CraftCXClaims.Tenant)?.Value
        ?? throw new HubException("The credential names no tenant.");

    private HashSet<string> Joined()
    {
        if (Context.Items.TryGetValue(JoinedKey, out var value) && value is HashSet<string> joined)
        {
            return joined;
        }

        joined = new HashSet<string>(StringComparer.Ordinal);
        Context.Items[JoinedKey] = joined;
        return joined;
    }
}
