using Platform.Testing;

namespace Platform.Notifications.Tests;

public sealed class Starting_the_notifications_service : ServiceStartupSpecs<Program>;
