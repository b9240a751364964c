using System.Runtime.CompilerServices;
using CraftCX.Api.Audit;
using CraftCX.Api.Http;
using CraftCX.Api.Security;
using CraftCX.Conversations;
using CraftCX.Privacy;
using CraftCX.Privacy.EndUsers;
using CraftCX.Reviews;
using CraftCX.Security;

namespace CraftCX.Api.Privacy;

/// <summary>
/// End users' requests through the customer (privacy scope): find, export, erase, restrict and verify; a legal
/// hold per end user (admin scope). Identifiers travel in bodies, never in URLs, and every call is audited.
/// </summary>
internal static class EndUserEndpoints
{
    private const string Base = "/v1/tenants/{tenant}/privacy/end-users";

    public static IEndpointRouteBuilder MapEndUserRequests(this IEndpointRouteBuilder endpoints)
    {
        var privacy = endpoints.MapGroup(Base).RequireTenantScope(ApiScopes.Privacy).WithSettingsBodyLimit(endpoints);
        privacy.MapPost("/search", (string tenant, EndUserRequest? request, IGrainFactory grains) =>
                Run(tenant, request, (grain, query) => grain.SearchAsync(query), grains))
            .Audited("privacy.search")
            .WithName("SearchEndUser")
            .WithSummary("The conversations about one end user (by customerId, email or phone), and any restriction or hold")
            .Produces<EndUserSearchResult>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        privacy.MapPost("/export", async (string tenant, EndUserRequest? request, IGrainFactory grains, TimeProvider time) =>
            {
                if ((EndUserRequestRules.Check(request, out var query) ?? RouteIds.CheckTenant(tenant)) is { } invalid)
                {
                    return invalid;
                }

                var found = await grains.GetGrain<IEndUserPrivacyGrain>(tenant).SearchAsync(query);
                return TypedResults.Ok(new EndUserExport(
                    tenant,
                    time.GetUtcNow(),
                    Kinds(query),
                    ReadAsync(grains, tenant, found.Conversations.Select(c => c.Conversation).ToArray())));
            })
            .Audited("privacy.export")
            .WithName("ExportEndUser")
            .WithSummary("One portable JSON document with every conversation about the end user: transcript, customer, scores, labels, AI assessment and reviews, streamed")
            .Produces<EndUserExport>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        privacy.MapPost("/delete", async (string tenant, EndUserRequest? request, IGrainFactory grains) =>
            {
                if ((EndUserRequestRules.Check(request, out var query) ?? RouteIds.CheckTenant(tenant)) is { } invalid)
                {
                    return invalid;
                }

                try
                {
                    return TypedResults.Ok(await grains.GetGrain<IEndUserPrivacyGrain>(tenant).EraseAsync(query));
                }
                catch (EndUserHeldException ex)
                {
                    return Problems.Conflict(ex.Message);
                }
            })
            .Audited("privacy.delete")
            .WithName("DeleteEndUser")
            .WithSummary("Remove the end user's personal data from every conversation about them (transcript, identifiers, subject, AI text, review comments, index); de-identified scores and aggregates stay. Answers with a receipt")
            .Produces<ErasureReceipt>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);

        privacy.MapPost("/restriction", (string tenant, EndUserRequest? request, IGrainFactory grains, TimeProvider time) =>
                Run(tenant, request, (grain, query) => grain.SetRestrictionAsync(query, new EndUserRestriction(time.GetUtcNow(), request!.Reason)), grains))
            .Audited("privacy.restrict")
            .WithName("RestrictEndUser")
            .WithSummary("Stop processing the end user's conversations: their events are kept unscored and no AI assessment runs until the restriction is lifted")
            .Produces<EndUserSearchResult>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        privacy.MapPost("/restriction/lift", (string tenant, EndUserRequest? request, IGrainFactory grains) =>
                Run(tenant, request, (grain, query) => grain.SetRestrictionAsync(query, null), grains))
            .Audited("privacy.restrict.lift")
            .WithName("LiftEndUserRestriction")
            .WithSummary("Resume processing: the events held back are applied in order and scored")
            .Produces<EndUserSearchResult>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        privacy.MapPost("/verify", async (string tenant, VerifyRequest? request, IGrainFactory grains) =>
            {
                if ((EndUserRequestRules.Check(request, out var probe) ?? RouteIds.CheckTenant(tenant)) is { } invalid)
                {
                    return invalid;
                }

                return TypedResults.Ok(await grains.GetGrain<IEndUserPrivacyGrain>(tenant).VerifyAsync(probe));
            })
            .Audited("privacy.verify")
            .WithName("VerifyEndUser")
            .WithSummary("Search the index, every conversation it lists or an erasure cleaned, and their reviews, for the identifiers, the name and the given sentences; no findings means gone")
            .Produces<VerificationReport>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        var hold = endpoints.MapGroup(Base + "/hold").RequireTenantScope(ApiScopes.Admin).WithSettingsBodyLimit(endpoints);
        hold.MapPost("/", (string tenant, EndUserRequest? request, IGrainFactory grains, TimeProvider time) =>
                Run(tenant, request, (grain, query) => grain.SetHoldAsync(query, new LegalHold(time.GetUtcNow(), request!.Reason)), grains))
            .Audited("hold.end-user.set")
            .WithName("SetEndUserHold")
            .WithSummary("Put the end user's conversations under a legal hold (admin scope): neither retention nor an erasure removes anything of them")
            .Produces<EndUserSearchResult>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        hold.MapPost("/lift", (string tenant, EndUserRequest? request, IGrainFactory grains) =>
                Run(tenant, request, (grain, query) => grain.SetHoldAsync(query, null), grains))
            .Audited("hold.end-user.lift")
            .WithName("LiftEndUserHold")
            .WithSummary("Lift the end user's legal hold; the next retention sweep applies the policy to their conversations")
            .Produces<EndUserSearchResult>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return endpoints;
    }

    private static async Task<IResult> Run(
        string tenant,
        EndUserRequest? request,
        Func<IEndUserPrivacyGrain, EndUserQuery, Task<EndUserSearchResult>> action,
        IGrainFactory grains)
    {
        if ((EndUserRequestRules.Check(request, out var query) ?? RouteIds.CheckTenant(tenant)) is { } invalid)
        {
            return invalid;
        }

        try
        {
            return TypedResults.Ok(await action(grains.GetGrain<IEndUserPrivacyGrain>(tenant), query));
        }
        catch (EndUserHeldException ex)
        {
            return Problems.Conflict(ex.Message);
        }
    }

    private static string[] Kinds(EndUserQuery query) =>
        new[] { ("customerId", query.CustomerId), ("email", query.Email), ("phone", query.Phone) }
            .Where(k => !string.IsNullOrWhiteSpace(k.Item2))
            .Select(k => k.Item1)
            .ToArray();

    // One conversation at a time, so the document goes out as it is read and memory stays flat.
    private static async IAsyncEnumerable<EndUserExport.Conversation> ReadAsync(
        IGrainFactory grains,
        string tenant,
        IReadOnlyList<string> conversations,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var id in conversations)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var key = GrainKeys.Compose(tenant, id);
            var data = await grains.GetGrain<IConversationGrain>(key).GetPersonalDataAsync();
            if (data is null)
            {
                continue;
            }

            var reviews = await grains.GetGrain<IConversationReviewsGrain>(key).GetAsync();
            yield return new EndUserExport.Conversation(
                id,
                data.Customer,
                data.Subject,
                data.Restricted,
                data.Held,
                data.PersonalDataPurgedAt,
                data.ErasedAt,
                data.Snapshot,
                data.HeldBack,
                reviews is null ? [] : reviews.Reviews);
        }
    }
}
