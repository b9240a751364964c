global using Xunit;
global using CraftCX.Tests.Infrastructure;
