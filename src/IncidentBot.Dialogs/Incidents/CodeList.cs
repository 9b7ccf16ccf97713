using IncidentBot.Dialogs.Platform;

namespace IncidentBot.Dialogs.Incidents;

/// <summary>Reads a comma-separated list of codes, normalised, de-duplicated and checked.</summary>
internal static class CodeList
{
    public static Result<IReadOnlyList<string>> Parse(
        string text, string what, Func<string, string> normalise, Func<string, bool> isKnown, string hint)
    {
        var codes = new List<string>();
        foreach (var raw in text.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var code = normalise(raw);
            if (!isKnown(code))
                return new UserError($"bad_{what}", $"{RichText.Code(raw)} is not a known {what} code. {hint}");
            if (!codes.Contains(code))
                codes.Add(code);
        }
        if (codes.Count == 0)
            return new UserError($"missing_{what}", $"Give at least one {what} code. {hint}");
        return codes;
    }
}
