using System.Runtime.CompilerServices;
using System.Text;

namespace DigitalTwin.Testing;

/// <summary>
/// A small approval (snapshot) helper: compares text with a checked-in <c>NAME.verified.txt</c> beside the test's source
/// file. On a mismatch it writes <c>NAME.received.txt</c> and fails with a line diff. Set <c>DIGITALTWIN_ACCEPT=1</c> to
/// accept the received text as the new verified text.
/// </summary>
public static class Approver
{
    public const string AcceptVariable = "DIGITALTWIN_ACCEPT";

    public static void Verify(string actual, string name, [CallerFilePath] string sourceFile = "")
    {
        var directory = SourceDirectory(sourceFile);
        var verifiedPath = Path.Combine(directory, name + ".verified.txt");
        var receivedPath = Path.Combine(directory, name + ".received.txt");
        actual = actual.ReplaceLineEndings("\n");

        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            File.WriteAllText(verifiedPath, actual, new UTF8Encoding(false));
            File.Delete(receivedPath);
            return;
        }

        var verified = File.Exists(verifiedPath) ? File.ReadAllText(verifiedPath).ReplaceLineEndings("\n") : null;
        if (verified == actual)
        {
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, actual, new UTF8Encoding(false));
        var message = verified is null
            ? $"No approved snapshot {verifiedPath}. Review {receivedPath} and rename it to .verified.txt (or run with {AcceptVariable}=1)."
            : $"Snapshot {name} differs from {verifiedPath}; received text written to {receivedPath}.\n{Diff(verified, actual)}";
        Assert.Fail(message);
    }

    /// <summary>
    /// The folder of a test's source file. Deterministic CI builds map source paths to <c>/_/</c>; such a path is resolved
    /// against the repository root (the folder holding DigitalTwin.sln above the test output).
    /// </summary>
    public static string SourceDirectory(string sourceFile)
    {
        var path = sourceFile.Replace('\\', '/');
        if (!path.StartsWith("/_/", StringComparison.Ordinal))
        {
            return Path.GetDirectoryName(sourceFile)!;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DigitalTwin.sln")))
            {
                return Path.GetDirectoryName(Path.Combine(dir.FullName, path[3..]))!;
            }
        }

        throw new InvalidOperationException($"Cannot map {sourceFile} to the repository: DigitalTwin.sln not found above {AppContext.BaseDirectory}.");
    }

    /// <summary>Lines only in the verified text (-) and only in the received text (+), with line numbers.</summary>
    public static string Diff(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        var sb = new StringBuilder();
        int i = 0, j = 0, shown = 0;
        while ((i < a.Length || j < b.Length) && shown < 40)
        {
            if (i < a.Length && j < b.Length && a[i] == b[j])
            {
                i++;
                j++;
                continue;
            }

            var nextInB = i < a.Length ? Array.IndexOf(b, a[i], j) : -1;
            if (nextInB > j)
            {
                for (; j < nextInB; j++, shown++)
                {
                    sb.Append("+ ").Append(j + 1).Append(": ").AppendLine(b[j]);
                }
            }
            else if (i < a.Length)
            {
                sb.Append("- ").Append(i + 1).Append(": ").AppendLine(a[i++]);
                shown++;
            }
            else
            {
                sb.Append("+ ").Append(j + 1).Append(": ").AppendLine(b[j++]);
                shown++;
            }
        }

        return sb.ToString();
    }
}
