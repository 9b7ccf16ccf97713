using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Evidence;

/// <summary>
/// An intake report joined to an incident, read whatever else it holds: documents of type
/// <c>report</c> that name their incident in <c>incidentNumber</c>. Exported under <c>reports/</c>
/// and removed by the retention purge; the intake feature owns their shape.
/// </summary>
public sealed record ReportDocument : IDocument
{
    public const string DocumentType = "report";

    /// <summary>The properties reports (as evidence) are queried by.</summary>
    public static class Paths
    {
        public static readonly DocumentPath IncidentNumber = DocumentPath.Of<ReportDocument>(nameof(ReportDocument.IncidentNumber));
    }

    public required string Id { get; init; }

    public required string WorkspaceId { get; init; }

    public string Type => DocumentType;

    public int IncidentNumber { get; init; }

    /// <summary>Every other member, as stored.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Rest { get; init; }

    /// <summary>The report as exported: its members without the store's own (<c>_etag</c>, <c>_ts</c>, <c>ttl</c>, <c>writeId</c>).</summary>
    public JsonObject ToExport()
    {
        var json = new JsonObject
        {
            ["id"] = Id,
            ["workspaceId"] = WorkspaceId,
            ["type"] = Type,
            ["incidentNumber"] = IncidentNumber,
        };
        foreach (var (name, value) in Rest ?? [])
        {
            if (!name.StartsWith('_') && name is not ("ttl" or "writeId") && !json.ContainsKey(name))
                json[name] = JsonNode.Parse(value.GetRawText());
        }
        return json;
    }

    public static DocumentQuery QueryFor(string workspaceId, int incidentNumber) =>
        new DocumentQuery(workspaceId, DocumentType).WhereEquals(ReportDocument.Paths.IncidentNumber, incidentNumber);
}
