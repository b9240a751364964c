namespace CraftCX.Calibration;

/// <summary>Stored calibration samples of one workspace, one per reviewed conversation.</summary>
[GenerateSerializer, Alias("craftcx.calibration-state.v1")]
internal sealed class CalibrationState
{
    [Id(0)] public Dictionary<string, CalibrationSample> Samples { get; set; } = new(StringComparer.Ordinal);
}
