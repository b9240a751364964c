using CraftCX.Events;
using CraftCX.Privacy.EndUsers;

namespace CraftCX.Conversations;

/// <summary>
/// A conversation's place in the end-user index: it joins the entry of each identifier of its customer before
/// its events are processed (so a restriction applies from the first event) and leaves once it holds none of
/// the end user's data.
/// </summary>
internal sealed class ConversationEndUsers(IGrainFactory grains, EndUserKeys keys, string tenant, string conversation)
{
    /// <summary>Joins the entries of customers the batch names for the first time and takes on their controls.</summary>
    public async Task JoinAsync(ConversationState state, IReadOnlyList<ChatEvent> events)
    {
        if (state.ErasedAt is not null)
        {
            // Whatever arrives after an erasure is purged as soon as it is applied; there is nothing to find.
            return;
        }

        List<string>? fresh = null;
        foreach (var e in events)
        {
            if (e.Type != ChatEventType.ConversationStarted
                || e.Customer is not { } customer
                || !string.Equals(e.Tenant, tenant, StringComparison.Ordinal)
                || !string.Equals(e.Conversation, conversation, StringComparison.Ordinal)
                || ConversationProcessor.IsDuplicate(state, e))
            {
                continue;
            }

            foreach (var key in keys.Of(tenant, customer))
            {
                if (!state.EndUserKeys.Contains(key) && !(fresh?.Contains(key) ?? false))
                {
                    (fresh ??= []).Add(key);
                }
            }
        }

        if (fresh is null)
        {
            return;
        }

        // Joined before the state is stored: a failed write repeats the join, which changes nothing.
        var controls = await Task.WhenAll(fresh.Select(key => Entry(key).JoinAsync(key, conversation)));
        for (var i = 0; i < fresh.Count; i++)
        {
            state.EndUserKeys.Add(fresh[i]);
            if (controls[i].Restricted)
            {
                state.RestrictedBy.Add(fresh[i]);
            }

            if (controls[i].Held)
            {
                state.HeldBy.Add(fresh[i]);
            }
        }
    }

    /// <summary>
    /// Leaves the entries it joined (telling each it was <paramref name="erased"/> at the end user's request),
    /// except those restricting it: a restriction is lifted through its entry. Answers how many it left.
    /// </summary>
    public async Task<int> LeaveAsync(ConversationState state, bool erased = false)
    {
        var leaving = state.EndUserKeys.Where(k => !state.RestrictedBy.Contains(k)).ToArray();
        if (leaving.Length == 0)
        {
            return 0;
        }

        await Task.WhenAll(leaving.Select(key => Entry(key).LeaveAsync(key, conversation, erased)));
        foreach (var key in leaving)
        {
            state.EndUserKeys.Remove(key);
            state.HeldBy.Remove(key);
        }

        return leaving.Length;
    }

    /// <summary>Reads an entry's controls as stored now, so that notifications arriving out of order cannot undo a later change.</summary>
    public async Task<EndUserControls> ReadControlsAsync(string key)
    {
        var entry = await Entry(key).GetAsync(key);
        return new EndUserControls(entry.Restriction is not null, entry.Hold is not null);
    }

    /// <summary>Applies one entry's controls; false when nothing changed.</summary>
    public static bool Apply(ConversationState state, string key, EndUserControls controls)
    {
        if (!state.EndUserKeys.Contains(key))
        {
            return false;
        }

        return Toggle(state.RestrictedBy, key, controls.Restricted) | Toggle(state.HeldBy, key, controls.Held);
    }

    private static bool Toggle(List<string> keys, string key, bool on) => on
        ? !keys.Contains(key) && Add(keys, key)
        : keys.Remove(key);

    private static bool Add(List<string> keys, string key)
    {
        keys.Add(key);
        return true;
    }

    private IEndUserIndexGrain Entry(string key) => grains.GetGrain<IEndUserIndexGrain>(EndUserKeys.ShardOf(key));
}
