using System.Net;
using System.Net.Sockets;

namespace CraftCX.Tests.Hosting;

/// <summary>The silo process as an operator starts it: the conventional ASPNETCORE_URLS, a port already taken, bad settings.</summary>
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

    [Fact]
    public async Task Bad_settings_are_one_line_each_and_exit_code_2_without_a_stack_trace()
    {
        var settings = Embedded();
        settings["Aggregation__FlushInterval"] = "whenever";
        settings["Streaming__Provider"] = "EventHub";
        await using var silo = SiloProcess.Start("bad-settings", settings);
        Assert.Equal(2, await silo.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        var log = await silo.ReadLogAsync();
        Assert.Contains("Streaming:Provider must be Memory or EventHubs", log, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", log, StringComparison.Ordinal);
        Assert.True(log.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length <= 3, log);

        // Once the sections read before the build hold, a value the binder cannot convert is named the same way.
        settings.Remove("Streaming__Provider");
        await using var second = SiloProcess.Start("unconvertible-setting", settings);
        Assert.Equal(2, await second.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        var secondLog = await second.ReadLogAsync();
        Assert.Contains("Aggregation:FlushInterval does not read as a duration", secondLog, StringComparison.Ordinal);
        Assert.DoesNotContain("whenever", secondLog, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", secondLog, StringComparison.Ordinal);
    }
}
