using CraftCX.Api.Http;
using CraftCX.Api.Security;
using CraftCX.Encryption;

namespace CraftCX.Api.Tenants;

/// <summary>The operator's pass after a new key-encryption key: every tenant's data keys wrapped again under it, a page per call.</summary>
internal static class KeyEncryptionKeyEndpoints
{
    private const int MaxPage = 1_000;

    public static IEndpointRouteBuilder MapKeyEncryptionKeyRewrap(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/v1/admin/encryption/rewrap", async (string? after, int? limit, IGrainFactory grains) =>
            {
                if (limit is < 1 or > MaxPage)
                {
                    return Problems.BadRequest("Invalid limit", $"limit must be from 1 to {MaxPage}.");
                }

                if (after is { Length: > 0 } && RouteIds.CheckTenant(after) is { } invalid)
                {
                    return invalid;
                }

                try
                {
                    return TypedResults.Ok(await grains.GetGrain<IKeyEncryptionKeyRewrapGrain>(0).RewrapAsync(after ?? string.Empty, limit ?? 200));
                }
                catch (InvalidOperationException ex)
                {
                    return Problems.Conflict(ex.Message);
                }
            })
            .AddEndpointFilter<OperatorKeyFilter>()
            .WithName("RewrapDataKeys")
            .WithSummary("Wrap the data keys of up to `limit` tenants after `after` again under the current key-encryption key; call again with `next` until it is null, then remove the earlier key (operator key required)")
            .Produces<KeyRewrapPage>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return endpoints;
    }
}
