using System.Collections.Immutable;

namespace CraftCX.Calibration;

/// <summary>A workspace's calibration: how well the AI, the rule scorer and the reviewers agree, per criterion.</summary>
/// <param name="ReviewedConversations">Reviewed conversations the figures cover (the newest, up to the configured bound).</param>
[GenerateSerializer, Immutable, Alias("craftcx.calibration-view.v1")]
public sealed record CalibrationView(
    [property: Id(0)] string Tenant,
    [property: Id(1)] string Workspace,
    [property: Id(2)] int ReviewedConversations,
    [property: Id(3)] int Reviews,
    [property: Id(4)] int OpenDisputes,
    [property: Id(5)] int AcceptedDisputes,
    [property: Id(6)] CriterionCalibration All,
    [property: Id(7)] ImmutableArray<CriterionCalibration> Criteria);
