using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using IncidentBot.Dialogs.Evidence;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Intake;

/// <summary>
/// The <c>reports/</c> folder of an incident's evidence package: each report joined to it as
/// <c>{id}/report.json</c>, then each file kept with it as <c>{id}/attachments/{n}-{name}</c>, one at
/// a time (the package writer reads each to its end before the next is opened).
/// </summary>
public sealed class ReportEvidenceFiles(IDocumentStore documents, ReportStore reports)
{
    private const int MaxNameLength = 120;

    public async IAsyncEnumerable<EvidenceFile> ReadAsync(string workspaceId, int incidentNumber, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var report in documents.QueryAsync<ReportDocument>(ReportDocument.QueryFor(workspaceId, incidentNumber), cancellationToken))
        {
            var bytes = CanonicalJson.Serialize(report.Value.ToExport());
            using (var content = new MemoryStream(bytes, writable: false))
                yield return new EvidenceFile(report.Value.Id + "/report.json", content);
            var attachments = ReportAttachment.ListedIn(report.Value);
            for (var i = 0; i < attachments.Count; i++)
            {
                // Too large to keep, or lost: report.json still names it with its size and SHA-256.
                if (await reports.ReadAttachmentAsync(new WorkspaceId(workspaceId), attachments[i], cancellationToken) is not { } file)
                    continue;
                using var content = new MemoryStream(file, writable: false);
                yield return new EvidenceFile(AttachmentPath(report.Value.Id, i, attachments[i].FileName), content);
            }
        }
    }

    /// <summary><c>{reportId}/attachments/{index}-{name}</c>, the name reduced to what any file system and zip tool reads the same way.</summary>
    public static string AttachmentPath(string reportId, int index, string fileName)
    {
        var name = new StringBuilder(Math.Min(fileName.Length, MaxNameLength));
        foreach (var c in fileName)
        {
            if (name.Length == MaxNameLength)
                break;
            name.Append(char.IsControl(c) || c is '/' or '\\' or ':' or '*' or '?' or '"' or '<' or '>' or '|' ? '_' : c);
        }
        var safe = name.ToString().Trim().TrimStart('.');
        return string.Create(CultureInfo.InvariantCulture, $"{reportId}/attachments/{index + 1}-{(safe.Length == 0 ? "file" : safe)}");
    }
}
