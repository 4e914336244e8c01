package io.inbox.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The properties of the manifests that keep production safe, on the base and on every overlay. */
class ManifestsTest {

  private static final List<String> SERVICES =
      List.of("webhook-service", "job-runner-service", "admin-service");
  private static final Pattern SECRET_LIKE =
      Pattern.compile("SECRET|TOKEN|PASSWORD|DATABASE_URL|DIRECT_URL", Pattern.CASE_INSENSITIVE);
  private static final Pattern RELEASE = Pattern.compile("\\d+\\.\\d+\\.\\d+");

  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/prod"})
  void everyServiceMigratesThenGrantsThenStartsWithAllThreeProbes(String kustomization)
      throws Exception {
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
      Container grant = pod.getInitContainers().get(1);
      assertEquals("schema-grant", grant.getName());
      assertEquals(List.of("grant"), grant.getArgs());
      assertEquals(guard.getImage(), grant.getImage());
      // Both connect as the owner: DIRECT_URL, which the guard prefers to DATABASE_URL.
      for (Container c : List.of(guard, grant)) {
        assertEquals("DIRECT_URL", secretKey(c, "DIRECT_URL"), c.getName());
      }
      assertEquals("SERVICES_DB_ROLE", secretKey(grant, "SERVICES_DB_ROLE"));
      Container app = pod.getContainers().get(0);
      assertEquals("/q/health/ready", app.getReadinessProbe().getHttpGet().getPath());
      assertEquals("/q/health/live", app.getLivenessProbe().getHttpGet().getPath());
      assertEquals("/q/health/started", app.getStartupProbe().getHttpGet().getPath());
      assertEquals("DATABASE_URL", secretKey(app, "DATABASE_URL"));
      for (Container c : List.of(guard, grant, app)) {
        assertNotNull(c.getResources().getRequests(), c.getName() + " has no resource requests");
        assertTrue(c.getSecurityContext().getReadOnlyRootFilesystem(), c.getName());
        assertFalse(c.getSecurityContext().getAllowPrivilegeEscalation(), c.getName());
      }
      assertTrue(pod.getSecurityContext().getRunAsNonRoot());
    }
  }

  /** The runner LISTENs as the services' role, never with the owner's URL the guard uses. */
  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/prod"})
  void noServiceContainerHoldsTheOwnersUrl(String kustomization) throws Exception {
    for (Deployment d :
        RenderedManifests.ofKind(RenderedManifests.render(kustomization), Deployment.class)) {
      Container app = d.getSpec().getTemplate().getSpec().getContainers().get(0);
      for (EnvVar env : app.getEnv()) {
        if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
          assertFalse(
              env.getValueFrom().getSecretKeyRef().getKey().equals("DIRECT_URL"),
              d.getMetadata().getName() + " gets the owner's DIRECT_URL as " + env.getName());
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/prod"})
  void webhookAndRunnerRunTwiceAndEveryServiceSurvivesDisruption(String kustomization)
      throws Exception {
    List<HasMetadata> all = RenderedManifests.render(kustomization);
    Map<String, Deployment> deployments =
        RenderedManifests.ofKind(all, Deployment.class).stream()
            .collect(Collectors.toMap(d -> d.getMetadata().getName(), d -> d));
    assertTrue(deployments.get("job-runner-service").getSpec().getReplicas() >= 2);
    // The webhook's count belongs to its autoscaler: a replicas field would reset it on apply.
    assertNull(deployments.get("webhook-service").getSpec().getReplicas());
    HorizontalPodAutoscaler hpa =
        RenderedManifests.ofKind(all, HorizontalPodAutoscaler.class).stream()
            .filter(h -> h.getSpec().getScaleTargetRef().getName().equals("webhook-service"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no autoscaler for webhook-service"));
    assertEquals("Deployment", hpa.getSpec().getScaleTargetRef().getKind());
    assertTrue(hpa.getSpec().getMinReplicas() >= 2);
    assertEquals("cpu", hpa.getSpec().getMetrics().get(0).getResource().getName());
    Container webhook =
        deployments.get("webhook-service").getSpec().getTemplate().getSpec().getContainers().get(0);
    assertNotNull(
        webhook.getResources().getRequests().get("cpu"), "CPU utilisation needs a CPU request");
    // In-flight webhooks finish before the pod goes: preStop sleeps while the endpoints update,
    // and the grace period covers it plus Quarkus' shutdown delay and timeout (5 + 5 + 12 s).
    assertEquals(List.of("sleep", "5"), webhook.getLifecycle().getPreStop().getExec().getCommand());
    assertTrue(
        deployments
                .get("webhook-service")
                .getSpec()
                .getTemplate()
                .getSpec()
                .getTerminationGracePeriodSeconds()
            >= 22);
    Map<String, PodDisruptionBudget> budgets =
        RenderedManifests.ofKind(all, PodDisruptionBudget.class).stream()
            .collect(Collectors.toMap(p -> p.getMetadata().getName(), p -> p));
    for (String service : SERVICES) {
      PodDisruptionBudget budget = budgets.get(service);
      assertNotNull(budget, "no PodDisruptionBudget for " + service);
      assertEquals(
          Map.of("app.kubernetes.io/name", service),
          budget.getSpec().getSelector().getMatchLabels());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/prod"})
  void everyPodRunsWithoutAnApiTokenAndWithBoundedScratchSpace(String kustomization)
      throws Exception {
    List<HasMetadata> all = RenderedManifests.render(kustomization);
    Map<String, ServiceAccount> accounts =
        RenderedManifests.ofKind(all, ServiceAccount.class).stream()
            .collect(Collectors.toMap(a -> a.getMetadata().getName(), a -> a));
    Map<String, PodTemplateSpec> pods = RenderedManifests.podTemplates(all);
    assertEquals(4, pods.size(), pods.keySet()::toString);
    for (var pod : pods.entrySet()) {
      PodSpec spec = pod.getValue().getSpec();
      assertEquals(
          Boolean.FALSE, spec.getAutomountServiceAccountToken(), pod.getKey() + " mounts a token");
      for (Volume volume : spec.getVolumes()) {
        if (volume.getEmptyDir() != null) {
          assertNotNull(
              volume.getEmptyDir().getSizeLimit(),
              pod.getKey() + "'s emptyDir " + volume.getName() + " has no sizeLimit");
        }
      }
      if (SERVICES.contains(pod.getKey())) {
        ServiceAccount account = accounts.get(spec.getServiceAccountName());
        assertNotNull(account, pod.getKey() + " runs as a ServiceAccount that is not rendered");
        assertEquals(Boolean.FALSE, account.getAutomountServiceAccountToken());
      }
    }
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

  /** A key the manifests require but the example lacks stops the pod at its first start. */
  @Test
  void theExampleSecretHasEveryKeyThePodsRequire() throws Exception {
    Secret example =
        new KubernetesSerialization()
            .unmarshal(
                RenderedManifests.repositoryFile("deploy/k8s/secret.example.yaml"), Secret.class);
    Set<String> required = new TreeSet<>();
    for (PodTemplateSpec pod :
        RenderedManifests.podTemplates(RenderedManifests.render("overlays/prod")).values()) {
      List<Container> containers = new ArrayList<>(pod.getSpec().getInitContainers());
      containers.addAll(pod.getSpec().getContainers());
      for (Container c : containers) {
        for (EnvVar env : c.getEnv()) {
          var ref = env.getValueFrom() == null ? null : env.getValueFrom().getSecretKeyRef();
          if (ref != null && !Boolean.TRUE.equals(ref.getOptional())) {
            assertEquals(example.getMetadata().getName(), ref.getName(), env.getName());
            required.add(ref.getKey());
          }
        }
      }
    }
    Set<String> missing = new TreeSet<>(required);
    missing.removeAll(example.getStringData().keySet());
    assertTrue(missing.isEmpty(), "secret.example.yaml lacks " + missing);
  }

  /**
   * Channels' tokens: runner (sends) and admin (tokenConfigured, health) read WHATSAPP_TOKEN_DIR,
   * the example Secret's directory; optional, so a single-number deployment starts without it.
   */
  @Test
  void runnerAndAdminReadChannelTokensFromTheExampleSecretMountedAsADirectory() throws Exception {
    Secret example =
        new KubernetesSerialization()
            .unmarshal(
                RenderedManifests.repositoryFile("deploy/k8s/whatsapp-tokens.example.yaml"),
                Secret.class);
    Map<String, PodTemplateSpec> pods =
        RenderedManifests.podTemplates(RenderedManifests.render("overlays/prod"));
    for (String service : List.of("job-runner-service", "admin-service")) {
      var pod = pods.get(service).getSpec();
      Container container = pod.getContainers().get(0);
      String dir =
          container.getEnv().stream()
              .filter(e -> e.getName().equals("WHATSAPP_TOKEN_DIR"))
              .findFirst()
              .map(EnvVar::getValue)
              .orElseThrow(() -> new AssertionError(service + " has no WHATSAPP_TOKEN_DIR"));
      String volume =
          container.getVolumeMounts().stream()
              .filter(m -> m.getMountPath().equals(dir))
              .findFirst()
              .map(m -> m.getName())
              .orElseThrow(() -> new AssertionError(service + " mounts nothing at " + dir));
      var secret =
          pod.getVolumes().stream()
              .filter(v -> v.getName().equals(volume))
              .findFirst()
              .orElseThrow()
              .getSecret();
      assertEquals(example.getMetadata().getName(), secret.getSecretName(), service);
      assertEquals(Boolean.TRUE, secret.getOptional(), service + ": the Secret is optional");
    }
    assertTrue(example.getStringData().keySet().stream().allMatch(k -> k.matches("[A-Z0-9_]+")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"base"})
  void imagesAreTheOnesTheBuildProduces(String kustomization) throws Exception {
    String tag = System.getProperty("project.version");
    for (Deployment d :
        RenderedManifests.ofKind(RenderedManifests.render(kustomization), Deployment.class)) {
      var pod = d.getSpec().getTemplate().getSpec();
      for (Container init : pod.getInitContainers()) {
        assertEquals("inbox/schema-guard:" + tag, init.getImage());
      }
      assertEquals(
          "inbox/" + d.getMetadata().getName() + ":" + tag, pod.getContainers().get(0).getImage());
    }
  }

  /** A SNAPSHOT tag names whatever was pushed last: production runs one release, all of it. */
  @Test
  void prodRunsOneReleaseNeverASnapshot() throws Exception {
    Set<String> tags = new TreeSet<>();
    for (Deployment d :
        RenderedManifests.ofKind(RenderedManifests.render("overlays/prod"), Deployment.class)) {
      var pod = d.getSpec().getTemplate().getSpec();
      for (Container c :
          Stream.concat(pod.getInitContainers().stream(), pod.getContainers().stream()).toList()) {
        String image = c.getImage();
        String tag = image.substring(image.lastIndexOf(':') + 1);
        assertFalse(tag.toUpperCase().contains("SNAPSHOT"), "prod runs a SNAPSHOT: " + image);
        assertTrue(RELEASE.matcher(tag).matches(), "not a release version: " + image);
        tags.add(tag);
      }
    }
    assertEquals(1, tags.size(), "prod mixes releases: " + tags);
  }

  private static String secretKey(Container container, String variable) {
    return container.getEnv().stream()
        .filter(e -> e.getName().equals(variable))
        .findFirst()
        .map(e -> e.getValueFrom().getSecretKeyRef().getKey())
        .orElseThrow(() -> new AssertionError(container.getName() + " has no " + variable));
  }
}
