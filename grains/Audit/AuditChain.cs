using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace CraftCX.Audit;

/// <summary>The audit log's hash chain: SHA-256 over the previous hash and the entry's fields, each length-prefixed.</summary>
internal static class AuditChain
{
    /// <summary>The hash before a tenant's first entry: its own, so that one tenant's log cannot pass for another's.</summary>
    public static string Genesis(string tenant) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("craftcx-audit-v1/" + tenant)));

    public static string Hash(string previous, long sequence, DateTimeOffset at, AuditRecord record)
    {
        using var buffer = new MemoryStream();
        buffer.Write(Convert.FromHexString(previous));
        Span<byte> number = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(number, sequence);
        buffer.Write(number);
        BinaryPrimitives.WriteInt64LittleEndian(number, at.UtcTicks);
        buffer.Write(number);
        foreach (var field in new[] { record.Actor, record.Action, record.Target, record.Outcome, record.Detail })
        {
            // Null and empty differ, so that no two records share their bytes.
            var bytes = field is null ? [] : Encoding.UTF8.GetBytes(field);
            BinaryPrimitives.WriteInt32LittleEndian(number, field is null ? -1 : bytes.Length);
            buffer.Write(number[..4]);
            buffer.Write(bytes);
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()));
    }

    public static AuditEntry Next(string previous, long sequence, DateTimeOffset at, AuditRecord record) =>
        new(sequence, at, record, Hash(previous, sequence, at, record));

    /// <summary>Recomputes the chain over entries in order from the first; the first entry that does not follow breaks it.</summary>
    /// <param name="anchor">The last entry expired by the log's own retention (its sequence and hash); null: the genesis.</param>
    public static AuditVerification Verify(string tenant, IEnumerable<AuditEntry> entries, AuditAnchor? anchor = null)
    {
        var previous = anchor?.Hash ?? Genesis(tenant);
        var expected = (anchor?.Sequence ?? 0) + 1;
        var count = 0L;
        foreach (var entry in entries)
        {
            if (entry.Sequence != expected || entry.Hash != Hash(previous, entry.Sequence, entry.At, entry.Record))
            {
                return new AuditVerification(count, false, expected);
            }

            previous = entry.Hash;
            expected++;
            count++;
        }

        return new AuditVerification(count, true, null);
    }
}
