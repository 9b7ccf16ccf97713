using System.Globalization;
using IncidentBot.LoadTests;

// Child modes: the harness starts copies of itself to play the bare endpoint and Slack.
if (args is ["--serve-bare", var barePort])
{
    await BareEndpoint.RunAsync(int.Parse(barePort, CultureInfo.InvariantCulture));
    return 0;
}
if (args is ["--serve-slack", var slackPort, .. var slackLog] && slackLog.Length <= 1)
{
    await SlackStub.RunAsync(int.Parse(slackPort, CultureInfo.InvariantCulture), slackLog.FirstOrDefault());
    return 0;
}

var options = LoadOptions.Parse(args);
return await Harness.RunAsync(options);
