using DigitalTwin.Providers;

namespace DigitalTwin.SharedReplay;

/// <summary>Recorded Converse answers and errors (converse-json/) through the client's HTTP path and mapping.</summary>
internal static class ConverseReplay
{
    public static async Task RunAsync(string root, Report report)
    {
        Report.Section("Converse answers and errors (converse-json/)");
        var dir = Path.Combine(root, "converse-json");
        foreach (var file in Directory.GetFiles(dir, "vercel__*.json").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            await report.RunAsync(name, () => name.Contains("__error-", StringComparison.Ordinal) ? ErrorAsync(file, name, report) : AnswerAsync(file, name, report));
        }

        foreach (var file in Directory.GetFiles(dir, "sdk__*.body.json").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            await report.RunAsync(name, () => SdkRequestAsync(file, name, report));
        }
    }

    private static async Task AnswerAsync(string file, string name, Report report)
    {
        var body = await File.ReadAllBytesAsync(file);
        using var expected = JsonDocument.Parse(body);
        var root = expected.RootElement;
        using var client = Clients.Create(new ReplayHandler(200, ReplayHandler.JsonHeaders, body));
        var response = await client.GetResponseAsync(Clients.Conversation());

        var text = string.Concat(root.GetProperty("output").GetProperty("message").GetProperty("content").EnumerateArray()
            .Select(b => b.TryGetProperty("text", out var t) ? t.GetString() : null));
        var stop = root.GetProperty("stopReason").GetString();
        var usageOk = !root.TryGetProperty("usage", out var usage)
            || (response.Usage?.InputTokenCount == usage.GetProperty("inputTokens").GetInt64()
                && response.Usage.OutputTokenCount == usage.GetProperty("outputTokens").GetInt64()
                && response.Usage.TotalTokenCount == usage.GetProperty("totalTokens").GetInt64()
                && (!usage.TryGetProperty("cacheReadInputTokens", out var cached) || response.Usage.CachedInputTokenCount == cached.GetInt64()));
        report.Check($"{name}: text ({text.Length} chars), stop reason '{stop}' → {response.FinishReason}, usage",
            response.Text == text && response.FinishReason == BedrockResponseMapper.ToFinishReason(stop) && usageOk);
        var toolUses = root.GetProperty("output").GetProperty("message").GetProperty("content").EnumerateArray()
            .Where(b => b.TryGetProperty("toolUse", out _)).Select(b => b.GetProperty("toolUse")).ToList();
        if (toolUses.Count > 0)
        {
            var calls = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
            report.Check($"{name}: {toolUses.Count} toolUse block(s) → function calls with the same id, name and input",
                calls.Count == toolUses.Count && calls.Zip(toolUses).All(p => ToolReplay.SameCall(p.First, p.Second)));
        }
    }

    private static async Task ErrorAsync(string file, string name, Report report)
    {
        using var recorded = JsonDocument.Parse(await File.ReadAllTextAsync(file));
        var root = recorded.RootElement;
        var wrapped = root.TryGetProperty("status", out var statusElement);
        var status = wrapped ? statusElement.GetInt32() : 400;
        var headers = wrapped
            ? root.GetProperty("headers").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!)
            : ReplayHandler.JsonHeaders;
        var body = wrapped ? root.GetProperty("body") : root;
        var errorType = headers.TryGetValue("x-amzn-errortype", out var header) ? header.Split(':')[0] : "ValidationException";
        var want = Expected.FailureFor(errorType);
        using var client = Clients.Create(new ReplayHandler(status, headers, Encoding.UTF8.GetBytes(body.GetRawText())));
        try
        {
            await client.GetResponseAsync(Clients.Conversation());
            report.Check(name, false, "no exception");
        }
        catch (ChatProviderException ex)
        {
            var message = body.GetProperty("message").GetString()!;
            report.Check($"{name}: HTTP {status} {errorType} → {want} with the service's message",
                ex.Failure == want && ex.StatusCode == status && ex.Message.Contains(message, StringComparison.Ordinal), $"{ex.Failure}: {ex.Message}");
        }
    }

    /// <summary>The SDK's request bodies parse, and carry only fields the provider's request builder also produces.</summary>
    private static async Task SdkRequestAsync(string file, string name, Report report)
    {
        using var sdk = JsonDocument.Parse(await File.ReadAllTextAsync(file));
        var known = new HashSet<string>(StringComparer.Ordinal) { "messages", "system", "inferenceConfig", "guardrailConfig", "toolConfig" };
        var unknown = sdk.RootElement.EnumerateObject().Select(p => p.Name).Where(n => !known.Contains(n)).ToList();
        report.Check($"{name}: top-level fields are Converse fields", unknown.Count == 0, string.Join(", ", unknown));
    }
}
