using System.Runtime.CompilerServices;
using CraftCX.Api.Http;
using CraftCX.Api.Security;
using CraftCX.Audit;
using CraftCX.Security;

namespace CraftCX.Api.Audit;

/// <summary>Reading a tenant's audit log and checking its chain.</summary>
internal static class AuditEndpoints
{
    private const int MaxPage = 1000;

    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/v1/tenants/{tenant}/audit", async (string tenant, long? from, int? limit, IGrainFactory grains) =>
            {
                if (RouteIds.CheckTenant(tenant) is { } invalid)
                {
                    return invalid;
                }

                if (from is < 1 || limit is < 1 or > MaxPage)
                {
                    return Problems.BadRequest("Invalid page", $"from must be at least 1 and limit from 1 to {MaxPage}.");
                }

                return TypedResults.Ok(await grains.GetGrain<IAuditLogGrain>(tenant).ReadAsync(from ?? 1, limit ?? 100));
            })
            .RequireTenantScope(ApiScopes.Admin)
            .WithName("GetAuditLog")
            .WithSummary("The tenant's audit log in order: who (key or operator), what, on which ids, when, the outcome and the entry's chained hash; page with from (sequence) and limit")
            .Produces<IReadOnlyList<AuditEntry>>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        endpoints.MapGet("/v1/tenants/{tenant}/audit/verify", async (string tenant, IGrainFactory grains) =>
                RouteIds.CheckTenant(tenant) ?? TypedResults.Ok(await grains.GetGrain<IAuditLogGrain>(tenant).VerifyAsync()))
            .RequireTenantScope(ApiScopes.Admin)
            .WithName("VerifyAuditLog")
            .WithSummary("Recompute the audit log's hash chain: valid, or the first entry that does not follow its predecessor")
            .Produces<AuditVerification>();

        endpoints.MapGet("/v1/tenants/{tenant}/audit/export", async (string tenant, IGrainFactory grains, TimeProvider time) =>
            {
                if (RouteIds.CheckTenant(tenant) is { } invalid)
                {
                    return invalid;
                }

                // The anchor and the first page from one moment: an expiry between them would leave a gap.
                var log = grains.GetGrain<IAuditLogGrain>(tenant);
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    var anchor = await log.GetAnchorAsync();
                    var first = await log.ReadAsync((anchor?.Sequence ?? 0) + 1, MaxPage);
                    if (first.Count == 0 || first[0].Sequence == (anchor?.Sequence ?? 0) + 1)
                    {
                        return TypedResults.Ok(new AuditExport(tenant, time.GetUtcNow(), anchor, ReadAllAsync(log, first)));
                    }
                }

                // Not an expiry racing the export, then: entries are missing, which verify will show.
                return Problems.Unavailable("The audit log does not start where its anchor says; GET .../audit/verify shows where its chain breaks.");
            })
            .RequireTenantScope(ApiScopes.Admin)
            .Audited("audit.export")
            .WithName("ExportAuditLog")
            .WithSummary("The whole audit log as one JSON document, streamed, with the anchor its chain starts from (the genesis, or the last entry its own retention removed)")
            .Produces<AuditExport>()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return endpoints;
    }

    // A page at a time, so the document goes out as it is read; entries appended meanwhile are included.
    private static async IAsyncEnumerable<AuditEntry> ReadAllAsync(IAuditLogGrain log, IReadOnlyList<AuditEntry> first, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var page = first;
        while (true)
        {
            foreach (var entry in page)
            {
                yield return entry;
            }

            if (page.Count < MaxPage)
            {
                yield break;
            }

            cancellationToken.ThrowIfCancellationRequested();
            page = await log.ReadAsync(page[^1].Sequence + 1, MaxPage);
        }
    }
}
