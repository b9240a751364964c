using System.Net;
using System.Net.Sockets;
using CraftCX.Silo.Storage;

namespace CraftCX.Silo.Hosting;

/// <summary>
/// The addresses the silo will listen on (HTTP, Orleans silo and gateway), checked before anything starts: a port
/// already taken is one clear line naming it, not a cascade of background services cancelled by the failed start.
/// </summary>
internal static class ListenAddresses
{
    // What Kestrel binds when nothing is configured.
    private const string KestrelDefault = "http://localhost:5000";

    /// <summary>Every endpoint the silo will listen on: HTTP, and Orleans' silo and gateway ports.</summary>
    public static IReadOnlyList<(string Name, IPEndPoint EndPoint)> Of(IConfiguration configuration)
    {
        var orleans = configuration.GetSection(OrleansOptions.Section).Get<OrleansOptions>() ?? new OrleansOptions();
        var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();

        // One silo on Memory listens on loopback; a cluster on its advertised address, or on every one in a container.
        var address = storage.Provider != StorageProvider.Postgres ? IPAddress.Loopback
            : !orleans.ListenOnAnyHostAddress && !orleans.Kubernetes && IPAddress.TryParse(orleans.AdvertisedIPAddress, out var advertised) ? advertised
            : IPAddress.Any;
        return
        [
            .. Http(configuration),
            ("Orleans:SiloPort", new IPEndPoint(address, orleans.SiloPort)),
            ("Orleans:GatewayPort", new IPEndPoint(address, orleans.GatewayPort)),
        ];
    }

    /// <summary>The HTTP endpoints as ASP.NET Core resolves them: Urls (or ASPNETCORE_URLS), else HTTP(S)_PORTS, else port 5000.</summary>
    public static IReadOnlyList<(string Name, IPEndPoint EndPoint)> Http(IConfiguration configuration)
    {
        var urls = configuration["urls"];
        if (string.IsNullOrWhiteSpace(urls))
        {
            var ports = string.Join(';', new[] { configuration["http_ports"], configuration["https_ports"] }.Where(p => !string.IsNullOrWhiteSpace(p)));
            urls = ports.Length == 0 ? KestrelDefault : string.Join(';', ports.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => $"http://+:{p}"));
        }

        var endpoints = new List<(string, IPEndPoint)>();
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // "+" and "*" are not valid URI hosts; they mean every address, as does a name that is not localhost.
            var parsable = url.Replace("://+", "://any", StringComparison.Ordinal).Replace("://*", "://any", StringComparison.Ordinal);
            if (!Uri.TryCreate(parsable, UriKind.Absolute, out var uri) || uri.Port <= 0)
            {
                continue;
            }

            var address = uri.IsLoopback ? IPAddress.Loopback : IPAddress.TryParse(uri.Host, out var ip) ? ip : IPAddress.Any;
            endpoints.Add((url, new IPEndPoint(address, uri.Port)));
        }

        return endpoints;
    }

    /// <summary>The endpoints of <paramref name="wanted"/> that something else already holds, as "name (address)".</summary>
    public static IReadOnlyList<string> InUse(IEnumerable<(string Name, IPEndPoint EndPoint)> wanted)
    {
        var taken = new List<string>();
        foreach (var (name, endpoint) in wanted)
        {
            using var probe = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                probe.Bind(endpoint);
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
            {
                taken.Add($"{name} ({endpoint}): {(ex.SocketErrorCode == SocketError.AccessDenied ? "not allowed to this user" : "already in use")}");
            }
            catch (SocketException)
            {
                // An address this machine does not have: Kestrel or Orleans say so themselves.
            }
        }

        return taken;
    }
}
