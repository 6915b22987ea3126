using Restaking.Grains.Tests.Support;

// One embedded silo serves every single-silo test class (starting a silo costs more than most tests).
[assembly: AssemblyFixture(typeof(OneSiloFixture))]
