using Microsoft.Extensions.Configuration;
using Platform.Security.Secrets;
using Platform.Security.Tokens;
using Platform.Testing;
using Xunit;

namespace Platform.Deployment.Tests;

/// <summary>deploy/compose/generate-keys.sh, run into a directory of each test's own (never the checkout's .env).</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class Generating_the_compose_keys : IDisposable
{
    private readonly TemporaryDirectory _directory = TemporaryDirectory.Create();

    private string EnvFile => _directory.File(".env");

    [Fact]
    public async Task Writes_a_P256_key_pair_and_a_256_bit_key_that_openssl_reads()
    {
        await ComposeKeys.GenerateAsync(EnvFile);
        var keys = ComposeKeys.Read(EnvFile);
        var signing = await WriteDerAsync("signing.der", keys[ComposeKeys.SigningKey]);
        var validation = await WriteDerAsync("validation.der", keys[ComposeKeys.ValidationKey]);

        var privateKey = await OpenSslAsync("pkey", "-inform", "DER", "-in", signing, "-noout", "-text");
        var publicKey = await OpenSslAsync("pkey", "-pubin", "-inform", "DER", "-in", validation, "-noout", "-text");
        await OpenSslAsync("pkey", "-inform", "DER", "-in", signing, "-pubout", "-outform", "DER", "-out", _directory.File("derived.der"));
        var derived = await File.ReadAllBytesAsync(_directory.File("derived.der"));
        var listed = await File.ReadAllBytesAsync(validation);

        Assert.Contains("prime256v1", privateKey, StringComparison.Ordinal);
        Assert.Contains("prime256v1", publicKey, StringComparison.Ordinal);
        Assert.True(derived.SequenceEqual(listed), $"{ComposeKeys.ValidationKey} is not the public key of {ComposeKeys.SigningKey}");
        Assert.Equal(32, Convert.FromBase64String(keys[ComposeKeys.EncryptionKey]).Length);
    }

    [Fact]
    public async Task Gives_auth_keys_whose_tokens_every_service_accepts_through_the_compose_file()
    {
        await ComposeKeys.GenerateAsync(EnvFile);
        var variables = ComposeKeys.Read(EnvFile);
        var compose = ComposeFile.Load();
        var services = ServiceFolders.All();

        var refused = await SharedKeys.RefusedTokensAsync(
            Settings("auth"), services.Select(folder => (folder.Name, Settings(folder.Name))));

        Assert.NotEmpty(services);
        Assert.True(refused.Count == 0, "Services refuse auth's token: " + string.Join("; ", refused));
        Assert.True(SharedKeys.SecretsRoundTrip(Settings("auth"), Settings("directory-sync")), "directory-sync cannot read a secret auth protected");

        IConfiguration Settings(string service) => ComposeKeys.Configuration(compose.Service(service).EnvironmentWith(variables));
    }

    [Fact]
    public async Task Keeps_the_keys_it_generated_on_a_second_run()
    {
        await ComposeKeys.GenerateAsync(EnvFile);
        var first = await File.ReadAllTextAsync(EnvFile);

        await ComposeKeys.GenerateAsync(EnvFile);

        Assert.Equal(first, await File.ReadAllTextAsync(EnvFile));
    }

    [Fact]
    public async Task Keeps_the_other_settings_of_an_existing_env_file()
    {
        // No final newline: the keys must still start on lines of their own.
        await File.WriteAllTextAsync(EnvFile, "# operator's settings\nRABBITMQ_PASSWORD=chosen-by-the-operator");

        await ComposeKeys.GenerateAsync(EnvFile);
        var settings = ComposeKeys.Read(EnvFile);

        Assert.StartsWith("# operator's settings\nRABBITMQ_PASSWORD=chosen-by-the-operator\n", await File.ReadAllTextAsync(EnvFile), StringComparison.Ordinal);
        Assert.Equal("chosen-by-the-operator", settings["RABBITMQ_PASSWORD"]);
        Assert.All(ComposeKeys.Variables, variable => Assert.False(string.IsNullOrEmpty(settings.GetValueOrDefault(variable)), $"{variable} was not written"));
    }

    [Fact]
    public async Task Derives_the_validation_key_from_a_signing_key_already_in_the_file()
    {
        await ComposeKeys.GenerateAsync(_directory.File("reference.env"));
        var reference = ComposeKeys.Read(_directory.File("reference.env"));
        await File.WriteAllTextAsync(EnvFile, $"{ComposeKeys.SigningKey}={reference[ComposeKeys.SigningKey]}\n");

        await ComposeKeys.GenerateAsync(EnvFile);
        var keys = ComposeKeys.Read(EnvFile);

        Assert.Equal(reference[ComposeKeys.SigningKey], keys[ComposeKeys.SigningKey]);
        Assert.Equal(reference[ComposeKeys.ValidationKey], keys[ComposeKeys.ValidationKey]);
    }

    [Fact]
    public async Task Refuses_a_validation_key_that_does_not_belong_to_the_signing_key()
    {
        await ComposeKeys.GenerateAsync(_directory.File("one.env"));
        await ComposeKeys.GenerateAsync(_directory.File("other.env"));
        var mismatched = $"{ComposeKeys.SigningKey}={ComposeKeys.Read(_directory.File("one.env"))[ComposeKeys.SigningKey]}\n"
            + $"{ComposeKeys.ValidationKey}={ComposeKeys.Read(_directory.File("other.env"))[ComposeKeys.ValidationKey]}\n";
        await File.WriteAllTextAsync(EnvFile, mismatched);

        var (exitCode, output) = await Command.RunAsync(ComposeKeys.ScriptPath, [EnvFile], ComposeKeys.Unset);

        Assert.NotEqual(0, exitCode);
        Assert.Contains(ComposeKeys.ValidationKey, output, StringComparison.Ordinal);
        Assert.Equal(mismatched, await File.ReadAllTextAsync(EnvFile));
    }

    [Fact]
    public async Task Writes_an_env_file_only_its_owner_can_read()
    {
        await ComposeKeys.GenerateAsync(EnvFile);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(EnvFile));
    }

    [Fact]
    public async Task Writes_by_default_to_the_env_file_beside_the_compose_file_which_git_ignores()
    {
        // The script in a copy of the repository's layout: compose reads .env from docker-compose.yml's directory.
        var script = Path.Combine(_directory.Path, "deploy", "compose", "generate-keys.sh");
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(script)!);
        File.Copy(ComposeKeys.ScriptPath, script);
        File.SetUnixFileMode(script, File.GetUnixFileMode(ComposeKeys.ScriptPath));

        var (exitCode, output) = await Command.RunAsync(script, [], ComposeKeys.Unset);
        var ignored = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, ".gitignore")).Select(line => line.Trim());

        Assert.True(exitCode == 0, output);
        Assert.All(ComposeKeys.Variables, variable => Assert.Contains(variable, ComposeKeys.Read(EnvFile).Keys));
        Assert.Contains(ignored, line => line is "/.env" or ".env");
    }

    public void Dispose() => _directory.Dispose();

    private async Task<string> WriteDerAsync(string name, string base64)
    {
        var path = _directory.File(name);
        await File.WriteAllBytesAsync(path, Convert.FromBase64String(base64));
        return path;
    }

    private static async Task<string> OpenSslAsync(params string[] arguments)
    {
        var (exitCode, output) = await Command.RunAsync("openssl", arguments);
        Assert.True(exitCode == 0, $"openssl {string.Join(' ', arguments)} exited with {exitCode}:\n{output}");
        return output;
    }
}
