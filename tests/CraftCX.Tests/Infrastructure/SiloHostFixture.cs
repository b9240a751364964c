namespace CraftCX.Tests.Infrastructure;

/// <summary>One <see cref="RunningSilo"/> with the embedded broker and memory storage, shared by a test class.</summary>
public class SiloHostFixture : IAsyncLifetime
{
    private RunningSilo _silo = null!;

    public HttpClient Http => _silo.Http;

    public Uri BaseAddress => _silo.BaseAddress;

    public Silo.Ingestion.IngestionStats Stats => _silo.Stats;

    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public async Task InitializeAsync() => _silo = await RunningSilo.StartAsync(Settings);

    public async Task DisposeAsync() => await _silo.DisposeAsync();
}
