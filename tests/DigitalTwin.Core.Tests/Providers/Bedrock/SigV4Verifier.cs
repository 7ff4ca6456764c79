using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DigitalTwin.Core.Tests.Providers.Bedrock;

/// <summary>Checks request signatures with the official @smithy/signature-v4 signer, in one long-lived node process.</summary>
internal sealed class SigV4Verifier : IAsyncDisposable
{
    private readonly Process _process;
    private readonly SemaphoreSlim _gate = new(1, 1);

    private static readonly Lazy<Task<SigV4Verifier>> SharedInstance = new(StartAsync);

    private SigV4Verifier(Process process) => _process = process;

    /// <summary>The verifier every fake server uses: one node process for the whole test run, ended when the run exits.</summary>
    public static Task<SigV4Verifier> SharedAsync() => SharedInstance.Value;

    private static async Task<SigV4Verifier> StartAsync()
    {
        var dir = await NodeTools.DirectoryAsync("bedrock");
        var verifier = new SigV4Verifier(Process.Start(NodeTools.StartInfo("node", dir, ["verify-sigv4.mjs"]))!);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => verifier.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return verifier;
    }

    /// <summary>Whether the request's Authorization header is what the official signer computes for it; the reason when not.</summary>
    public async Task<(bool Ok, string Reason)> VerifyAsync(
        string method, string path, IReadOnlyDictionary<string, string> headers, byte[] body, TestCredentials credentials, string region)
    {
        var creds = new JsonObject { ["accessKeyId"] = credentials.AccessKey, ["secretAccessKey"] = credentials.SecretKey };
        if (credentials.SessionToken is not null)
        {
            creds["sessionToken"] = credentials.SessionToken;
        }

        var input = new JsonObject
        {
            ["method"] = method,
            ["path"] = path,
            ["headers"] = new JsonObject(headers.Select(h => KeyValuePair.Create(h.Key, (JsonNode?)h.Value))),
            ["bodyBase64"] = Convert.ToBase64String(body),
            ["region"] = region,
            ["service"] = "bedrock",
            ["credentials"] = creds,
        };
        await _gate.WaitAsync();
        try
        {
            await _process.StandardInput.WriteLineAsync(input.ToJsonString());
            await _process.StandardInput.FlushAsync();
            var line = await _process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30))
                ?? throw new InvalidOperationException("The SigV4 verifier exited: " + await _process.StandardError.ReadToEndAsync());
            using var result = JsonDocument.Parse(line);
            var root = result.RootElement;
            return (root.GetProperty("ok").GetBoolean(), root.GetProperty("reason").GetString() + " " + line);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _process.StandardInput.Close();
        if (!_process.WaitForExit(5000))
        {
            _process.Kill();
        }

        await Task.CompletedTask;
        _process.Dispose();
        _gate.Dispose();
    }
}

/// <summary>Fake AWS credentials for tests (the AWS documentation's example keys).</summary>
internal sealed record TestCredentials(string AccessKey, string SecretKey, string? SessionToken)
{
    public static TestCredentials Basic { get; } = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", null);

    public static TestCredentials Session { get; } = new("ASIAEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "IQoJb3JpZ2luX2VjEXAMPLE//session+token/with=chars");

    public Amazon.Runtime.AWSCredentials ToAws() => SessionToken is null
        ? new Amazon.Runtime.BasicAWSCredentials(AccessKey, SecretKey)
        : new Amazon.Runtime.SessionAWSCredentials(AccessKey, SecretKey, SessionToken);
}
