global using Xunit;
global using CraftCX.Tests.Infrastructure;
global using CraftCX.Testing;
