using System.Net;
using System.Net.Sockets;
using CraftCX.Silo.Hosting;
using Microsoft.Extensions.Configuration;

namespace CraftCX.Tests.Hosting;

/// <summary>Which addresses the silo listens on, and what an operator sees when one of them is taken.</summary>
[Trait("Category", "Unit")]
public sealed class ListenAddressTests
{
    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void Http_addresses_follow_urls_then_the_http_ports_then_kestrels_default()
    {
        Assert.Equal(
            [new IPEndPoint(IPAddress.Any, 8080), new IPEndPoint(IPAddress.Loopback, 5001), new IPEndPoint(IPAddress.Parse("10.1.2.3"), 5002)],
            ListenAddresses.Http(Settings(("urls", "http://+:8080; http://localhost:5001;http://10.1.2.3:5002"))).Select(a => a.EndPoint));
        Assert.Equal([new IPEndPoint(IPAddress.Any, 8080), new IPEndPoint(IPAddress.Any, 8081)], ListenAddresses.Http(Settings(("http_ports", "8080;8081"))).Select(a => a.EndPoint));
        Assert.Equal([new IPEndPoint(IPAddress.Loopback, 5000)], ListenAddresses.Http(Settings()).Select(a => a.EndPoint));
        Assert.Equal([new IPEndPoint(IPAddress.Any, 7000)], ListenAddresses.Http(Settings(("urls", "http://*:7000"), ("http_ports", "8080"))).Select(a => a.EndPoint));
    }

    [Fact]
    public void Orleans_ports_listen_on_loopback_alone_and_on_every_address_in_a_container()
    {
        var single = ListenAddresses.Of(Settings(("urls", "http://127.0.0.1:5005"), ("Orleans:SiloPort", "11112"), ("Orleans:GatewayPort", "30002")));
        Assert.Equal(
            [("http://127.0.0.1:5005", new IPEndPoint(IPAddress.Loopback, 5005)), ("Orleans:SiloPort", new IPEndPoint(IPAddress.Loopback, 11112)), ("Orleans:GatewayPort", new IPEndPoint(IPAddress.Loopback, 30002))],
            single);
        var container = ListenAddresses.Of(Settings(("Storage:Provider", "Postgres"), ("Orleans:AdvertisedIPAddress", "silo1"), ("Orleans:ListenOnAnyHostAddress", "true")));
        Assert.All(container.Skip(1), a => Assert.Equal(IPAddress.Any, a.EndPoint.Address));
    }

    [Fact]
    public void A_port_something_else_holds_is_named_and_a_free_one_is_not()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var taken = ((IPEndPoint)holder.LocalEndpoint).Port;
        var free = FreePort.Next();
        var found = ListenAddresses.InUse([("Orleans:SiloPort", new IPEndPoint(IPAddress.Loopback, taken)), ("http://127.0.0.1:" + free, new IPEndPoint(IPAddress.Loopback, free))]);
        Assert.Equal([$"Orleans:SiloPort (127.0.0.1:{taken}): already in use"], found);

        // Every address includes loopback: a silo listening on all of them cannot have a port held on one.
        Assert.Single(ListenAddresses.InUse([("http://+:" + taken, new IPEndPoint(IPAddress.Any, taken))]));
    }
}
