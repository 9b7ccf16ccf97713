using System.Text;

namespace IncidentBot.IntegrationTests.Conformance;

/// <summary>A temporary folder holding the payloads of one check.</summary>
internal sealed class PayloadFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("incidentbot-conformance-").FullName;

    public int Count { get; private set; }

    public void Write(string name, string json)
    {
        File.WriteAllText(System.IO.Path.Combine(Path, name), json, new UTF8Encoding(false));
        Count++;
    }

    public void Copy(string file, string name)
    {
        File.Copy(file, System.IO.Path.Combine(Path, name));
        Count++;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
