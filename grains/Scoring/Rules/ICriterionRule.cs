namespace CraftCX.Scoring.Rules;

/// <summary>One kind of criterion: how it takes in messages and closure, and how it turns its state into a score.</summary>
public interface ICriterionRule
{
    CriterionKind Kind { get; }

    /// <summary>Called once per message, in order; must cost O(message), never O(conversation).</summary>
    void Observe(CriterionState state, MessageFacts message, ScorerState conversation);

    /// <summary>0–100, or null while the criterion cannot be judged yet.</summary>
    int? Score(CriterionState state, ScorerState conversation);

    /// <summary>One sentence a supervisor reads next to the score.</summary>
    string Explain(CriterionState state, ScorerState conversation);
}
