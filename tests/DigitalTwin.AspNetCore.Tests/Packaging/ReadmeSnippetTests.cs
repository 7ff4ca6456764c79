using System.Text.RegularExpressions;

namespace DigitalTwin.AspNetCore.Tests.Packaging;

/// <summary>
/// The README's Program.cs is the code of docs/getting-started.md's step 3, which <see cref="PackedPackagesTests"/> builds,
/// publishes and runs from the packed packages: so the README's snippet is exercised too.
/// </summary>
public sealed partial class ReadmeSnippetTests
{
    [Fact]
    public void ReadmeProgram_IsTheGettingStartedProgram_ThatThePackagingTestRuns()
    {
        var readme = CSharpBlocks(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md")));
        var guide = CSharpBlocks(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "getting-started.md")));

        var program = Assert.Single(readme, b => b.Contains("WebApplication.CreateBuilder", StringComparison.Ordinal));
        Assert.Contains(program, guide);
    }

    /// <summary>The C# code blocks of a Markdown file, without comments and blank lines.</summary>
    private static List<string> CSharpBlocks(string markdown) =>
        Block().Matches(markdown).Select(m => string.Join('\n', m.Groups[1].Value.Split('\n')
            .Select(line => Comment().Replace(line, string.Empty).TrimEnd())
            .Where(line => line.Length > 0))).ToList();

    [GeneratedRegex("```csharp\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex Block();

    [GeneratedRegex("\\s*//.*$")]
    private static partial Regex Comment();
}
