namespace IncidentBot.Dialogs.Commands;

/// <summary>A parsed command; one record per command, one handler per record.</summary>
public abstract record IncidentCommand
{
    /// <summary>
    /// True when the command only reads: a replayed or retried delivery of it is answered again
    /// rather than checked against the delivery ledger, which saves a store write per query.
    /// </summary>
    public virtual bool IsQuery => false;
}
