using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization.Configuration;

namespace CraftCX.Serialization;

/// <summary>Registers <see cref="ImmutableArrayCodec{T}"/> in place of Orleans' own codec for immutable arrays.</summary>
public static class ImmutableArrayCodecRegistration
{
    /// <summary>
    /// Both codecs are found by the type scan, and which one serves is otherwise up to the order of a hash set
    /// (measured: one process took each); removing Orleans' own makes it ours every time.
    /// </summary>
    public static IServiceCollection AddImmutableArraysWithoutCopies(this IServiceCollection services) =>
        services.Configure<TypeManifestOptions>(manifest =>
        {
            manifest.Serializers.Remove(typeof(Orleans.Serialization.Codecs.ImmutableArrayCodec<>));
            manifest.Serializers.Add(typeof(ImmutableArrayCodec<>));
        });
}
