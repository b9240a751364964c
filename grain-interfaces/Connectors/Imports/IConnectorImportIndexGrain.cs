namespace CraftCX.Connectors.Imports;

/// <summary>The unfinished imports of every tenant (their grain keys only), so that a runner finds them after a restart. Key: <see cref="Key"/>.</summary>
[Alias("craftcx.IConnectorImportIndexGrain")]
public interface IConnectorImportIndexGrain : IGrainWithStringKey
{
    public const string Key = "connector-imports";

    Task AddAsync(string job);

    Task RemoveAsync(string job);

    [ReadOnly]
    Task<IReadOnlyList<string>> UnfinishedAsync();
}
