using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using IncidentBot.Dialogs.Intake;
using IncidentBot.IntegrationTests.Bot;

namespace IncidentBot.IntegrationTests.Intake;

/// <summary>
/// The files an e-mailed order came with, over real HTTP: downloaded one by one, kept once the
/// report is stored, and inside the incident's evidence package where the verifier checks them.
/// </summary>
public sealed class IntakeAttachmentTests(IntakeBot bot) : IClassFixture<IntakeBot>
{
    private static readonly byte[] Annex = Encoding.UTF8.GetBytes("%PDF-1.4 annex: 3 URLs to remove within 3 hours\n");

    [Fact]
    public async Task A_kept_file_downloads_byte_for_byte_as_an_attachment_a_browser_will_not_render()
    {
        var (number, reportId) = await EmailAsync("<script>alert(1)</script>.html", "text/html");

        using var response = await SendAsync(HttpMethod.Get, AttachmentPath(number, reportId, 1));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Annex, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("nosniff", string.Join(',', response.Headers.GetValues("X-Content-Type-Options")));
        Assert.StartsWith("sandbox", string.Join(',', response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.Equal($"\"{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Annex))}\"", response.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task Unknown_files_reports_and_incidents_answer_404_saying_what_is_missing()
    {
        var (number, reportId) = await EmailAsync("annex.pdf", "application/pdf");

        using var zero = await SendAsync(HttpMethod.Get, AttachmentPath(number, reportId, 0));
        using var second = await SendAsync(HttpMethod.Get, AttachmentPath(number, reportId, 2));
        using var otherReport = await SendAsync(HttpMethod.Get, AttachmentPath(number, "report-regulator-unknown", 1));
        using var otherIncident = await SendAsync(HttpMethod.Get, AttachmentPath(number + 1000, reportId, 1));
        using var noKey = await SendAsync(HttpMethod.Get, AttachmentPath(number, reportId, 1), key: null);

        Assert.Equal(HttpStatusCode.NotFound, zero.StatusCode);
        Assert.Contains("has 1 attachments, numbered from 1", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
        Assert.Contains("has no report", await otherReport.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("There is no incident", await otherIncident.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
    }

    [Fact]
    public async Task Once_the_report_is_stored_its_chunks_are_kept_for_the_purge_to_find()
    {
        var (number, reportId) = await EmailAsync("annex.pdf", "application/pdf");
        var attachment = (await ReportAsync(number, reportId))["attachments"]![0]!;
        var chunkId = ReportAttachmentChunk.IdFor(reportId, (string)attachment["sha256"]!, 0);
        Assert.False((await bot.Bot.Documents.ReadAsync<ReportAttachmentChunk>(IntakeBot.Workspace, chunkId, default))!.Value.IsKept);

        bot.Clock.Advance(AttachmentKeepWork.FirstLook);
        await bot.RunDueAsync();

        var chunk = (await bot.Bot.Documents.ReadAsync<ReportAttachmentChunk>(IntakeBot.Workspace, chunkId, default))!.Value;
        Assert.True(chunk.IsKept);
        Assert.Equal(number, chunk.IncidentNumber);
    }

    [Fact]
    public async Task The_evidence_package_holds_the_file_and_a_changed_byte_in_it_is_found()
    {
        var (number, reportId) = await EmailAsync("Order annex: list?.pdf", "application/pdf");

        using var response = await SendAsync(HttpMethod.Get, $"/api/incidents/{number}/evidence.zip?workspace={IntakeBot.Workspace}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var zip = await response.Content.ReadAsByteArrayAsync();
        var name = $"reports/{reportId}/attachments/1-Order annex_ list_.pdf";
        using (var archive = new ZipArchive(new MemoryStream(zip)))
        {
            using var entry = archive.GetEntry(name)!.Open();
            using var content = new MemoryStream();
            await entry.CopyToAsync(content);
            Assert.Equal(Annex, content.ToArray());
        }

        var valid = await VerifyAsync(zip);
        var tampered = await VerifyAsync(Rewrite(zip, name, bytes => [.. bytes[..^1], (byte)(bytes[^1] ^ 1)]));

        Assert.True((bool)valid["valid"]!, valid.ToJsonString());
        Assert.False((bool)tampered["valid"]!);
        Assert.Contains(tampered["problems"]!.AsArray(), p => ((string)p!).Contains("attachments/1-Order", StringComparison.Ordinal));
    }

    private static string AttachmentPath(int number, string reportId, int index) =>
        $"/api/incidents/{number}/reports/{reportId}/attachments/{index}?workspace={IntakeBot.Workspace}";

    private async Task<(int Number, string ReportId)> EmailAsync(string fileName, string contentType)
    {
        var reference = "Order-" + IntakeBot.NewId();
        var eml = string.Join("\r\n",
            "From: Orders <orders@meity.gov.in>",
            $"Subject: Removal order {reference}",
            $"Message-ID: <{reference}@meity.gov.in>",
            "MIME-Version: 1.0",
            "Content-Type: multipart/mixed; boundary=\"b1\"",
            "",
            "--b1",
            "Content-Type: text/plain",
            "",
            "Remove the listed URLs.",
            "--b1",
            $"Content-Type: {contentType}",
            $"Content-Disposition: attachment; filename=\"{fileName}\"",
            "Content-Transfer-Encoding: base64",
            "",
            Convert.ToBase64String(Annex),
            "--b1--",
            "");
        using var response = await bot.PostRawAsync("/api/intake/email", eml, IntakeBot.RegulatorKey, "message/rfc822");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, body);
        var answer = JsonNode.Parse(body)!;
        return ((int)answer["incident"]!, (string)answer["reportId"]!);
    }

    private async Task<JsonNode> ReportAsync(int number, string reportId) =>
        (await bot.GetAsync($"/api/incidents/{number}/reports?workspace={IntakeBot.Workspace}"))["reports"]!.AsArray()
            .Single(r => (string)r!["id"]! == reportId)!;

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content = null, string? key = BotApplication.ApiKey)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (key is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return await bot.Client.SendAsync(request);
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? key) => SendAsync(method, path, null, key);

    private async Task<JsonNode> VerifyAsync(byte[] zip)
    {
        using var content = new ByteArrayContent(zip);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        using var response = await SendAsync(HttpMethod.Post, "/api/evidence/verify", content);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private static byte[] Rewrite(byte[] zip, string name, Func<byte[], byte[]> change)
    {
        using var output = new MemoryStream();
        using (var source = new ZipArchive(new MemoryStream(zip)))
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                using var read = entry.Open();
                using var bytes = new MemoryStream();
                read.CopyTo(bytes);
                var written = entry.FullName == name ? change(bytes.ToArray()) : bytes.ToArray();
                using var write = target.CreateEntry(entry.FullName).Open();
                write.Write(written);
            }
        }
        return output.ToArray();
    }
}
