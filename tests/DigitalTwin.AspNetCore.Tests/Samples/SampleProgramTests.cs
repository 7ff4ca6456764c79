namespace DigitalTwin.AspNetCore.Tests.Samples;

/// <summary>The two samples are one setup: their Program.cs differ only by the Lambda hosting line.</summary>
public sealed class SampleProgramTests
{
    [Fact]
    public void LambdaSampleProgram_IsTheKestrelSamplesPlusTheLambdaHostingLine()
    {
        var kestrel = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "samples", "DigitalTwin.Sample.Kestrel", "Program.cs"));
        var lambda = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "samples", "DigitalTwin.Sample.Lambda", "Program.cs"));

        var extra = Assert.Single(lambda.Except(kestrel, StringComparer.Ordinal));
        Assert.Contains("AddDigitalTwinLambdaHosting()", extra, StringComparison.Ordinal);
        Assert.Equal(kestrel, lambda.Where(l => l != extra));
        Assert.DoesNotContain(kestrel, l => l.Contains(".UseOpenAI(", StringComparison.Ordinal) || l.Contains(".UseBedrock(", StringComparison.Ordinal) || l.Contains("Store(", StringComparison.Ordinal));
    }
}
