using System.ComponentModel.DataAnnotations;

namespace CraftCX.Silo.Hosting;

/// <summary>Cluster identity and ports (section "Orleans").</summary>
internal sealed class OrleansOptions
{
    public const string Section = "Orleans";

    [Required]
    [StringLength(150)]
    public string ClusterId { get; set; } = "craftcx";

    [Required]
    [StringLength(150)]
    public string ServiceId { get; set; } = "craftcx";

    [Range(1, 65535)]
    public int SiloPort { get; set; } = 11111;

    [Range(1, 65535)]
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// The address other silos and clients reach this silo at (PostgreSQL clustering): an IP address, or a host name
    /// resolved at start (a compose service's name, a pod's IP through the downward API).
    /// </summary>
    [Required]
    public string AdvertisedIPAddress { get; set; } = "127.0.0.1";

    /// <summary>
    /// In Kubernetes (Microsoft.Orleans.Hosting.Kubernetes): the silo takes its name, address and cluster ids from the
    /// pod (POD_NAME, POD_NAMESPACE, POD_IP, ORLEANS_SERVICE_ID, ORLEANS_CLUSTER_ID) and marks silos whose pods are
    /// gone as dead. Clustering stays on PostgreSQL.
    /// </summary>
    public bool Kubernetes { get; set; }

    /// <summary>
    /// The Orleans Dashboard (Microsoft.Orleans.Dashboard) at /orleans, behind the operator key. Off by default: it
    /// profiles every grain call.
    /// </summary>
    public bool Dashboard { get; set; }

    /// <summary>Listen on all interfaces rather than only the advertised address (containers).</summary>
    public bool ListenOnAnyHostAddress { get; set; }
}
