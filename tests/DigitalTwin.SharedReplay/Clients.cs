using Amazon.Runtime;
using Microsoft.Extensions.Logging.Abstractions;

namespace DigitalTwin.SharedReplay;

/// <summary>A Bedrock client whose HTTP goes to a <see cref="ReplayHandler"/> (nothing leaves the process).</summary>
internal static class Clients
{
    public static BedrockChatClient Create(ReplayHandler handler, string modelId = BedrockOptions.DefaultModelId) => new(
        new BedrockOptions
        {
            ModelId = modelId,
            Region = "us-east-1",
            Credentials = new BasicAWSCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
        },
        NullLogger.Instance,
        handler: handler);

    public static List<ChatMessage> Conversation() => [new(ChatRole.System, "You are a test."), new(ChatRole.User, "Hello")];
}
