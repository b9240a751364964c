using CraftCX.Audit;

namespace CraftCX.Tests.Audit;

/// <summary>The audit log's hash chain: any change, removal or reordering of an entry breaks it at that entry.</summary>
[Trait("Category", "Unit")]
public sealed class AuditChainTests
{
    private const string Tenant = "acme";
    private static readonly DateTimeOffset At = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    private static List<AuditEntry> Chain(int count)
    {
        var entries = new List<AuditEntry>();
        var previous = AuditChain.Genesis(Tenant);
        for (var i = 1; i <= count; i++)
        {
            var entry = AuditChain.Next(previous, i, At.AddSeconds(i), new AuditRecord($"key:k{i % 3}", "settings.ai.put", $"n={i}", "200"));
            entries.Add(entry);
            previous = entry.Hash;
        }

        return entries;
    }

    [Fact]
    public void An_untouched_chain_verifies()
    {
        Assert.Equal(new AuditVerification(5, true, null), AuditChain.Verify(Tenant, Chain(5)));
        Assert.Equal(new AuditVerification(0, true, null), AuditChain.Verify(Tenant, []));
    }

    [Fact]
    public void A_changed_field_or_time_breaks_the_chain_at_that_entry()
    {
        var changed = Chain(5);
        changed[2] = changed[2] with { Record = changed[2].Record with { Outcome = "403" } };
        Assert.Equal(new AuditVerification(2, false, 3), AuditChain.Verify(Tenant, changed));

        var retimed = Chain(5);
        retimed[3] = retimed[3] with { At = retimed[3].At.AddTicks(1) };
        Assert.Equal(4, AuditChain.Verify(Tenant, retimed).FirstInvalidSequence);

        // A rewritten entry with a fresh hash still breaks the next one.
        var rehashed = Chain(5);
        var forged = rehashed[1].Record with { Actor = "operator" };
        rehashed[1] = AuditChain.Next(rehashed[0].Hash, 2, rehashed[1].At, forged);
        Assert.Equal(3, AuditChain.Verify(Tenant, rehashed).FirstInvalidSequence);
    }

    [Fact]
    public void A_removed_or_swapped_entry_breaks_the_chain()
    {
        var removed = Chain(5);
        removed.RemoveAt(1);
        Assert.Equal(2, AuditChain.Verify(Tenant, removed).FirstInvalidSequence);

        var swapped = Chain(5);
        (swapped[3], swapped[4]) = (swapped[4], swapped[3]);
        Assert.Equal(4, AuditChain.Verify(Tenant, swapped).FirstInvalidSequence);
    }

    [Fact]
    public void A_null_detail_and_an_empty_one_hash_differently()
    {
        var record = new AuditRecord("system", "retention.swept", string.Empty, "done");
        Assert.NotEqual(
            AuditChain.Hash(AuditChain.Genesis(Tenant), 1, At, record),
            AuditChain.Hash(AuditChain.Genesis(Tenant), 1, At, record with { Detail = string.Empty }));
    }

    [Fact]
    public void A_log_copied_to_another_tenant_does_not_verify_there()
    {
        Assert.True(AuditChain.Verify(Tenant, Chain(3)).Valid);
        Assert.Equal(1, AuditChain.Verify("globex", Chain(3)).FirstInvalidSequence);
    }
}
