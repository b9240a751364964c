namespace CraftCX.Silo.Hosting;

/// <summary>Cluster identity and ports (section "Orleans").</summary>
public sealed class OrleansOptions
{
    public const string Section = "Orleans";

    public string ClusterId { get; set; } = "craftcx";
    public string ServiceId { get; set; } = "craftcx";
    public int SiloPort { get; set; } = 11111;
    public int GatewayPort { get; set; } = 30000;
}
