namespace Platform.Deployment.Tests.Kubernetes;

/// <summary>Whether a Deployment's autoscaler and disruption budget fit it.</summary>
internal static class Scaling
{
    public static IEnumerable<string> AutoscalerProblems(YamlNode autoscaler, Workload workload)
    {
        var target = autoscaler.At("spec.scaleTargetRef");
        if (target["kind"].Text != "Deployment" || target["name"].Text != workload.Name)
        {
            yield return $"its autoscaler scales {target["kind"]} '{target["name"]}', not the Deployment";
        }

        var (min, max) = (autoscaler.At("spec.minReplicas").Int ?? 1, autoscaler.At("spec.maxReplicas").Int ?? 0);
        if (min > max || workload.Replicas < min || workload.Replicas > max)
        {
            yield return $"runs {workload.Replicas} replicas, outside its autoscaler's {min}..{max}";
        }

        var cpu = autoscaler.At("spec.metrics").Items.Where(m => m.At("resource.name").Text == "cpu").ToList();
        if (cpu.Count == 0 || cpu.Any(m => m.At("resource.target.averageUtilization").Int is not > 0))
        {
            yield return "its autoscaler has no cpu utilization target";
        }

        // Utilization is measured against the request: without one the autoscaler cannot scale.
        if (ResourceQuantity.Parse(workload.Container.At("resources.requests.cpu").Text) is not > 0)
        {
            yield return "its autoscaler targets cpu utilization, but the container requests no cpu";
        }
    }

    public static IEnumerable<string> DisruptionBudgetProblems(YamlNode budget, Workload workload)
    {
        if (!workload.PodsMatch(budget.At("spec.selector.matchLabels").Strings))
        {
            yield return "its disruption budget does not select its pods";
        }

        var maxUnavailable = budget.At("spec.maxUnavailable");
        var minAvailable = budget.At("spec.minAvailable");
        int? evictable = maxUnavailable.Exists ? maxUnavailable.Int : minAvailable.Int is { } keep ? workload.Replicas - keep : null;
        if (evictable is null)
        {
            yield return "its disruption budget gives no whole number of pods (maxUnavailable or minAvailable)";
        }
        else if (evictable < 1)
        {
            yield return $"its disruption budget lets no pod of {workload.Replicas} be evicted: a node drain would hang";
        }
        else if (workload.Replicas > 1 && evictable >= workload.Replicas)
        {
            yield return $"its disruption budget lets all {workload.Replicas} pods be evicted at once";
        }
    }
}
