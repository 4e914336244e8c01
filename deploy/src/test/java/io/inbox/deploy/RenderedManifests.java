package io.inbox.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A kustomization rendered by {@code kubectl kustomize} (offline) and parsed into fabric8's typed
 * Kubernetes model: a wrong type fails to parse, and a field the API does not know (which fabric8
 * would keep silently) is rejected by walking every parsed object. The Prometheus Operator's kinds
 * (ServiceMonitor, PrometheusRule) parse typed too, through fabric8's monitoring model.
 */
final class RenderedManifests {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private RenderedManifests() {}

  static List<HasMetadata> render(String kustomization) throws Exception {
    Path dir = Path.of("k8s", kustomization);
    Process kubectl =
        new ProcessBuilder("kubectl", "kustomize", dir.toString())
            .redirectErrorStream(false)
            .start();
    kubectl.getOutputStream().close();
    byte[] out = kubectl.getInputStream().readAllBytes();
    String err = new String(kubectl.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(kubectl.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, kubectl.exitValue(), "kubectl kustomize " + dir + " failed: " + err);
    List<HasMetadata> resources = new ArrayList<>();
    for (String doc : new String(out, StandardCharsets.UTF_8).split("(?m)^---$")) {
      if (!doc.isBlank()) {
        HasMetadata resource = SERIALIZATION.unmarshal(doc);
        // A kind without a typed model parses as a generic map, where nothing would be checked.
        assertFalse(
            resource instanceof GenericKubernetesResource,
            "no typed model for " + resource.getApiVersion() + " " + resource.getKind());
        assertNoUnknownFields(
            resource, resource.getKind() + "/" + resource.getMetadata().getName());
        resources.add(resource);
      }
    }
    return resources;
  }

  static <T extends HasMetadata> List<T> ofKind(List<HasMetadata> resources, Class<T> type) {
    return resources.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** The pod template of every Deployment and CronJob, by the name of its owner. */
  static Map<String, PodTemplateSpec> podTemplates(List<HasMetadata> resources) {
    Map<String, PodTemplateSpec> pods = new LinkedHashMap<>();
    for (Deployment d : ofKind(resources, Deployment.class)) {
      pods.put(d.getMetadata().getName(), d.getSpec().getTemplate());
    }
    for (CronJob c : ofKind(resources, CronJob.class)) {
      pods.put(c.getMetadata().getName(), c.getSpec().getJobTemplate().getSpec().getTemplate());
    }
    return pods;
  }

  /**
   * A file of the repository, read relative to the deploy module (Surefire's working directory).
   */
  static String repositoryFile(String path) throws IOException {
    return Files.readString(Path.of("..").resolve(path), StandardCharsets.UTF_8);
  }

  private static void assertNoUnknownFields(Object node, String path) throws IOException {
    if (node == null) {
      return;
    }
    if (node instanceof Collection<?> list) {
      for (Object item : list) {
        assertNoUnknownFields(item, path + "[]");
      }
      return;
    }
    if (node instanceof Map<?, ?> map) {
      for (var entry : map.entrySet()) {
        assertNoUnknownFields(entry.getValue(), path + "." + entry.getKey());
      }
      return;
    }
    if (!(node instanceof KubernetesResource)) {
      return;
    }
    for (Method getter : node.getClass().getMethods()) {
      if (getter.getParameterCount() != 0 || getter.getDeclaringClass() == Object.class) {
        continue;
      }
      try {
        if (getter.getName().equals("getAdditionalProperties")) {
          Map<?, ?> extra = (Map<?, ?>) getter.invoke(node);
          assertTrue(extra == null || extra.isEmpty(), "unknown field(s) " + extra + " at " + path);
        } else if (getter.getName().startsWith("get")) {
          assertNoUnknownFields(getter.invoke(node), path + "." + getter.getName().substring(3));
        }
      } catch (ReflectiveOperationException e) {
        throw new IOException(e);
      }
    }
  }
}
