namespace IncidentBot.Dialogs.Storage;

/// <summary>
/// A document id worked out from some of the document's members (a hash, a formatted number), kept once worked out:
/// the store, the batch, the ledger and the intake each read a report's id several times for one write, and each read
/// hashed and allocated it again (PERFORMANCE.md, thirty-sixth session). A record's <c>with</c> copies the kept id, so
/// it is used only while the members it came from are the same. Equal to every other, so it never changes a record's
/// equality or hash code.
/// </summary>
public struct DerivedId : IEquatable<DerivedId>
{
    private Held? _held;

    /// <summary>The id of <paramref name="text"/> and <paramref name="other"/>, made by <paramref name="make"/> only when not kept for them.</summary>
    public string Get(string text, string? other, Func<string, string?, string> make)
    {
        ArgumentNullException.ThrowIfNull(make);
        if (_held is { } held && string.Equals(held.Text, text, StringComparison.Ordinal) && string.Equals(held.Other, other, StringComparison.Ordinal))
            return held.Id;
        var id = make(text, other);
        _held = new Held(id, text, other, 0, 0);
        return id;
    }

    /// <summary>The id of two numbers, made by <paramref name="make"/> only when not kept for them.</summary>
    public string Get(int first, int second, Func<int, int, string> make)
    {
        ArgumentNullException.ThrowIfNull(make);
        if (_held is { Text: null } held && held.First == first && held.Second == second)
            return held.Id;
        var id = make(first, second);
        _held = new Held(id, null, null, first, second);
        return id;
    }

    public readonly bool Equals(DerivedId other) => true;

    public override readonly bool Equals(object? obj) => obj is DerivedId;

    public override readonly int GetHashCode() => 0;

    public static bool operator ==(DerivedId left, DerivedId right) => true;

    public static bool operator !=(DerivedId left, DerivedId right) => false;

    // One object, replaced whole: a reader on another thread sees an id with the members it came from, never a mix.
    private sealed record Held(string Id, string? Text, string? Other, int First, int Second);
}
