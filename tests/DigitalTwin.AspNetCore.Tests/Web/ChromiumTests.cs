namespace DigitalTwin.AspNetCore.Tests.Web;

/// <summary>The browser tests share one Chromium (and run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class ChromiumTests : ICollectionFixture<ChromiumFixture>
{
    public const string Name = "Chromium";
}
