using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Testing.Golden;

namespace IncidentBot.Dialogs.Tests.Channels;

/// <summary>
/// A message against its golden file <c>Golden/&lt;name&gt;.json</c> beside the calling test: the JSON
/// that <see cref="DocumentJson.Options"/> stores for it, re-indented by <see cref="GoldenFile"/>
/// (same properties, order and values), emoji shown as emoji.
/// </summary>
internal static class GoldenMessage
{
    public static void AssertMatches(string name, ChatMessage message, [CallerFilePath] string testFile = "") =>
        GoldenFile.AssertMatchesJson(name + ".json", JsonNode.Parse(JsonSerializer.Serialize(message, DocumentJson.Options))!,
            showEmoji: true, testFile: testFile);
}
