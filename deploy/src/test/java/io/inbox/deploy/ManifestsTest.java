package io.inbox.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The properties of the manifests that keep production safe, on the base and on every overlay. */
class ManifestsTest {

  private static final List<String> SERVICES =
      List.of("webhook-service", "job-runner-service", "admin-service");
  private static final Pattern SECRET_LIKE =
      Pattern.compile("SECRET|TOKEN|PASSWORD|DATABASE_URL|DIRECT_URL", Pattern.CASE_INSENSITIVE);

  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/prod"})
  void everyServiceWaitsForTheGuardAndHasAllThreeProbes(String kustomization) throws Exception {
    List<Deployment> deployments =
        RenderedManifests.ofKind(RenderedManifests.render(kustomization), Deployment.class);
    assertEquals(
        SERVICES.stream().sorted().toList(),
        deployments.stream().map(d -> d.getMetadata().getName()).sorted().toList());
    for (Deployment deployment : deployments) {
      var pod = deployment.getSpec().getTemplate().getSpec();
      Container guard = pod.getInitContainers().get(0);
      assertEquals("schema-guard", guard.getName());
      assertEquals(List.of("migrate"), guard.getArgs());
      Container app = pod.getContainers().get(0);
      assertEquals("/q/health/ready", app.getReadinessProbe().getHttpGet().getPath());
      assertEquals("/q/health/live", app.getLivenessProbe().getHttpGet().getPath());
      assertEquals("/q/health/started", app.getStartupProbe().getHttpGet().getPath());
      for (Container c : List.of(guard, app)) {
        assertNotNull(c.getResources().getRequests(), c.getName() + " has no resource requests");
        assertTrue(c.getSecurityContext().getReadOnlyRootFilesystem(), c.getName());
        assertFalse(c.getSecurityContext().getAllowPrivilegeEscalation(), c.getName());
      }
      assertTrue(pod.getSecurityContext().getRunAsNonRoot());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/prod"})
  void webhookAndRunnerRunTwiceAndSurviveDisruption(String kustomization) throws Exception {
    List<HasMetadata> all = RenderedManifests.render(kustomization);
    Map<String, Integer> replicas =
        RenderedManifests.ofKind(all, Deployment.class).stream()
            .collect(
                Collectors.toMap(d -> d.getMetadata().getName(), d -> d.getSpec().getReplicas()));
    assertTrue(replicas.get("webhook-service") >= 2);
    assertTrue(replicas.get("job-runner-service") >= 2);
    List<String> budgets =
        RenderedManifests.ofKind(all, PodDisruptionBudget.class).stream()
            .map(p -> p.getMetadata().getName())
            .toList();
    assertTrue(
        budgets.containsAll(List.of("webhook-service", "job-runner-service")), budgets::toString);
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/prod"})
  void cronJobCallsTheRunnerEveryMinuteWithTheSecretInAHeader(String kustomization)
      throws Exception {
    List<HasMetadata> all = RenderedManifests.render(kustomization);
    CronJob cron = RenderedManifests.ofKind(all, CronJob.class).get(0);
    assertEquals("* * * * *", cron.getSpec().getSchedule());
    assertEquals("Forbid", cron.getSpec().getConcurrencyPolicy());
    Container trigger =
        cron.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getContainers().get(0);
    List<String> args = trigger.getArgs();
    assertTrue(args.contains("X-Cron-Secret: $(CRON_SECRET)"), args::toString);
    String url = args.get(args.size() - 1);
    assertFalse(url.contains("token="), "the secret must not travel in the URL: " + url);
    Service runner =
        RenderedManifests.ofKind(all, Service.class).stream()
            .filter(s -> s.getMetadata().getName().equals("job-runner-service"))
            .findFirst()
            .orElseThrow();
    assertEquals(
        "http://job-runner-service:"
            + runner.getSpec().getPorts().get(0).getPort()
            + "/api/cron/run-outbound-jobs",
        url);
    assertEquals(
        "inbox-secrets", trigger.getEnv().get(0).getValueFrom().getSecretKeyRef().getName());
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/prod"})
  void noSecretValueSitsInAConfigMap(String kustomization) throws Exception {
    for (ConfigMap map :
        RenderedManifests.ofKind(RenderedManifests.render(kustomization), ConfigMap.class)) {
      for (var entry : map.getData().entrySet()) {
        assertFalse(
            SECRET_LIKE.matcher(entry.getKey()).find(),
            "secret-like key in ConfigMap: " + entry.getKey());
        assertFalse(
            entry.getValue().contains("@"), "credentials in ConfigMap value of " + entry.getKey());
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"base"})
  void imagesAreTheOnesTheBuildProduces(String kustomization) throws Exception {
    String tag = System.getProperty("project.version");
    for (Deployment d :
        RenderedManifests.ofKind(RenderedManifests.render(kustomization), Deployment.class)) {
      var pod = d.getSpec().getTemplate().getSpec();
      assertEquals("inbox/schema-guard:" + tag, pod.getInitContainers().get(0).getImage());
      assertEquals(
          "inbox/" + d.getMetadata().getName() + ":" + tag, pod.getContainers().get(0).getImage());
    }
  }
}
