using CraftCX.Aggregation;
using CraftCX.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace CraftCX.Tests.Infrastructure;

/// <summary>The contribution packer a silo has, for aggregates built in tests without one.</summary>
internal static class Packing
{
    public static ContributionPacker Contributions { get; } = new(new ServiceCollection()
        .AddSerializer()
        .AddImmutableArraysWithoutCopies()
        .BuildServiceProvider()
        .GetRequiredService<Serializer<ScoreContribution>>());
}
