namespace DigitalTwin.AspNetCore.Tests.Web;

/// <summary>Where browser tests save screenshots: artifacts/screenshots at the repository root (git-ignored).</summary>
internal static class Screenshots
{
    public static string PathFor(string name)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "DigitalTwin.sln")))
        {
            directory = directory.Parent;
        }

        var root = directory is null
            ? Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots")
            : Path.Combine(directory.FullName, "artifacts", "screenshots");
        Directory.CreateDirectory(root);
        return Path.Combine(root, name + ".png");
    }
}
