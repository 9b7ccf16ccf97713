using System.Globalization;
using System.Text.Json.Nodes;

namespace IncidentBot.Testing.Builders;

/// <summary>
/// Builds activities shaped like the ones Teams sends (see the Bot Framework activity schema):
/// a personal chat message, a channel message that @mentions the bot, an <c>adaptiveCard/action</c>
/// invoke, a personal install. The ids and names are ours.
/// </summary>
public static class TeamsActivities
{
    public const string Tenant = "5f0c3b8e-2d41-4a7a-9c55-0e1a7b2d9c10";
    public const string BotId = "28:0b07b075-0000-4000-8000-0000000000b0";
    public const string BotName = "IncidentBot";
    public const string GeneralChannel = "19:general7f3a2c@thread.tacv2";
    public const string IncidentsChannel = "19:incidents5e91d0@thread.tacv2";
    public const string AnnouncementChannel = "19:announce4b6c8e@thread.tacv2";

    public static readonly TestPerson Alice = new("29:1AliceQx7-teams", "a11ce000-0000-4000-8000-000000000001", "Alice Okafor");
    public static readonly TestPerson Bob = new("29:1BobZr4-teams", "b0b00000-0000-4000-8000-000000000002", "Bob Shrestha");
    public static readonly TestPerson Chandra = new("29:1ChandraPq2-teams", "c4a4d4a0-0000-4000-8000-000000000003", "Chandra Rai");

    private static long _lastId = 1_764_100_000_000;

    public static string NewId() => Interlocked.Increment(ref _lastId).ToString(CultureInfo.InvariantCulture);

    public static string PersonalChat(TestPerson person) => "a:personal-" + person.TeamsId;

    /// <summary>A thread in the general channel, started by a post whose id is <paramref name="root"/>.</summary>
    public static string GeneralThread(string root = "1764099990001") => $"{GeneralChannel};messageid={root}";

    public static JsonObject PersonalMessage(string serviceUrl, TestPerson from, string text, string? id = null) =>
        Envelope("message", serviceUrl, from, Conversation(PersonalChat(from), "personal"), id ?? NewId(), new JsonObject
        {
            ["text"] = text,
            ["textFormat"] = "plain",
            ["localTimezone"] = "Asia/Kathmandu",
        });

    /// <summary>A message in a channel thread: "&lt;at&gt;IncidentBot&lt;/at&gt; {text}", with mention entities for the bot and <paramref name="mentioned"/>.</summary>
    public static JsonObject ChannelMessage(string serviceUrl, TestPerson from, string text, string? conversationId = null, string? id = null, params TestPerson[] mentioned)
    {
        var entities = new JsonArray { Mention(BotId, BotName) };
        foreach (var person in mentioned)
            entities.Add(Mention(person.TeamsId, person.Name));
        var conversation = conversationId ?? GeneralThread();
        return Envelope("message", serviceUrl, from, Conversation(conversation, "channel"), id ?? NewId(), new JsonObject
        {
            ["text"] = $"<at>{BotName}</at> {text}",
            ["textFormat"] = "plain",
            ["entities"] = entities,
        }, channel: conversation.Split(';')[0]);
    }

    /// <summary>An Action.Execute press: <c>value.action</c> with the verb and the data merged with input values.</summary>
    public static JsonObject Invoke(string serviceUrl, TestPerson from, string verb, JsonObject data, string conversationId, string? replyToId = null, string? id = null) =>
        Envelope("invoke", serviceUrl, from, Conversation(conversationId, conversationId.StartsWith("a:", StringComparison.Ordinal) ? "personal" : "channel"), id ?? "f:" + NewId(), new JsonObject
        {
            ["name"] = "adaptiveCard/action",
            ["replyToId"] = replyToId,
            ["value"] = new JsonObject
            {
                ["action"] = new JsonObject { ["type"] = "Action.Execute", ["id"] = "", ["title"] = "press", ["verb"] = verb, ["data"] = data },
                ["trigger"] = "manual",
            },
        });

    public static JsonObject PersonalInstall(string serviceUrl, TestPerson person) =>
        Envelope("conversationUpdate", serviceUrl, person, Conversation(PersonalChat(person), "personal"), "f:" + NewId(), new JsonObject
        {
            ["membersAdded"] = new JsonArray
            {
                new JsonObject { ["id"] = BotId },
                new JsonObject { ["id"] = person.TeamsId, ["aadObjectId"] = person.AadObjectId },
            },
        });

    public static JsonObject Mention(string id, string name) => new()
    {
        ["type"] = "mention",
        ["text"] = $"<at>{name}</at>",
        ["mentioned"] = new JsonObject { ["id"] = id, ["name"] = name },
    };

    private static JsonObject Conversation(string id, string type) => new()
    {
        ["id"] = id,
        ["conversationType"] = type,
        ["isGroup"] = type != "personal",
        ["tenantId"] = Tenant,
    };

    private static JsonObject Envelope(string type, string serviceUrl, TestPerson from, JsonObject conversation, string id, JsonObject extra, string? channel = null)
    {
        var channelData = new JsonObject { ["tenant"] = new JsonObject { ["id"] = Tenant } };
        if (channel is not null)
        {
            channelData["channel"] = new JsonObject { ["id"] = channel };
            channelData["team"] = new JsonObject { ["id"] = "19:teamT5d2@thread.tacv2" };
        }
        var activity = new JsonObject
        {
            ["type"] = type,
            ["id"] = id,
            ["channelId"] = "msteams",
            ["serviceUrl"] = serviceUrl,
            ["timestamp"] = "2025-11-25T13:00:00.000Z",
            ["locale"] = "en-US",
            ["from"] = new JsonObject { ["id"] = from.TeamsId, ["name"] = from.Name, ["aadObjectId"] = from.AadObjectId },
            ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = BotName },
            ["conversation"] = conversation,
            ["channelData"] = channelData,
        };
        foreach (var (key, value) in extra.ToArray())
        {
            extra.Remove(key);
            activity[key] = value;
        }
        return activity;
    }
}
