using CraftCX.Aggregation;
using CraftCX.Api.Security;
using CraftCX.Events;
using CraftCX.Live;
using CraftCX.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace CraftCX.Api.Live;

/// <summary>
/// /hubs/live: a supervisor joins workspaces of the tenant of its credential and receives their live changes.
/// The tenant is never a parameter, so a key of one tenant cannot reach another tenant's workspace.
/// </summary>
[Authorize(Policy = "scope:" + ApiScopes.Supervise)]
public sealed class LiveHub(IGrainFactory grains, LiveUpdateBridge bridge) : Hub<ILiveClient>
{
    public const string Path = "/hubs/live";

    private const string JoinedKey = "craftcx.joined";

    /// <summary>Joins a workspace of the caller's tenant and returns what to show until the first update.</summary>
    public async Task<WorkspaceLiveSnapshot> JoinWorkspace(string workspace)
    {
        if (!IdRules.IsValidScope(workspace))
        {
            throw new HubException($"Workspace '{workspace}' must match [a-z0-9-]{{1,64}}.");
        }

        var key = GrainKeys.Compose(Tenant, workspace);
        var joined = Joined();
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
        foreach (var key in Joined())
        {
            await bridge.ReleaseAsync(key);
        }

        await base.OnDisconnectedAsync(exception);
    }

    private string Tenant => Context.User?.FindFirst(CraftCxClaims.Tenant)?.Value
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
