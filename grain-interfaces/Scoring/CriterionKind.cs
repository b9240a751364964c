namespace CraftCX.Scoring;

/// <summary>The built-in rule that evaluates a scorecard criterion.</summary>
[GenerateSerializer]
public enum CriterionKind
{
    Greeting = 1,
    Empathy = 2,
    Clarity = 3,
    Resolution = 4,
    Responsiveness = 5,
    Professionalism = 6,
    Compliance = 7,
}
