using CraftCX.Api.Audit;
using CraftCX.Api.Http;
using CraftCX.Api.Security;
using CraftCX.Conversations;
using CraftCX.Privacy;
using CraftCX.Security;
using CraftCX.Tenants;

namespace CraftCX.Api.Privacy;

/// <summary>Legal holds over one conversation or all of a tenant's data; setting and lifting them is audited.</summary>
internal static class LegalHoldEndpoints
{
    /// <summary>The body of a hold; the reason (a case number) is optional.</summary>
    public sealed record HoldRequest(string? Reason);

    public static IEndpointRouteBuilder MapLegalHolds(this IEndpointRouteBuilder endpoints)
    {
        var conversation = endpoints.MapGroup("/v1/tenants/{tenant}/conversations/{conversation}/hold").RequireTenantScope(ApiScopes.Admin);
        conversation.MapGet("/", async (string tenant, string conversation, IGrainFactory grains) =>
                Check(tenant, conversation) ?? (await Conversation(grains, tenant, conversation).GetLegalHoldAsync() is { } status
                    ? TypedResults.Ok(status)
                    : Problems.NotFound($"Tenant '{tenant}' has no conversation '{conversation}'.")))
            .WithName("GetConversationHold")
            .WithSummary("Whether the conversation is under a legal hold, since when and why")
            .Produces<LegalHoldStatus>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        conversation.MapPut("/", async (string tenant, string conversation, HoldRequest? request, IGrainFactory grains, TimeProvider time) =>
            {
                if ((Check(tenant, conversation) ?? CheckReason(request)) is { } invalid)
                {
                    return invalid;
                }

                var hold = new LegalHold(time.GetUtcNow(), request?.Reason);
                return await Conversation(grains, tenant, conversation).SetLegalHoldAsync(hold)
                    ? TypedResults.Ok(hold)
                    : Problems.NotFound($"Tenant '{tenant}' has no conversation '{conversation}'.");
            })
            .WithSettingsBodyLimit(endpoints)
            .Audited("hold.conversation.set")
            .WithName("SetConversationHold")
            .WithSummary("Put the conversation under a legal hold (admin scope): retention removes nothing of it until the hold is lifted")
            .Produces<LegalHold>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        conversation.MapDelete("/", async (string tenant, string conversation, IGrainFactory grains) =>
                Check(tenant, conversation) ?? (await Conversation(grains, tenant, conversation).SetLegalHoldAsync(null)
                    ? TypedResults.NoContent()
                    : Problems.NotFound($"Tenant '{tenant}' has no conversation '{conversation}'.")))
            .Audited("hold.conversation.lift")
            .WithName("LiftConversationHold")
            .WithSummary("Lift the conversation's legal hold; the next retention sweep applies the policy to it")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);

        var tenantHold = endpoints.MapGroup("/v1/tenants/{tenant}/hold").RequireTenantScope(ApiScopes.Admin);
        tenantHold.MapGet("/", async (string tenant, IGrainFactory grains) =>
                RouteIds.CheckTenant(tenant) ?? TypedResults.Ok(LegalHoldStatus.Of(await grains.GetGrain<ITenantGrain>(tenant).GetLegalHoldAsync())))
            .WithName("GetTenantHold")
            .WithSummary("Whether all of the tenant's data is under a legal hold, since when and why")
            .Produces<LegalHoldStatus>();

        tenantHold.MapPut("/", async (string tenant, HoldRequest? request, IGrainFactory grains, TimeProvider time) =>
            {
                if ((RouteIds.CheckTenant(tenant) ?? CheckReason(request)) is { } invalid)
                {
                    return invalid;
                }

                var hold = new LegalHold(time.GetUtcNow(), request?.Reason);
                await grains.GetGrain<ITenantGrain>(tenant).SetLegalHoldAsync(hold);
                return TypedResults.Ok(hold);
            })
            .WithSettingsBodyLimit(endpoints)
            .Audited("hold.tenant.set")
            .WithName("SetTenantHold")
            .WithSummary("Put all of the tenant's data under a legal hold (admin scope): retention sweeps remove nothing until it is lifted")
            .Produces<LegalHold>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        tenantHold.MapDelete("/", async (string tenant, IGrainFactory grains) =>
            {
                if (RouteIds.CheckTenant(tenant) is { } invalid)
                {
                    return invalid;
                }

                await grains.GetGrain<ITenantGrain>(tenant).SetLegalHoldAsync(null);
                return TypedResults.NoContent();
            })
            .Audited("hold.tenant.lift")
            .WithName("LiftTenantHold")
            .WithSummary("Lift the tenant's legal hold; the next retention sweep catches up")
            .Produces(StatusCodes.Status204NoContent);
        return endpoints;
    }

    private static IConversationGrain Conversation(IGrainFactory grains, string tenant, string conversation) =>
        grains.GetGrain<IConversationGrain>(GrainKeys.Compose(tenant, conversation));

    private static IResult? Check(string tenant, string conversation) =>
        RouteIds.CheckTenant(tenant) ?? RouteIds.CheckId("conversation", conversation);

    private static IResult? CheckReason(HoldRequest? request) => Reasons.Check(request?.Reason);
}
