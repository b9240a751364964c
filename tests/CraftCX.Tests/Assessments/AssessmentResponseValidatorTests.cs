using System.Text.Json;
using System.Text.Json.Nodes;
using CraftCX.Assessments;
using CraftCX.Scoring;

namespace CraftCX.Tests.Assessments;

[Trait("Category", "Unit")]
public sealed class AssessmentResponseValidatorTests
{
    private static readonly Scorecard Card = DefaultScorecard.Create();
    private static readonly HashSet<string> Messages = ["m1", "m2", "m3"];

    public static JsonObject GoodAnswer() => new()
    {
        ["criteria"] = new JsonArray(Card.Criteria.Select((c, i) => (JsonNode)new JsonObject
        {
            ["id"] = c.Id,
            ["score"] = 60 + i,
            ["confidence"] = 0.9,
            ["explanation"] = $"Because of reason {i}.",
            ["evidence"] = new JsonArray("m1", "m3"),
        }).ToArray()),
        ["summary"] = new JsonObject { ["value"] = "The customer asked for a refund and got it.", ["confidence"] = 0.8 },
        ["classifications"] = new JsonObject
        {
            ["topic"] = new JsonObject { ["value"] = "refund", ["confidence"] = 0.9 },
            ["intent"] = new JsonObject { ["value"] = "get money back", ["confidence"] = 0.7 },
            ["resolutionStatus"] = new JsonObject { ["value"] = "resolved", ["confidence"] = 0.95 },
            ["escalationRisk"] = new JsonObject { ["value"] = "low", ["confidence"] = 0.6 },
            ["customerEffort"] = new JsonObject { ["value"] = "medium", ["confidence"] = 0.5 },
        },
        ["recommendations"] = new JsonArray(new JsonObject { ["value"] = "Confirm the refund amount.", ["confidence"] = 0.7 }),
    };

    private static AssessmentValidation Validate(string json) => AssessmentResponseValidator.Validate(json, Card, Messages, AssessmentVocabulary.Default);

    [Fact]
    public void A_good_answer_becomes_content_with_every_criterion()
    {
        var validation = Validate(GoodAnswer().ToJsonString());
        Assert.Empty(validation.Problems);
        var content = validation.Content!;
        Assert.Equal(Card.Criteria.Select(c => c.Id), content.Criteria.Select(c => c.CriterionId));
        Assert.Equal(61, content.Criteria[1].Score);
        Assert.Equal(["m1", "m3"], content.Criteria[0].EvidenceMessageIds.ToArray());
        Assert.Equal("resolved", content.Classifications.ResolutionStatus.Value);
        Assert.Equal("Confirm the refund amount.", Assert.Single(content.Recommendations).Value);
    }

    public static TheoryData<string, Action<JsonObject>, string> Violations => new()
    {
        { "missing criterion", a => a["criteria"]!.AsArray().RemoveAt(0), "is missing" },
        { "duplicate criterion", a => a["criteria"]![1]!["id"] = Card.Criteria[0].Id, "appears twice" },
        { "unknown criterion", a => a["criteria"]![0]!["id"] = "charisma", "is not a criterion" },
        { "score above 100", a => a["criteria"]![0]!["score"] = 101, "integer from 0 to 100" },
        { "fractional score", a => a["criteria"]![0]!["score"] = 50.5, "integer from 0 to 100" },
        { "score as text", a => a["criteria"]![0]!["score"] = "80", "integer from 0 to 100" },
        { "confidence above 1", a => a["summary"]!["confidence"] = 1.2, "number from 0 to 1" },
        { "evidence of another conversation", a => a["criteria"]![0]!["evidence"] = new JsonArray("m99"), "not a message of this conversation" },
        { "topic outside the vocabulary", a => a["classifications"]!["topic"]!["value"] = "weather", "is not one of" },
        { "extra property", a => a["mood"] = "great", "not in the schema" },
        { "missing summary", a => a.Remove("summary"), "$.summary: missing" },
        { "empty explanation", a => a["criteria"]![0]!["explanation"] = " ", "non-empty string" },
        { "too many recommendations", a => a["recommendations"] = new JsonArray(Enumerable.Range(0, 11).Select(i => (JsonNode)new JsonObject { ["value"] = $"r{i}", ["confidence"] = 0.5 }).ToArray()), "more than 10" },
    };

    [Theory]
    [MemberData(nameof(Violations))]
    public void An_answer_with_any_violation_is_rejected_whole(string what, Action<JsonObject> spoil, string expectedProblem)
    {
        var answer = GoodAnswer();
        spoil(answer);
        var validation = Validate(answer.ToJsonString());
        Assert.True(validation.Content is null, $"{what}: accepted");
        Assert.Contains(validation.Problems, p => p.Contains(expectedProblem, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"criteria\": [")]
    [InlineData("Sure! Here is the assessment: {}")]
    [InlineData("[]")]
    public void Malformed_or_non_object_answers_are_rejected(string json)
    {
        var validation = Validate(json);
        Assert.False(validation.IsValid);
        Assert.NotEmpty(validation.Problems);
    }

    [Fact]
    public void The_schema_is_strict_everywhere_and_names_the_scorecards_criteria()
    {
        var schema = AssessmentSchema.For(Card, AssessmentVocabulary.Default);
        var ids = schema.GetProperty("properties").GetProperty("criteria").GetProperty("items").GetProperty("properties").GetProperty("id").GetProperty("enum");
        Assert.Equal(Card.Criteria.Select(c => c.Id), ids.EnumerateArray().Select(e => e.GetString()));
        AssertStrict(schema, "$");
    }

    private static void AssertStrict(JsonElement node, string path)
    {
        if (node.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (node.TryGetProperty("type", out var type) && type.GetString() == "object")
        {
            Assert.False(node.GetProperty("additionalProperties").GetBoolean(), path);
            var properties = node.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order();
            Assert.Equal(properties, node.GetProperty("required").EnumerateArray().Select(r => r.GetString()!).Order());
        }

        foreach (var property in node.EnumerateObject())
        {
            AssertStrict(property.Value, path + "." + property.Name);
        }
    }
}
