namespace Platform.Deployment.Tests.Kubernetes;

/// <summary>What the restricted Pod Security Standard asks of a pod, plus a read-only root filesystem.</summary>
internal static class PodSecurity
{
    public static IEnumerable<string> Problems(Workload workload)
    {
        var pod = workload.PodSpec["securityContext"];
        var container = workload.Container["securityContext"];
        // A container's setting overrides the pod's.
        YamlNode Setting(string path) => container.At(path).Exists ? container.At(path) : pod.At(path);

        if (!Setting("runAsNonRoot").IsTrue)
        {
            yield return "runAsNonRoot is not true";
        }

        if (Setting("runAsUser").Int == 0)
        {
            yield return "runAsUser is 0 (root)";
        }

        if (!container["readOnlyRootFilesystem"].IsTrue)
        {
            yield return "readOnlyRootFilesystem is not true";
        }

        if (container["allowPrivilegeEscalation"].Text != "false")
        {
            yield return "allowPrivilegeEscalation is not false";
        }

        if (!container.At("capabilities.drop").Items.Any(c => c.Text == "ALL"))
        {
            yield return "capabilities are not all dropped";
        }

        if (Setting("seccompProfile.type").Text is not ("RuntimeDefault" or "Localhost"))
        {
            yield return "no RuntimeDefault seccomp profile";
        }

        // The services never call the Kubernetes API: no token to steal.
        if (workload.PodSpec["automountServiceAccountToken"].Text != "false")
        {
            yield return "automountServiceAccountToken is not false";
        }
    }

    /// <summary>Whether <paramref name="path"/> is on a volume the container may write (an emptyDir mounted read-write).</summary>
    public static bool Writable(Workload workload, string path)
    {
        var mount = workload.Container["volumeMounts"].Items
            .Where(m => m["mountPath"].Text is { } at && (path == at || path.StartsWith(at.TrimEnd('/') + "/", StringComparison.Ordinal)))
            .OrderByDescending(m => m["mountPath"].Text!.Length)
            .FirstOrDefault();
        var volume = workload.PodSpec["volumes"].Items.FirstOrDefault(v => v["name"].Text == mount["name"].Text);
        return mount.Exists && !mount["readOnly"].IsTrue && volume["emptyDir"].Exists;
    }
}
