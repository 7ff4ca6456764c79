using Microsoft.Extensions.Time.Testing;

namespace DigitalTwin.Core.Tests.Memory;

/// <summary>
/// The behaviour every <see cref="ITurnClaims"/> must have. A store's claim test class derives from this and supplies
/// "hosts": store instances over the same data (separate clients and in-process state, as separate hosts would have).
/// </summary>
public abstract class TurnClaimsContract : StoreContract
{
    protected static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    /// <summary>The clock of the expiry tests; the concurrency tests run on the system clock.</summary>
    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 5, 1, 9, 30, 0, TimeSpan.Zero));

    /// <summary>A store instance over this test's shared data, reading the time from <paramref name="time"/>.</summary>
    /// <summary>A new store instance as one host would have it, over the same backing store as the others.</summary>
    protected abstract Task<IConversationStore> CreateStoreAsync(TimeProvider time);

    /// <summary>A host's claims: those of a new store instance, as the twin finds them.</summary>
    protected async Task<ITurnClaims> CreateHostAsync(TimeProvider time) => (await CreateStoreAsync(time)).TurnClaims();

    protected static ConversationKey NewKey(string twin = "default") => new(twin, SessionId.New());

    [Fact]
    public async Task FirstClaimSucceeds_AndEveryOtherClaimerIsRefusedWhileItHolds()
    {
        var (a, b) = (await CreateHostAsync(Clock), await CreateHostAsync(Clock));
        var key = NewKey();

        var claim = await a.TryClaimAsync(key, "turn-1", Lease);

        Assert.NotNull(claim);
        Assert.Equal(("turn-1", key, Clock.GetUtcNow() + Lease, false), (claim.TurnId, claim.Key, claim.ExpiresAt, claim.TookOver));
        Assert.Null(await b.TryClaimAsync(key, "turn-1", Lease));
        Assert.Null(await a.TryClaimAsync(key, "turn-1", Lease)); // another request on the same host too
        Clock.Advance(Lease - TimeSpan.FromSeconds(1));
        Assert.Null(await b.TryClaimAsync(key, "turn-1", Lease));
    }

    [Fact]
    public async Task ExpiredClaim_IsTakenOverByTheNextClaimer_WhoThenHoldsIt()
    {
        var (a, b) = (await CreateHostAsync(Clock), await CreateHostAsync(Clock));
        var key = NewKey();
        var crashed = await a.TryClaimAsync(key, "turn-1", Lease);

        Clock.Advance(Lease + TimeSpan.FromSeconds(1));
        var takeover = await b.TryClaimAsync(key, "turn-1", Lease);

        Assert.NotNull(takeover);
        Assert.True(takeover.TookOver);
        Assert.NotEqual(crashed!.Owner, takeover.Owner);
        Assert.Equal(Clock.GetUtcNow() + Lease, takeover.ExpiresAt);
        Assert.Null(await a.TryClaimAsync(key, "turn-1", Lease));
    }

    [Fact]
    public async Task ClaimWithAnOwner_IsGrantedAgainToThatOwnerOnAnyHost_AndRefusedToAnyOther()
    {
        var (a, b) = (Owned(await CreateStoreAsync(Clock)), Owned(await CreateStoreAsync(Clock)));
        var key = NewKey();

        var first = await a.TryClaimAsync(key, "key-1", "fingerprint-a", Lease);
        var again = await b.TryClaimAsync(key, "key-1", "fingerprint-a", Lease);
        var other = await b.TryClaimAsync(key, "key-1", "fingerprint-b", Lease);
        var random = await b.TryClaimAsync(key, "key-1", Lease);
        Clock.Advance(Lease + TimeSpan.FromSeconds(1));
        var afterExpiry = await b.TryClaimAsync(key, "key-1", "fingerprint-b", Lease);

        Assert.Equal("fingerprint-a", first?.Owner);
        Assert.Equal("fingerprint-a", again?.Owner);
        Assert.Null(other);
        Assert.Null(random);
        Assert.Equal(("fingerprint-b", true), (afterExpiry?.Owner, afterExpiry?.TookOver));
    }

    private static IOwnedTurnClaims Owned(IConversationStore store) =>
        store.GetService<IOwnedTurnClaims>() ?? throw new InvalidOperationException($"{store.GetType().Name} has no owner-aware claims.");

    [Fact]
    public async Task Release_LetsTheNextClaimSucceedAtOnce()
    {
        var (a, b) = (await CreateHostAsync(Clock), await CreateHostAsync(Clock));
        var key = NewKey();
        var first = await a.TryClaimAsync(key, "turn-1", Lease);

        await a.ReleaseAsync(first!);
        var next = await b.TryClaimAsync(key, "turn-1", Lease);

        Assert.NotNull(next);
        Assert.False(next.TookOver);
        await a.ReleaseAsync(first!); // releasing twice is harmless and leaves the new holder alone
        Assert.Null(await a.TryClaimAsync(key, "turn-1", Lease));
    }

    [Fact]
    public async Task ReleaseOfAClaimTakenOverBySomeoneElse_LeavesTheirClaimInPlace()
    {
        var (a, b) = (await CreateHostAsync(Clock), await CreateHostAsync(Clock));
        var key = NewKey();
        var slow = await a.TryClaimAsync(key, "turn-1", Lease);
        Clock.Advance(Lease + TimeSpan.FromSeconds(1));
        var takeover = await b.TryClaimAsync(key, "turn-1", Lease);

        await a.ReleaseAsync(slow!); // the slow holder finishes late and releases what it believes is its claim

        Assert.Null(await a.TryClaimAsync(key, "turn-1", Lease));
        await b.ReleaseAsync(takeover!);
        Assert.NotNull(await a.TryClaimAsync(key, "turn-1", Lease));
    }

    [Fact]
    public async Task ConcurrentClaimersOnTwoHosts_ExactlyOneWins()
    {
        var hosts = new[] { await CreateHostAsync(TimeProvider.System), await CreateHostAsync(TimeProvider.System) };
        for (var round = 0; round < 5; round++)
        {
            var key = NewKey();
            var winners = await RaceAsync(hosts, key, "race-" + round, Lease);
            Assert.Single(winners);
        }
    }

    [Fact]
    public async Task ConcurrentTakeoverOfAnExpiredClaim_ExactlyOneWins()
    {
        var hosts = new[] { await CreateHostAsync(TimeProvider.System), await CreateHostAsync(TimeProvider.System) };
        var key = NewKey();
        Assert.NotNull(await hosts[0].TryClaimAsync(key, "race", TimeSpan.FromMilliseconds(200)));
        await Task.Delay(400);

        var winners = await RaceAsync(hosts, key, "race", Lease);

        Assert.True(Assert.Single(winners).TookOver);
    }

    [Fact]
    public async Task Claims_AreScopedToTheirTurnSessionAndTwin()
    {
        var host = await CreateHostAsync(Clock);
        var key = NewKey();
        Assert.NotNull(await host.TryClaimAsync(key, "turn-1", Lease));

        Assert.NotNull(await host.TryClaimAsync(key, "turn-2", Lease));
        Assert.NotNull(await host.TryClaimAsync(key with { SessionId = SessionId.New() }, "turn-1", Lease));
        Assert.NotNull(await host.TryClaimAsync(key with { Twin = "other-twin" }, "turn-1", Lease));
    }

    [Fact]
    public async Task Claims_AreNotTurns_TheConversationReadsEmpty()
    {
        var store = await CreateStoreAsync(Clock);
        var key = NewKey();
        await store.TurnClaims().TryClaimAsync(key, "turn-1", Lease);

        Assert.Empty(await store.ReadAllAsync(key));
    }

    [Fact]
    public async Task NonPositiveLease_IsRejected()
    {
        var host = await CreateHostAsync(Clock);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await host.TryClaimAsync(NewKey(), "turn-1", TimeSpan.Zero));
    }

    /// <summary>
    /// Eight claimers, alternating between the hosts, each on its own thread, released together by a barrier; returns the
    /// claims won.
    /// </summary>
    protected static async Task<TurnClaim[]> RaceAsync(ITurnClaims[] hosts, ConversationKey key, string turnId, TimeSpan lease)
    {
        const int Claimers = 8;
        using var start = new Barrier(Claimers);
        var claimers = Enumerable.Range(0, Claimers).Select(i => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait();
                return hosts[i % hosts.Length].TryClaimAsync(key, turnId, lease).AsTask();
            },
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap()).ToArray();
        return (await Task.WhenAll(claimers)).OfType<TurnClaim>().ToArray();
    }
}
