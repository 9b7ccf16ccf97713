using System.Text;

namespace IncidentBot.Dialogs.Evidence;

/// <summary>
/// File names inside an evidence package. Nothing is ever extracted to disk, but a name that
/// could climb out of a folder or mean different files on different systems is refused
/// anyway: a regulator's tools may extract the archive.
/// </summary>
internal static class EvidencePath
{
    public const int MaxLength = 512;
    public const string Incident = "incident.json";
    public const string Ledger = "ledger.jsonl";
    public const string PostMortem = "postmortem.md";
    public const string Manifest = "manifest.json";
    public const string Reports = "reports/";

    /// <summary>A relative path of '/'-separated segments, none empty, "." or "..", without '\', ':' or control characters.</summary>
    public static bool IsSafe(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxLength || name[0] == '/')
            return false;
        foreach (var c in name)
        {
            if (char.IsControl(c) || c is '\\' or ':')
                return false;
        }
        foreach (var segment in name.Split('/'))
        {
            if (segment is "" or "." or "..")
                return false;
        }
        return true;
    }

    /// <summary>Whether a safe name is one an evidence package holds: the four fixed files or something under reports/.</summary>
    public static bool IsInLayout(string name) =>
        name is Incident or Ledger or PostMortem or Manifest
        || (name.StartsWith(Reports, StringComparison.Ordinal) && name.Length > Reports.Length);

    /// <summary>A name fit to quote in a problem: control characters escaped, cut to 120 characters.</summary>
    public static string Printable(string name)
    {
        var text = new StringBuilder(Math.Min(name.Length, 120) + 2).Append('"');
        foreach (var c in name.Length > 120 ? name[..120] : name)
        {
            if (char.IsControl(c))
                text.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
            else
                text.Append(c);
        }
        if (name.Length > 120)
            text.Append('…');
        return text.Append('"').ToString();
    }
}
