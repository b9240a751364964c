using CraftCX.Scoring.Rules;

namespace CraftCX.Scoring;

/// <summary>A scorecard with its rules built (phrase sets indexed), shared by every conversation of a tenant.</summary>
public sealed class CompiledScorecard
{
    private CompiledScorecard(Scorecard definition, IReadOnlyList<(CriterionDefinition Definition, ICriterionRule Rule)> criteria)
    {
        Definition = definition;
        Criteria = criteria;
        TotalWeight = criteria.Sum(c => c.Definition.Weight);
    }

    public Scorecard Definition { get; }

    public IReadOnlyList<(CriterionDefinition Definition, ICriterionRule Rule)> Criteria { get; }

    public double TotalWeight { get; }

    public static CompiledScorecard Compile(Scorecard scorecard)
    {
        ScorecardValidator.EnsureValid(scorecard);
        var criteria = scorecard.Criteria
            .Select(definition => (definition, CreateRule(definition, scorecard.Sla)))
            .ToArray();
        return new CompiledScorecard(scorecard, criteria);
    }

    private static ICriterionRule CreateRule(CriterionDefinition definition, SlaTargets sla) => definition.Kind switch
    {
        CriterionKind.Greeting => new GreetingRule(definition.Phrases),
        CriterionKind.Empathy => new EmpathyRule(definition.Phrases),
        CriterionKind.Clarity => new ClarityRule(),
        CriterionKind.Resolution => new ResolutionRule(definition.Phrases),
        CriterionKind.Responsiveness => new ResponsivenessRule(sla),
        CriterionKind.Professionalism => new ProfessionalismRule(definition.Phrases),
        CriterionKind.Compliance => new ComplianceRule(definition.Phrases),
        _ => throw new ArgumentException($"Criterion '{definition.Id}' has unknown kind {definition.Kind}."),
    };
}
