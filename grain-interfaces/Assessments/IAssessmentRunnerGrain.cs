namespace CraftCX.Assessments;

/// <summary>Runs pending AI assessments on the silo that asks, off the event path; key 0.</summary>
[Alias("craftcx.IAssessmentRunnerGrain")]
public interface IAssessmentRunnerGrain : IGrainWithIntegerKey
{
    /// <summary>Assesses the conversation if it still has a pending assessment. One-way: the caller never waits.</summary>
    [OneWay]
    Task RunAsync(string conversationKey);
}
