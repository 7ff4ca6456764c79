namespace DigitalTwin.Testing;

/// <summary>Finds the repository's root folder (the one holding DigitalTwin.sln) from the test output folder.</summary>
public static class RepositoryRoot
{
    public static string Path
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "DigitalTwin.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("DigitalTwin.sln was not found above " + AppContext.BaseDirectory);
        }
    }
}
