using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Rules;
using IncidentBot.Dialogs.Work;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Dialogs.Clocks;

/// <summary>
/// Starts the clocks the auto-start rules name for a new incident's source, severity and markets, from
/// the moment of declaration, or from the receipt of the report that opened it (work kind <c>clock-autostart</c>, requested once on declare). A
/// clock that exists is left alone, so a rerun starts nothing twice; people correct the receipt
/// time with <c>clock start &lt;name&gt; --from &lt;time&gt;</c>.
/// </summary>
public sealed class ClockAutoStartWork(IncidentStore incidents, ClockKeeper keeper, IncidentRules rules, ILogger<ClockAutoStartWork> logger) : IWorkHandler
{
    public const string WorkKind = "clock-autostart";

    public string Kind => WorkKind;

    public async Task<WorkOutcome> RunAsync(WorkspaceId workspace, string targetId, CancellationToken cancellationToken)
    {
        if (!IncidentNumber.TryParseDocumentId(targetId, out var number))
            return WorkOutcome.Done;
        var found = await incidents.FindAsync(workspace, number, cancellationToken);
        if (found is null || !found.Value.IsOpen)
            return WorkOutcome.Done;
        var started = 0;
        foreach (var definition in rules.Clocks.ToStartOnDeclare(found.Value))
        {
            var result = await keeper.StartAsync(found.Value, definition.Name, definition.Window, StartOf(found.Value), null, isAutomatic: true, cancellationToken);
            if (result.IsSuccess)
                started++;
        }
        if (started > 0)
            logger.AutoStarted(started, number.Value, workspace);
        return WorkOutcome.Done;
    }

    /// <summary>A clock runs from receipt: an incident opened by a report received earlier starts from that report.</summary>
    public static DateTimeOffset StartOf(Incident incident) =>
        incident.FirstReportAt is { } received && received < incident.DeclaredAt ? received : incident.DeclaredAt;
}
