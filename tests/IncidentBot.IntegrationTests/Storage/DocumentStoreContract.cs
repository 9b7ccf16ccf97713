using IncidentBot.Dialogs;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Storage;
using IncidentBot.IntegrationTests.Builders;
using IncidentBot.IntegrationTests.Storage.Spool;
using Microsoft.Extensions.Time.Testing;

namespace IncidentBot.IntegrationTests.Storage;

/// <summary>
/// What every <see cref="IDocumentStore"/> must do, and what <see cref="IncidentStore"/> relies
/// on. A store's test class derives from this and says how to open the store; every test works
/// in workspaces of its own, so one database may serve the whole class.
/// </summary>
public abstract class DocumentStoreContract : IDisposable
{
    protected static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));
    private IDocumentStore? _store;

    protected FakeTimeProvider Clock { get; } = new(Start);

    /// <summary>The store under test; called at most once per test.</summary>
    /// <param name="clock">The time the store must use for expiry, where it can.</param>
    protected abstract IDocumentStore CreateStore(TimeProvider clock);

    protected IDocumentStore Store => _store ??= CreateStore(Clock);

    /// <summary>Fails a hung test instead of hanging the run.</summary>
    protected CancellationToken Cancellation => _timeout.Token;

    protected static string NewWorkspaceId() => "T" + Guid.NewGuid().ToString("N")[..16].ToUpperInvariant();

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (!disposing)
            return;
        (_store as IDisposable)?.Dispose();
        _timeout.Dispose();
    }

    // ---- create, read, replace, upsert, delete

    [Fact]
    public async Task A_created_document_reads_back_equal_with_the_etag_the_create_returned()
    {
        var document = new SampleDocumentBuilder(NewWorkspaceId()).Named("removal order").WithRank(3).WithTags("NP", "IN").LedBy("U1").Build();

        var etag = await Store.CreateAsync(document, Cancellation);
        var read = await Store.ReadAsync<SampleDocument>(document.WorkspaceId, document.Id, Cancellation);

        Assert.NotNull(read);
        Assert.Equal(etag, read.ETag);
        Assert.Equal(document.Name, read.Value.Name);
        Assert.Equal(document.Tags, read.Value.Tags);
        Assert.Equal(document.Roles, read.Value.Roles);
        Assert.Equal(document.DueAt, read.Value.DueAt);
    }

    [Theory]
    [InlineData("inc/1")]
    [InlineData("inc\\1")]
    [InlineData("inc?1")]
    [InlineData("inc#1")]
    public async Task An_id_Cosmos_DB_would_refuse_is_refused_before_anything_is_written(string id)
    {
        var document = new SampleDocumentBuilder(NewWorkspaceId()).WithId(id).Build();

        await Assert.ThrowsAsync<ArgumentException>(() => Store.CreateAsync(document, Cancellation));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.CreateAsync(document with { Id = new string('x', 1024) }, Cancellation));
        Assert.Empty(await Store.QueryAsync<SampleDocument>(Samples(document.WorkspaceId), Cancellation).ToListAsync(Cancellation));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public async Task A_time_to_live_that_is_neither_positive_nor_never_is_refused(int seconds)
    {
        var receipt = new SampleReceipt { Id = "receipt-ttl", WorkspaceId = NewWorkspaceId(), ExpiresAfter = TimeSpan.FromSeconds(seconds) };

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.UpsertAsync(receipt, Cancellation));
        Assert.Null(await Store.ReadAsync<SampleReceipt>(receipt.WorkspaceId, receipt.Id, Cancellation));
    }

    [Fact]
    public async Task Reading_a_missing_document_returns_null()
    {
        var read = await Store.ReadAsync<SampleDocument>(NewWorkspaceId(), "no-such-document", Cancellation);

        Assert.Null(read);
    }

    [Fact]
    public async Task Etags_are_quoted_and_new_on_every_write()
    {
        var document = new SampleDocumentBuilder(NewWorkspaceId()).Build();

        var created = await Store.CreateAsync(document, Cancellation);
        var replaced = await Store.ReplaceAsync(document with { Rank = 1 }, created, Cancellation);
        var upserted = await Store.UpsertAsync(document with { Rank = 2 }, Cancellation);

        Assert.All([created, replaced, upserted], etag => Assert.Matches("^\".+\"$", etag));
        Assert.Equal(3, new[] { created, replaced, upserted }.Distinct().Count());
    }

    [Fact]
    public async Task Creating_an_id_that_exists_fails_as_already_existing_and_keeps_the_first()
    {
        var first = new SampleDocumentBuilder(NewWorkspaceId()).WithId("doc-1").Named("first").Build();
        await Store.CreateAsync(first, Cancellation);

        var conflict = await Assert.ThrowsAsync<DocumentConflictException>(
            () => Store.CreateAsync(first with { Name = "second" }, Cancellation));

        Assert.True(conflict.AlreadyExists);
        Assert.Equal("first", (await Store.ReadAsync<SampleDocument>(first.WorkspaceId, "doc-1", Cancellation))!.Value.Name);
    }

    [Fact]
    public async Task Replacing_with_the_current_etag_stores_the_new_version()
    {
        var document = new SampleDocumentBuilder(NewWorkspaceId()).Named("before").Build();
        var etag = await Store.CreateAsync(document, Cancellation);

        var newEtag = await Store.ReplaceAsync(document with { Name = "after" }, etag, Cancellation);

        var read = await Store.ReadAsync<SampleDocument>(document.WorkspaceId, document.Id, Cancellation);
        Assert.Equal("after", read!.Value.Name);
        Assert.Equal(newEtag, read.ETag);
    }

    [Fact]
    public async Task Replacing_with_a_stale_etag_fails_and_keeps_the_winning_version()
    {
        var document = new SampleDocumentBuilder(NewWorkspaceId()).Named("original").Build();
        var stale = await Store.CreateAsync(document, Cancellation);
        await Store.ReplaceAsync(document with { Name = "winner" }, stale, Cancellation);

        var conflict = await Assert.ThrowsAsync<DocumentConflictException>(
            () => Store.ReplaceAsync(document with { Name = "loser" }, stale, Cancellation));

        Assert.False(conflict.AlreadyExists);
        Assert.Equal("winner", (await Store.ReadAsync<SampleDocument>(document.WorkspaceId, document.Id, Cancellation))!.Value.Name);
    }

    [Fact]
    public async Task Replacing_a_document_that_is_gone_fails_as_changed()
    {
        var document = new SampleDocumentBuilder(NewWorkspaceId()).Build();
        var etag = await Store.CreateAsync(document, Cancellation);
        await Store.DeleteAsync(document.WorkspaceId, document.Id, null, Cancellation);

        var conflict = await Assert.ThrowsAsync<DocumentConflictException>(
            () => Store.ReplaceAsync(document, etag, Cancellation));

        Assert.False(conflict.AlreadyExists);
        Assert.Null(await Store.ReadAsync<SampleDocument>(document.WorkspaceId, document.Id, Cancellation));
    }

    [Fact]
    public async Task Upsert_creates_a_missing_document_then_overwrites_it()
    {
        var document = new SampleDocumentBuilder(NewWorkspaceId()).Named("first").Build();

        await Store.UpsertAsync(document, Cancellation);
        var etag = await Store.UpsertAsync(document with { Name = "second" }, Cancellation);

        var read = await Store.ReadAsync<SampleDocument>(document.WorkspaceId, document.Id, Cancellation);
        Assert.Equal("second", read!.Value.Name);
        Assert.Equal(etag, read.ETag);
    }

    [Fact]
    public async Task Deleting_removes_the_document_and_says_it_was_there()
    {
        var document = new SampleDocumentBuilder(NewWorkspaceId()).Build();
        await Store.CreateAsync(document, Cancellation);

        var deleted = await Store.DeleteAsync(document.WorkspaceId, document.Id, null, Cancellation);

        Assert.True(deleted);
        Assert.Null(await Store.ReadAsync<SampleDocument>(document.WorkspaceId, document.Id, Cancellation));
    }

    [Fact]
    public async Task Deleting_a_missing_document_returns_false()
    {
        var deleted = await Store.DeleteAsync(NewWorkspaceId(), "no-such-document", "\"any-etag\"", Cancellation);

        Assert.False(deleted);
    }

    [Fact]
    public async Task Deleting_with_the_current_etag_removes_the_document()
    {
        var document = new SampleDocumentBuilder(NewWorkspaceId()).Build();
        var etag = await Store.CreateAsync(document, Cancellation);

        var deleted = await Store.DeleteAsync(document.WorkspaceId, document.Id, etag, Cancellation);

        Assert.True(deleted);
        Assert.Null(await Store.ReadAsync<SampleDocument>(document.WorkspaceId, document.Id, Cancellation));
    }

    [Fact]
    public async Task Deleting_with_a_stale_etag_fails_and_keeps_the_document()
    {
        var document = new SampleDocumentBuilder(NewWorkspaceId()).Build();
        var stale = await Store.CreateAsync(document, Cancellation);
        await Store.ReplaceAsync(document with { Rank = 7 }, stale, Cancellation);

        var conflict = await Assert.ThrowsAsync<DocumentConflictException>(
            () => Store.DeleteAsync(document.WorkspaceId, document.Id, stale, Cancellation));

        Assert.False(conflict.AlreadyExists);
        Assert.Equal(7, (await Store.ReadAsync<SampleDocument>(document.WorkspaceId, document.Id, Cancellation))!.Value.Rank);
    }

    // ---- batches: all or nothing

    [Fact]
    public async Task A_batch_stores_every_document_with_the_etag_it_reports()
    {
        var workspace = NewWorkspaceId();
        var existing = new SampleDocumentBuilder(workspace).Named("before").Build();
        var doomed = new SampleDocumentBuilder(workspace).Build();
        var existingETag = await Store.CreateAsync(existing, Cancellation);
        await Store.CreateAsync(doomed, Cancellation);
        var created = new SampleDocumentBuilder(workspace).Named("created").Build();
        var upserted = new SampleDocumentBuilder(workspace).Named("upserted").Build();

        var result = await Store.CommitAsync(
            new DocumentBatch(workspace)
                .Create(created)
                .Replace(existing with { Name = "after" }, existingETag)
                .Upsert(upserted)
                .Delete(doomed.Id),
            Cancellation);

        Assert.Equal(result.ETagOf(created.Id), (await Store.ReadAsync<SampleDocument>(workspace, created.Id, Cancellation))!.ETag);
        var replaced = await Store.ReadAsync<SampleDocument>(workspace, existing.Id, Cancellation);
        Assert.Equal(("after", result.ETagOf(existing.Id)), (replaced!.Value.Name, replaced.ETag));
        Assert.Equal(result.ETagOf(upserted.Id), (await Store.ReadAsync<SampleDocument>(workspace, upserted.Id, Cancellation))!.ETag);
        Assert.Null(await Store.ReadAsync<SampleDocument>(workspace, doomed.Id, Cancellation));
        Assert.Null(result.ETagOf(doomed.Id));
    }

    [Fact]
    public async Task A_batch_whose_create_meets_an_existing_id_stores_nothing_and_names_that_document()
    {
        var workspace = NewWorkspaceId();
        var taken = new SampleDocumentBuilder(workspace).Named("first").Build();
        await Store.CreateAsync(taken, Cancellation);
        var before = new SampleDocumentBuilder(workspace).Build();
        var after = new SampleDocumentBuilder(workspace).Build();

        var conflict = await Assert.ThrowsAsync<DocumentConflictException>(() => Store.CommitAsync(
            new DocumentBatch(workspace).Upsert(before).Create(taken with { Name = "second" }).Create(after), Cancellation));

        Assert.Equal((taken.Id, true), (conflict.DocumentId, conflict.AlreadyExists));
        Assert.Null(await Store.ReadAsync<SampleDocument>(workspace, before.Id, Cancellation));
        Assert.Null(await Store.ReadAsync<SampleDocument>(workspace, after.Id, Cancellation));
        Assert.Equal("first", (await Store.ReadAsync<SampleDocument>(workspace, taken.Id, Cancellation))!.Value.Name);
    }

    [Fact]
    public async Task A_batch_with_a_stale_etag_stores_nothing_not_even_the_writes_before_it()
    {
        var workspace = NewWorkspaceId();
        var counter = new SampleDocumentBuilder(workspace).WithRank(1).Build();
        var stale = await Store.CreateAsync(counter, Cancellation);
        await Store.ReplaceAsync(counter with { Rank = 2 }, stale, Cancellation);
        var incident = new SampleDocumentBuilder(workspace).Build();
        var doomed = new SampleDocumentBuilder(workspace).Build();
        await Store.CreateAsync(doomed, Cancellation);

        var conflict = await Assert.ThrowsAsync<DocumentConflictException>(() => Store.CommitAsync(
            new DocumentBatch(workspace).Create(incident).Delete(doomed.Id).Replace(counter with { Rank = 3 }, stale), Cancellation));

        Assert.Equal((counter.Id, false), (conflict.DocumentId, conflict.AlreadyExists));
        Assert.Null(await Store.ReadAsync<SampleDocument>(workspace, incident.Id, Cancellation));
        Assert.NotNull(await Store.ReadAsync<SampleDocument>(workspace, doomed.Id, Cancellation));
        Assert.Equal(2, (await Store.ReadAsync<SampleDocument>(workspace, counter.Id, Cancellation))!.Value.Rank);
    }

    [Fact]
    public async Task A_batch_that_deletes_a_document_already_gone_still_stores_the_rest()
    {
        var workspace = NewWorkspaceId();
        var created = new SampleDocumentBuilder(workspace).Build();

        var result = await Store.CommitAsync(new DocumentBatch(workspace).Delete("already-gone").Create(created), Cancellation);

        Assert.Equal(result.ETagOf(created.Id), (await Store.ReadAsync<SampleDocument>(workspace, created.Id, Cancellation))!.ETag);
    }

    [Fact]
    public async Task An_empty_batch_stores_nothing_and_succeeds()
    {
        var result = await Store.CommitAsync(new DocumentBatch(NewWorkspaceId()), Cancellation);

        Assert.Same(BatchResult.Empty, result);
    }

    // ---- queries

    [Fact]
    public async Task Equality_on_a_string_finds_exactly_the_matching_documents()
    {
        var workspace = NewWorkspaceId();
        await CreateAllAsync(
            new SampleDocumentBuilder(workspace).WithId("a").Named("removal order").Build(),
            new SampleDocumentBuilder(workspace).WithId("b").Named("partner escalation").Build(),
            new SampleDocumentBuilder(workspace).WithId("c").Named("removal order").Build());

        var found = await QueryIdsAsync(Samples(workspace).WhereEquals(SampleDocument.Paths.Name, "removal order"));

        Assert.Equal(["a", "c"], found);
    }

    [Fact]
    public async Task Equality_on_a_number_finds_exactly_the_matching_documents()
    {
        var workspace = NewWorkspaceId();
        await CreateAllAsync(
            new SampleDocumentBuilder(workspace).WithId("a").WithRank(1).Build(),
            new SampleDocumentBuilder(workspace).WithId("b").WithRank(2).Build(),
            new SampleDocumentBuilder(workspace).WithId("c").WithRank(12).Build());

        var found = await QueryIdsAsync(Samples(workspace).WhereEquals(SampleDocument.Paths.Rank, 2));

        Assert.Equal(["b"], found);
    }

    [Fact]
    public async Task Equality_on_a_boolean_finds_exactly_the_matching_documents()
    {
        var workspace = NewWorkspaceId();
        await CreateAllAsync(
            new SampleDocumentBuilder(workspace).WithId("a").Active().Build(),
            new SampleDocumentBuilder(workspace).WithId("b").Active(false).Build(),
            new SampleDocumentBuilder(workspace).WithId("c").Active().Build());

        var active = await QueryIdsAsync(Samples(workspace).WhereEquals(SampleDocument.Paths.IsActive, true));
        var inactive = await QueryIdsAsync(Samples(workspace).WhereEquals(SampleDocument.Paths.IsActive, false));

        Assert.Equal(["a", "c"], active);
        Assert.Equal(["b"], inactive);
    }

    [Fact]
    public async Task Equality_on_an_enum_compares_its_camel_case_name()
    {
        var workspace = NewWorkspaceId();
        await CreateAllAsync(
            new SampleDocumentBuilder(workspace).WithId("a").WithSeverity(Severity.Sev1).Build(),
            new SampleDocumentBuilder(workspace).WithId("b").WithSeverity(Severity.Sev2).Build());

        var found = await QueryIdsAsync(Samples(workspace).WhereEquals(SampleDocument.Paths.Severity, Severity.Sev1));

        Assert.Equal(["a"], found);
    }

    [Fact]
    public async Task Equality_on_a_nested_path_finds_the_matching_documents()
    {
        var workspace = NewWorkspaceId();
        await CreateAllAsync(
            new SampleDocumentBuilder(workspace).WithId("a").LedBy("U1").Build(),
            new SampleDocumentBuilder(workspace).WithId("b").LedBy("U2").Build());

        var found = await QueryIdsAsync(Samples(workspace).WhereEquals(SampleDocument.Paths.RolesLead, new UserId("U2")));

        Assert.Equal(["b"], found);
    }

    [Fact]
    public async Task Not_equal_finds_the_documents_with_another_value()
    {
        var workspace = NewWorkspaceId();
        await CreateAllAsync(
            new SampleDocumentBuilder(workspace).WithId("a").WithSeverity(Severity.Sev1).Build(),
            new SampleDocumentBuilder(workspace).WithId("b").WithSeverity(Severity.Sev2).Build(),
            new SampleDocumentBuilder(workspace).WithId("c").WithSeverity(Severity.Sev4).Build());

        var found = await QueryIdsAsync(Samples(workspace).Where(SampleDocument.Paths.Severity, FilterOperator.NotEqual, Severity.Sev1));

        Assert.Equal(["b", "c"], found);
    }

    [Fact]
    public async Task Equality_with_null_finds_the_documents_without_the_property()
    {
        var workspace = NewWorkspaceId();
        await CreateAllAsync(
            new SampleDocumentBuilder(workspace).WithId("a").OwnedBy("U1").Build(),
            new SampleDocumentBuilder(workspace).WithId("b").Build());

        var found = await QueryIdsAsync(Samples(workspace).WhereEquals(SampleDocument.Paths.Owner, null));

        Assert.Equal(["b"], found);
    }

    [Theory]
    [InlineData(FilterOperator.LessThan, new[] { "at-0900" })]
    [InlineData(FilterOperator.LessThanOrEqual, new[] { "at-0900", "at-1000" })]
    [InlineData(FilterOperator.GreaterThan, new[] { "at-1100" })]
    [InlineData(FilterOperator.GreaterThanOrEqual, new[] { "at-1000", "at-1100" })]
    public async Task Comparisons_on_times_compare_the_instants(FilterOperator comparison, string[] expected)
    {
        var workspace = NewWorkspaceId();
        await CreateAllAsync(
            new SampleDocumentBuilder(workspace).WithId("at-0900").DueAt(Start).Build(),
            new SampleDocumentBuilder(workspace).WithId("at-1000").DueAt(Start.AddHours(1)).Build(),
            new SampleDocumentBuilder(workspace).WithId("at-1100").DueAt(Start.AddHours(2)).Build());
        // 10:00 UTC given in Nepal time (UTC+05:45): the store must compare instants, not local clock readings.
        var tenUtcInKathmandu = Start.AddHours(1).ToOffset(new TimeSpan(5, 45, 0));

        var found = await QueryIdsAsync(Samples(workspace).Where(SampleDocument.Paths.DueAt, comparison, tenUtcInKathmandu));

        Assert.Equal(expected, found);
    }

    [Fact]
    public async Task Array_contains_finds_the_documents_whose_array_holds_the_value()
    {
        var workspace = NewWorkspaceId();
        await CreateAllAsync(
            new SampleDocumentBuilder(workspace).WithId("a").WithTags("NP", "IN").Build(),
            new SampleDocumentBuilder(workspace).WithId("b").WithTags("BD").Build(),
            new SampleDocumentBuilder(workspace).WithId("c").Build(),
            new SampleDocumentBuilder(workspace).WithId("d").WithTags("IN").Build());

        var found = await QueryIdsAsync(Samples(workspace).Where(SampleDocument.Paths.Tags, FilterOperator.ArrayContains, "IN"));

        Assert.Equal(["a", "d"], found);
    }

    [Fact]
    public async Task Array_contains_does_not_match_a_string_property()
    {
        var workspace = NewWorkspaceId();
        await CreateAllAsync(new SampleDocumentBuilder(workspace).WithId("a").Named("IN").Build());

        var found = await QueryIdsAsync(Samples(workspace).Where(SampleDocument.Paths.Name, FilterOperator.ArrayContains, "IN"));

        Assert.Empty(found);
    }

    [Fact]
    public async Task Is_defined_finds_the_documents_that_have_the_property()
    {
        var workspace = NewWorkspaceId();
        await CreateAllAsync(
            new SampleDocumentBuilder(workspace).WithId("a").OwnedBy("U1").Build(),
            new SampleDocumentBuilder(workspace).WithId("b").Build(),
            new SampleDocumentBuilder(workspace).WithId("c").OwnedBy("U2").Build());

        var found = await QueryIdsAsync(Samples(workspace).Where(SampleDocument.Paths.Owner, FilterOperator.IsDefined, null));

        Assert.Equal(["a", "c"], found);
    }

    [Fact]
    public async Task Several_filters_must_all_hold()
    {
        var workspace = NewWorkspaceId();
        await CreateAllAsync(
            new SampleDocumentBuilder(workspace).WithId("a").Active().WithSeverity(Severity.Sev1).Build(),
            new SampleDocumentBuilder(workspace).WithId("b").Active().WithSeverity(Severity.Sev2).Build(),
            new SampleDocumentBuilder(workspace).WithId("c").Active(false).WithSeverity(Severity.Sev1).Build());

        var found = await QueryIdsAsync(Samples(workspace).WhereEquals(SampleDocument.Paths.IsActive, true).WhereEquals(SampleDocument.Paths.Severity, Severity.Sev1));

        Assert.Equal(["a"], found);
    }

    [Fact]
    public async Task Results_are_ordered_by_the_path_then_by_id()
    {
        var workspace = NewWorkspaceId();
        await CreateAllAsync(
            new SampleDocumentBuilder(workspace).WithId("d").WithRank(3).Build(),
            new SampleDocumentBuilder(workspace).WithId("b").WithRank(1).Build(),
            new SampleDocumentBuilder(workspace).WithId("c").WithRank(2).Build(),
            new SampleDocumentBuilder(workspace).WithId("a").WithRank(2).Build());

        var ascending = await QueryIdsAsync(Samples(workspace).OrderedBy(SampleDocument.Paths.Rank));
        var descending = await QueryIdsAsync(Samples(workspace).OrderedBy(SampleDocument.Paths.Rank, descending: true));

        Assert.Equal(["b", "a", "c", "d"], ascending);
        Assert.Equal(["d", "c", "a", "b"], descending);
    }

    [Fact]
    public async Task Top_takes_the_first_results_in_order()
    {
        var workspace = NewWorkspaceId();
        await CreateAllAsync(Enumerable.Range(1, 6).Select(rank =>
            new SampleDocumentBuilder(workspace).WithId($"rank-{rank}").WithRank(rank).Build()).ToArray());

        var found = await QueryIdsAsync(Samples(workspace).OrderedBy(SampleDocument.Paths.Rank, descending: true).Take(2));

        Assert.Equal(["rank-6", "rank-5"], found);
    }

    [Fact]
    public async Task Count_counts_the_documents_the_query_matches()
    {
        var workspace = NewWorkspaceId();
        await CreateAllAsync(
            new SampleDocumentBuilder(workspace).Active().Build(),
            new SampleDocumentBuilder(workspace).Active().Build(),
            new SampleDocumentBuilder(workspace).Active(false).Build());

        var active = await Store.CountAsync(Samples(workspace).WhereEquals(SampleDocument.Paths.IsActive, true), Cancellation);
        var all = await Store.CountAsync(Samples(workspace), Cancellation);

        Assert.Equal(2, active);
        Assert.Equal(3, all);
    }

    [Fact]
    public async Task Count_with_top_counts_what_the_query_would_return()
    {
        var workspace = NewWorkspaceId();
        await CreateAllAsync(
            new SampleDocumentBuilder(workspace).Active().Build(),
            new SampleDocumentBuilder(workspace).Active().Build(),
            new SampleDocumentBuilder(workspace).Active().Build(),
            new SampleDocumentBuilder(workspace).Active(false).Build());

        var capped = await Store.CountAsync(Samples(workspace).WhereEquals(SampleDocument.Paths.IsActive, true).Take(2), Cancellation);
        var underTheCap = await Store.CountAsync(Samples(workspace).WhereEquals(SampleDocument.Paths.IsActive, true).Take(10), Cancellation);

        Assert.Equal(2, capped);
        Assert.Equal(3, underTheCap);
    }

    [Fact]
    public async Task A_query_returns_only_documents_of_the_type_it_asks_for()
    {
        var workspace = NewWorkspaceId();
        await Store.CreateAsync(new SampleDocumentBuilder(workspace).WithId("sample").Build(), Cancellation);
        await Store.CreateAsync(new SampleReceipt { Id = "receipt", WorkspaceId = workspace }, Cancellation);

        var found = await QueryIdsAsync(Samples(workspace));

        Assert.Equal(["sample"], found);
    }

    [Fact]
    public async Task A_path_that_is_not_a_property_name_is_refused()
    {
        var injected = Samples(NewWorkspaceId()).WhereEquals(HostileDocument.Paths.Injection, "x");
        var injectedOrder = Samples(NewWorkspaceId()).OrderedBy(HostileDocument.Paths.Statement);

        await Assert.ThrowsAnyAsync<ArgumentException>(() => QueryIdsAsync(injected));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => QueryIdsAsync(injectedOrder));
    }

    [Fact]
    public async Task Quotes_in_a_filter_value_are_compared_as_text()
    {
        var workspace = NewWorkspaceId();
        const string awkward = "O'Brien's \"note\" -- ') OR 1=1; DROP TABLE documents;";
        await CreateAllAsync(
            new SampleDocumentBuilder(workspace).WithId("a").Named(awkward).Build(),
            new SampleDocumentBuilder(workspace).WithId("b").Named("plain").Build());

        var found = await QueryIdsAsync(Samples(workspace).WhereEquals(SampleDocument.Paths.Name, awkward));

        Assert.Equal(["a"], found);
    }

    // ---- partitions

    [Fact]
    public async Task Workspaces_do_not_see_each_others_documents()
    {
        var (slack, teams) = (NewWorkspaceId(), NewWorkspaceId());
        await Store.CreateAsync(new SampleDocumentBuilder(slack).WithId("doc-1").Named("slack").Build(), Cancellation);
        await Store.CreateAsync(new SampleDocumentBuilder(teams).WithId("doc-1").Named("teams").Build(), Cancellation);

        await Store.DeleteAsync(teams, "doc-1", null, Cancellation);

        Assert.Equal("slack", (await Store.ReadAsync<SampleDocument>(slack, "doc-1", Cancellation))!.Value.Name);
        Assert.Equal(["doc-1"], await QueryIdsAsync(Samples(slack)));
        Assert.Empty(await QueryIdsAsync(Samples(teams)));
    }

    // ---- content

    [Fact]
    public async Task A_hundred_kilobytes_of_text_round_trips_unchanged()
    {
        var text = string.Concat(Enumerable.Range(0, 7_000).Select(i => $"line {i:D5} ok.\n")); // 105,000 characters
        var document = new SampleDocumentBuilder(NewWorkspaceId()).WithText(text).Build();
        await Store.CreateAsync(document, Cancellation);

        var read = await Store.ReadAsync<SampleDocument>(document.WorkspaceId, document.Id, Cancellation);

        Assert.Equal(text, read!.Value.Text);
    }

    [Fact]
    public async Task Devanagari_text_in_Nepali_and_Bhojpuri_round_trips_and_matches_in_queries()
    {
        const string nepali = "नेपाल हटाउने आदेश";
        const string bhojpuri = "भोजपुरी में शिकायत आइल बा";
        var workspace = NewWorkspaceId();
        var document = new SampleDocumentBuilder(workspace).Named(nepali).WithText(bhojpuri).WithTags("नेपाली", "भोजपुरी").Build();
        await Store.CreateAsync(document, Cancellation);

        var read = await Store.ReadAsync<SampleDocument>(workspace, document.Id, Cancellation);
        var byName = await QueryIdsAsync(Samples(workspace).WhereEquals(SampleDocument.Paths.Name, nepali));
        var byTag = await QueryIdsAsync(Samples(workspace).Where(SampleDocument.Paths.Tags, FilterOperator.ArrayContains, "भोजपुरी"));

        Assert.Equal(nepali, read!.Value.Name);
        Assert.Equal(bhojpuri, read.Value.Text);
        Assert.Equal([document.Id], byName);
        Assert.Equal([document.Id], byTag);
    }

    // ---- the incident store on top of the port

    [Fact]
    public async Task Twenty_concurrent_declares_in_one_workspace_take_numbers_one_to_twenty_once_each()
    {
        var incidents = new IncidentStore(new DocumentWriter(Store));
        var workspace = NewWorkspaceId();

        var declares = Enumerable.Range(0, 20).Select(i => Task.Run(() => incidents.DeclareAsync(
            new IncidentBuilder().InWorkspace(workspace).WithNumber(0).WithTitle($"Spam wave {i}").Build(), Start, Cancellation)));
        var declared = await Task.WhenAll(declares);

        Assert.Equal(Enumerable.Range(1, 20), declared.Select(d => d.Incident.Number).Order());
        var stored = await Store.QueryAsync<Incident>(new DocumentQuery(workspace, Incident.DocumentType), Cancellation).ToListAsync(Cancellation);
        Assert.Equal(Enumerable.Range(1, 20), stored.Select(s => s.Value.Number).Order());
        Assert.Equal(20, await Store.CountAsync(new DocumentQuery(workspace, TimelineEvent.DocumentType), Cancellation));
    }

    [Fact]
    public async Task Concurrent_declares_in_one_process_take_their_numbers_without_colliding()
    {
        var scripted = new ScriptedStore(Store);
        var incidentCreates = 0;
        scripted.BeforeWrite = (operation, document, _) =>
        {
            if (operation == "create" && document is Incident)
                Interlocked.Increment(ref incidentCreates);
            return Task.CompletedTask;
        };
        var incidents = new IncidentStore(new DocumentWriter(scripted));
        var workspace = NewWorkspaceId();

        var declared = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(() => incidents.DeclareAsync(
            new IncidentBuilder().InWorkspace(workspace).WithNumber(0).WithTitle($"Removal order {i}").Build(), Start, Cancellation))));

        Assert.Equal(Enumerable.Range(1, 12), declared.Select(d => d.Incident.Number).Order());
        Assert.Equal(12, incidentCreates);
    }

    [Fact]
    public async Task Declares_from_two_processes_on_one_store_still_get_distinct_numbers_without_gaps()
    {
        var workspace = NewWorkspaceId();
        IncidentStore[] processes = [new(new DocumentWriter(Store)), new(new DocumentWriter(Store))];

        var declared = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() => processes[i % 2].DeclareAsync(
            new IncidentBuilder().InWorkspace(workspace).WithNumber(0).WithTitle($"Partner escalation {i}").Build(), Start, Cancellation))));

        Assert.Equal(Enumerable.Range(1, 16), declared.Select(d => d.Incident.Number).Order());
    }

    [Fact]
    public async Task Two_concurrent_changes_to_one_incident_both_land_as_distinct_versions_with_one_event_each()
    {
        var workspace = NewWorkspaceId();
        var declared = await new IncidentStore(new DocumentWriter(Store)).DeclareAsync(new IncidentBuilder().InWorkspace(workspace).Build(), Start, Cancellation);
        var number = declared.Incident.Key;
        // Two processes (one store each): both changes read version 1 before either writes, so one
        // of them must lose the ETag race and re-apply. (Within one process they would queue instead.)
        var rendezvous = new ReplaceRendezvousStore(Store, parties: 2);
        var racing = new IncidentStore(new DocumentWriter(rendezvous));
        var otherProcess = new IncidentStore(new DocumentWriter(rendezvous));
        var by = new UserId("U0LEAD");

        var changes = await Task.WhenAll(
            Task.Run(() => racing.UpdateAsync(workspace, number,
                i => IncidentLifecycle.ChangeSeverity(i, Severity.Sev1, by, Start.AddMinutes(1)), Cancellation)),
            Task.Run(() => otherProcess.UpdateAsync(workspace, number,
                i => IncidentLifecycle.AssignRole(i, IncidentRole.Lead, by, by, Start.AddMinutes(1)), Cancellation)));

        Assert.All(changes, change => Assert.True(change.IsSuccess));
        Assert.Equal([2, 3], changes.Select(c => c.Value.Incident.Version).Order());
        var stored = (await Store.ReadAsync<Incident>(workspace, number.DocumentId, Cancellation))!.Value;
        Assert.Equal((Severity.Sev1, by, 3), (stored.Severity, stored.Roles.Lead!.Value, stored.Version));
        var timeline = await new IncidentStore(new DocumentWriter(Store)).TimelineAsync(workspace, number, Cancellation).ToListAsync(Cancellation);
        Assert.Equal([1, 2, 3], timeline.Select(e => e.Version!.Value).Order());
        Assert.Equal(
            [TimelineKind.Declared, TimelineKind.SeverityChanged, TimelineKind.RoleAssigned],
            timeline.Select(e => e.Kind).Order());
    }

    [Fact]
    public async Task A_change_started_from_a_stale_copy_is_re_applied_to_the_stored_incident()
    {
        var incidents = new IncidentStore(new DocumentWriter(Store));
        var workspace = NewWorkspaceId();
        var by = new UserId("U0LEAD");
        var number = (await incidents.DeclareAsync(new IncidentBuilder().InWorkspace(workspace).Build(), Start, Cancellation)).Incident.Key;
        var stale = (await incidents.FindAsync(new WorkspaceId(workspace), number, Cancellation))!;
        await incidents.UpdateAsync(workspace, number, i => IncidentLifecycle.ChangeSeverity(i, Severity.Sev1, by, Start.AddMinutes(1)), Cancellation);

        var noted = await incidents.UpdateAsync(workspace, number,
            i => IncidentLifecycle.AddNote(i, "partner confirmed", by, Start.AddMinutes(2)), Cancellation, known: stale);

        Assert.True(noted.IsSuccess);
        var stored = (await incidents.FindAsync(new WorkspaceId(workspace), number, Cancellation))!.Value;
        Assert.Equal((Severity.Sev1, 3), (stored.Severity, stored.Version));
    }

    [Fact]
    public async Task Concurrent_changes_in_one_process_queue_for_the_incident_instead_of_failing_writes()
    {
        var incidents = new IncidentStore(new DocumentWriter(Store));
        var workspace = NewWorkspaceId();
        var number = (await incidents.DeclareAsync(new IncidentBuilder().InWorkspace(workspace).Build(), Start, Cancellation)).Incident.Key;
        var located = (await incidents.FindAsync(new WorkspaceId(workspace), number, Cancellation))!;
        var scripted = new ScriptedStore(Store);
        var replaces = 0;
        scripted.BeforeWrite = (operation, document, _) =>
        {
            // The incident's; each unit also appends the incident's ledger.
            if (operation == "replace" && document is Incident)
                Interlocked.Increment(ref replaces);
            return Task.CompletedTask;
        };
        var sameProcess = new IncidentStore(new DocumentWriter(scripted));

        // Every note starts from the copy located before any of them was written, as commands do.
        var notes = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => sameProcess.UpdateAsync(workspace, number,
            incident => IncidentLifecycle.AddNote(incident, $"observation {i}", new UserId("U0SCRIBE"), Start.AddMinutes(1)), Cancellation, known: located))));

        Assert.All(notes, note => Assert.True(note.IsSuccess));
        Assert.Equal(8, replaces);
        Assert.Equal(9, (await incidents.FindAsync(new WorkspaceId(workspace), number, Cancellation))!.Value.Version);
        Assert.Equal(9, await Store.CountAsync(new DocumentQuery(workspace, TimelineEvent.DocumentType), Cancellation));
    }

    [Fact]
    public async Task The_timeline_lists_events_in_the_order_they_happened_not_the_order_they_were_written()
    {
        var incidents = new IncidentStore(new DocumentWriter(Store));
        var workspace = NewWorkspaceId();
        var by = new UserId("U0SCRIBE");
        var declared = await incidents.DeclareAsync(new IncidentBuilder().InWorkspace(workspace).Build(), Start, Cancellation);
        var number = declared.Incident.Key;
        await incidents.UpdateAsync(workspace, number, i => IncidentLifecycle.AddNote(i, "takedown requested", by, Start.AddMinutes(10)), Cancellation);
        // Recorded last, happened in between (a page acknowledged while the note was being written).
        await incidents.RecordAsync(new TimelineEvent
        {
            Id = TimelineEvent.IdFor(number.Value, "page-1-ack"),
            WorkspaceId = workspace,
            IncidentNumber = number.Value,
            At = Start.AddMinutes(5),
            Kind = TimelineKind.Joined,
        }, Cancellation);

        var timeline = await incidents.TimelineAsync(workspace, number, Cancellation).ToListAsync(Cancellation);

        Assert.Equal([TimelineKind.Declared, TimelineKind.Joined, TimelineKind.Note], timeline.Select(e => e.Kind));
        Assert.Equal([Start, Start.AddMinutes(5), Start.AddMinutes(10)], timeline.Select(e => e.At));
    }

    [Fact]
    public async Task A_timeline_of_more_than_a_thousand_events_reads_back_whole_in_time_order()
    {
        // Cosmos DB answers at most 1,000 items a page: this read needs a second page and its continuation.
        const int events = 1_234;
        var incidents = new IncidentStore(new DocumentWriter(Store));
        var workspace = NewWorkspaceId();
        var number = (await incidents.DeclareAsync(new IncidentBuilder().InWorkspace(workspace).Build(), Start, Cancellation)).Incident.Key;
        // Written newest first in the largest batches Cosmos DB takes, so stored order is not time order.
        foreach (var chunk in Enumerable.Range(1, events).Reverse().Chunk(DocumentBatch.MaxOperations))
        {
            var batch = new DocumentBatch(workspace);
            foreach (var i in chunk)
            {
                batch.Create(new TimelineEvent
                {
                    Id = TimelineEvent.IdFor(number.Value, $"bulk-{i:D5}"),
                    WorkspaceId = workspace,
                    IncidentNumber = number.Value,
                    At = Start.AddSeconds(i),
                    Kind = TimelineKind.Note,
                    Text = $"observation {i}",
                });
            }
            await Store.CommitAsync(batch, Cancellation);
        }

        var timeline = await incidents.TimelineAsync(workspace, number, Cancellation).ToListAsync(Cancellation);

        Assert.Equal(events + 1, timeline.Count);
        Assert.Equal(TimelineKind.Declared, timeline[0].Kind);
        Assert.Equal(Enumerable.Range(1, events).Select(i => Start.AddSeconds(i)), timeline.Skip(1).Select(e => e.At));
        Assert.Equal(events + 1, timeline.Select(e => e.Id).Distinct().Count());
    }

    [Fact]
    public async Task Listing_open_incidents_leaves_out_resolved_and_closed_ones_newest_first()
    {
        var workspace = await SeedIncidentsAsync();

        var found = await ListNumbersAsync(workspace, new IncidentFilter { OpenOnly = true });

        Assert.Equal([5, 3, 1], found);
    }

    [Fact]
    public async Task Listing_by_status_finds_the_incidents_in_that_status()
    {
        var workspace = await SeedIncidentsAsync();

        var found = await ListNumbersAsync(workspace, new IncidentFilter { Status = IncidentStatus.Resolved });

        Assert.Equal([2], found);
    }

    [Fact]
    public async Task Listing_by_severity_finds_the_incidents_of_that_severity()
    {
        var workspace = await SeedIncidentsAsync();

        var found = await ListNumbersAsync(workspace, new IncidentFilter { Severity = Severity.Sev1 });

        Assert.Equal([4, 1], found);
    }

    [Fact]
    public async Task Listing_by_source_finds_the_incidents_from_that_source()
    {
        var workspace = await SeedIncidentsAsync();

        var found = await ListNumbersAsync(workspace, new IncidentFilter { Source = IncidentSource.Regulator });

        Assert.Equal([5, 1], found);
    }

    [Fact]
    public async Task Listing_by_market_and_language_finds_the_incidents_that_cover_them()
    {
        var workspace = await SeedIncidentsAsync();

        var nepal = await ListNumbersAsync(workspace, new IncidentFilter { Market = "NP" });
        var bhojpuri = await ListNumbersAsync(workspace, new IncidentFilter { Language = "bho" });

        Assert.Equal([4, 1], nepal);
        Assert.Equal([2], bhojpuri);
    }

    [Fact]
    public async Task Listing_combines_filters_and_stops_at_the_limit()
    {
        var workspace = await SeedIncidentsAsync();

        var openRegulator = await ListNumbersAsync(workspace, new IncidentFilter { OpenOnly = true, Source = IncidentSource.Regulator });
        var newestTwo = await ListNumbersAsync(workspace, new IncidentFilter { Limit = 2 });

        Assert.Equal([5, 1], openRegulator);
        Assert.Equal([5, 4], newestTwo);
    }

    [Fact]
    public async Task An_incident_is_found_by_its_channel()
    {
        var workspace = NewWorkspaceId();
        await CreateAllAsync(
            new IncidentBuilder().InWorkspace(workspace).WithNumber(1).WithChannel(new ChannelId("C0INC1")).Build(),
            new IncidentBuilder().InWorkspace(workspace).WithNumber(2).WithChannel(new ChannelId("C0INC2")).Build());

        var found = await new IncidentStore(new DocumentWriter(Store)).FindByChannelAsync(new WorkspaceId(workspace), new ChannelId("C0INC2"), Cancellation);

        Assert.Equal(2, found!.Value.Number);
    }

    // ---- helpers

    private static DocumentQuery Samples(string workspaceId) => new(workspaceId, SampleDocument.DocumentType);

    private async Task CreateAllAsync<T>(params T[] documents)
        where T : class, IDocument
    {
        foreach (var document in documents)
            await Store.CreateAsync(document, Cancellation);
    }

    private async Task<List<string>> QueryIdsAsync(DocumentQuery query) =>
        await Store.QueryAsync<SampleDocument>(query, Cancellation).Select(found => found.Value.Id).ToListAsync(Cancellation);

    private async Task<List<int>> ListNumbersAsync(string workspace, IncidentFilter filter) =>
        await new IncidentStore(new DocumentWriter(Store)).ListAsync(workspace, filter, Cancellation).Select(i => i.Number).ToListAsync(Cancellation);

    /// <summary>Five incidents with one distinguishing trait per filter.</summary>
    private async Task<string> SeedIncidentsAsync()
    {
        var workspace = NewWorkspaceId();
        await CreateAllAsync(
            new IncidentBuilder().InWorkspace(workspace).WithNumber(1).WithSeverity(Severity.Sev1).WithStatus(IncidentStatus.Investigating)
                .WithSource(IncidentSource.Regulator).WithMarkets("NP", "IN").WithLanguages("ne").Build(),
            new IncidentBuilder().InWorkspace(workspace).WithNumber(2).WithSeverity(Severity.Sev2).WithStatus(IncidentStatus.Resolved)
                .WithSource(IncidentSource.Partner).WithMarkets("IN").WithLanguages("hi", "bho").Build(),
            new IncidentBuilder().InWorkspace(workspace).WithNumber(3).WithSeverity(Severity.Sev3).WithStatus(IncidentStatus.Declared)
                .WithSource(IncidentSource.Trending).WithMarkets("BD").WithLanguages("bn").Build(),
            new IncidentBuilder().InWorkspace(workspace).WithNumber(4).WithSeverity(Severity.Sev1).WithStatus(IncidentStatus.Closed)
                .WithSource(IncidentSource.Internal).WithMarkets("NP").Build(),
            new IncidentBuilder().InWorkspace(workspace).WithNumber(5).WithSeverity(Severity.Sev2).WithStatus(IncidentStatus.Mitigated)
                .WithSource(IncidentSource.Regulator).WithMarkets("AU").Build());
        return workspace;
    }
}
