using CraftCX.Audit;

namespace CraftCX.Api.Audit;

/// <summary>A tenant's whole audit log as one document, written as it is read; the anchor says where the chain starts.</summary>
/// <param name="Anchor">The last entry the log's own retention removed (the first entry chains on from its hash); null: the genesis.</param>
internal sealed record AuditExport(string Tenant, DateTimeOffset ExportedAt, AuditAnchor? Anchor, IAsyncEnumerable<AuditEntry> Entries);
