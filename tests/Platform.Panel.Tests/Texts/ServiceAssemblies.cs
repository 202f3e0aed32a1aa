using System.Reflection;
using System.Runtime.Loader;
using Platform.Testing;

namespace Platform.Panel.Tests.Texts;

/// <summary>
/// The services' built assemblies (and the directory library), read beside the panel's — never run — so the tests of
/// the panel's words take the codes from the constants the services use, not from a copy.
/// </summary>
internal static class ServiceAssemblies
{
    private static readonly string[] Services = ["Platform.Auth", "Platform.DirectorySync", "Platform.Notifications", "Platform.Reporting"];

    private static readonly Lazy<IReadOnlyList<Type>> Types = new(Read);

    /// <summary>Every public type of the services and of the directory library.</summary>
    public static IReadOnlyList<Type> ExportedTypes => Types.Value;

    /// <summary>The public type <paramref name="fullName"/> (in a service or the directory library).</summary>
    public static Type Type(string fullName) => ExportedTypes.Single(t => t.FullName == fullName);

    /// <summary>The values of <paramref name="type"/>'s public string constants.</summary>
    public static string[] Constants(Type type) =>
        [.. type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!).Distinct()];

    /// <summary>One public string constant: <c>Namespace.Type.Name</c>.</summary>
    public static string Constant(string type, string name) =>
        (string)Type(type).GetField(name, BindingFlags.Public | BindingFlags.Static)!.GetRawConstantValue()!;

    private static List<Type> Read()
    {
        var types = new List<Type>(Exported(typeof(Platform.Directory.Settings.SettingsFieldCodes).Assembly));
        foreach (var service in Services)
        {
            var dll = ServiceProcess.Dll(service);
            types.AddRange(Exported(new Context(dll).LoadFromAssemblyPath(dll)));
        }

        return types;
    }

    private static Type[] Exported(Assembly assembly)
    {
        try
        {
            return assembly.GetExportedTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return [.. e.Types.OfType<Type>()];
        }
    }

    /// <summary>A service's assembly with its own dependencies, beside the panel's (only read, never run).</summary>
    private sealed class Context(string dll) : AssemblyLoadContext(Path.GetFileNameWithoutExtension(dll), isCollectible: true)
    {
        private readonly AssemblyDependencyResolver _resolver = new(dll);

        protected override Assembly? Load(AssemblyName name) =>
            _resolver.ResolveAssemblyToPath(name) is { } path ? LoadFromAssemblyPath(path) : null;
    }
}
