using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Work;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Dialogs.Retention;

/// <summary>
/// After a legal hold is placed or released (work kind <c>hold-sweep</c>, target the incident):
/// rewrites every expiring document of the incident, so the write path stores it without expiry
/// while the hold stands and with its own time to live again once it is released (counted from
/// the release). Reruns are harmless: each rewrite reads the hold as it is then.
/// </summary>
public sealed class HoldSweepWork(
    DocumentWriter writer, IEnumerable<IExpiringIncidentDocuments> kinds, ILogger<HoldSweepWork> logger) : IWorkHandler
{
    public const string WorkKind = "hold-sweep";

    /// <summary>Documents rewritten per unit, well under a batch's 100 operations.</summary>
    public const int PerUnit = 50;

    private readonly IExpiringIncidentDocuments[] _kinds = [.. kinds];

    public string Kind => WorkKind;

    public async Task<WorkOutcome> RunAsync(WorkspaceId workspace, string targetId, CancellationToken cancellationToken)
    {
        if (!IncidentNumber.TryParseDocumentId(targetId, out var number))
            return WorkOutcome.Done;
        var rewritten = 0;
        foreach (var kind in _kinds)
        {
            var ids = new List<string>();
            await foreach (var id in kind.IdsAsync(writer.Documents, workspace.Value, number.Value, cancellationToken))
                ids.Add(id);
            foreach (var chunk in ids.Chunk(PerUnit))
            {
                await writer.WriteAsync(workspace, async (attempt, token) =>
                {
                    foreach (var id in chunk)
                        await kind.RewriteAsync(attempt, id, token);
                    return true;
                }, cancellationToken);
                rewritten += chunk.Length;
            }
        }
        logger.HoldSwept(workspace, number.Value, rewritten);
        return WorkOutcome.Done;
    }
}
