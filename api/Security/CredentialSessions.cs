using System.Collections.Concurrent;

namespace CraftCX.Api.Security;

/// <summary>
/// The long-lived things this silo holds open for a credential (live hub connections, score streams), by tenant and
/// key: so that a per-key limit can be applied and revoking the key closes them.
/// </summary>
internal sealed class CredentialSessions
{
    private readonly ConcurrentDictionary<long, Session> _sessions = new();
    private readonly Lock _opening = new();
    private long _next;

    /// <summary>Registers a session unless the key already has <paramref name="limit"/> of this kind; null then.</summary>
    public IDisposable? TryOpen(string tenant, string keyId, string kind, int limit, Action close)
    {
        lock (_opening)
        {
            if (Count(tenant, keyId, kind) >= limit)
            {
                return null;
            }

            var id = Interlocked.Increment(ref _next);
            _sessions[id] = new Session(tenant, keyId, kind, close);
            return new Lease(this, id);
        }
    }

    public int Count(string tenant, string keyId, string kind) =>
        _sessions.Values.Count(s => s.KeyId == keyId && s.Tenant == tenant && s.Kind == kind);

    /// <summary>The keys that have at least one session open.</summary>
    public IReadOnlyCollection<(string Tenant, string KeyId)> Keys() =>
        _sessions.Values.Select(s => (s.Tenant, s.KeyId)).ToHashSet();

    /// <summary>Closes every session of the key; returns how many.</summary>
    public int CloseAll(string tenant, string keyId)
    {
        var closed = 0;
        foreach (var (id, session) in _sessions)
        {
            if (session.Tenant == tenant && session.KeyId == keyId && _sessions.TryRemove(id, out _))
            {
                try
                {
                    session.Close();
                }
                catch (Exception ex) when (ex is ObjectDisposedException or InvalidOperationException)
                {
                    // It was ending anyway; the others must still be closed.
                }

                closed++;
            }
        }

        return closed;
    }

    private sealed record Session(string Tenant, string KeyId, string Kind, Action Close);

    private sealed class Lease(CredentialSessions owner, long id) : IDisposable
    {
        public void Dispose() => owner._sessions.TryRemove(id, out _);
    }
}
