using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace CraftCX.Silo.Hosting;

/// <summary>Lowers Orleans' shortest reminder period (a minute by default) to a configured period that needs less.</summary>
internal static class ReminderFloor
{
    public static IServiceCollection AllowRemindersEvery<TOptions>(this IServiceCollection services, Func<TOptions, TimeSpan> period)
        where TOptions : class
    {
        // Orleans refuses a reminder more frequent than its minimum, so the minimum follows the shortest one configured.
        services.AddOptions<ReminderOptions>().Configure<IOptions<TOptions>>((reminders, options) =>
        {
            TOptions value;
            try
            {
                value = options.Value;
            }
            catch (OptionsValidationException)
            {
                // Left to the check at start, which names every bad setting at once.
                return;
            }

            if (period(value) < reminders.MinimumReminderPeriod)
            {
                reminders.MinimumReminderPeriod = period(value);
            }
        });
        return services;
    }
}
