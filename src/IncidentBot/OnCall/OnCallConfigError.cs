using System.Globalization;

namespace IncidentBot.OnCall;

/// <summary>One problem of the on-call file: the line (from 1) and what is wrong there. Never carries an e-mail address.</summary>
public sealed record OnCallConfigError(int Line, string Message)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"line {Line}: {Message}");
}
