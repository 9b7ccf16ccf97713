using System.Text.Json;
using System.Text.Json.Nodes;
using IncidentBot.Dialogs.Commands.Declare;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Slack.Inbound;

namespace IncidentBot.Slack.Declare;

/// <summary>
/// The declare form as a Slack modal, and back: block ids are the <see cref="DeclareForm"/>
/// field names, so validation errors map onto the right input.
/// </summary>
public static class DeclareModal
{
    public const string CallbackId = "incident.declare";
    public const string ShortcutCallbackId = "incident.declare_from_message";
    public const string GlobalShortcutCallbackId = "incident.declare_global";
    private const string ValueActionId = "value";

    public static JsonObject Build(DeclareForm form)
    {
        var metadata = JsonSerializer.Serialize(
            new DeclareModalMetadata(form.OriginChannel?.Value, form.OriginMessageLink), SlackInboundJson.Default.DeclareModalMetadata);
        var blocks = new JsonArray
        {
            TextInput(DeclareForm.TitleField, "Title", form.Title, DeclareFormValidator.MaxTitleLength, multiline: false,
                "e.g. Removal order from regulator", optional: false),
            Select(DeclareForm.SeverityField, "Severity", form.Severity ?? "sev3",
                [("sev1", "🔴 SEV1 – critical"), ("sev2", "🟠 SEV2 – major"), ("sev3", "🟡 SEV3 – minor"), ("sev4", "🔵 SEV4 – low")]),
            Select(DeclareForm.SourceField, "Source", form.Source ?? IncidentSource.Internal.Name(),
                [.. Enum.GetValues<IncidentSource>().Select(s => (s.Name(), Label(s)))]),
            TextInput(DeclareForm.MarketsField, "Markets", form.Markets, 200, multiline: false, "ISO country codes, e.g. NP, IN", optional: true),
            TextInput(DeclareForm.LanguagesField, "Languages", form.Languages, 200, multiline: false, "ISO language codes, e.g. ne, bho, hi", optional: true),
            TextInput(DeclareForm.DescriptionField, "Description", form.Description, DeclareFormValidator.MaxDescriptionLength, multiline: true,
                "What happened, what is at stake, links to evidence (they will not be previewed)", optional: true),
            Restricted(form.IsRestricted),
        };
        return new JsonObject
        {
            ["type"] = "modal",
            ["callback_id"] = CallbackId,
            ["private_metadata"] = metadata,
            ["title"] = PlainText("Declare an incident"),
            ["submit"] = PlainText("Declare"),
            ["close"] = PlainText("Cancel"),
            ["blocks"] = blocks,
        };
    }

    /// <summary>Reads a submitted modal back into the neutral form.</summary>
    public static DeclareForm Read(SlackView view)
    {
        var values = view.State?.Values;
        DeclareModalMetadata? metadata = null;
        if (!string.IsNullOrEmpty(view.PrivateMetadata))
        {
            try
            {
                metadata = JsonSerializer.Deserialize(view.PrivateMetadata, SlackInboundJson.Default.DeclareModalMetadata);
            }
            catch (JsonException)
            {
                metadata = null; // the form still declares; only the link back to its origin is lost
            }
        }
        return new DeclareForm
        {
            Title = Text(values, DeclareForm.TitleField),
            Description = Text(values, DeclareForm.DescriptionField),
            Severity = Selected(values, DeclareForm.SeverityField),
            Source = Selected(values, DeclareForm.SourceField),
            Markets = Text(values, DeclareForm.MarketsField),
            Languages = Text(values, DeclareForm.LanguagesField),
            IsRestricted = IsChecked(values, DeclareForm.RestrictedField),
            OriginChannel = metadata?.Channel is { Length: > 0 } channel ? new ChannelId(channel) : null,
            OriginMessageLink = metadata?.MessageLink,
        };
    }

    /// <summary>The view that replaces the form once the incident is recorded.</summary>
    public static JsonObject Declared(string heading, string detail) => new()
    {
        ["type"] = "modal",
        ["title"] = PlainText("Incident declared"),
        ["close"] = PlainText("Close"),
        ["blocks"] = new JsonArray
        {
            new JsonObject { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = heading } },
            new JsonObject { ["type"] = "context", ["elements"] = new JsonArray { new JsonObject { ["type"] = "mrkdwn", ["text"] = detail } } },
        },
    };

    private static string Label(IncidentSource source) => source switch
    {
        IncidentSource.Regulator => "Regulator / government order",
        IncidentSource.Partner => "Trusted partner escalation",
        IncidentSource.Trending => "Harmful trend or challenge",
        IncidentSource.UserReport => "User reports",
        _ => "Internal detection",
    };

    private static JsonObject PlainText(string text) => new() { ["type"] = "plain_text", ["text"] = text };

    private static JsonObject TextInput(string blockId, string label, string? initial, int maxLength, bool multiline, string placeholder, bool optional)
    {
        var element = new JsonObject
        {
            ["type"] = "plain_text_input",
            ["action_id"] = ValueActionId,
            ["multiline"] = multiline,
            ["max_length"] = maxLength,
            ["placeholder"] = PlainText(placeholder),
        };
        if (!string.IsNullOrEmpty(initial))
            element["initial_value"] = TextCut.Cut(initial, maxLength);
        return new JsonObject { ["type"] = "input", ["block_id"] = blockId, ["optional"] = optional, ["label"] = PlainText(label), ["element"] = element };
    }

    private static JsonObject Select(string blockId, string label, string initial, IReadOnlyList<(string Value, string Text)> options)
    {
        JsonObject Option((string Value, string Text) o) => new() { ["text"] = PlainText(o.Text), ["value"] = o.Value };
        var element = new JsonObject
        {
            ["type"] = "static_select",
            ["action_id"] = ValueActionId,
            ["options"] = new JsonArray([.. options.Select(Option)]),
        };
        var chosen = options.FirstOrDefault(o => o.Value == initial);
        if (chosen.Value is not null)
            element["initial_option"] = Option(chosen);
        return new JsonObject { ["type"] = "input", ["block_id"] = blockId, ["label"] = PlainText(label), ["element"] = element };
    }

    private static JsonObject Restricted(bool isChecked)
    {
        var option = new JsonObject
        {
            ["text"] = PlainText("Restricted: legal privilege, minors or personal data"),
            ["description"] = PlainText("Private channel; the title stays out of announcements."),
            ["value"] = "restricted",
        };
        var element = new JsonObject { ["type"] = "checkboxes", ["action_id"] = ValueActionId, ["options"] = new JsonArray { option } };
        if (isChecked)
            element["initial_options"] = new JsonArray { option.DeepClone() };
        return new JsonObject { ["type"] = "input", ["block_id"] = DeclareForm.RestrictedField, ["optional"] = true, ["label"] = PlainText("Handling"), ["element"] = element };
    }

    private static JsonElement? Element(IReadOnlyDictionary<string, IReadOnlyDictionary<string, JsonElement>>? values, string blockId) =>
        values is not null && values.TryGetValue(blockId, out var actions) && actions.TryGetValue(ValueActionId, out var state) ? state : null;

    private static string? Text(IReadOnlyDictionary<string, IReadOnlyDictionary<string, JsonElement>>? values, string blockId) =>
        Element(values, blockId) is { ValueKind: JsonValueKind.Object } e && e.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()
            : null;

    private static string? Selected(IReadOnlyDictionary<string, IReadOnlyDictionary<string, JsonElement>>? values, string blockId) =>
        Element(values, blockId) is { ValueKind: JsonValueKind.Object } e
        && e.TryGetProperty("selected_option", out var option) && option.ValueKind == JsonValueKind.Object
        && option.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()
            : null;

    private static bool IsChecked(IReadOnlyDictionary<string, IReadOnlyDictionary<string, JsonElement>>? values, string blockId) =>
        Element(values, blockId) is { ValueKind: JsonValueKind.Object } e
        && e.TryGetProperty("selected_options", out var options) && options.ValueKind == JsonValueKind.Array
        && options.GetArrayLength() > 0;
}
