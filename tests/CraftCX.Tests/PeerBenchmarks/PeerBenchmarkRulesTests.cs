using CraftCX.PeerBenchmarks;

namespace CraftCX.Tests.PeerBenchmarks;

[Trait("Category", "Unit")]
public sealed class PeerBenchmarkRulesTests
{
    private static PeerBenchmarkInput Tenant(int conversations, int overall, string industry = "retail", string? ownCriterion = null, int firstResponseSeconds = 40)
    {
        var histogram = new int[101];
        histogram[overall] = conversations;
        var criteria = new Dictionary<string, int[]>(StringComparer.Ordinal) { ["greeting"] = (int[])histogram.Clone() };
        if (ownCriterion is not null)
        {
            criteria[ownCriterion] = (int[])histogram.Clone();
        }

        var firstResponse = new int[FirstResponseBins.Count];
        firstResponse[FirstResponseBins.IndexOf(firstResponseSeconds)] = conversations;
        return new PeerBenchmarkInput(industry, [new PeerSegmentInput("chat", "human", conversations, histogram, criteria, firstResponse)]);
    }

    [Fact]
    public void Fewer_than_k_tenants_publish_nothing_and_k_publish_their_segment()
    {
        List<PeerBenchmarkInput> four = [Tenant(10, 60), Tenant(10, 70), Tenant(10, 80), Tenant(10, 90)];
        Assert.Empty(PeerBenchmarkRules.Publish(four, minimumTenants: 5, maxTenantShare: 0.5));

        var segment = Assert.Single(PeerBenchmarkRules.Publish([.. four, Tenant(10, 100)], 5, 0.5));
        Assert.Equal(("retail", "chat", "human"), (segment.Industry, segment.Channel, segment.Handler));
        Assert.Equal(5, segment.Tenants);
        Assert.Equal(50, segment.Conversations);
        Assert.Equal(new PeerScoreDistribution(80, 60, 70, 80, 90, 100), segment.Overall);
        Assert.Equal(segment.Overall, segment.Criteria["greeting"]);
        Assert.Equal(60, segment.FirstResponseSecondsP50);

        // Ranks: a mean of 80 has the 60s and 70s below it, two fifths.
        Assert.Equal(40, PeerBenchmarkRules.PercentileRank(segment, 80));
        Assert.Equal(0, PeerBenchmarkRules.PercentileRank(segment, 55.4));
        Assert.Equal(80, PeerBenchmarkRules.PercentileRank(segment, 100));
    }

    [Fact]
    public void A_tenant_with_more_than_half_of_a_segment_suppresses_it_and_half_exactly_does_not()
    {
        List<PeerBenchmarkInput> others = [Tenant(10, 60), Tenant(10, 70), Tenant(10, 80), Tenant(10, 90)];
        Assert.Empty(PeerBenchmarkRules.Publish([.. others, Tenant(41, 100)], 5, 0.5));
        Assert.Single(PeerBenchmarkRules.Publish([.. others, Tenant(40, 100)], 5, 0.5));
    }

    [Fact]
    public void Figures_are_coarsened_and_a_criterion_fewer_than_k_tenants_scored_is_left_out()
    {
        List<PeerBenchmarkInput> tenants = [Tenant(7, 61, ownCriterion: "acme-refund-policy"), Tenant(7, 71), Tenant(7, 77), Tenant(7, 83), Tenant(8, 94), Tenant(7, 88), Tenant(2, 50)];
        var segment = Assert.Single(PeerBenchmarkRules.Publish(tenants, 5, 0.5));
        Assert.Equal(5, segment.Tenants);
        Assert.Equal(50, segment.Conversations);
        Assert.Equal(["greeting"], segment.Criteria.Keys);
        Assert.Equal(101, segment.ShareBelow.Length);
        Assert.Equal(100, segment.ShareBelow[100]);
        Assert.All(segment.ShareBelow.Zip(segment.ShareBelow.Skip(1)), pair => Assert.True(pair.First <= pair.Second));
    }

    [Fact]
    public void Industries_are_segments_of_their_own_and_a_tenant_that_leaves_is_gone_from_the_next_publication()
    {
        List<PeerBenchmarkInput> retail = [Tenant(10, 60), Tenant(10, 70), Tenant(10, 80), Tenant(10, 90), Tenant(10, 95)];
        List<PeerBenchmarkInput> telecom = [Tenant(10, 50, "telecom"), Tenant(10, 55, "telecom"), Tenant(10, 65, "telecom"), Tenant(10, 75, "telecom")];
        var published = PeerBenchmarkRules.Publish([.. retail, .. telecom], 5, 0.5);
        Assert.Equal(["retail"], published.Select(s => s.Industry));
        Assert.Empty(PeerBenchmarkRules.Publish([.. retail.Skip(1), .. telecom], 5, 0.5));
    }

    [Fact]
    public void A_criterion_or_response_time_that_one_tenant_alone_measured_or_dominates_is_left_out()
    {
        List<PeerBenchmarkInput> tenants = [Tenant(10, 60), Tenant(10, 70), Tenant(10, 80), Tenant(10, 90), Tenant(10, 95)];

        // A retraction left "empathy" at zero in four tenants: only the fifth really scored it.
        var empathy = new int[101];
        empathy[40] = 10;
        for (var i = 0; i < tenants.Count; i++)
        {
            ((Dictionary<string, int[]>)tenants[i].Segments[0].Criteria)["empathy"] = i == 0 ? empathy : new int[101];
        }

        // Only one tenant has measured first responses.
        for (var i = 1; i < tenants.Count; i++)
        {
            Array.Clear(tenants[i].Segments[0].FirstResponse);
        }

        var segment = Assert.Single(PeerBenchmarkRules.Publish(tenants, 5, 0.5));
        Assert.Equal(["greeting"], segment.Criteria.Keys);
        Assert.Null(segment.FirstResponseSecondsP50);
        Assert.Null(segment.FirstResponseSecondsP90);

        // A criterion all five scored, but one of them for most of it.
        List<PeerBenchmarkInput> skewed = [Tenant(10, 60), Tenant(10, 70), Tenant(10, 80), Tenant(10, 90), Tenant(10, 95)];
        var heavy = new int[101];
        heavy[50] = 100;
        for (var i = 0; i < skewed.Count; i++)
        {
            var own = new int[101];
            own[70] = 1;
            ((Dictionary<string, int[]>)skewed[i].Segments[0].Criteria)["empathy"] = i == 0 ? heavy : own;
        }

        Assert.DoesNotContain("empathy", Assert.Single(PeerBenchmarkRules.Publish(skewed, 5, 0.5)).Criteria.Keys);
    }

    [Fact]
    public void A_small_segment_is_not_published_shares_come_in_steps_of_five_and_a_small_k_still_says_how_many()
    {
        List<PeerBenchmarkInput> small = [Tenant(9, 60), Tenant(9, 70), Tenant(9, 80), Tenant(9, 90), Tenant(9, 95)];
        Assert.Empty(PeerBenchmarkRules.Publish(small, 5, 0.5, minimumConversations: 50));
        var segment = Assert.Single(PeerBenchmarkRules.Publish(small, 5, 0.5, minimumConversations: 45));
        Assert.All(segment.ShareBelow, share => Assert.Equal(0, share % PeerBenchmarkRules.ShareStep));

        var three = Assert.Single(PeerBenchmarkRules.Publish([Tenant(10, 60), Tenant(10, 70), Tenant(10, 80)], 3, 0.5));
        Assert.Equal(3, three.Tenants);
    }

    [Theory]
    [InlineData("chat", "chat")]
    [InlineData("Web_Chat", "chat")]
    [InlineData("WhatsApp", "messaging")]
    [InlineData("e-mail", "email")]
    [InlineData("acme-portal-7", "other")]
    [InlineData(null, "other")]
    public void Channels_fold_into_the_fixed_list_so_no_tenants_own_name_is_published(string? channel, string folded) =>
        Assert.Equal(folded, PeerSegments.ChannelOf(channel));
}
