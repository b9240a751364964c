namespace CraftCX.Scoring;

/// <summary>The scorecard every tenant gets until it sets its own.</summary>
internal static class DefaultScorecard
{
    public const string Id = "default";

    public static Scorecard Create() => new(
        Id,
        1,
        [
            new CriterionDefinition("greeting", "Greeting", CriterionKind.Greeting, 10),
            new CriterionDefinition("empathy", "Acknowledgement & empathy", CriterionKind.Empathy, 15),
            new CriterionDefinition("clarity", "Clarity", CriterionKind.Clarity, 15),
            new CriterionDefinition("resolution", "Resolution", CriterionKind.Resolution, 20),
            new CriterionDefinition("responsiveness", "Responsiveness (SLA)", CriterionKind.Responsiveness, 15),
            new CriterionDefinition("professionalism", "Professionalism & tone", CriterionKind.Professionalism, 15),
            new CriterionDefinition("compliance", "Compliance (no card data, passwords, PINs)", CriterionKind.Compliance, 10, AutoFail: true),
        ],
        new SlaTargets(FirstResponseSeconds: 60, ResponseSeconds: 120));
}
