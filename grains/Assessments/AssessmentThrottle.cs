using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace CraftCX.Assessments;

/// <summary>
/// The per-silo limit on AI calls under way at once (<see cref="AiOptions.MaxConcurrency"/>), and their end when the
/// silo stops: queued and running calls give up so that shutdown does not wait for the model (the conversations keep
/// their requests, and their reminders ask again on whichever silo is up).
/// </summary>
public sealed class AssessmentThrottle(IOptions<AiOptions> options, SiloStopping silo) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(Math.Max(1, options.Value.MaxConcurrency));
    private readonly ConcurrentDictionary<string, byte> _queued = new(StringComparer.Ordinal);

    /// <summary>Cancelled when the silo starts to stop.</summary>
    public CancellationToken Stopping => silo.Token;

    /// <summary>Conversations waiting here for a slot; each at most once, however often its reminder asks.</summary>
    public int Queued => _queued.Count;

    /// <summary>False when this conversation already waits for a slot on this silo.</summary>
    public bool TryEnter(string conversationKey) => _queued.TryAdd(conversationKey, 0);

    public void Leave(string conversationKey) => _queued.TryRemove(conversationKey, out _);

    public Task WaitAsync() => _slots.WaitAsync(silo.Token);

    public void Release() => _slots.Release();

    public void Dispose() => _slots.Dispose();
}
