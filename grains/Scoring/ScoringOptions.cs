using System.ComponentModel.DataAnnotations;

namespace CraftCX.Scoring;

/// <summary>Scoring settings of a silo (section "Scoring").</summary>
public sealed class ScoringOptions
{
    public const string Section = "Scoring";

    /// <summary>How long a silo reuses a tenant's scorecard before asking the tenant grain again.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan ScorecardRefreshInterval { get; set; } = TimeSpan.FromSeconds(30);
}
