using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CraftCX.Tenants;

/// <summary>Registers the default tenant storage eraser; a storage provider that can sweep its rows registers its own.</summary>
public static class TenantStorageServices
{
    public static IServiceCollection AddCraftCXTenantLifecycle(this IServiceCollection services)
    {
        services.TryAddSingleton<ITenantStorageEraser, UnsweptTenantStorage>();
        return services;
    }
}
