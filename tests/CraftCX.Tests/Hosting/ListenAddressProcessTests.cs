using System.Net;
using System.Net.Sockets;

namespace CraftCX.Tests.Hosting;

/// <summary>The silo process as an operator starts it: the conventional ASPNETCORE_URLS, and a port already taken.</summary>
public sealed class ListenAddressProcessTests
{
    private static Dictionary<string, string> Embedded() => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["Demo__Enabled"] = "false",
    };

    [Fact]
    public async Task Aspnetcore_urls_sets_the_address_the_silo_answers_on()
    {
        await using var silo = SiloProcess.Start("aspnetcore-urls", Embedded(), urlsVariable: "ASPNETCORE_URLS");
        await silo.WaitReadyAsync();
        Assert.Equal(HttpStatusCode.OK, (await silo.Http.GetAsync("/health/live")).StatusCode);

        // The container's health check: the silo's own assembly asks the route.
        Assert.Contains("answered 200", await ProcessRunner.RunAsync("dotnet", [SiloProcess.SiloAssembly, "--probe", silo.Http.BaseAddress + "health/live"]), StringComparison.Ordinal);
        var dead = await Assert.ThrowsAsync<InvalidOperationException>(() => ProcessRunner.RunAsync("dotnet", [SiloProcess.SiloAssembly, "--probe", $"http://127.0.0.1:{FreePort.Next()}/health/live"]));
        Assert.Contains("exited with 1", dead.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_taken_port_is_one_line_naming_it_and_an_exit_code_without_a_cascade_of_stack_traces()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;
        await using var silo = SiloProcess.Start("port-taken", Embedded(), httpPort: port);
        Assert.Equal(3, await silo.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        var log = await silo.ReadLogAsync();
        Assert.Contains($"http://127.0.0.1:{port} (127.0.0.1:{port}): already in use", log, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", log, StringComparison.Ordinal);
        Assert.DoesNotContain("fail:", log, StringComparison.Ordinal);
        Assert.True(log.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length <= 3, log);
    }
}
