using IncidentBot.InstancesBench;

// Issue 16: two instances on Cosmos DB (test server) and Redis; declare → page DM, escalation lateness, a kill -9.
//   dotnet build bench/IncidentBot.InstancesBench -c Release
//   dotnet bench/IncidentBot.InstancesBench/bin/Release/net10.0/IncidentBot.InstancesBench.dll [--rate 20] [--seconds 20] [--pending 1000] [--wait 30] [--seed-rate 50] [--grace 60] [--bot path/IncidentBot.dll]
InstancesOptions options;
try
{
    options = InstancesOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine("Options: --rate 20 --seconds 20 --pending 1000 --wait 30 --seed-rate 50 --grace 60 [--bot path/IncidentBot.dll]");
    return 2;
}
return await InstancesRun.RunAsync(options);
