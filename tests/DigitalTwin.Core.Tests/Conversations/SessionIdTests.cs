namespace DigitalTwin.Core.Tests.Conversations;

public sealed class SessionIdTests
{
    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("..%2F..%2Fetc%2Fpasswd")]
    [InlineData("%2e%2e%2f%2e%2e%2fetc%2fpasswd")]
    [InlineData("..\\..\\windows\\win.ini")]
    [InlineData("abc/defgh")]
    [InlineData("abcdefg")] // too short
    [InlineData("-abcdefgh")] // must start with a letter or digit
    [InlineData("abcdefgh\0")]
    [InlineData("abcdefgh ")]
    [InlineData("abcdéfgh")]
    [InlineData("")]
    [InlineData(null)]
    public void HostileOrMalformedIds_AreRejected(string? value)
    {
        Assert.False(SessionId.TryParse(value, out _));
        Assert.False(SessionId.IsValid(value));
    }

    [Fact]
    public void OverlongId_IsRejectedAndMaxLengthAccepted()
    {
        Assert.False(SessionId.TryParse(new string('a', SessionId.MaxLength + 1), out _));
        Assert.True(SessionId.TryParse(new string('a', SessionId.MaxLength), out _));
    }

    [Theory]
    [InlineData("3f2c9a1e-8b7d-4c6a-9e5f-1a2b3c4d5e6f")]
    [InlineData("session_0001")]
    [InlineData("ABCdef12")]
    public void OriginalStyleIds_AreAccepted(string value)
    {
        Assert.Equal(value, SessionId.Parse(value).Value);
    }

    [Fact]
    public void NewIds_AreValidAndDistinct()
    {
        var a = SessionId.New();
        var b = SessionId.New();
        Assert.True(SessionId.IsValid(a.Value));
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void StorageName_IsHexAndDoesNotContainTheId()
    {
        var id = SessionId.Parse("visitor-1234");
        Assert.Matches("^[0-9a-f]{32}$", id.StorageName);
        Assert.Equal(id.StorageName, SessionId.Parse("visitor-1234").StorageName);
        Assert.NotEqual(id.StorageName, SessionId.Parse("visitor-1235").StorageName);
    }

    [Fact]
    public void Parse_OfInvalidId_ThrowsFormatExceptionDescribingTheRule()
    {
        var ex = Assert.Throws<FormatException>(() => SessionId.Parse("../x"));
        Assert.Contains("8 to 64", ex.Message, StringComparison.Ordinal);
    }
}
