using System.Text.Json;
using System.Text.Json.Nodes;

namespace IncidentBot.Testing.Fakes;

/// <summary>One Web API request as <see cref="FakeSlackServer"/> received it.</summary>
/// <param name="Method">The Slack method, e.g. <c>chat.postMessage</c>.</param>
/// <param name="Headers">Request headers, case-insensitive (<c>Authorization</c>, <c>Content-Type</c>).</param>
/// <param name="ContentType">The raw Content-Type, e.g. <c>application/json; charset=utf-8</c>.</param>
/// <param name="Body">The raw body text.</param>
/// <param name="Json">The body when it was JSON, else null.</param>
/// <param name="Form">Form fields when the body was form-encoded, plus any query-string fields.</param>
public sealed record SlackApiCall(
    string Method,
    IReadOnlyDictionary<string, string> Headers,
    string ContentType,
    string Body,
    JsonObject? Json,
    IReadOnlyDictionary<string, string> Form)
{
    /// <summary>When the fake received it, by the wall clock (bots in other processes cannot share a fake one).</summary>
    public DateTimeOffset ReceivedAt { get; init; } = DateTimeOffset.UtcNow;

    public bool IsJson => ContentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase);

    public bool IsForm => ContentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);

    public string? Authorization => Headers.TryGetValue("Authorization", out var value) ? value : null;

    /// <summary>
    /// An argument as text, from whichever encoding was used: a JSON string as is, other
    /// JSON values (<c>true</c>, <c>1</c>, objects) as their JSON text, form fields as sent.
    /// </summary>
    public string? Arg(string name)
    {
        if (Json?[name] is { } node)
            return node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : node.ToJsonString();
        return Form.TryGetValue(name, out var value) ? value : null;
    }

    /// <summary>An argument as JSON (<c>blocks</c>, <c>view</c>), also when it came as JSON text in a form field.</summary>
    public JsonNode? JsonArg(string name)
    {
        if (Json?[name] is { } node)
            return node.GetValueKind() == JsonValueKind.String ? JsonNode.Parse(node.GetValue<string>()) : node;
        return Form.TryGetValue(name, out var value) ? JsonNode.Parse(value) : null;
    }

    public override string ToString() => Method;
}
