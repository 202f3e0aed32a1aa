using Xunit;

namespace Platform.Deployment.Tests.Kubernetes;

/// <summary>
/// What each overlay deploys: every service folder as a Deployment of the image docker-compose.yml builds, with a
/// Service, an autoscaler and a disruption budget that fit its replicas, in a namespace of the overlay's own.
/// </summary>
[Collection(KubernetesOverlaysCollection.Name)]
public sealed class The_kubernetes_workloads(KubernetesOverlays overlays)
{
    /// <summary>Every service runs replicas side by side (docs/deployment.md, "Which services scale").</summary>
    private const int ProdMinimumReplicas = 2;

    [Theory]
    [EveryOverlay]
    public async Task Render_into_a_restricted_namespace_of_their_own(string overlay)
    {
        var manifest = (await overlays.LoadAsync(overlay)).Manifest;
        var namespaces = manifest.OfKind("Namespace").ToList();
        var name = Assert.Single(namespaces).At("metadata.name").Text;

        Assert.NotEqual("default", name);
        Assert.Equal("restricted", namespaces[0].At("metadata.labels")["pod-security.kubernetes.io/enforce"].Text);
        Problems.AssertNone(
            from o in manifest.Objects
            where o["kind"].Text != "Namespace" && o.At("metadata.namespace").Text != name
            select $"{o["kind"]} {o.At("metadata.name")} is in namespace '{o.At("metadata.namespace")}', not {name}");
    }

    [Theory]
    [EveryOverlay]
    public async Task Deploy_every_service_folder_with_a_service_an_autoscaler_and_a_disruption_budget(string overlay)
    {
        var manifest = (await overlays.LoadAsync(overlay)).Manifest;
        var folders = ServiceFolders.All();
        Assert.NotEmpty(folders);

        Problems.AssertNone(
            from folder in folders
            from kind in new[] { "Deployment", "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget" }
            where !manifest.Find(kind, folder.Name).Exists
            select $"{overlay}: services/{folder.Name} has no {kind} '{folder.Name}'");
    }

    [Theory]
    [EveryOverlay]
    public async Task Run_the_image_compose_builds_for_each_service_at_a_fixed_tag(string overlay) =>
        Problems.AssertNone((await overlays.LoadAsync(overlay)).ForEachService(service =>
        {
            var image = service.Workload.Image ?? "";
            var built = ServiceImage.Of(service.Folder).Repository;
            var repository = ServiceImage.RepositoryOf(image);
            var problems = new List<string>();
            if (repository != built && !repository.EndsWith("/" + built, StringComparison.Ordinal))
            {
                problems.Add($"runs {image}, not {built} (the image docker-compose.yml builds from deploy/docker/service.Dockerfile)");
            }

            if (ServiceImage.TagOf(image) is null or "latest")
            {
                problems.Add($"runs {image}: no fixed tag, so nodes may run different builds");
            }

            return problems;
        }));

    [Theory]
    [EveryOverlay]
    public async Task Autoscale_on_cpu_within_a_range_that_holds_the_replicas(string overlay) =>
        Problems.AssertNone((await overlays.LoadAsync(overlay)).ForEachService(service =>
            Scaling.AutoscalerProblems(service.Companion("HorizontalPodAutoscaler"), service.Workload)));

    [Theory]
    [EveryOverlay]
    public async Task Let_a_node_drain_evict_one_replica_at_a_time(string overlay) =>
        Problems.AssertNone((await overlays.LoadAsync(overlay)).ForEachService(service =>
            Scaling.DisruptionBudgetProblems(service.Companion("PodDisruptionBudget"), service.Workload)));

    [Fact]
    public async Task Run_more_replicas_with_higher_limits_in_prod_than_in_dev()
    {
        var dev = await overlays.LoadAsync(KubernetesOverlays.Dev);
        var prod = await overlays.LoadAsync(KubernetesOverlays.Prod);

        Problems.AssertNone(prod.ForEachService(service =>
        {
            var problems = new List<string>();
            var before = dev.Service(service.Folder.Name).Workload;
            var autoscaler = service.Companion("HorizontalPodAutoscaler");
            if (service.Workload.Replicas < ProdMinimumReplicas || (autoscaler["spec"]["minReplicas"].Int ?? 1) < ProdMinimumReplicas)
            {
                problems.Add($"runs {service.Workload.Replicas} replicas (autoscaler minimum {autoscaler.At("spec.minReplicas")}), fewer than {ProdMinimumReplicas}");
            }

            if (service.Workload.Replicas <= before.Replicas)
            {
                problems.Add($"runs {service.Workload.Replicas} replicas, dev {before.Replicas}");
            }

            foreach (var resource in new[] { "cpu", "memory" })
            {
                var limit = ResourceQuantity.Parse(service.Workload.Container.At($"resources.limits.{resource}").Text);
                var devLimit = ResourceQuantity.Parse(before.Container.At($"resources.limits.{resource}").Text);
                if (limit is null || devLimit is null || limit <= devLimit)
                {
                    problems.Add($"limits {resource} to {limit?.ToString() ?? "nothing"}, dev to {devLimit?.ToString() ?? "nothing"}");
                }
            }

            return problems;
        }));
    }
}
