using DigitalTwin.Owner;

namespace DigitalTwin.Core.Tests.Memory;

/// <summary>
/// The behaviour every store's <see cref="IOwnerRecords"/> must have. A store's test class derives from this and supplies
/// "hosts": store instances over the same data (separate clients and in-process state, as separate hosts would have).
/// </summary>
public abstract class OwnerRecordsContract : StoreContract
{
    protected static readonly DateTimeOffset Monday = new(2026, 5, 4, 9, 30, 0, TimeSpan.Zero);

    /// <summary>A new store instance as one host would have it, over the same backing store as the others.</summary>
    protected abstract Task<IConversationStore> CreateStoreAsync();

    protected async Task<IOwnerRecords> CreateHostAsync() => (await CreateStoreAsync()).OwnerRecords();

    protected static OwnerRecord Lead(DateTimeOffset createdAt, string twin = "default") => OwnerRecordSamples.Lead(
        createdAt, new ConversationKey(twin, SessionId.New()), name: "Ana Pérez", notes: "Wants to talk about a \"data\" role\nnext week");

    protected static OwnerRecord Question(DateTimeOffset createdAt, string twin = "default") =>
        OwnerRecordSamples.Question(createdAt, "What is your favourite compiler? ¿Y tu lenguaje?", twin);

    private static async Task<List<OwnerRecord>> ListAsync(IAsyncEnumerable<OwnerRecord> records) => await records.ToListAsync();

    [Fact]
    public async Task AddedRecord_IsListedInItsPeriodWithEveryField_AndASecondAddOfTheSameIdIsRefused()
    {
        var host = await CreateHostAsync();
        var lead = Lead(Monday);
        var question = Question(Monday.AddMinutes(5));

        Assert.True(await host.TryAddAsync(lead));
        Assert.True(await host.TryAddAsync(question));
        Assert.False(await host.TryAddAsync(lead with { Notes = "a retried turn's second try" }));

        var listed = (await ListAsync(host.ReadAsync("default", Monday.AddHours(-1), Monday.AddHours(1)))).OrderBy(r => r.CreatedAt).ToList();
        Assert.Equal([lead, question], listed);
    }

    [Fact]
    public async Task ReadAsync_ListsOnlyTheTwinsRecordsCreatedInThePeriod_AcrossDays()
    {
        var host = await CreateHostAsync();
        var before = Lead(Monday.AddDays(-1));
        var start = Lead(Monday);
        var nextDay = Question(Monday.AddDays(1).AddHours(3));
        var atEnd = Lead(Monday.AddDays(2));
        var otherTwin = Lead(Monday.AddHours(1), twin: "Other Twin");
        foreach (var record in new[] { before, start, nextDay, atEnd, otherTwin })
        {
            Assert.True(await host.TryAddAsync(record));
        }

        var listed = await ListAsync(host.ReadAsync("default", Monday, Monday.AddDays(2)));

        Assert.Equal([start.Id, nextDay.Id], listed.OrderBy(r => r.CreatedAt).Select(r => r.Id));
        Assert.Equal([otherTwin.Id], (await ListAsync(host.ReadAsync("Other Twin", Monday, Monday.AddDays(2)))).Select(r => r.Id));
        Assert.Empty(await ListAsync(host.ReadAsync("default", Monday.AddDays(10), Monday.AddDays(11))));
    }

    [Fact]
    public async Task Outbox_HoldsRecordsUntilMarkedNotified_ThenTheyKeepTheirNotificationTime()
    {
        var (a, b) = (await CreateHostAsync(), await CreateHostAsync());
        var lead = Lead(Monday);
        var question = Question(Monday);
        await a.TryAddAsync(lead);
        await a.TryAddAsync(question);

        Assert.Equal(new[] { lead.Id, question.Id }.Order(), (await ListAsync(b.ReadUnnotifiedAsync("default"))).Select(r => r.Id).Order());
        await b.MarkNotifiedAsync(lead, Monday.AddMinutes(1));
        await b.MarkNotifiedAsync(lead, Monday.AddMinutes(9)); // idempotent: the first time stays

        Assert.Equal([question.Id], (await ListAsync(a.ReadUnnotifiedAsync("default"))).Select(r => r.Id));
        var stored = Assert.Single(await ListAsync(a.ReadAsync("default", Monday, Monday.AddHours(1))), r => r.Id == lead.Id);
        Assert.Equal(Monday.AddMinutes(1), stored.NotifiedAt);
        Assert.False(await a.TryAddAsync(lead)); // a replayed turn: still stored once, and it does not re-enter the outbox
        Assert.Equal([question.Id], (await ListAsync(a.ReadUnnotifiedAsync("default"))).Select(r => r.Id));
        Assert.Empty(await ListAsync(a.ReadUnnotifiedAsync("Other Twin")));
    }

    [Fact]
    public async Task ConcurrentAddsOfOneRecordOnTwoHosts_ExactlyOneStoresIt()
    {
        var hosts = new[] { await CreateHostAsync(), await CreateHostAsync() };
        for (var round = 0; round < 3; round++)
        {
            var lead = Lead(Monday.AddMinutes(round));
            const int Adders = 8;
            using var start = new Barrier(Adders);
            var adders = Enumerable.Range(0, Adders).Select(i => Task.Factory.StartNew(
                () =>
                {
                    start.SignalAndWait();
                    return hosts[i % hosts.Length].TryAddAsync(lead with { Notes = "adder " + i }).AsTask();
                },
                CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap()).ToArray();

            var results = await Task.WhenAll(adders);

            Assert.Single(results, added => added);
            var stored = Assert.Single(await ListAsync(hosts[1].ReadAsync("default", Monday, Monday.AddHours(1))), r => r.Id == lead.Id);
            Assert.Equal("adder " + Array.IndexOf(results, true), stored.Notes); // the winner's record, whole
            Assert.Single(await ListAsync(hosts[0].ReadUnnotifiedAsync("default")), r => r.Id == lead.Id);
        }
    }

    [Fact]
    public async Task Records_AreNeitherTurnsNorIndexedTurns()
    {
        var store = await CreateStoreAsync();
        var lead = Lead(Monday);
        await store.OwnerRecords().TryAddAsync(lead);

        Assert.Empty(await store.ReadAllAsync(lead.Conversation));
        Assert.Empty(await store.TurnIndex().ReadTurnsAsync("default", Monday.AddDays(-1), Monday.AddDays(1)).ToListAsync());
    }
}
