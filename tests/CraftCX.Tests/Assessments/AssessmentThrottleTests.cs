using CraftCX.Assessments;
using Microsoft.Extensions.Options;

namespace CraftCX.Tests.Assessments;

/// <summary>The per-silo AI call limit: slots, and one waiting entry per conversation however often it is asked.</summary>
public sealed class AssessmentThrottleTests
{
    [Fact]
    public void A_conversation_waits_once_however_often_its_reminder_asks()
    {
        using var silo = new SiloStopping();
        using var throttle = new AssessmentThrottle(Options.Create(new AiOptions()), silo);

        Assert.True(throttle.TryEnter("t/c1"));
        Assert.False(throttle.TryEnter("t/c1"));
        Assert.True(throttle.TryEnter("t/c2"));
        Assert.Equal(2, throttle.Queued);

        throttle.Leave("t/c1");
        Assert.True(throttle.TryEnter("t/c1"));
    }

    [Fact]
    public async Task No_more_calls_run_at_once_than_the_limit()
    {
        using var silo = new SiloStopping();
        using var throttle = new AssessmentThrottle(Options.Create(new AiOptions { MaxConcurrency = 2 }), silo);
        await throttle.WaitAsync();
        await throttle.WaitAsync();

        var third = throttle.WaitAsync();
        await Task.Delay(50);
        Assert.False(third.IsCompleted);

        throttle.Release();
        await third.WaitAsync(TimeSpan.FromSeconds(5));
    }
}
