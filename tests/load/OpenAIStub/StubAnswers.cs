/// <summary>The stub's fixed answers: a chat completion and the same answer as a stream of chunks ending with usage.</summary>
internal static class StubAnswers
{
    private const string Head = "{\"id\":\"chatcmpl-stub\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"gpt-4o-mini\",";

    public const string Json =
        "{\"id\":\"chatcmpl-stub\",\"object\":\"chat.completion\",\"created\":1700000000,\"model\":\"gpt-4o-mini\"," +
        "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"I build web APIs in C# and enjoy making them fast. Ask me about my projects!\"},\"finish_reason\":\"stop\"}]," +
        "\"usage\":{\"prompt_tokens\":850,\"completion_tokens\":20,\"total_tokens\":870}}";

    public const string Sse =
        "data: " + Head + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}\n\n" +
        "data: " + Head + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"I build web APIs in C# \"},\"finish_reason\":null}]}\n\n" +
        "data: " + Head + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"and enjoy making them fast. \"},\"finish_reason\":null}]}\n\n" +
        "data: " + Head + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Ask me about my projects!\"},\"finish_reason\":null}]}\n\n" +
        "data: " + Head + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n" +
        "data: " + Head + "\"choices\":[],\"usage\":{\"prompt_tokens\":850,\"completion_tokens\":20,\"total_tokens\":870}}\n\n" +
        "data: [DONE]\n\n";
}
