namespace CraftCX.Calibration;

/// <summary>Calibration of one workspace from its reviewed conversations; key tenant/workspace.</summary>
[Alias("craftcx.ICalibrationGrain")]
public interface ICalibrationGrain : IGrainWithStringKey
{
    /// <summary>Adds or replaces a conversation's sample.</summary>
    Task RecordAsync(CalibrationSample sample);

    /// <summary>Forgets a conversation (it moved to another workspace).</summary>
    Task RemoveAsync(string conversation);

    [ReadOnly]
    Task<CalibrationView> GetAsync();
}
