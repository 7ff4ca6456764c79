
namespace DigitalTwin.Core.Tests.ApprovalsTests;

public sealed class ApproverTests
{
    [Fact]
    public void Diff_ShowsRemovedAndAddedLinesWithNumbers()
    {
        var diff = Approver.Diff("a\nb\nc", "a\nB\nc\nd");

        Assert.Contains("- 2: b", diff, StringComparison.Ordinal);
        Assert.Contains("+ 2: B", diff, StringComparison.Ordinal);
        Assert.Contains("+ 4: d", diff, StringComparison.Ordinal);
        Assert.DoesNotContain(": a", diff, StringComparison.Ordinal);
    }

    [Fact]
    public void Mismatch_FailsAndWritesReceivedFile()
    {
        var name = "approver-selftest-" + Guid.NewGuid().ToString("N");
        var dir = Approver.SourceDirectory(ThisFile());
        File.WriteAllText(Path.Combine(dir, name + ".verified.txt"), "expected\n");
        try
        {
            Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => Approver.Verify("actual\n", name));
            Assert.Equal("actual\n", File.ReadAllText(Path.Combine(dir, name + ".received.txt")));
            Approver.Verify("expected\n", name);
            Assert.False(File.Exists(Path.Combine(dir, name + ".received.txt")));
        }
        finally
        {
            File.Delete(Path.Combine(dir, name + ".verified.txt"));
            File.Delete(Path.Combine(dir, name + ".received.txt"));
        }
    }

    private static string ThisFile([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;
}
