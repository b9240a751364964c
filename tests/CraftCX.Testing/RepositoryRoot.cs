namespace CraftCX.Testing;

/// <summary>The checkout the tests and the benchmark run from: the first folder above the output that holds CraftCX.sln.</summary>
public static class RepositoryRoot
{
    /// <summary>The folder, or null when the binaries run outside a checkout.</summary>
    public static string? Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CraftCX.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName;
    }
}
