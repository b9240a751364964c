using CraftCX.Reviews;
using Microsoft.Extensions.Options;

namespace CraftCX.Calibration;

/// <summary>
/// A workspace's calibration: keeps the newest sample of each reviewed conversation (bounded to the most recently
/// changed ones) and computes agreement on read, caching the figures until the next change.
/// </summary>
internal sealed class CalibrationGrain(
    [PersistentState("calibration", StorageNames.Aggregates)] IPersistentState<CalibrationState> state,
    IOptions<ReviewOptions> options) : Grain, ICalibrationGrain
{
    private CalibrationView? _view;

    public async Task RecordAsync(CalibrationSample sample)
    {
        var samples = state.State.Samples;
        if (samples.TryGetValue(sample.Conversation, out var stored) && stored.Version >= sample.Version)
        {
            return;
        }

        samples[sample.Conversation] = sample;
        var bound = Math.Max(1, options.Value.CalibrationConversations);
        if (samples.Count > bound)
        {
            foreach (var oldest in samples.Values.OrderBy(s => s.UpdatedAt).Take(samples.Count - bound).Select(s => s.Conversation).ToList())
            {
                samples.Remove(oldest);
            }
        }

        _view = null;
        await this.WriteOrDeactivateAsync(state);
    }

    public async Task RemoveAsync(string conversation)
    {
        if (state.State.Samples.Remove(conversation))
        {
            _view = null;
            await this.WriteOrDeactivateAsync(state);
        }
    }

    public Task<CalibrationView> GetAsync()
    {
        if (_view is null)
        {
            var (tenant, workspace) = GrainKeys.Split(this.GetPrimaryKeyString());
            _view = CalibrationCalculator.Compute(tenant, workspace, state.State.Samples.Values);
        }

        return Task.FromResult(_view);
    }
}
