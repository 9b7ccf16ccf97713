using System.Collections.Concurrent;
using System.Text;
using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Dialogs.Evidence;

/// <summary>
/// The ledger's name for a kind of timeline event: the subject in camel case, a dot, the verb
/// (<c>PageAcknowledged</c> → <c>page.acknowledged</c>, <c>ActionItemAdded</c> → <c>actionItem.added</c>,
/// <c>Declared</c> → <c>declared</c>). Derived, so a kind added later (a report joined) gets a
/// name without anyone remembering to add one here.
/// </summary>
public static class LedgerKind
{
    private static readonly ConcurrentDictionary<TimelineKind, string> Names = new();

    public static string Of(TimelineKind kind) => Names.GetOrAdd(kind, Derive);

    private static string Derive(TimelineKind kind)
    {
        if (kind == TimelineKind.Paged)
            return "page.sent"; // "paged" alone would not say that a page went out
        var name = kind.ToString();
        var last = 0;
        for (var i = 1; i < name.Length; i++)
        {
            if (char.IsAsciiLetterUpper(name[i]))
                last = i;
        }
        if (last == 0)
            return name.ToLowerInvariant();
        var subject = new StringBuilder(name[..last]);
        subject[0] = char.ToLowerInvariant(subject[0]);
        return subject.Append('.').Append(name[last..].ToLowerInvariant()).ToString();
    }
}
