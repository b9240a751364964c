using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CraftCX.Tests.Assessments;

using static CraftCX.Tests.Assessments.AiConversations;

namespace CraftCX.Tests.Privacy.EndUsers;

/// <summary>A restricted end user's conversation is not sent to the AI model; lifting the restriction lets it be assessed.</summary>
[Collection(AiCollection.Name)]
public sealed class RestrictedAssessmentTests(AiAssessmentFixture ai)
{
    private const string Tenant = "ai-restricted";

    [Fact]
    public async Task A_restricted_end_user_s_conversation_reaches_no_model_until_the_restriction_is_lifted()
    {
        using var client = await ai.ClientAsync(Tenant);
        var restricted = await client.PostAsJsonAsync($"/v1/tenants/{Tenant}/privacy/end-users/restriction", new { email = "cminh730@email.com" });
        Assert.Equal(HttpStatusCode.OK, restricted.StatusCode);

        // Restricted before its first event: the whole conversation, close included, is held back.
        await PostConversationAsync(client, Tenant, "c1", close: true);
        await Eventually.ReturnsAsync(
            async () => await HeldBackAsync(client),
            n => n == 4,
            Patience,
            "the conversation's four messages held back");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/v1/tenants/{Tenant}/conversations/c1")).StatusCode);
        Assert.DoesNotContain(ai.Fake.Requests, r => r.Body.GetRawText().Contains(Marker(Tenant, "c1"), StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/v1/tenants/{Tenant}/privacy/end-users/restriction/lift", new { email = "cminh730@email.com" })).StatusCode);
        var assessed = await WaitForAsync(client, Tenant, "c1", Assessed);
        Assert.Equal("closed", assessed.GetProperty("status").GetString());
        Assert.Contains(ai.Fake.Requests, r => r.Body.GetRawText().Contains(Marker(Tenant, "c1"), StringComparison.Ordinal));
        Assert.Equal(0, await HeldBackAsync(client));
    }

    private static async Task<int> HeldBackAsync(HttpClient client)
    {
        var export = await (await client.PostAsJsonAsync($"/v1/tenants/{Tenant}/privacy/end-users/export", new { email = "cminh730@email.com" })).Content.ReadFromJsonAsync<JsonElement>();
        return export.GetProperty("conversations").EnumerateArray().Sum(c => c.GetProperty("heldBack").GetArrayLength());
    }
}
