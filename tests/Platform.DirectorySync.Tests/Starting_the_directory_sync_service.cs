using Platform.Testing;

namespace Platform.DirectorySync.Tests;

public sealed class Starting_the_directory_sync_service : ServiceStartupSpecs<Program>;
