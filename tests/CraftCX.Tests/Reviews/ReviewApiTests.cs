using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CraftCX.Calibration;
using CraftCX.Security;
using CraftCX.Tests.Assessments;
using static CraftCX.Tests.Assessments.AiConversations;

namespace CraftCX.Tests.Reviews;

/// <summary>Reviews, disputes and calibration over the API, on a silo whose AI assessor answers from the local fake.</summary>
[Collection(AiCollection.Name)]
public sealed class ReviewApiTests(AiAssessmentFixture ai)
{
    [Fact]
    public async Task Reviews_are_kept_and_calibration_compares_ai_rule_scorer_and_reviewers_per_criterion()
    {
        const string tenant = "rv-calib";
        using var client = await ai.ClientAsync(tenant);
        ai.Fake.Enqueue(Marker(tenant, "c1"), r => FakeAzureOpenAi.Content(FakeAzureOpenAi.GoodAssessment(r, 70, 0.9).ToJsonString()));
        ai.Fake.Enqueue(Marker(tenant, "c2"), r => FakeAzureOpenAi.Content(FakeAzureOpenAi.GoodAssessment(r, 30, 0.9).ToJsonString()));
        await PostConversationAsync(client, tenant, "c1", close: true);
        await PostConversationAsync(client, tenant, "c2", close: true);
        await WaitForAsync(client, tenant, "c1", Assessed);
        await WaitForAsync(client, tenant, "c2", Assessed);

        var created = await client.PostAsJsonAsync($"/v1/tenants/{tenant}/conversations/c1/reviews", Review("alice", ("greeting", 75, "friendly"), ("resolution", 90, null)));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/v1/tenants/{tenant}/conversations/c1/reviews/r1", created.Headers.Location?.OriginalString);
        var first = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("r1", first.GetProperty("reviewId").GetString());
        Assert.Equal("friendly", first.GetProperty("scores")[0].GetProperty("comment").GetString());
        Assert.False(string.IsNullOrEmpty(first.GetProperty("submittedWithKey").GetString()));

        await PostReviewAsync(client, tenant, "c1", Review("bob", ("greeting", 55, null), ("resolution", 100, null)));
        await PostReviewAsync(client, tenant, "c2", Review("alice", ("greeting", 20, null)));

        var reviews = await client.GetFromJsonAsync<JsonElement>($"/v1/tenants/{tenant}/conversations/c1/reviews");
        Assert.Equal(["r1", "r2"], reviews.GetProperty("reviews").EnumerateArray().Select(r => r.GetProperty("reviewId").GetString()));
        Assert.Equal("floor", reviews.GetProperty("workspace").GetString());
        Assert.Equal("ana", reviews.GetProperty("primaryAgent").GetString());
        Assert.All(reviews.GetProperty("aiScores").EnumerateArray(), s => Assert.Equal(70, s.GetProperty("score").GetInt32()));
        var rule = reviews.GetProperty("ruleScores").EnumerateArray().ToDictionary(s => s.GetProperty("criterionId").GetString()!, s => s.GetProperty("score").GetInt32());
        var one = await client.GetFromJsonAsync<JsonElement>($"/v1/tenants/{tenant}/conversations/c1/reviews/r2");
        Assert.Equal("bob", one.GetProperty("reviewerId").GetString());

        var calibration = await client.GetFromJsonAsync<JsonElement>($"/v1/tenants/{tenant}/workspaces/floor/calibration");
        Assert.Equal(2, calibration.GetProperty("reviewedConversations").GetInt32());
        Assert.Equal(3, calibration.GetProperty("reviews").GetInt32());
        var greeting = Criterion(calibration, "greeting");
        AssertAgreement(AgreementStatistics.Compute([(70, 75), (70, 55), (30, 20)]), greeting.GetProperty("aiVsHuman"));
        AssertAgreement(AgreementStatistics.Compute([(75, 55)]), greeting.GetProperty("humanVsHuman"));
        var resolution = Criterion(calibration, "resolution");
        AssertAgreement(AgreementStatistics.Compute([(70, 90), (70, 100)]), resolution.GetProperty("aiVsHuman"));
        AssertAgreement(AgreementStatistics.Compute([(90, 100)]), resolution.GetProperty("humanVsHuman"));
        if (rule.TryGetValue("resolution", out var ruleResolution))
        {
            AssertAgreement(AgreementStatistics.Compute([(ruleResolution, 90), (ruleResolution, 100)]), resolution.GetProperty("ruleVsHuman"));
        }

        Assert.Equal(5, calibration.GetProperty("all").GetProperty("aiVsHuman").GetProperty("pairs").GetInt32());
    }

    [Fact]
    public async Task An_ai_assessment_that_arrives_after_the_review_joins_the_calibration()
    {
        const string tenant = "rv-late";
        using var client = await ai.ClientAsync(tenant);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ai.Fake.Enqueue(Marker(tenant, "c1"), r => FakeAzureOpenAi.After(release.Task, FakeAzureOpenAi.Content(FakeAzureOpenAi.GoodAssessment(r, 40, 0.9).ToJsonString())));
        await PostConversationAsync(client, tenant, "c1", close: true);
        await WaitForAsync(client, tenant, "c1", s => s.GetProperty("closedAt").ValueKind == JsonValueKind.String);

        await PostReviewAsync(client, tenant, "c1", Review("alice", ("clarity", 50, null)));
        var before = await client.GetFromJsonAsync<JsonElement>($"/v1/tenants/{tenant}/workspaces/floor/calibration");
        Assert.Equal(0, Criterion(before, "clarity").GetProperty("aiVsHuman").GetProperty("pairs").GetInt32());
        var ruleScored = (await client.GetFromJsonAsync<JsonElement>($"/v1/tenants/{tenant}/conversations/c1/reviews")).GetProperty("ruleScores")
            .EnumerateArray().Any(s => s.GetProperty("criterionId").GetString() == "clarity");
        Assert.Equal(ruleScored ? 1 : 0, Criterion(before, "clarity").GetProperty("ruleVsHuman").GetProperty("pairs").GetInt32());

        release.SetResult();
        var after = await Eventually.ReturnsAsync(
            () => client.GetFromJsonAsync<JsonElement>($"/v1/tenants/{tenant}/workspaces/floor/calibration"),
            c => Criterion(c, "clarity").GetProperty("aiVsHuman").GetProperty("pairs").GetInt32() == 1,
            Patience,
            "the late AI assessment to reach calibration");
        Assert.Equal(10, Criterion(after, "clarity").GetProperty("aiVsHuman").GetProperty("meanAbsoluteDifference").GetDouble());
    }

    [Fact]
    public async Task Agents_dispute_reviews_and_an_accepted_dispute_takes_the_review_out_of_calibration()
    {
        const string tenant = "rv-dispute";
        using var client = await ai.ClientAsync(tenant);
        await PostConversationAsync(client, tenant, "c1", close: true);
        await WaitForAsync(client, tenant, "c1", Assessed);
        await PostReviewAsync(client, tenant, "c1", Review("alice", ("greeting", 10, "no greeting")));
        await PostReviewAsync(client, tenant, "c1", Review("bob", ("greeting", 90, null)));
        var route = $"/v1/tenants/{tenant}/conversations/c1/reviews";

        // The agent comes from the key: a key of no agent, or one naming another agent, cannot dispute.
        var anaKey = await ai.Silo.CreateAgentKeyAsync(tenant, "ana", ApiScopes.Read);
        using var ana = ai.Silo.ClientWithKey(anaKey);
        using var zed = ai.Silo.ClientWithKey(await ai.Silo.CreateAgentKeyAsync(tenant, "zed", ApiScopes.Read));
        using var plainRead = ai.Silo.ClientWithKey(await ai.Silo.CreateKeyAsync(tenant, ApiScopes.Read));
        await AssertProblemAsync(await plainRead.PostAsJsonAsync($"{route}/r1/dispute", new { agentId = "ana", reason = "I am ana, trust me" }), HttpStatusCode.Forbidden, "belongs to no agent");
        await AssertProblemAsync(await client.PostAsJsonAsync($"{route}/r1/dispute", new { agentId = "ana", reason = "all scopes, still no agent" }), HttpStatusCode.Forbidden, "belongs to no agent");
        await AssertProblemAsync(await zed.PostAsJsonAsync($"{route}/r1/dispute", new { agentId = "ana", reason = "on ana's behalf" }), HttpStatusCode.Forbidden, "acts as agent 'zed'");

        var stranger = await zed.PostAsJsonAsync($"{route}/r1/dispute", new { reason = "not mine" });
        await AssertProblemAsync(stranger, HttpStatusCode.BadRequest, "'zed' did not handle this conversation");
        await AssertProblemAsync(await ana.PostAsJsonAsync($"{route}/r9/dispute", new { reason = "x" }), HttpStatusCode.NotFound, "review 'r9'");
        await AssertProblemAsync(await client.PostAsJsonAsync($"{route}/r1/dispute/decision", new { decidedBy = "lead", outcome = "accepted" }), HttpStatusCode.Conflict, "no dispute to decide");

        var disputed = await ana.PostAsJsonAsync($"{route}/r1/dispute", new { reason = "I greeted the customer in my first message" });
        Assert.Equal(HttpStatusCode.OK, disputed.StatusCode);
        var dispute = (await disputed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("dispute");
        Assert.Equal("open", dispute.GetProperty("status").GetString());
        Assert.Equal("ana", dispute.GetProperty("agentId").GetString());
        Assert.True(ApiKeyFormat.TryParse(anaKey, out _, out var anaKeyId, out _));
        Assert.Equal(anaKeyId, dispute.GetProperty("disputedWithKey").GetString());
        await AssertProblemAsync(await ana.PostAsJsonAsync($"{route}/r1/dispute", new { agentId = "ana", reason = "again" }), HttpStatusCode.Conflict, "already disputed");

        var open = await client.GetFromJsonAsync<JsonElement>($"/v1/tenants/{tenant}/workspaces/floor/calibration");
        Assert.Equal(1, open.GetProperty("openDisputes").GetInt32());
        Assert.Equal(1, Criterion(open, "greeting").GetProperty("humanVsHuman").GetProperty("pairs").GetInt32());

        await AssertProblemAsync(await client.PostAsJsonAsync($"{route}/r1/dispute/decision", new { decidedBy = "lead", outcome = "maybe" }), HttpStatusCode.BadRequest, "outcome:");
        var decided = await client.PostAsJsonAsync($"{route}/r1/dispute/decision", new { decidedBy = "lead", outcome = "accepted", comment = "the greeting is there" });
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        var decidedDispute = (await decided.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("dispute");
        Assert.Equal("accepted", decidedDispute.GetProperty("status").GetString());
        Assert.Equal("lead", decidedDispute.GetProperty("decidedBy").GetString());
        Assert.False(string.IsNullOrEmpty(decidedDispute.GetProperty("decidedWithKey").GetString()));
        Assert.NotEqual(anaKeyId, decidedDispute.GetProperty("decidedWithKey").GetString());
        await AssertProblemAsync(await client.PostAsJsonAsync($"{route}/r1/dispute/decision", new { decidedBy = "lead", outcome = "rejected" }), HttpStatusCode.Conflict, "already decided");

        var after = await client.GetFromJsonAsync<JsonElement>($"/v1/tenants/{tenant}/workspaces/floor/calibration");
        Assert.Equal(0, after.GetProperty("openDisputes").GetInt32());
        Assert.Equal(1, after.GetProperty("acceptedDisputes").GetInt32());
        Assert.Equal(1, after.GetProperty("reviews").GetInt32());
        Assert.Equal(0, Criterion(after, "greeting").GetProperty("humanVsHuman").GetProperty("pairs").GetInt32());
        Assert.Equal(1, Criterion(after, "greeting").GetProperty("aiVsHuman").GetProperty("pairs").GetInt32());
        var reviews = await client.GetFromJsonAsync<JsonElement>(route);
        Assert.Equal(2, reviews.GetProperty("reviews").GetArrayLength());
    }

    [Fact]
    public async Task A_retried_submission_with_the_same_idempotency_key_adds_no_second_review()
    {
        const string tenant = "rv-retry";
        using var client = await ai.ClientAsync(tenant);
        await PostConversationAsync(client, tenant, "c1", close: true);
        await WaitForAsync(client, tenant, "c1", _ => true);
        var route = $"/v1/tenants/{tenant}/conversations/c1/reviews";

        async Task<HttpResponseMessage> SubmitAsync(string key, string reviewer)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, route) { Content = JsonContent.Create(Review(reviewer, ("greeting", 70, null))) };
            request.Headers.Add("Idempotency-Key", key);
            return await client.SendAsync(request);
        }

        var first = await SubmitAsync("submit-7f3a", "alice");
        var retry = await SubmitAsync("submit-7f3a", "alice");
        var other = await SubmitAsync("submit-9c1d", "alice");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
        Assert.Equal("r1", (await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reviewId").GetString());
        Assert.Equal("r2", (await other.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reviewId").GetString());
        var reviews = await client.GetFromJsonAsync<JsonElement>(route);
        Assert.Equal(2, reviews.GetProperty("reviews").GetArrayLength());
        await AssertProblemAsync(await SubmitAsync(new string('k', 129), "alice"), HttpStatusCode.BadRequest, "Idempotency-Key");
    }

    [Fact]
    public async Task Bad_reviews_unknown_conversations_and_missing_scopes_get_clear_errors()
    {
        const string tenant = "rv-errors";
        using var client = await ai.ClientAsync(tenant);
        await PostConversationAsync(client, tenant, "c1", close: false);
        await WaitForAsync(client, tenant, "c1", _ => true);
        var route = $"/v1/tenants/{tenant}/conversations/c1/reviews";

        var invalid = await client.PostAsJsonAsync(route, Review("alice", ("greeting", 120, null), ("speed", 50, null)));
        var problem = await AssertProblemAsync(invalid, HttpStatusCode.BadRequest, "scores[0].score: 120 is outside 0–100");
        Assert.Contains(problem.GetProperty("problems").EnumerateArray(), p => p.GetString()!.StartsWith("scores[1].criterionId: 'speed'", StringComparison.Ordinal));
        var malformed = await client.PostAsync(route, new StringContent("{\"reviewerId\": \"alice\", \"scores\": [", Encoding.UTF8, "application/json"));
        await AssertProblemAsync(malformed, HttpStatusCode.BadRequest, "The body is not valid JSON for this request");
        var wrongType = await client.PostAsync(route, new StringContent("{\"reviewerId\": \"alice\", \"scores\": [{\"criterionId\": \"greeting\", \"score\": \"high\"}]}", Encoding.UTF8, "application/json"));
        await AssertProblemAsync(wrongType, HttpStatusCode.BadRequest, "Path: $.scores[0].score");
        var empty = await client.PostAsync(route, new StringContent("", Encoding.UTF8, "application/json"));
        await AssertProblemAsync(empty, HttpStatusCode.BadRequest, "body: a review with reviewerId and scores is required");
        await AssertProblemAsync(await client.PostAsJsonAsync($"/v1/tenants/{tenant}/conversations/nope/reviews", Review("alice", ("greeting", 50, null))), HttpStatusCode.NotFound, "'nope' does not exist");
        await AssertProblemAsync(await client.GetAsync($"/v1/tenants/{tenant}/conversations/nope/reviews"), HttpStatusCode.NotFound, "nope");
        await AssertProblemAsync(await client.GetAsync($"{route}/r1"), HttpStatusCode.NotFound, "r1");

        // A read key may look and dispute, not review; another tenant's key sees nothing.
        using var reader = ai.Silo.ClientWithKey(await ai.Silo.CreateKeyAsync(tenant, ApiScopes.Read));
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsJsonAsync(route, Review("alice", ("greeting", 50, null)))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(route)).StatusCode);
        using var other = await ai.ClientAsync("rv-other");
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync(route, Review("mallory", ("greeting", 0, null)))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/v1/tenants/{tenant}/workspaces/floor/calibration")).StatusCode);

        // Nothing above was stored as a review.
        var reviews = await client.GetFromJsonAsync<JsonElement>(route);
        Assert.Equal(0, reviews.GetProperty("reviews").GetArrayLength());
    }

    private static object Review(string reviewer, params (string Criterion, int Score, string? Comment)[] scores) =>
        new { reviewerId = reviewer, scores = scores.Select(s => new { criterionId = s.Criterion, score = s.Score, comment = s.Comment }).ToArray(), comment = "calibration round" };

    private static async Task PostReviewAsync(HttpClient client, string tenant, string conversation, object review)
    {
        var response = await client.PostAsJsonAsync($"/v1/tenants/{tenant}/conversations/{conversation}/reviews", review);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    private static JsonElement Criterion(JsonElement calibration, string criterion) =>
        calibration.GetProperty("criteria").EnumerateArray().Single(c => c.GetProperty("criterionId").GetString() == criterion);

    private static void AssertAgreement(Agreement expected, JsonElement actual)
    {
        Assert.Equal(expected.Pairs, actual.GetProperty("pairs").GetInt32());
        Assert.Equal(expected.MeanAbsoluteDifference, Nullable(actual.GetProperty("meanAbsoluteDifference")));
        Assert.Equal(expected.ShareWithin10, Nullable(actual.GetProperty("shareWithin10")));
        Assert.Equal(expected.WeightedKappa, Nullable(actual.GetProperty("weightedKappa")));
    }

    private static double? Nullable(JsonElement value) => value.ValueKind == JsonValueKind.Null ? null : value.GetDouble();

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string detail)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Contains(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        return problem;
    }
}
