using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace IncidentBot.Dialogs.Storage;

/// <summary>
/// The rules every store applies, in one place: what a document must be before it is written
/// (Cosmos DB's limits, enforced by the embedded store too so any document can move to Cosmos DB),
/// what a query's property path may be, and how a stored body and its ETag become a
/// <see cref="Versioned{T}"/>.
/// </summary>
public static partial class DocumentRules
{
    /// <summary>Cosmos DB's longest id, in UTF-8 bytes.</summary>
    public const int MaxIdBytes = 1023;

    private const int MaxPathLength = 256;

    // Cosmos DB refuses these in ids: they are path separators and query markers in its REST URIs.
    private static readonly SearchValues<char> ForbiddenIdCharacters = SearchValues.Create("/\\?#");

    /// <summary>
    /// Throws <see cref="ArgumentException"/> for a document no store may write: no workspace, type
    /// or id; an id with <c>/ \ ? #</c> or over <see cref="MaxIdBytes"/>; a time to live that is neither
    /// positive nor <see cref="Timeout.InfiniteTimeSpan"/> (never).
    /// </summary>
    public static void EnsureWritable(IDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentException.ThrowIfNullOrEmpty(document.WorkspaceId, nameof(document));
        ArgumentException.ThrowIfNullOrEmpty(document.Type, nameof(document));
        ArgumentException.ThrowIfNullOrEmpty(document.Id, nameof(document));
        if (document.Id.AsSpan().IndexOfAny(ForbiddenIdCharacters) >= 0 || Encoding.UTF8.GetByteCount(document.Id) > MaxIdBytes)
            throw new ArgumentException($"Document id '{document.Id}' has / \\ ? or #, or is over {MaxIdBytes} bytes.", nameof(document));
        if (document is IExpiringDocument expiring && expiring.ExpiresAfter <= TimeSpan.Zero && expiring.ExpiresAfter != Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(nameof(document), expiring.ExpiresAfter, "ExpiresAfter is positive, or Timeout.InfiniteTimeSpan for never.");
    }

    /// <summary>
    /// How long a store keeps <paramref name="document"/>, in whole seconds (rounded up): null for a
    /// document that does not expire, -1 for one kept forever (never expires, or its incident is held).
    /// </summary>
    public static int? ExpirySeconds(IDocument document, bool keepForever = false) => document switch
    {
        not IExpiringDocument => null,
        IExpiringDocument when keepForever => -1,
        IExpiringDocument { ExpiresAfter: var after } when after == Timeout.InfiniteTimeSpan => -1,
        IExpiringDocument expiring => (int)Math.Ceiling(expiring.ExpiresAfter.TotalSeconds),
    };

    /// <summary>
    /// The names of a query's property path (<c>roles.lead</c> → <c>roles</c>, <c>lead</c>), or
    /// <see cref="ArgumentException"/> for anything but dotted camelCase names: a path is written into
    /// query text, so this check is what keeps it from ever injecting any.
    /// </summary>
    public static string[] PathNames(string path) =>
        path is { Length: <= MaxPathLength } && PathPattern().IsMatch(path)
            ? path.Split('.')
            : throw new ArgumentException($"'{path}' is not a property path (dotted camelCase names such as roles.lead).", nameof(path));

    /// <summary>A stored body in <see cref="DocumentJson"/>'s form (UTF-8) and its ETag, as the port hands them out.</summary>
    public static Versioned<T> Materialize<T>(ReadOnlySpan<byte> utf8Json, string? etag)
        where T : class, IDocument =>
        new(JsonSerializer.Deserialize<T>(utf8Json, DocumentJson.Options) ?? throw NullDocument<T>(), RequireETag(etag));

    /// <inheritdoc cref="Materialize{T}(ReadOnlySpan{byte}, string)"/>
    public static Versioned<T> Materialize<T>(JsonElement json, string? etag)
        where T : class, IDocument =>
        new(json.Deserialize<T>(DocumentJson.Options) ?? throw NullDocument<T>(), RequireETag(etag));

    /// <inheritdoc cref="Materialize{T}(ReadOnlySpan{byte}, string)"/>
    public static async Task<Versioned<T>> MaterializeAsync<T>(Stream json, string? etag, CancellationToken cancellationToken)
        where T : class, IDocument =>
        new(await JsonSerializer.DeserializeAsync<T>(json, DocumentJson.Options, cancellationToken) ?? throw NullDocument<T>(), RequireETag(etag));

    private static string RequireETag(string? etag) =>
        string.IsNullOrEmpty(etag) ? throw new InvalidOperationException("The store returned a document without an ETag.") : etag;

    private static JsonException NullDocument<T>() => new($"A stored {typeof(T).Name} deserialised to null.");

    [GeneratedRegex("^[a-z][A-Za-z0-9]*(\\.[a-z][A-Za-z0-9]*)*\\z", RegexOptions.CultureInvariant)]
    private static partial Regex PathPattern();
}
