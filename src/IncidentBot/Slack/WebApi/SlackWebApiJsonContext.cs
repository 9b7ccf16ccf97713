using System.Text.Json.Serialization;

namespace IncidentBot.Slack.WebApi;

// Respecting nullability and required constructor parameters makes a response without,
// say, its ts fail here with a clear SlackInvalidResponseException, not later as a null.
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(SlackEnvelope))]
[JsonSerializable(typeof(ChatPostMessageRequest))]
[JsonSerializable(typeof(ChatPostMessageResponse))]
[JsonSerializable(typeof(ChatUpdateRequest))]
[JsonSerializable(typeof(ChatUpdateResponse))]
[JsonSerializable(typeof(ChatPostEphemeralRequest))]
[JsonSerializable(typeof(ChatPostEphemeralResponse))]
[JsonSerializable(typeof(ChatPermalinkResponse))]
[JsonSerializable(typeof(ConversationsCreateRequest))]
[JsonSerializable(typeof(ConversationResponse))]
[JsonSerializable(typeof(ConversationsInviteRequest))]
[JsonSerializable(typeof(ConversationsInviteResponse))]
[JsonSerializable(typeof(ConversationsSetTopicRequest))]
[JsonSerializable(typeof(ConversationsArchiveRequest))]
[JsonSerializable(typeof(ConversationMessagesResponse))]
[JsonSerializable(typeof(PinsAddRequest))]
[JsonSerializable(typeof(ReactionsAddRequest))]
[JsonSerializable(typeof(UserResponse))]
[JsonSerializable(typeof(UsergroupUsersResponse))]
[JsonSerializable(typeof(ViewsOpenRequest))]
[JsonSerializable(typeof(ViewsUpdateRequest))]
[JsonSerializable(typeof(ViewResponse))]
[JsonSerializable(typeof(FilesUploadUrlResponse))]
[JsonSerializable(typeof(FilesCompleteUploadRequest))]
[JsonSerializable(typeof(SlackResponseUrlMessage))]
[JsonSerializable(typeof(AppsConnectionsOpenResponse))]
internal sealed partial class SlackWebApiJsonContext : JsonSerializerContext;
