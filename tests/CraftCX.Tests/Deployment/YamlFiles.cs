using YamlDotNet.RepresentationModel;

namespace CraftCX.Tests.Deployment;

/// <summary>The deployment files read as YAML, with compose's merge keys ("&lt;&lt;: *anchor") applied.</summary>
internal static class YamlFiles
{
    public static string RepositoryRoot
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CraftCX.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new DirectoryNotFoundException("CraftCX.sln not found above " + AppContext.BaseDirectory);
        }
    }

    public static string PathOf(string relative) => Path.Combine(RepositoryRoot, relative);

    /// <summary>Every document of a file (Kubernetes manifests hold several).</summary>
    public static IReadOnlyList<YamlMappingNode> Documents(string relative)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(PathOf(relative));
        stream.Load(reader);
        return stream.Documents.Select(d => Merged((YamlMappingNode)d.RootNode)).ToList();
    }

    public static YamlMappingNode Map(this YamlNode node, string key) =>
        node is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode(key), out var child) && child is YamlMappingNode map
            ? Merged(map)
            : new YamlMappingNode();

    public static string? Scalar(this YamlNode node, string key) =>
        node is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode(key), out var child) && child is YamlScalarNode scalar ? scalar.Value : null;

    public static IReadOnlyList<YamlNode> Sequence(this YamlNode node, string key) =>
        node is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode(key), out var child) && child is YamlSequenceNode sequence ? sequence.Children.ToList() : [];

    public static IEnumerable<(string Key, YamlNode Value)> Entries(this YamlMappingNode mapping) =>
        mapping.Children.Select(c => (((YamlScalarNode)c.Key).Value!, c.Value));

    // "<<" brings in the anchored mapping's keys; the mapping's own keys win.
    private static YamlMappingNode Merged(YamlMappingNode mapping)
    {
        if (!mapping.Children.ContainsKey(new YamlScalarNode("<<")))
        {
            return mapping;
        }

        var merged = new YamlMappingNode();
        foreach (var (key, value) in mapping.Children)
        {
            if (key is YamlScalarNode { Value: "<<" })
            {
                foreach (var (inheritedKey, inheritedValue) in Merged((YamlMappingNode)value).Children)
                {
                    if (!mapping.Children.ContainsKey(inheritedKey))
                    {
                        merged.Children[inheritedKey] = inheritedValue;
                    }
                }
            }
            else
            {
                merged.Children[key] = value;
            }
        }

        return merged;
    }
}
