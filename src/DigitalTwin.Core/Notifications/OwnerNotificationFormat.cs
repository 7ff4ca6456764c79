namespace DigitalTwin.Notifications;

/// <summary>The body the owner's webhook receives for each lead or unanswered question.</summary>
public enum OwnerNotificationFormat
{
    /// <summary>A JSON object with every field of the record (<c>{"kind":"lead","twin":…,"email":…}</c>).</summary>
    Json,

    /// <summary>A Slack incoming-webhook message, <c>{"text":"…"}</c> (also accepted by Discord-style and Mattermost hooks).</summary>
    Slack,

    /// <summary>A Pushover message: a form post with <c>token</c>, <c>user</c>, <c>title</c> and <c>message</c> (to https://api.pushover.net/1/messages.json).</summary>
    Pushover,
}
