namespace CraftCX.Tests.Api;

/// <summary>The silo host with small request limits, so that the limits can be exercised cheaply.</summary>
public sealed class ApiHostFixture : SiloHostFixture
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Api:MaxIngestRequestBytes"] = (256 * 1024).ToString(),
        ["Api:MaxEventsPerRequest"] = "100",
    };
}
