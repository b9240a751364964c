using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace CraftCX.Conversations;

/// <summary>
/// The last few applied event ids, kept as 64-bit XxHash3 values in a ring: a replayed id is recognised at the
/// cost of one number per id instead of a string the storage serializer would have to track.
/// </summary>
[GenerateSerializer, Alias("craftcx.recent-event-ids.v1")]
internal sealed class RecentEventIds
{
    [Id(0)] public ulong[] Hashes { get; set; } = [];
    [Id(1)] public int Next { get; set; }

    public bool Contains(string eventId)
    {
        var hash = Hash(eventId);
        return Array.IndexOf(Hashes, hash) >= 0;
    }

    public void Add(string eventId, int capacity)
    {
        if (Hashes.Length != capacity)
        {
            var resized = new ulong[capacity];
            Array.Copy(Hashes, resized, Math.Min(Hashes.Length, capacity));
            Hashes = resized;
            Next %= capacity;
        }

        Hashes[Next] = Hash(eventId);
        Next = (Next + 1) % capacity;
    }

    // Zero marks an empty slot, so a hash of zero is moved to one.
    private static ulong Hash(string eventId) => Math.Max(1UL, XxHash3.HashToUInt64(MemoryMarshal.AsBytes(eventId.AsSpan())));
}
