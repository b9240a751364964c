using System.Text.Json;
using System.Text.Json.Nodes;
using CraftCX.Scoring;

namespace CraftCX.Assessments;

/// <summary>
/// The JSON schema a model's answer must follow for one scorecard (structured output, strict mode): every property
/// required, no others, closed vocabularies as enums. Ranges are not expressible in strict mode; the validator
/// checks them.
/// </summary>
public static class AssessmentSchema
{
    public const string Name = "craftcx_qa_assessment";

    public static JsonElement For(Scorecard scorecard, AssessmentVocabulary vocabulary)
    {
        var scoredLabel = (IEnumerable<string>? values, string description) => Object(description, new()
        {
            ["value"] = values is null ? Type("string", "A short phrase.") : Enum(values),
            ["confidence"] = Type("number", "How sure you are, from 0 to 1."),
        });

        var schema = Object("A QA assessment of one support conversation.", new()
        {
            ["criteria"] = new JsonObject
            {
                ["type"] = "array",
                ["description"] = "One entry per scorecard criterion, each exactly once.",
                ["items"] = Object(null, new()
                {
                    ["id"] = Enum(scorecard.Criteria.Select(c => c.Id)),
                    ["score"] = Type("integer", "0 (failed) to 100 (exemplary)."),
                    ["confidence"] = Type("number", "How sure you are, from 0 to 1."),
                    ["explanation"] = Type("string", "Why, in one or two sentences, without personal data."),
                    ["evidence"] = new JsonObject { ["type"] = "array", ["items"] = Type("string", "A message id such as m3."), ["description"] = "Ids of the messages that show it." },
                }),
            },
            ["summary"] = scoredLabel(null, "What happened, in at most three sentences, without personal data."),
            ["classifications"] = Object(null, new()
            {
                ["topic"] = scoredLabel(vocabulary.Topics, "Main topic."),
                ["intent"] = scoredLabel(null, "What the customer wanted, in a few words."),
                ["resolutionStatus"] = scoredLabel(vocabulary.ResolutionStatuses, "Where the issue stands."),
                ["escalationRisk"] = scoredLabel(vocabulary.Levels, "Risk that the customer escalates."),
                ["customerEffort"] = scoredLabel(vocabulary.Levels, "How hard the customer had to work."),
            }),
            ["recommendations"] = new JsonObject
            {
                ["type"] = "array",
                ["description"] = "Concrete advice for the agent, at most ten.",
                ["items"] = Object(null, new()
                {
                    ["value"] = Type("string", "One piece of advice."),
                    ["confidence"] = Type("number", "How sure you are, from 0 to 1."),
                }),
            },
        });
        return JsonSerializer.SerializeToElement(schema, AssessmentJsonContext.Default.JsonObject);
    }

    private static JsonObject Object(string? description, Dictionary<string, JsonNode> properties)
    {
        var node = new JsonObject { ["type"] = "object" };
        if (description is not null)
        {
            node["description"] = description;
        }

        node["properties"] = new JsonObject(properties.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value)));
        node["required"] = new JsonArray(properties.Keys.Select(k => (JsonNode?)JsonValue.Create(k)).ToArray());
        node["additionalProperties"] = false;
        return node;
    }

    private static JsonObject Type(string type, string description) => new() { ["type"] = type, ["description"] = description };

    private static JsonObject Enum(IEnumerable<string> values) =>
        new() { ["type"] = "string", ["enum"] = new JsonArray(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray()) };
}
