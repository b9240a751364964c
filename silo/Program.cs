using CraftCX.Silo.Hosting;

// --migrate applies the PostgreSQL schema before starting; --migrate-only applies it and exits.
string[] flags = ["--migrate", "--migrate-only"];
var migrate = args.Any(flags.Contains);
var migrateOnly = args.Contains("--migrate-only");

var app = CraftCxSiloHost.Build(args.Where(a => !flags.Contains(a)).ToArray());
await CraftCxSiloHost.MigrateIfRequestedAsync(app, migrate);
if (migrateOnly)
{
    return;
}

await app.RunAsync();
