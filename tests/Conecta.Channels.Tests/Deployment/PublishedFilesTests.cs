using System.Diagnostics;

namespace Conecta.Channels.Tests.Deployment;

/// <summary>
/// The image is what `dotnet publish` writes (docker/Dockerfile copies only its output): the public development keys
/// must not be in it, so an image started in Development has no secrets and refuses to start.
/// </summary>
public sealed class PublishedFilesTests
{
    [Fact]
    public async Task Publishing_the_service_as_the_dockerfile_does_leaves_out_the_development_settings()
    {
        var output = Path.Combine(Path.GetTempPath(), "conecta-publish-" + Guid.NewGuid().ToString("N"));
        // The test binaries sit in bin/<configuration>/<tfm>: publish what that configuration built.
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        try
        {
            var start = new ProcessStartInfo("dotnet",
                $"publish src/Conecta.Channels/Conecta.Channels.csproj -c {configuration} --no-build -o \"{output}\" -p:UseAppHost=false -nologo -v q")
            {
                WorkingDirectory = Repository.Root,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var publish = Process.Start(start)!;
            var log = publish.StandardOutput.ReadToEndAsync();
            var errors = publish.StandardError.ReadToEndAsync();
            await publish.WaitForExitAsync();

            Assert.True(publish.ExitCode == 0, await log + await errors);
            Assert.True(File.Exists(Path.Combine(output, "Conecta.Channels.dll")));
            Assert.True(File.Exists(Path.Combine(output, "appsettings.json")));
            Assert.False(File.Exists(Path.Combine(output, "appsettings.Development.json")));
        }
        finally
        {
            if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public void The_docker_build_context_leaves_out_the_development_settings_and_the_image_takes_only_the_publish_output()
    {
        var ignored = File.ReadAllLines(Repository.PathOf("docker/Dockerfile.dockerignore"));
        var dockerfile = File.ReadAllText(Repository.PathOf("docker/Dockerfile"));

        Assert.Contains("**/appsettings.Development.json", ignored);
        Assert.Contains("RUN dotnet publish src/Conecta.Channels/Conecta.Channels.csproj -c Release", dockerfile, StringComparison.Ordinal);
        Assert.Contains("COPY --from=build /app ./", dockerfile, StringComparison.Ordinal);
        Assert.Contains("ASPNETCORE_ENVIRONMENT=Production", dockerfile, StringComparison.Ordinal);
    }
}
