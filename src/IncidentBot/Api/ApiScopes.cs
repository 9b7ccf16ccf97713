namespace IncidentBot.Api;

/// <summary>
/// What an API key may do. <see cref="Read"/> is today's incident API; <see cref="Evidence"/> adds the
/// ledger and evidence export of restricted incidents; <see cref="Admin"/> adds the audit log, and
/// every request made with it is itself audited. Plain <c>Api:Keys</c> have <see cref="Read"/> only.
/// </summary>
public static class ApiScopes
{
    public const string Read = "read";
    public const string Evidence = "evidence";
    public const string Admin = "admin";

    /// <summary>The claim type that carries a key's scopes, one claim per scope.</summary>
    public const string ClaimType = "scope";

    public static IReadOnlyList<string> All { get; } = [Read, Evidence, Admin];

    /// <summary>Splits <c>"read, evidence"</c> or <c>"read evidence"</c>; unknown names are returned in <paramref name="unknown"/>.</summary>
    public static IReadOnlyList<string> Parse(string? scopes, out IReadOnlyList<string> unknown)
    {
        var parsed = new List<string>();
        var bad = new List<string>();
        foreach (var part in (scopes ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var known = All.FirstOrDefault(s => s.Equals(part, StringComparison.OrdinalIgnoreCase));
            if (known is null)
                bad.Add(part);
            else if (!parsed.Contains(known))
                parsed.Add(known);
        }
        unknown = bad;
        return parsed;
    }
}
