using System.Net;
using CraftCX.Silo.Hosting;
using Orleans.Configuration;

namespace CraftCX.Silo.Storage;

/// <summary>Cluster membership: a localhost cluster of one for Memory, the PostgreSQL membership table for Postgres.</summary>
internal static class ClusteringServices
{
    public static ISiloBuilder AddCraftCXClustering(this ISiloBuilder silo, StorageOptions storage, OrleansOptions orleans)
    {
        if (storage.Provider == StorageProvider.Postgres)
        {
            var connectionString = PostgresConnection.Require(storage);
            silo.UseAdoNetClustering(o =>
            {
                o.Invariant = PostgresConnection.Invariant;
                o.ConnectionString = connectionString;
            });
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = orleans.ClusterId;
                o.ServiceId = orleans.ServiceId;
            });
            if (orleans.Kubernetes)
            {
                silo.Configure<EndpointOptions>(o => (o.SiloPort, o.GatewayPort) = (orleans.SiloPort, orleans.GatewayPort));
                silo.UseKubernetesHosting();
                return silo;
            }

            // A host name (a compose service, a pod's name) is resolved at start to the address it has there.
            if (IPAddress.TryParse(orleans.AdvertisedIPAddress, out var advertised))
            {
                silo.ConfigureEndpoints(advertised, orleans.SiloPort, orleans.GatewayPort, listenOnAnyHostAddress: orleans.ListenOnAnyHostAddress);
            }
            else
            {
                silo.ConfigureEndpoints(orleans.AdvertisedIPAddress, orleans.SiloPort, orleans.GatewayPort, listenOnAnyHostAddress: orleans.ListenOnAnyHostAddress);
            }
            return silo;
        }

        silo.UseLocalhostClustering(orleans.SiloPort, orleans.GatewayPort, serviceId: orleans.ServiceId, clusterId: orleans.ClusterId);
        silo.Configure<EndpointOptions>(o => o.AdvertisedIPAddress = IPAddress.Loopback);
        return silo;
    }
}
