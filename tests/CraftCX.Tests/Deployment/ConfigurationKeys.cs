using System.Collections;
using System.Reflection;

namespace CraftCX.Tests.Deployment;

/// <summary>
/// Every configuration key the product binds, read from its options classes (each names its section in a constant
/// "Section"), plus the few the framework and the Kubernetes hosting package read themselves.
/// </summary>
internal static class ConfigurationKeys
{
    private static readonly string[] Framework =
    [
        "ASPNETCORE_ENVIRONMENT", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_URLS", "Urls",
        "POD_NAME", "POD_NAMESPACE", "POD_IP", "ORLEANS_SERVICE_ID", "ORLEANS_CLUSTER_ID",
    ];

    private static readonly Lazy<(HashSet<string> Exact, List<string> Prefixes)> Known = new(Collect);

    /// <summary>Whether an environment variable (':' written '__') sets a key something reads.</summary>
    public static bool IsKnown(string environmentVariable)
    {
        var key = environmentVariable.Replace("__", ":", StringComparison.Ordinal);
        var (exact, prefixes) = Known.Value;
        return exact.Contains(key)
            || prefixes.Any(p => key.StartsWith(p + ":", StringComparison.OrdinalIgnoreCase))
            || key.StartsWith("Logging:", StringComparison.OrdinalIgnoreCase);
    }

    private static (HashSet<string>, List<string>) Collect()
    {
        var exact = new HashSet<string>(Framework, StringComparer.OrdinalIgnoreCase);
        var prefixes = new List<string>();
        Assembly[] product = [typeof(Silo.Hosting.OrleansOptions).Assembly, typeof(CraftCX.Aggregation.AggregationOptions).Assembly, typeof(CraftCX.Api.CraftCXApi).Assembly];
        foreach (var type in product.SelectMany(a => a.GetTypes()))
        {
            if (type.GetField("Section", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } field && field.GetRawConstantValue() is string section)
            {
                Add(type, section, exact, prefixes, depth: 0);
            }
        }

        return (exact, prefixes);
    }

    private static void Add(Type type, string prefix, HashSet<string> exact, List<string> prefixes, int depth)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var key = prefix + ":" + property.Name;
            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (propertyType.IsPrimitive || propertyType.IsEnum || propertyType == typeof(string) || propertyType == typeof(TimeSpan) || propertyType == typeof(decimal) || propertyType == typeof(Uri))
            {
                exact.Add(key);
            }
            else if (typeof(IEnumerable).IsAssignableFrom(propertyType))
            {
                // Dictionaries and lists take any key below their own.
                prefixes.Add(key);
            }
            else if (propertyType.IsClass && depth < 4)
            {
                Add(propertyType, key, exact, prefixes, depth + 1);
            }
        }
    }
}
