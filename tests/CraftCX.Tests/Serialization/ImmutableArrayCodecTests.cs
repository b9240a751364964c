using System.Collections.Immutable;
using System.Runtime.InteropServices;
using CraftCX.Aggregation;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Serialization.Configuration;
using Orleans.Serialization.Serializers;
using CraftCX.Serialization;

namespace CraftCX.Tests.Serialization;

[Trait("Category", "Unit")]
public sealed class ImmutableArrayCodecTests
{
    private readonly IServiceProvider _services = new ServiceCollection().AddSerializer().AddImmutableArraysWithoutCopies().BuildServiceProvider();

    // As builds before this codec wrote and read: Orleans' own codec alone.
    private readonly IServiceProvider _earlier = new ServiceCollection().AddSerializer()
        .Configure<TypeManifestOptions>(manifest => manifest.Serializers.Remove(typeof(CraftCX.Serialization.ImmutableArrayCodec<>)))
        .BuildServiceProvider();

    [Fact]
    public void The_serializer_takes_the_codec_that_does_not_copy()
    {
        var codec = _services.GetRequiredService<ICodecProvider>().GetCodec<ImmutableArray<CriterionScore>>();
        Assert.IsType<CraftCX.Serialization.ImmutableArrayCodec<CriterionScore>>(codec);
    }

    [Fact]
    public async Task The_silo_serializes_with_it()
    {
        await using var app = CraftCX.Silo.Hosting.CraftCXSiloHost.Build(
            ["--Urls=http://127.0.0.1:0", "--Orleans:SiloPort=" + FreePort.Next(), "--Orleans:GatewayPort=" + FreePort.Next(), "--environment=Development"]);

        var codec = app.Services.GetRequiredService<ICodecProvider>().GetCodec<ImmutableArray<CriterionScore>>();

        Assert.IsType<CraftCX.Serialization.ImmutableArrayCodec<CriterionScore>>(codec);
    }

    [Fact]
    public void What_an_earlier_build_wrote_reads_the_same_and_it_reads_what_this_one_writes()
    {
        var ours = _services.GetRequiredService<Serializer>();
        var theirs = _earlier.GetRequiredService<Serializer>();
        Assert.IsType<Orleans.Serialization.Codecs.ImmutableArrayCodec<CriterionScore>>(_earlier.GetRequiredService<ICodecProvider>().GetCodec<ImmutableArray<CriterionScore>>());
        var sent = Contribution();

        var byEarlier = theirs.SerializeToArray(sent);
        var byThis = ours.SerializeToArray(sent);

        Assert.Equal(byEarlier, byThis);
        Assert.Equal(Describe(sent), Describe(ours.Deserialize<ScoreContribution>(byEarlier)));
        Assert.Equal(Describe(sent), Describe(theirs.Deserialize<ScoreContribution>(byThis)));
    }

    [Fact]
    public void A_contribution_reads_back_equal_with_its_criteria_in_order()
    {
        var serializer = _services.GetRequiredService<Serializer>();
        var sent = Contribution();

        var read = serializer.Deserialize<ScoreContribution>(serializer.SerializeToArray(sent)) ?? throw new InvalidDataException("read as null");

        Assert.Equal(["greeting:100", "clarity:42", "empathy:0"], read.Criteria.Select(c => $"{c.CriterionId}:{c.Score}"));
        Assert.Equal(sent with { Criteria = [] }, read with { Criteria = [] });
    }

    [Fact]
    public void Default_and_empty_arrays_stay_what_they_were()
    {
        var serializer = _services.GetRequiredService<Serializer>();

        Assert.True(serializer.Deserialize<ImmutableArray<string>>(serializer.SerializeToArray(default(ImmutableArray<string>))).IsDefault);
        var empty = serializer.Deserialize<ImmutableArray<string>>(serializer.SerializeToArray(ImmutableArray<string>.Empty));
        Assert.False(empty.IsDefault);
        Assert.Empty(empty);
    }

    [Fact]
    public void A_read_array_is_not_shared_with_the_one_written()
    {
        var serializer = _services.GetRequiredService<Serializer>();
        var written = ImmutableArray.Create(1, 2, 3);

        var read = serializer.Deserialize<ImmutableArray<int>>(serializer.SerializeToArray(written));

        Assert.Equal(written, read, EqualityComparer<int>.Default);
        Assert.NotSame(ImmutableCollectionsMarshal.AsArray(written), ImmutableCollectionsMarshal.AsArray(read));
    }

    private static ScoreContribution Contribution() => new("t/c1", 4, false, new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero), "ana", false, HandledBy.Human, 71, false,
        [new CriterionScore("greeting", 100), new CriterionScore("clarity", 42), new CriterionScore("empathy", 0)]);

    private static string Describe(ScoreContribution? contribution) =>
        contribution is null ? "null" : $"{contribution with { Criteria = [] }} {string.Join(",", contribution.Criteria.Select(c => $"{c.CriterionId}:{c.Score}"))}";
}
