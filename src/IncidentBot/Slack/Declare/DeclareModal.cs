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
        ArgumentNullException.ThrowIfNull(form);
        var metadata = JsonSerializer.Serialize(
            new DeclareModalMetadata(form.OriginChannel?.Value, form.OriginMessageLink), SlackInboundJson.Default.DeclareModalMetadata);
        return new JsonObject
        {
            ["type"] = "modal",
            ["callback_id"] = CallbackId,
            ["private_metadata"] = metadata,
            ["title"] = PlainText(DeclareFormLayout.Heading),
            ["submit"] = PlainText(DeclareFormLayout.SubmitLabel),
            ["close"] = PlainText(DeclareFormLayout.CancelLabel),
            ["blocks"] = new JsonArray([.. DeclareFormLayout.Fields.Select(field => Input(field, form))]),
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
        ["title"] = PlainText(DeclareFormLayout.DeclaredHeading),
        ["close"] = PlainText("Close"),
        ["blocks"] = new JsonArray
        {
            new JsonObject { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = heading } },
            new JsonObject { ["type"] = "context", ["elements"] = new JsonArray { new JsonObject { ["type"] = "mrkdwn", ["text"] = detail } } },
        },
    };

    private static JsonObject PlainText(string text) => new() { ["type"] = "plain_text", ["text"] = text };

    private static JsonObject Input(DeclareFormField field, DeclareForm form) => field.Kind switch
    {
        DeclareFieldKind.Choice => Select(field, field.ValueIn(form) ?? field.DefaultValue),
        DeclareFieldKind.Toggle => Checkbox(field, field.IsCheckedIn(form)),
        _ => TextInput(field, field.ValueIn(form)),
    };

    private static JsonObject TextInput(DeclareFormField field, string? initial)
    {
        var element = new JsonObject
        {
            ["type"] = "plain_text_input",
            ["action_id"] = ValueActionId,
            ["multiline"] = field.Kind == DeclareFieldKind.LongText,
        };
        if (field.MaxLength is { } maxLength)
            element["max_length"] = maxLength;
        if (field.Placeholder is { } placeholder)
            element["placeholder"] = PlainText(placeholder);
        if (!string.IsNullOrEmpty(initial))
            element["initial_value"] = field.MaxLength is { } max ? TextCut.Cut(initial, max) : initial;
        return new JsonObject { ["type"] = "input", ["block_id"] = field.Id, ["optional"] = !field.IsRequired, ["label"] = PlainText(field.Label), ["element"] = element };
    }

    /// <summary>A select always has an answer (its initial option), so Slack's "optional" is left out.</summary>
    private static JsonObject Select(DeclareFormField field, string? initial)
    {
        JsonObject Option(DeclareFormChoice choice) => new() { ["text"] = PlainText(choice.Label), ["value"] = choice.Value };
        var element = new JsonObject
        {
            ["type"] = "static_select",
            ["action_id"] = ValueActionId,
            ["options"] = new JsonArray([.. field.Choices.Select(Option)]),
        };
        if (field.Choices.FirstOrDefault(c => c.Value == initial) is { } chosen)
            element["initial_option"] = Option(chosen);
        return new JsonObject { ["type"] = "input", ["block_id"] = field.Id, ["label"] = PlainText(field.Label), ["element"] = element };
    }

    /// <summary>On Slack a restricted incident gets a private channel.</summary>
    private static JsonObject Checkbox(DeclareFormField field, bool isChecked)
    {
        var option = new JsonObject
        {
            ["text"] = PlainText(field.Placeholder ?? field.Label),
            ["description"] = PlainText($"Private channel; {field.Hint}."),
            ["value"] = field.Id,
        };
        var element = new JsonObject { ["type"] = "checkboxes", ["action_id"] = ValueActionId, ["options"] = new JsonArray { option } };
        if (isChecked)
            element["initial_options"] = new JsonArray { option.DeepClone() };
        return new JsonObject { ["type"] = "input", ["block_id"] = field.Id, ["optional"] = !field.IsRequired, ["label"] = PlainText(field.Label), ["element"] = element };
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
