using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace IncidentBot.Tests.Slack;

/// <summary>
/// <c>deploy/slack/manifest.yaml</c> asks for exactly the bot scopes the code needs (least
/// privilege): the scopes of the Web API methods our client calls, plus those of the inbound
/// features the manifest turns on. A new method without its scope, or a scope no code uses
/// (once <c>im:write</c>), fails here.
/// </summary>
public sealed partial class SlackManifestTests
{
    /// <summary>
    /// Bot scopes each Web API method needs for the way we call it, from the method's page on
    /// docs.slack.dev ("Required scopes"). Where Slack accepts one of several scopes per channel
    /// type, the ones listed are those for public and private channels, which is where we call it.
    /// </summary>
    private static readonly Dictionary<string, string[]> MethodScopes = new(StringComparer.Ordinal)
    {
        // Posting to a user id lands in the app's DM (App Home Messages tab): chat:write is
        // enough. conversations.open would need im:write, and nothing calls it.
        ["chat.postMessage"] = ["chat:write"],
        ["chat.update"] = ["chat:write"],
        ["chat.postEphemeral"] = ["chat:write"],
        ["chat.getPermalink"] = [],
        ["conversations.create"] = ["channels:manage", "groups:write"],
        ["conversations.invite"] = ["channels:manage", "groups:write"],
        ["conversations.setTopic"] = ["channels:manage", "groups:write"],
        ["conversations.archive"] = ["channels:manage", "groups:write"], // the retention purge
        ["conversations.history"] = ["channels:history", "groups:history"],
        ["conversations.replies"] = ["channels:history", "groups:history"],
        ["pins.add"] = ["pins:write"],
        // The 🧾 on a partner's message in an intake channel.
        ["reactions.add"] = ["reactions:write"],
        ["users.info"] = ["users:read"],
        ["users.lookupByEmail"] = ["users:read.email"],
        // On-call admins named by a user group (OnCall:Admins).
        ["usergroups.users.list"] = ["usergroups:read"],
        ["files.getUploadURLExternal"] = ["files:write"],
        ["files.completeUploadExternal"] = ["files:write"],
        ["views.open"] = [],
        ["views.update"] = [],
        // Socket Mode: called with the app-level token, whose connections:write scope is not a bot scope.
        ["apps.connections.open"] = [],
    };

    /// <summary>Scopes of the events the manifest subscribes to (docs.slack.dev, each event's page).</summary>
    private static readonly Dictionary<string, string> EventScopes = new(StringComparer.Ordinal)
    {
        ["app_mention"] = "app_mentions:read",
        ["reaction_added"] = "reactions:read",
        // Partner messages in the intake channels, public and private (Slack Connect channels are either).
        ["message.channels"] = "channels:history",
        ["message.groups"] = "groups:history",
    };

    [Fact]
    public void The_manifest_asks_for_exactly_the_scopes_the_code_needs()
    {
        var manifest = Manifest();
        var called = CalledMethods();
        Assert.NotEmpty(called);
        var unknown = called.Where(m => !MethodScopes.ContainsKey(m)).ToArray();
        Assert.True(unknown.Length == 0, $"Add the scopes of {string.Join(", ", unknown)} to MethodScopes (and to the manifest if new).");

        var needed = new SortedSet<string>(called.SelectMany(m => MethodScopes[m]), StringComparer.Ordinal);
        foreach (var evt in Sequence(manifest, "settings", "event_subscriptions", "bot_events"))
            needed.Add(EventScopes[evt]);
        // The slash command and the shortcuts.
        if (Sequence(manifest, "features", "slash_commands").Any() || Sequence(manifest, "features", "shortcuts").Any())
            needed.Add("commands");
        // Announcements go to Slack:AnnouncementChannel, which the bot is not asked to join.
        needed.Add("chat:write.public");

        var requested = new SortedSet<string>(Sequence(manifest, "oauth_config", "scopes", "bot"), StringComparer.Ordinal);
        Assert.Equal(needed, requested);
        Assert.DoesNotContain("im:write", requested);
    }

    [Fact]
    public void The_bot_display_name_uses_only_the_characters_Slack_allows()
    {
        // docs.slack.dev app manifest reference: features.bot_user.display_name, at most 80 characters of a-z, 0-9, -, _ and .
        var name = Scalar(Manifest(), "features", "bot_user", "display_name");

        Assert.Matches(DisplayName(), name);
    }

    [Fact]
    public void Every_method_the_code_calls_is_found()
    {
        // The scan above must see the client's calls, or the scope check proves nothing.
        var called = CalledMethods();

        Assert.Contains("chat.postMessage", called);
        Assert.Contains("users.lookupByEmail", called);
        Assert.Contains("files.completeUploadExternal", called);
    }

    private static SortedSet<string> CalledMethods()
    {
        var folder = Path.Combine(RepositoryRoot(), "src", "IncidentBot", "Slack");
        var methods = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories))
        {
            foreach (Match match in MethodCall().Matches(File.ReadAllText(file)))
                methods.Add(match.Groups["method"].Value);
        }
        return methods;
    }

    private static YamlMappingNode Manifest()
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(Path.Combine(RepositoryRoot(), "deploy", "slack", "manifest.yaml"));
        yaml.Load(reader);
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    private static IEnumerable<string> Sequence(YamlMappingNode root, params string[] path)
    {
        YamlNode? node = root;
        foreach (var key in path)
            node = node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;
        return node is YamlSequenceNode sequence
            ? sequence.Children.Select(c => c is YamlScalarNode s ? s.Value! : ((YamlScalarNode)((YamlMappingNode)c).Children.First().Key).Value!)
            : [];
    }

    private static string Scalar(YamlMappingNode root, params string[] path)
    {
        YamlNode node = root;
        foreach (var key in path)
            node = ((YamlMappingNode)node).Children[new YamlScalarNode(key)];
        return ((YamlScalarNode)node).Value!;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "IncidentBot.sln")))
                return directory.FullName;
        }
        throw new InvalidOperationException("IncidentBot.sln not found above " + AppContext.BaseDirectory);
    }

    // client.PostJsonAsync("chat.postMessage", …) / client.PostFormAsync("users.info", …)
    [GeneratedRegex(@"Post(?:Json|Form)Async\(\s*""(?<method>[a-z]+\.[A-Za-z.]+)""")]
    private static partial Regex MethodCall();

    [GeneratedRegex("^[a-z0-9._-]{1,80}$")]
    private static partial Regex DisplayName();
}
