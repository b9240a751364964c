using CraftCX.Silo.Hosting;
using CraftCX.Silo.Kafka.Embedded;

// --migrate applies the PostgreSQL schema before starting; --migrate-only applies it and exits;
// --broker-only runs just the embedded Kafka-protocol broker, for several silos on one machine.
string[] flags = ["--migrate", "--migrate-only", "--broker-only"];
var settings = args.Where(a => !flags.Contains(a)).ToArray();
if (args.Contains("--broker-only"))
{
    await StandaloneBroker.RunAsync(settings);
    return;
}

var app = CraftCxSiloHost.Build(settings);
await CraftCxSiloHost.MigrateIfRequestedAsync(app, args.Contains("--migrate") || args.Contains("--migrate-only"));
if (args.Contains("--migrate-only"))
{
    return;
}

await app.RunAsync();
