namespace DigitalTwin.Configuration;

/// <summary>The model providers <c>DigitalTwin:Provider</c> chooses from.</summary>
public enum TwinProviderKind
{
    /// <summary>No provider chosen in configuration: code chooses one (<c>UseOpenAI()</c>, <c>UseBedrock()</c>, <c>UseChatClient(...)</c>).</summary>
    None,

    /// <summary>OpenAI's Chat Completions API or an OpenAI-compatible server (<c>DigitalTwin:OpenAI</c>, <c>OPENAI_API_KEY</c>).</summary>
    OpenAI,

    /// <summary>Amazon Bedrock's Converse API (<c>DigitalTwin:Bedrock</c>).</summary>
    Bedrock,
}
