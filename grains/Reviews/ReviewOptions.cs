using System.ComponentModel.DataAnnotations;

namespace CraftCX.Reviews;

/// <summary>Limits of human reviews and calibration (section "Reviews").</summary>
public sealed class ReviewOptions
{
    public const string Section = "Reviews";

    /// <summary>Reviews kept per conversation; more are refused (409).</summary>
    [Range(1, 100_000)]
    public int MaxReviewsPerConversation { get; set; } = 50;

    /// <summary>Longest comment, dispute reason or decision comment, in characters.</summary>
    [Range(1, 1_000_000)]
    public int MaxCommentLength { get; set; } = 2000;

    /// <summary>Reviewed conversations a workspace's calibration keeps (the most recently changed); plenty for stable agreement figures.</summary>
    [Range(1, 10_000_000)]
    public int CalibrationConversations { get; set; } = 2_000;
}
