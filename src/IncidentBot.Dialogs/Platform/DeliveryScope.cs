using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Platform;

/// <summary>
/// The delivery a request is handling (a signed Slack request, an event, a button press). Its
/// claim is stored in the same unit as the first change the request commits in its workspace
/// (<see cref="DocumentWriter"/> adds it), so a replay finds the claim and changes nothing, and a
/// request that failed leaves no claim behind: the platform's retry does the work. It flows with
/// the request's async calls, like the request itself.
/// </summary>
public sealed class DeliveryScope : IDisposable
{
    private const int Pending = 0;
    private const int InFlight = 1;
    private const int Stored = 2;
    private const int Closed = 3;

    private static readonly AsyncLocal<DeliveryScope?> Ambient = new();

    private readonly DeliveryScope? _outer;
    private int _state;

    private DeliveryScope(DeliveryClaim claim)
    {
        Claim = claim;
        _outer = Ambient.Value;
        Ambient.Value = this;
    }

    /// <summary>The delivery being handled in this async flow, if any.</summary>
    public static DeliveryScope? Current => Ambient.Value;

    public DeliveryClaim Claim { get; }

    /// <summary>True once a committed unit carried the claim.</summary>
    public bool IsStored => Volatile.Read(ref _state) == Stored;

    public static DeliveryScope Begin(DeliveryClaim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return new DeliveryScope(claim);
    }

    /// <summary>True when <paramref name="exception"/> says this delivery's claim was already stored: a replay.</summary>
    public bool IsRepeat(Exception exception) =>
        exception is DocumentConflictException { AlreadyExists: true } conflict
        && conflict.DocumentId == Claim.Id && conflict.WorkspaceId == Claim.WorkspaceId;

    public void Dispose()
    {
        Interlocked.CompareExchange(ref _state, Closed, Pending);
        if (Ambient.Value == this)
            Ambient.Value = _outer;
    }

    /// <summary>Puts the claim into <paramref name="batch"/> if it is still to be stored and belongs to its workspace.</summary>
    internal Attachment? TakeFor(string workspaceId, DocumentBatch batch)
    {
        if (!string.Equals(workspaceId, Claim.WorkspaceId, StringComparison.Ordinal) || batch.Contains(Claim.Id))
            return null;
        if (Interlocked.CompareExchange(ref _state, InFlight, Pending) != Pending)
            return null;
        batch.Create(Claim, isFinal: true);
        return new Attachment(this);
    }

    /// <summary>Marks the claim stored when no change carried it (see <see cref="DeliveryLedger.CompleteAsync"/>).</summary>
    internal bool TryTakeAlone() => Interlocked.CompareExchange(ref _state, InFlight, Pending) == Pending;

    internal void MarkStored() => Volatile.Write(ref _state, Stored);

    internal void MarkPending() => Interlocked.CompareExchange(ref _state, Pending, InFlight);

    /// <summary>The claim riding in one attempt's batch.</summary>
    internal sealed class Attachment(DeliveryScope scope)
    {
        public bool IsCommitted { get; private set; }

        public void Committed()
        {
            IsCommitted = true;
            scope.MarkStored();
        }

        /// <summary>The batch was not stored: a later unit may carry the claim.</summary>
        public void Returned() => scope.MarkPending();
    }
}
