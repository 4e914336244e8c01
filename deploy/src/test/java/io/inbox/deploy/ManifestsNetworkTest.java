package io.inbox.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What reaches what: the public Ingress publishes only Meta's webhook, and the NetworkPolicies deny
 * by default, select pods that exist, and let through exactly what the services need.
 */
class ManifestsNetworkTest {

  private static final String MANAGEMENT = "management";

  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/prod"})
  void theIngressPublishesOnlyTheWebhookOverTls(String kustomization) throws Exception {
    List<HasMetadata> all = RenderedManifests.render(kustomization);
    List<Ingress> ingresses = RenderedManifests.ofKind(all, Ingress.class);
    assertEquals(1, ingresses.size());
    Ingress ingress = ingresses.get(0);
    Service webhook = service(all, "webhook-service");
    Set<String> tlsHosts =
        ingress.getSpec().getTls().stream()
            .flatMap(tls -> tls.getHosts().stream())
            .collect(Collectors.toSet());
    for (IngressRule rule : ingress.getSpec().getRules()) {
      assertTrue(tlsHosts.contains(rule.getHost()), rule.getHost() + " is served without TLS");
      List<HTTPIngressPath> paths = rule.getHttp().getPaths();
      assertEquals(1, paths.size(), "only the webhook is public");
      HTTPIngressPath path = paths.get(0);
      assertEquals("/api/webhooks", path.getPath());
      assertEquals("Prefix", path.getPathType());
      var backend = path.getBackend().getService();
      assertEquals("webhook-service", backend.getName());
      assertTrue(
          webhook.getSpec().getPorts().stream()
              .anyMatch(
                  p ->
                      p.getName().equals(backend.getPort().getName())
                          || p.getPort().equals(backend.getPort().getNumber())),
          "the Ingress names a port webhook-service does not have: " + backend.getPort());
    }
    assertNull(ingress.getSpec().getDefaultBackend(), "a default backend publishes everything");
  }

  /**
   * /q/* (health, metrics, OpenAPI) is served on the pods' management port only: the kubelet probes
   * it, Prometheus scrapes it through a Service of its own, and nothing that routes the API (the
   * public Service, the Ingress, the ingress controller's or the CronJob's way in) reaches it.
   */
  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/prod"})
  void theManagementPortServesProbesAndPrometheusOnly(String kustomization) throws Exception {
    List<HasMetadata> all = RenderedManifests.render(kustomization);
    for (Deployment deployment : RenderedManifests.ofKind(all, Deployment.class)) {
      String name = deployment.getMetadata().getName();
      Container app = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
      assertTrue(
          app.getPorts().stream().anyMatch(p -> MANAGEMENT.equals(p.getName())),
          name + " declares no management port");
      for (Probe probe :
          List.of(app.getStartupProbe(), app.getReadinessProbe(), app.getLivenessProbe())) {
        assertEquals(MANAGEMENT, probe.getHttpGet().getPort().getStrVal(), name);
      }
    }
    Set<String> managementServices = new HashSet<>();
    for (Service service : RenderedManifests.ofKind(all, Service.class)) {
      String name = service.getMetadata().getName();
      boolean exposes =
          service.getSpec().getPorts().stream()
              .anyMatch(p -> MANAGEMENT.equals(p.getTargetPort().getStrVal()));
      boolean marked =
          MANAGEMENT.equals(service.getMetadata().getLabels().get("app.kubernetes.io/component"));
      assertEquals(marked, exposes, name + ": only a management Service exposes the port");
      if (exposes) {
        assertEquals(1, service.getSpec().getPorts().size(), name + " mixes API and management");
        managementServices.add(name);
      }
    }
    assertFalse(
        service(all, "webhook-service").getSpec().getPorts().stream()
            .anyMatch(p -> MANAGEMENT.equals(p.getTargetPort().getStrVal())),
        "the public Service exposes the management port");
    for (Ingress ingress : RenderedManifests.ofKind(all, Ingress.class)) {
      for (IngressRule rule : ingress.getSpec().getRules()) {
        for (HTTPIngressPath path : rule.getHttp().getPaths()) {
          var backend = path.getBackend().getService();
          assertFalse(managementServices.contains(backend.getName()), "Ingress → " + backend);
          assertFalse(MANAGEMENT.equals(backend.getPort().getName()), "Ingress → " + backend);
        }
      }
    }
    for (NetworkPolicy policy : RenderedManifests.ofKind(all, NetworkPolicy.class)) {
      for (var rule : policy.getSpec().getIngress()) {
        if (rule.getPorts().stream().anyMatch(p -> MANAGEMENT.equals(p.getPort().getStrVal()))) {
          assertEquals(
              Set.of("namespace monitoring"),
              rule.getFrom().stream()
                  .map(ManifestsNetworkTest::describe)
                  .collect(Collectors.toSet()),
              policy.getMetadata().getName() + " admits others to the management port");
          assertEquals(1, rule.getPorts().size(), policy.getMetadata().getName());
        }
      }
    }
    assertFalse(managementServices.isEmpty(), "Prometheus has no management Service to scrape");
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/prod"})
  void everyPolicyAndEveryPeerSelectsPodsThatExistOnPortsTheyServe(String kustomization)
      throws Exception {
    List<HasMetadata> all = RenderedManifests.render(kustomization);
    Map<String, PodTemplateSpec> pods = RenderedManifests.podTemplates(all);
    for (NetworkPolicy policy : RenderedManifests.ofKind(all, NetworkPolicy.class)) {
      String name = policy.getMetadata().getName();
      List<PodTemplateSpec> selected = selected(pods, policy.getSpec().getPodSelector());
      assertFalse(selected.isEmpty(), "NetworkPolicy " + name + " selects no pod");
      for (var rule : policy.getSpec().getIngress()) {
        assertPeersExist(pods, rule.getFrom(), name);
        // An ingress port is the selected pods' own.
        assertPortsServed(selected, rule.getPorts(), name);
      }
      for (var rule : policy.getSpec().getEgress()) {
        assertPeersExist(pods, rule.getTo(), name);
        for (NetworkPolicyPeer peer : rule.getTo()) {
          if (peer.getPodSelector() != null && peer.getNamespaceSelector() == null) {
            assertPortsServed(selected(pods, peer.getPodSelector()), rule.getPorts(), name);
          }
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/prod"})
  void everythingIsDeniedUnlessAllowed(String kustomization) throws Exception {
    List<HasMetadata> all = RenderedManifests.render(kustomization);
    Map<String, PodTemplateSpec> pods = RenderedManifests.podTemplates(all);
    List<NetworkPolicy> policies = RenderedManifests.ofKind(all, NetworkPolicy.class);
    NetworkPolicy deny =
        policies.stream()
            .filter(p -> p.getMetadata().getName().equals("default-deny"))
            .findFirst()
            .orElseThrow();
    assertEquals(new LabelSelector(), deny.getSpec().getPodSelector(), "deny selects every pod");
    assertEquals(List.of("Ingress", "Egress"), deny.getSpec().getPolicyTypes());
    assertTrue(deny.getSpec().getIngress().isEmpty() && deny.getSpec().getEgress().isEmpty());

    // Every pod resolves names; the services (and their guards) reach Postgres; the runner
    // and admin reach the Cloud API; the CronJob's pods reach the runner, and nothing else does.
    for (String pod : pods.keySet()) {
      assertTrue(egressPorts(policies, pods, pod).contains("53"), pod + " cannot resolve names");
    }
    for (String service : List.of("webhook-service", "job-runner-service", "admin-service")) {
      assertTrue(egressPorts(policies, pods, service).contains("5432"), service + " → Postgres");
    }
    assertTrue(
        egressPorts(policies, pods, "job-runner-service").contains("443"), "runner → Cloud API");
    assertTrue(
        egressPorts(policies, pods, "admin-service").contains("443"), "admin → Graph API (health)");
    assertFalse(
        egressPorts(policies, pods, "webhook-service").contains("443"), "webhook → internet");
    assertTrue(
        egressPorts(policies, pods, "run-outbound-jobs").contains("http"), "CronJob → runner");

    // Who may call whom: Meta only through the ingress controller's namespace, the runner's
    // endpoints only from the CronJob's pods, admin only from this namespace. Prometheus
    // (another namespace) scrapes all three.
    assertEquals(
        Set.of("namespace ingress-nginx", "namespace monitoring"),
        callers(policies, pods, "webhook-service"));
    assertEquals(
        Set.of("pods run-outbound-jobs", "namespace monitoring"),
        callers(policies, pods, "job-runner-service"));
    assertEquals(
        Set.of("pods of this namespace", "namespace monitoring"),
        callers(policies, pods, "admin-service"));
    assertEquals(Set.of(), callers(policies, pods, "run-outbound-jobs"));
  }

  /** Ports (numbers or names) the pod may open connections to, over every policy selecting it. */
  private static Set<String> egressPorts(
      List<NetworkPolicy> policies, Map<String, PodTemplateSpec> pods, String pod) {
    return policies.stream()
        .filter(p -> selects(p.getSpec().getPodSelector(), pods.get(pod)))
        .flatMap(p -> p.getSpec().getEgress().stream())
        .flatMap(rule -> rule.getPorts().stream())
        .map(
            port ->
                port.getPort().getIntVal() != null
                    ? port.getPort().getIntVal().toString()
                    : port.getPort().getStrVal())
        .collect(Collectors.toSet());
  }

  /** Who a pod admits, in words: the namespaces and pods of every ingress rule selecting it. */
  private static Set<String> callers(
      List<NetworkPolicy> policies, Map<String, PodTemplateSpec> pods, String pod) {
    return policies.stream()
        .filter(p -> selects(p.getSpec().getPodSelector(), pods.get(pod)))
        .flatMap(p -> p.getSpec().getIngress().stream())
        .flatMap(
            rule -> {
              assertFalse(rule.getFrom().isEmpty(), pod + " admits anyone");
              return rule.getFrom().stream();
            })
        .map(ManifestsNetworkTest::describe)
        .collect(Collectors.toSet());
  }

  private static String describe(NetworkPolicyPeer peer) {
    assertTrue(peer.getIpBlock() == null, "ingress by address: " + peer.getIpBlock());
    if (peer.getNamespaceSelector() != null) {
      assertTrue(peer.getPodSelector() == null, "pods of another namespace: " + peer);
      return "namespace "
          + peer.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name");
    }
    Map<String, String> labels = peer.getPodSelector().getMatchLabels();
    return labels == null || labels.isEmpty()
        ? "pods of this namespace"
        : "pods " + labels.get("app.kubernetes.io/name");
  }

  private static void assertPeersExist(
      Map<String, PodTemplateSpec> pods, List<NetworkPolicyPeer> peers, String policy) {
    for (NetworkPolicyPeer peer : peers) {
      // A pod selector alone means pods of this namespace: some must match.
      if (peer.getPodSelector() != null && peer.getNamespaceSelector() == null) {
        assertFalse(
            selected(pods, peer.getPodSelector()).isEmpty(),
            "NetworkPolicy " + policy + " names pods that do not exist: " + peer.getPodSelector());
      }
    }
  }

  private static void assertPortsServed(
      List<PodTemplateSpec> pods, List<NetworkPolicyPort> ports, String policy) {
    for (NetworkPolicyPort port : ports) {
      for (PodTemplateSpec pod : pods) {
        List<ContainerPort> served =
            pod.getSpec().getContainers().stream().flatMap(c -> c.getPorts().stream()).toList();
        IntOrString wanted = port.getPort();
        assertTrue(
            served.stream()
                .anyMatch(
                    p ->
                        Objects.equals(p.getName(), wanted.getStrVal())
                            || Objects.equals(p.getContainerPort(), wanted.getIntVal())),
            "NetworkPolicy " + policy + ": port " + wanted + " is not served by " + served);
      }
    }
  }

  private static List<PodTemplateSpec> selected(
      Map<String, PodTemplateSpec> pods, LabelSelector selector) {
    return pods.values().stream().filter(pod -> selects(selector, pod)).toList();
  }

  private static boolean selects(LabelSelector selector, PodTemplateSpec pod) {
    Map<String, String> labels = pod.getMetadata().getLabels();
    if (selector.getMatchLabels() != null
        && !labels.entrySet().containsAll(selector.getMatchLabels().entrySet())) {
      return false;
    }
    for (LabelSelectorRequirement req : selector.getMatchExpressions()) {
      boolean in = req.getValues().contains(labels.get(req.getKey()));
      boolean matches =
          switch (req.getOperator()) {
            case "In" -> in;
            case "NotIn" -> !in;
            case "Exists" -> labels.containsKey(req.getKey());
            case "DoesNotExist" -> !labels.containsKey(req.getKey());
            default -> throw new AssertionError("operator " + req.getOperator());
          };
      if (!matches) {
        return false;
      }
    }
    return true;
  }

  private static Service service(List<HasMetadata> all, String name) {
    return RenderedManifests.ofKind(all, Service.class).stream()
        .filter(s -> s.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow();
  }
}
