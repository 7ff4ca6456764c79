namespace DigitalTwin.AspNetCore.Tests.Hosting.Lambda.Support;

/// <summary>One run of the real Lambda sample behind a fake Runtime API, talking to a fake OpenAI, with streaming on.</summary>
public sealed class LambdaSampleFixture : IAsyncLifetime
{
    private readonly string _memory = Path.Combine(Path.GetTempPath(), "dt-lambda-e2e-" + Guid.NewGuid().ToString("N"));

    public FakeRuntimeApi Runtime { get; private set; } = null!;

    public FakeOpenAI OpenAI { get; private set; } = null!;

    public SampleProcess Sample { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Runtime = await FakeRuntimeApi.StartAsync();
        OpenAI = await FakeOpenAI.StartAsync();
        Sample = SampleProcess.StartLambda(Runtime.Address, new Dictionary<string, string?>
        {
            ["OPENAI_BASE_URL"] = OpenAI.BaseUrl,
            ["OPENAI_API_KEY"] = "sk-test-not-a-real-key",
            ["MEMORY_DIR"] = _memory,
            ["DigitalTwin__FileStore__Directory"] = _memory,
            ["DIGITALTWIN_LAMBDA_STREAMING"] = "true",
        });
    }

    public async Task DisposeAsync()
    {
        await Sample.DisposeAsync();
        await OpenAI.DisposeAsync();
        await Runtime.DisposeAsync();
        if (Directory.Exists(_memory))
        {
            Directory.Delete(_memory, recursive: true);
        }
    }
}
