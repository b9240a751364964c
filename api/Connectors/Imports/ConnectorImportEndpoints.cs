using System.Security.Cryptography;
using CraftCX.Api.Audit;
using CraftCX.Api.Http;
using CraftCX.Api.Security;
using CraftCX.Connectors.Imports;
using CraftCX.Security;
using Microsoft.Extensions.Options;

namespace CraftCX.Api.Connectors.Imports;

/// <summary>/v1/tenants/{tenant}/connectors/{id}/imports: history imports of a connector's exports, and their progress.</summary>
internal static class ConnectorImportEndpoints
{
    public static IEndpointRouteBuilder MapConnectorImports(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/v1/tenants/{tenant}/connectors/{id}/imports").RequireTenantScope(ApiScopes.Admin);

        group.MapPost("/", StartAsync)
            .WithSettingsBodyLimit(endpoints)
            .Audited("connector.import")
            .WithName("StartConnectorImport")
            .WithSummary("Import a Zendesk or Intercom export (a file in the operator's import directory, or a URL on an allowed host) into history")
            .WithDescription("The records go through the connector's mapping to the import topic as backfill: past timestamps land in history, not in the live windows. " +
                "Answers at once with the import's status URL; the import runs on the cluster and goes on from its last checkpoint after a restart.")
            .Produces<ConnectorImportResponse>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{importId}", GetAsync)
            .WithName("GetConnectorImport")
            .WithSummary("An import's progress: state, records, events, dead-lettered, bytes read, rate and the time left")
            .Produces<ConnectorImportResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    private static async Task<IResult> StartAsync(string tenant, string id, ConnectorImportRequest? body, HttpRequest request, IGrainFactory grains, IOptions<ConnectorImportOptions> options)
    {
        if (await ConnectorEndpoints.ExistingAsync(tenant, id, grains) is { } problem)
        {
            return problem;
        }

        if (await ConnectorEndpoints.Connectors(grains, tenant).GetAsync(id) is not { } connector)
        {
            return ConnectorEndpoints.NoSuch(id);
        }

        if (!ImportRecordMapper.CanImport(connector.Type))
        {
            return Problems.BadRequest("Invalid import", "History import reads Zendesk and Intercom exports; contract events are imported with POST /v1/events?import=true.");
        }

        var (spec, error) = ImportSourceRules.Check(id, body?.File, body?.Url, options.Value);
        if (spec is null)
        {
            return Problems.BadRequest("Invalid import", error!);
        }

        var importId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var info = await grains.GetGrain<IConnectorImportGrain>(ConnectorImportKeys.Of(tenant, importId)).CreateAsync(spec);
        var url = StatusUrl(request, tenant, id, importId);
        return TypedResults.Accepted(url, ConnectorImportResponse.Of(info, url));
    }

    private static async Task<IResult> GetAsync(string tenant, string id, string importId, HttpRequest request, IGrainFactory grains)
    {
        if (await ConnectorEndpoints.ExistingAsync(tenant, id, grains) is { } problem)
        {
            return problem;
        }

        if (importId.Length != 24 || !importId.All(char.IsAsciiHexDigitLower)
            || await grains.GetGrain<IConnectorImportGrain>(ConnectorImportKeys.Of(tenant, importId)).GetAsync() is not { } info
            || info.Spec.ConnectorId != id)
        {
            return Problems.NotFound("The connector has no such import.");
        }

        return TypedResults.Ok(ConnectorImportResponse.Of(info, StatusUrl(request, tenant, id, importId)));
    }

    private static string StatusUrl(HttpRequest request, string tenant, string id, string importId) =>
        $"{request.Scheme}://{request.Host}/v1/tenants/{Uri.EscapeDataString(tenant)}/connectors/{id}/imports/{importId}";
}
