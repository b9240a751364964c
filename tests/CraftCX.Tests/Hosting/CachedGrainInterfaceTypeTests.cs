using CraftCX.Conversations;
using CraftCX.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CraftCX.Tests.Hosting;

[Trait("Category", "Unit")]
public sealed class CachedGrainInterfaceTypeTests
{
    private readonly IServiceProvider _services = new ServiceCollection().BuildServiceProvider();

    [GrainInterfaceType("named-by-attribute")]
    public interface INamedGrain : IGrainWithStringKey;

    public interface IUnnamedGrain : IGrainWithStringKey;

    [Fact]
    public void It_answers_as_the_attribute_provider_does_for_every_grain_interface()
    {
        var cached = new CachedGrainInterfaceTypeProvider(_services);
        var attributes = new AttributeGrainInterfaceTypeProvider(_services);
        var interfaces = typeof(IConversationGrain).Assembly.GetTypes()
            .Where(t => t.IsInterface && typeof(IGrain).IsAssignableFrom(t))
            .Append(typeof(INamedGrain))
            .Append(typeof(IUnnamedGrain))
            .ToList();
        Assert.True(interfaces.Count > 10);

        foreach (var type in interfaces)
        {
            for (var ask = 0; ask < 2; ask++)
            {
                var expected = attributes.TryGetGrainInterfaceType(type, out var expectedType);
                Assert.Equal(expected, cached.TryGetGrainInterfaceType(type, out var actualType));
                Assert.Equal(expectedType, actualType);
            }
        }

        Assert.True(cached.TryGetGrainInterfaceType(typeof(INamedGrain), out var named));
        Assert.Equal("named-by-attribute", named.ToString());
        Assert.False(cached.TryGetGrainInterfaceType(typeof(IUnnamedGrain), out _));
    }

    [Fact]
    public async Task The_silo_asks_the_cached_provider_in_place_of_the_attribute_one()
    {
        await using var app = CraftCXSiloHost.Build(
            ["--Urls=http://127.0.0.1:0", "--Orleans:SiloPort=" + FreePort.Next(), "--Orleans:GatewayPort=" + FreePort.Next(), "--environment=Development"]);

        var providers = app.Services.GetServices<IGrainInterfaceTypeProvider>().ToList();

        Assert.Single(providers.OfType<CachedGrainInterfaceTypeProvider>());
        Assert.DoesNotContain(providers, p => p is AttributeGrainInterfaceTypeProvider);
        var reference = app.Services.GetRequiredService<IGrainFactory>().GetGrain<IConversationGrain>("t/c");
        Assert.Equal("t/c", reference.GetPrimaryKeyString());
    }
}
