using CraftCX.Conversations;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Concurrency;
using Orleans.Storage;

namespace CraftCX.Privacy.EndUsers;

/// <summary>
/// Routes one shard's entries to their rows. Nearly every conversation brings a new end user, and a grain per
/// entry cost a third of the pipeline's throughput in activations (measured); here the shard stays active and
/// each call reads and writes just its entry's row. Calls for one entry run one at a time, others interleave.
/// </summary>
[Reentrant]
internal sealed class EndUserIndexGrain(IServiceProvider services) : Grain, IEndUserIndexGrain
{
    private const string StateName = "end-user-index";

    private readonly IGrainStorage _storage = services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Tenants);
    private readonly Dictionary<string, Task> _busy = new(StringComparer.Ordinal);

    public Task<EndUserControls> JoinAsync(string endUser, string conversation) => ExclusiveAsync(endUser, async entry =>
    {
        if (entry.State.Conversations.Count >= EndUserIndexState.MaxConversations && !entry.State.Conversations.Contains(conversation))
        {
            // A placeholder identifier shared by everyone must not grow one row without bound. A conversation not
            // listed is never told of a change, so it takes on no control either.
            if (!entry.State.Overflowed)
            {
                entry.State.Overflowed = true;
                await WriteAsync(endUser, entry);
            }

            return new EndUserControls(Restricted: false, Held: false);
        }
        else if (entry.State.Conversations.Add(conversation))
        {
            await WriteAsync(endUser, entry);
        }

        return entry.State.Controls;
    });

    public Task LeaveAsync(string endUser, string conversation, bool erased) => ExclusiveAsync(endUser, async entry =>
    {
        var changed = entry.State.Conversations.Remove(conversation);
        if (erased)
        {
            var record = entry.State.Erased;
            record.Remove(conversation);
            record.Add(conversation);
            if (record.Count > EndUserIndexState.MaxErased)
            {
                record.RemoveRange(0, record.Count - EndUserIndexState.MaxErased);
            }

            changed = true;
        }

        if (changed)
        {
            await WriteAsync(endUser, entry);
        }

        return true;
    });

    public Task<EndUserIndexEntry> GetAsync(string endUser) => ExclusiveAsync(endUser, entry => Task.FromResult(new EndUserIndexEntry(
        entry.State.Conversations.Order(StringComparer.Ordinal).ToArray(),
        entry.State.Restriction,
        entry.State.Hold,
        entry.State.Erased.ToArray(),
        entry.State.Overflowed)));

    public Task SetRestrictionAsync(string endUser, EndUserRestriction? restriction) => SetControlAsync(endUser, state => state.Restriction = restriction);

    public Task SetHoldAsync(string endUser, LegalHold? hold) => SetControlAsync(endUser, state => state.Hold = hold);

    private async Task SetControlAsync(string endUser, Action<EndUserIndexState> set)
    {
        var conversations = await ExclusiveAsync(endUser, async entry =>
        {
            set(entry.State);
            await WriteAsync(endUser, entry);
            return entry.State.Conversations.ToArray();
        });
        await TellAsync(endUser, conversations);
    }

    // After the control is stored, so that a conversation joining later reads it from its join; each conversation
    // reads the entry again, so two changes told out of order still leave it with the later one. A failure leaves
    // the control stored and the caller repeats the request, which tells everyone again.
    private async Task TellAsync(string endUser, string[] conversations)
    {
        var (tenant, _) = GrainKeys.Split(endUser);
        foreach (var batch in conversations.Chunk(16))
        {
            await Task.WhenAll(batch.Select(c =>
                GrainFactory.GetGrain<IConversationGrain>(GrainKeys.Compose(tenant, c)).RefreshEndUserControlsAsync(endUser)));
        }
    }

    // Read, change and write one entry while no other call touches it; nothing is cached, so a failed write leaves
    // only the stored row, which the retry reads again.
    private async Task<T> ExclusiveAsync<T>(string endUser, Func<Row, Task<T>> work)
    {
        var previous = _busy.GetValueOrDefault(endUser) ?? Task.CompletedTask;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _busy[endUser] = done.Task;
        try
        {
            await previous;
            var stored = new GrainState<EndUserIndexState>(new EndUserIndexState());
            await _storage.ReadStateAsync(StateName, EntryId(endUser), stored);
            return await work(new Row(stored, stored.State ?? new EndUserIndexState()));
        }
        finally
        {
            done.SetResult();
            if (_busy.TryGetValue(endUser, out var last) && last == done.Task)
            {
                _busy.Remove(endUser);
            }
        }
    }

    // An entry with nothing left leaves no row.
    private Task WriteAsync(string endUser, Row entry)
    {
        entry.Stored.State = entry.State;
        return entry.State.IsEmpty
            ? entry.Stored.RecordExists ? _storage.ClearStateAsync(StateName, EntryId(endUser), entry.Stored) : Task.CompletedTask
            : _storage.WriteStateAsync(StateName, EntryId(endUser), entry.Stored);
    }

    private static GrainId EntryId(string endUser) => GrainId.Create(StateName, endUser);

    /// <summary>One entry as read: the storage's envelope (with its ETag) and the state.</summary>
    private sealed record Row(GrainState<EndUserIndexState> Stored, EndUserIndexState State);
}
