using System.Text.RegularExpressions;
using DigitalTwin.AspNetCore.Tests.Hosting.Lambda.Support;

namespace DigitalTwin.AspNetCore.Tests.Packaging;

/// <summary>The GitHub Actions workflows parse as YAML and have the jobs and steps the README and the release process rely on.</summary>
public sealed class WorkflowTests
{
    [Fact]
    public void Ci_workflow_runs_the_readme_test_command_on_push_and_pull_request()
    {
        var ci = Load("ci.yml");
        var readmeCommand = Regex.Match(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md")), @"```bash\n(\./test\.sh)\n```").Groups[1].Value;

        var on = Map(ci["on"]);
        Assert.True(on.ContainsKey("push"));
        Assert.True(on.ContainsKey("pull_request"));
        var steps = SingleJobSteps(ci);
        Assert.Equal("./test.sh", readmeCommand);
        Assert.Contains(steps, s => Run(s) == readmeCommand);
        AssertSetsUpDotNetFromGlobalJson(steps);
        Assert.True(File.Exists(Path.Combine(RepositoryRoot.Path, "test.sh")));
    }

    [Fact]
    public void Release_workflow_tests_packs_with_the_tag_version_and_pushes_with_the_nuget_api_key_secret()
    {
        var release = Load("release.yml");

        var tags = Assert.IsType<List<object?>>(Map(Map(release["on"])["push"])["tags"]);
        Assert.Equal(["v*"], tags);
        var steps = SingleJobSteps(release);
        AssertSetsUpDotNetFromGlobalJson(steps);
        var runs = steps.Select(Run).ToList();
        var test = runs.IndexOf("./test.sh");
        var pack = runs.FindIndex(r => r is not null && r.StartsWith("scripts/pack.sh \"${GITHUB_REF_NAME#v}\"", StringComparison.Ordinal));
        var push = runs.FindIndex(r => r is not null && r.StartsWith("dotnet nuget push", StringComparison.Ordinal));
        Assert.True(test >= 0 && test < pack && pack < push, string.Join(" | ", runs));
        Assert.Contains("--api-key \"${{ secrets.NUGET_API_KEY }}\"", runs[push], StringComparison.Ordinal);
        Assert.Contains("--source https://api.nuget.org/v3/index.json", runs[push], StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(RepositoryRoot.Path, "scripts", "pack.sh")));
    }

    private static Dictionary<string, object?> Load(string name) =>
        Map(MiniYaml.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, ".github", "workflows", name))));

    private static List<Dictionary<string, object?>> SingleJobSteps(Dictionary<string, object?> workflow)
    {
        var job = Map(Assert.Single(Map(workflow["jobs"])).Value);
        Assert.Equal("ubuntu-latest", job["runs-on"]);
        var steps = Assert.IsType<List<object?>>(job["steps"]).Select(Map).ToList();
        Assert.Equal("actions/checkout@v4", steps[0]["uses"]);
        return steps;
    }

    private static void AssertSetsUpDotNetFromGlobalJson(List<Dictionary<string, object?>> steps)
    {
        var setup = Assert.Single(steps, s => s.TryGetValue("uses", out var uses) && uses is string u && u.StartsWith("actions/setup-dotnet@", StringComparison.Ordinal));
        Assert.Equal("global.json", Map(setup["with"])["global-json-file"]);
    }

    private static string? Run(Dictionary<string, object?> step) => step.TryGetValue("run", out var run) ? run as string : null;

    private static Dictionary<string, object?> Map(object? value) => Assert.IsType<Dictionary<string, object?>>(value);
}
