using CraftCX.Api.Configuration;
using Microsoft.Extensions.Configuration;

namespace CraftCX.Api.Connectors.Imports;

/// <summary>Registers connector history imports: options, the worker and each silo's runner.</summary>
internal static class ConnectorImportServices
{
    public static IServiceCollection AddConnectorImports(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ConnectorImportOptions>().Bind(configuration.GetSection(ConnectorImportOptions.Section))
            .ValidateAnnotationsOnStart<ConnectorImportOptions, ConnectorImportOptionsValidator>(ConnectorImportOptions.Section);
        services.AddHttpClient(ConnectorImportWorker.HttpClientName, c => c.Timeout = TimeSpan.FromMinutes(2));
        services.AddSingleton<ConnectorImportWorker>();
        services.AddHostedService<ConnectorImportRunner>();
        return services;
    }
}
