namespace Platform.Demo.Story;

/// <summary>A step of the story did not happen as it should (a refusal, or nothing within its time).</summary>
public sealed class StoryException(string message) : Exception(message);
