using System.Collections.Immutable;
using System.Text.Json;
using CraftCX.Scoring;

namespace CraftCX.Assessments;

/// <summary>
/// Checks a model's answer against the assessment schema and everything strict mode cannot say: ranges, each
/// criterion exactly once, evidence that names real messages, closed vocabularies, lengths. An answer with any
/// problem is rejected whole; nothing of it becomes a score.
/// </summary>
internal static class AssessmentResponseValidator
{
    public static AssessmentValidation Validate(string? json, Scorecard scorecard, IReadOnlySet<string> messageIds, AssessmentVocabulary vocabulary)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json ?? string.Empty, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException ex)
        {
            return new AssessmentValidation(null, [$"malformed JSON: {ex.Message}"]);
        }

        using (document)
        {
            var problems = new List<string>();
            var root = document.RootElement;
            if (!Object(root, "$", ["criteria", "summary", "classifications", "recommendations"], problems))
            {
                return new AssessmentValidation(null, problems);
            }

            var criteria = Criteria(root.GetProperty("criteria"), scorecard, messageIds, problems);
            var summary = Scored(root.GetProperty("summary"), "$.summary", null, AssessmentVocabulary.MaxSummaryLength, problems);
            var classifications = Classifications(root.GetProperty("classifications"), vocabulary, problems);
            var recommendations = Recommendations(root.GetProperty("recommendations"), problems);
            return problems.Count > 0
                ? new AssessmentValidation(null, problems)
                : new AssessmentValidation(new AiAssessmentContent(criteria, summary!, classifications!, recommendations), []);
        }
    }

    private static ImmutableArray<AiCriterionAssessment> Criteria(JsonElement array, Scorecard scorecard, IReadOnlySet<string> messageIds, List<string> problems)
    {
        if (array.ValueKind != JsonValueKind.Array)
        {
            problems.Add("$.criteria: not an array");
            return [];
        }

        var known = scorecard.Criteria.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = ImmutableArray.CreateBuilder<AiCriterionAssessment>();
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var path = $"$.criteria[{index++}]";
            if (!Object(item, path, ["id", "score", "confidence", "explanation", "evidence"], problems))
            {
                continue;
            }

            var id = Text(item.GetProperty("id"), path + ".id", 100, problems);
            if (id is not null && !known.Contains(id))
            {
                problems.Add($"{path}.id: '{id}' is not a criterion of scorecard {scorecard.Id}");
            }
            else if (id is not null && !seen.Add(id))
            {
                problems.Add($"{path}.id: '{id}' appears twice");
            }

            var score = item.GetProperty("score");
            int? value = score.ValueKind == JsonValueKind.Number && score.TryGetInt32(out var s) && s is >= 0 and <= 100 ? s : null;
            if (value is null)
            {
                problems.Add($"{path}.score: must be an integer from 0 to 100");
            }

            var confidence = Confidence(item.GetProperty("confidence"), path + ".confidence", problems);
            var explanation = Text(item.GetProperty("explanation"), path + ".explanation", AssessmentVocabulary.MaxExplanationLength, problems);
            var evidence = Evidence(item.GetProperty("evidence"), path + ".evidence", messageIds, problems);
            if (id is not null && value is not null && confidence is not null && explanation is not null)
            {
                result.Add(new AiCriterionAssessment(id, value.Value, confidence.Value, explanation, evidence));
            }
        }

        foreach (var missing in known.Except(seen).Order(StringComparer.Ordinal))
        {
            problems.Add($"$.criteria: criterion '{missing}' is missing");
        }

        return result.ToImmutable();
    }

    private static ImmutableArray<string> Evidence(JsonElement array, string path, IReadOnlySet<string> messageIds, List<string> problems)
    {
        if (array.ValueKind != JsonValueKind.Array)
        {
            problems.Add($"{path}: not an array");
            return [];
        }

        var ids = ImmutableArray.CreateBuilder<string>();
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || !messageIds.Contains(item.GetString()!))
            {
                problems.Add($"{path}: {item.GetRawText()} is not a message of this conversation");
            }
            else if (ids.Count < AssessmentVocabulary.MaxEvidencePerCriterion && !ids.Contains(item.GetString()!))
            {
                ids.Add(item.GetString()!);
            }
        }

        return ids.ToImmutable();
    }

    private static AiClassifications? Classifications(JsonElement element, AssessmentVocabulary vocabulary, List<string> problems)
    {
        const string path = "$.classifications";
        if (!Object(element, path, ["topic", "intent", "resolutionStatus", "escalationRisk", "customerEffort"], problems))
        {
            return null;
        }

        var topic = Scored(element.GetProperty("topic"), path + ".topic", vocabulary.Topics, 100, problems);
        var intent = Scored(element.GetProperty("intent"), path + ".intent", null, AssessmentVocabulary.MaxIntentLength, problems);
        var resolution = Scored(element.GetProperty("resolutionStatus"), path + ".resolutionStatus", vocabulary.ResolutionStatuses, 100, problems);
        var escalation = Scored(element.GetProperty("escalationRisk"), path + ".escalationRisk", vocabulary.Levels, 100, problems);
        var effort = Scored(element.GetProperty("customerEffort"), path + ".customerEffort", vocabulary.Levels, 100, problems);
        return topic is null || intent is null || resolution is null || escalation is null || effort is null
            ? null
            : new AiClassifications(topic, intent, resolution, escalation, effort);
    }

    private static ImmutableArray<AiScoredValue> Recommendations(JsonElement array, List<string> problems)
    {
        if (array.ValueKind != JsonValueKind.Array)
        {
            problems.Add("$.recommendations: not an array");
            return [];
        }

        if (array.GetArrayLength() > AssessmentVocabulary.MaxRecommendations)
        {
            problems.Add($"$.recommendations: more than {AssessmentVocabulary.MaxRecommendations}");
        }

        var result = ImmutableArray.CreateBuilder<AiScoredValue>();
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (Scored(item, $"$.recommendations[{index++}]", null, AssessmentVocabulary.MaxRecommendationLength, problems) is { } recommendation)
            {
                result.Add(recommendation);
            }
        }

        return result.ToImmutable();
    }

    private static AiScoredValue? Scored(JsonElement element, string path, IReadOnlyCollection<string>? allowed, int maxLength, List<string> problems)
    {
        if (!Object(element, path, ["value", "confidence"], problems))
        {
            return null;
        }

        var value = Text(element.GetProperty("value"), path + ".value", maxLength, problems);
        if (value is not null && allowed is not null && !allowed.Contains(value))
        {
            problems.Add($"{path}.value: '{value}' is not one of {string.Join(", ", allowed)}");
            value = null;
        }

        var confidence = Confidence(element.GetProperty("confidence"), path + ".confidence", problems);
        return value is null || confidence is null ? null : new AiScoredValue(value, confidence.Value);
    }

    private static double? Confidence(JsonElement element, string path, List<string> problems)
    {
        if (element.ValueKind == JsonValueKind.Number && element.TryGetDouble(out var value) && value is >= 0 and <= 1)
        {
            return value;
        }

        problems.Add($"{path}: must be a number from 0 to 1");
        return null;
    }

    private static string? Text(JsonElement element, string path, int maxLength, List<string> problems)
    {
        if (element.ValueKind == JsonValueKind.String && element.GetString() is { } text && !string.IsNullOrWhiteSpace(text) && text.Length <= maxLength)
        {
            return text.Trim();
        }

        problems.Add($"{path}: must be a non-empty string of at most {maxLength} characters");
        return null;
    }

    // Exactly these properties: strict mode promises it, and a model that breaks the promise is not trusted further.
    private static bool Object(JsonElement element, string path, string[] properties, List<string> problems)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"{path}: not an object");
            return false;
        }

        var ok = true;
        foreach (var property in element.EnumerateObject())
        {
            if (!properties.Contains(property.Name, StringComparer.Ordinal))
            {
                problems.Add($"{path}.{property.Name}: not in the schema");
                ok = false;
            }
        }

        foreach (var name in properties)
        {
            if (!element.TryGetProperty(name, out _))
            {
                problems.Add($"{path}.{name}: missing");
                ok = false;
            }
        }

        return ok;
    }
}
