using CraftCX.Connectors.Imports;

namespace CraftCX.Api.Connectors.Imports;

/// <summary>
/// Which sources an operator may import from: a file inside the configured directory (no way out of it), or an
/// http(s) URL on a configured host without credentials in it. Anything else is refused with the reason.
/// </summary>
internal static class ImportSourceRules
{
    public static (ConnectorImportSpec? Spec, string? Error) Check(string connectorId, string? file, string? url, ConnectorImportOptions options)
    {
        if (string.IsNullOrWhiteSpace(file) == string.IsNullOrWhiteSpace(url))
        {
            return (null, "Give exactly one of file (a path inside the import directory) or url.");
        }

        return file is { Length: > 0 } ? CheckFile(connectorId, file, options) : CheckUrl(connectorId, url!, options);
    }

    /// <summary>The full path of a file source; null when it falls outside the directory.</summary>
    public static string? PathOf(string location, ConnectorImportOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Directory) || location.Contains('\0', StringComparison.Ordinal) || Path.IsPathRooted(location))
        {
            return null;
        }

        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(options.Directory)) + Path.DirectorySeparatorChar;
        var full = Path.GetFullPath(Path.Combine(root, location));
        return full.StartsWith(root, StringComparison.Ordinal) ? full : null;
    }

    /// <summary>The location as the status route and the log show it: a URL without its query, which may hold a token.</summary>
    public static string Shown(ConnectorImportSpec spec) =>
        spec.Source == ConnectorImportSource.Url && Uri.TryCreate(spec.Location, UriKind.Absolute, out var uri)
            ? uri.GetLeftPart(UriPartial.Path)
            : spec.Location;

    private static (ConnectorImportSpec?, string?) CheckFile(string connectorId, string file, ConnectorImportOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Directory))
        {
            return (null, $"File imports are off: the operator sets {ConnectorImportOptions.Section}:Directory to the directory they may read.");
        }

        if (file.Length > 1024 || PathOf(file, options) is not { } path)
        {
            return (null, "file must be a relative path inside the import directory.");
        }

        return File.Exists(path)
            ? (new ConnectorImportSpec(connectorId, ConnectorImportSource.File, file), null)
            : (null, $"There is no file '{file}' in the import directory.");
    }

    private static (ConnectorImportSpec?, string?) CheckUrl(string connectorId, string url, ConnectorImportOptions options)
    {
        if (url.Length > 4096 || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return (null, "url must be an absolute http or https URL.");
        }

        if (uri.UserInfo.Length > 0)
        {
            return (null, "url must not carry credentials.");
        }

        if (options.AllowedHosts.Length == 0)
        {
            return (null, $"URL imports are off: the operator lists the hosts they may read in {ConnectorImportOptions.Section}:AllowedHosts.");
        }

        return options.AllowedHosts.Contains(uri.Host, StringComparer.OrdinalIgnoreCase)
            ? (new ConnectorImportSpec(connectorId, ConnectorImportSource.Url, uri.AbsoluteUri), null)
            : (null, $"The host {uri.Host} is not one the operator allowed for imports.");
    }
}
