namespace CraftCX.Silo.Hosting;

/// <summary>
/// <c>--probe URL</c>: asks a health route and exits 0 on a 2xx, 1 otherwise. The ASP.NET runtime image has no curl,
/// so the image's HEALTHCHECK runs the silo's own assembly in this mode.
/// </summary>
internal static class HealthProbe
{
    public static async Task<int> RunAsync(string? url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            await Console.Error.WriteLineAsync("--probe needs an http(s) URL, e.g. --probe http://127.0.0.1:8080/health/live");
            return 2;
        }

        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            using var response = await client.GetAsync(uri);
            await Console.Out.WriteLineAsync($"{uri} answered {(int)response.StatusCode}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            await Console.Out.WriteLineAsync($"{uri} did not answer ({ex.GetType().Name})");
            return 1;
        }
    }
}
