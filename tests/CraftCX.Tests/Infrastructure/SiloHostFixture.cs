namespace CraftCX.Tests.Infrastructure;

/// <summary>
/// One <see cref="RunningSilo"/> with the embedded broker and memory storage, shared by a test class; <see cref="Http"/>
/// carries an all-scopes key of <see cref="Tenant"/>.
/// </summary>
public class SiloHostFixture : IAsyncLifetime
{
    public RunningSilo Silo { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public Uri BaseAddress => Silo.BaseAddress;

    internal Silo.Ingestion.IngestionStats Stats => Silo.Stats;

    public virtual string Tenant => "t-http";

    public string Key { get; private set; } = string.Empty;

    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public async Task InitializeAsync()
    {
        Silo = await RunningSilo.StartAsync(Settings);
        Key = await Silo.CreateKeyAsync(Tenant);
        Http = Silo.ClientWithKey(Key);
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Silo.DisposeAsync();
    }
}
