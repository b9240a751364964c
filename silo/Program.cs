using CraftCX.Silo.Hosting;
using Microsoft.Extensions.Options;
#if CRAFTCX_EMBEDDED
using CraftCX.Silo.Kafka.Embedded;
#endif

// --migrate applies the PostgreSQL schema before starting; --migrate-only applies it and exits;
// --broker-only runs just the embedded Kafka-protocol broker, for several silos on one machine;
// --probe URL asks a health route and exits 0 when it answers 2xx (the container's health check).
if (args is ["--probe", .. var probe])
{
    return await HealthProbe.RunAsync(probe.FirstOrDefault());
}

string[] flags = ["--migrate", "--migrate-only", "--broker-only"];
var settings = args.Where(a => !flags.Contains(a)).ToArray();
if (args.Contains("--broker-only"))
{
#if CRAFTCX_EMBEDDED
    await StandaloneBroker.RunAsync(settings);
    return 0;
#else
    Console.Error.WriteLine("--broker-only needs the embedded broker, which this build leaves out (CraftCXEmbedded=false).");
    return 2;
#endif
}

try
{
    var app = CraftCXSiloHost.Build(settings);

    // Every section checked before anything starts, so that a bad one is our one line, not the host's failure log.
    app.Services.GetService<IStartupValidator>()?.Validate();
    await CraftCXSiloHost.MigrateIfRequestedAsync(app, args.Contains("--migrate") || args.Contains("--migrate-only"));
    if (!args.Contains("--migrate-only"))
    {
        // Checked before anything starts, so that a taken port is one line and not a cascade of cancelled services.
        if (ListenAddresses.InUse(ListenAddresses.Of(app.Configuration)) is { Count: > 0 } taken)
        {
            Console.Error.WriteLine("CraftCX cannot start, an address it listens on is taken (set Urls or ASPNETCORE_URLS, Orleans:SiloPort, Orleans:GatewayPort):");
            foreach (var address in taken)
            {
                Console.Error.WriteLine("  - " + address);
            }

            return 3;
        }

        await app.RunAsync();
    }

    return 0;
}
catch (Exception ex) when (SettingsFailures.TryDescribe(ex, out var failures))
{
    // A setting is missing or wrong: say which, and exit without a stack trace (a supervisor should not restart-loop on it).
    Console.Error.WriteLine("CraftCX cannot start, a setting is missing or invalid:");
    foreach (var failure in failures)
    {
        Console.Error.WriteLine("  - " + failure);
    }

    return 2;
}
