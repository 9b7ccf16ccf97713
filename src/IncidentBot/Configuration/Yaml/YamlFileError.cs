using System.Globalization;

namespace IncidentBot.Configuration.Yaml;

/// <summary>
/// One problem of a YAML configuration file, printed as <c>file:line:column: message</c> (the form
/// compilers use, so editors and CI logs link to the spot). Line and column count from 1; 0 means
/// the problem concerns the whole file (it cannot be read). Messages never carry e-mail addresses.
/// </summary>
public sealed record YamlFileError(string File, int Line, int Column, string Message)
{
    public override string ToString() => Line > 0
        ? string.Create(CultureInfo.InvariantCulture, $"{File}:{Line}:{Column}: {Message}")
        : $"{File}: {Message}";
}
