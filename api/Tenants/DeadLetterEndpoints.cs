using CraftCX.Api.Audit;
using CraftCX.Api.Http;
using CraftCX.Api.Security;
using CraftCX.Encryption;

namespace CraftCX.Api.Tenants;

/// <summary>
/// The operator's way back to a dead letter's original bytes: the topic holds them sealed with the tenant's data
/// key, and this route opens one (audited), for inspection or replay.
/// </summary>
internal static class DeadLetterEndpoints
{
    /// <summary>Larger than any record the dead-letter topic takes (librdkafka's default is 1 MB).</summary>
    private const int MaxSealedBytes = 2 * 1024 * 1024;

    public static IEndpointRouteBuilder MapDeadLetters(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/v1/admin/tenants/{tenant}/dead-letters/open", async (string tenant, HttpRequest request, ITenantPayloadSealer sealer, IGrainFactory grains, CancellationToken cancellationToken) =>
            {
                // Never make keys for a tenant that does not exist.
                if (await TenantRouteChecks.ExistingTenantAsync(tenant, grains) is { } problem)
                {
                    return problem;
                }

                if (await RequestBodies.ReadAsync(request, MaxSealedBytes, cancellationToken) is not { } body)
                {
                    return Problems.TooLarge($"A dead letter's value is at most {MaxSealedBytes} bytes.");
                }

                try
                {
                    return TypedResults.Bytes(await sealer.OpenAsync(tenant, body, DeadLetterSealing.Purpose), "application/octet-stream");
                }
                catch (TamperedValueException)
                {
                    return Problems.BadRequest("Does not open", $"The body does not open with the keys of tenant '{tenant}': send the record's value exactly as the topic holds it (only records with the {DeadLetterSealing.SealedForHeader} header are sealed, for the tenant it names).");
                }
                catch (InvalidOperationException ex)
                {
                    return Problems.Conflict(ex.Message);
                }
            })
            .AddEndpointFilter<OperatorKeyFilter>()
            .Audited("dead-letter.open")
            .WithName("OpenDeadLetter")
            .WithSummary("Open a dead letter's value, which the topic holds sealed with the tenant's data key (header craftcx-dlq-sealed-for): the body is the record's value as stored, the answer its original bytes; 410 once the tenant's keys are destroyed (operator key required)")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        return endpoints;
    }
}
