using CraftCX.Silo.Hosting;

var app = CraftCxSiloHost.Build(args);
await app.RunAsync();
