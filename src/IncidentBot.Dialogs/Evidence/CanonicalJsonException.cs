namespace IncidentBot.Dialogs.Evidence;

/// <summary>
/// The JSON cannot be put in RFC 8785 canonical form: a number that is not a finite IEEE-754
/// double, a string that is not valid Unicode (a lone surrogate, invalid UTF-8), a duplicate
/// property name, or nesting deeper than <see cref="CanonicalJson.MaxDepth"/>.
/// </summary>
public sealed class CanonicalJsonException : Exception
{
    public CanonicalJsonException()
    {
    }

    public CanonicalJsonException(string message)
        : base(message)
    {
    }

    public CanonicalJsonException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
