using CraftCX.Assessments;
using CraftCX.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CraftCX.Tests.Assessments;

/// <summary>AI settings that would break the event path (a reminder Orleans refuses, no call slot) stop the silo at start, by name.</summary>
public sealed class AiSettingsValidationTests
{
    [Theory]
    [InlineData("--Ai:ReminderPeriod=00:00:00", "Ai:ReminderPeriod")]
    [InlineData("--Ai:MaxConcurrency=0", "Ai:MaxConcurrency")]
    public void A_setting_the_assessor_cannot_work_with_is_refused_with_its_name(string setting, string name)
    {
        using var app = CraftCXSiloHost.Build([setting, "--Demo:Enabled=false"]);
        var error = Assert.Throws<OptionsValidationException>(() => app.Services.GetRequiredService<IOptions<AiOptions>>().Value);
        Assert.Contains(name, error.Message);
    }

    [Fact]
    public void A_short_reminder_period_lowers_the_orleans_minimum_to_it()
    {
        using var app = CraftCXSiloHost.Build(["--Ai:ReminderPeriod=00:00:05", "--Demo:Enabled=false"]);
        Assert.Equal(TimeSpan.FromSeconds(5), app.Services.GetRequiredService<IOptions<Orleans.Hosting.ReminderOptions>>().Value.MinimumReminderPeriod);
    }
}
