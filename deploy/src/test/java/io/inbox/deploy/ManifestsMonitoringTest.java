package io.inbox.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.openshift.api.model.monitoring.v1.Endpoint;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The monitoring an operator relies on (prod overlay): every service that exports metrics is
 * scraped, every alert says how bad it is and links a runbook section that exists, and every metric
 * an alert or the dashboard reads is one the services (or the named exporters) really export, so a
 * renamed meter cannot leave an alert silently watching nothing.
 */
class ManifestsMonitoringTest {

  /** Metrics that come from outside the services' own code, and from where. */
  private static final Map<String, String> EXTERNAL =
      Map.of(
          "up", "Prometheus, per scrape target",
          "kube_deployment_status_replicas_unavailable", "kube-state-metrics",
          "kube_deployment_status_condition", "kube-state-metrics");

  /**
   * Quarkus' HTTP server binder: every request of a service with Micrometer, tagged uri, status;
   * buckets too in a service whose timers all publish them ({@code LatencyBuckets}).
   */
  private static final List<String> HTTP_SERVER =
      List.of(
          "http_server_requests_seconds_count",
          "http_server_requests_seconds_sum",
          "http_server_requests_seconds_max");

  private static final String HTTP_SERVER_BUCKETS = "http_server_requests_seconds_bucket";

  private static final Pattern METER =
      Pattern.compile(
          "(Gauge\\.builder|Timer\\.builder|Counter\\.builder|\\.counter)\\(\\s*\"([a-z0-9_.]+)\"");
  private static final Pattern PATH = Pattern.compile("@Path\\(\"([^\"]*)\"\\)");
  private static final Pattern URI = Pattern.compile("uri=\"([^\"]+)\"");
  private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6} +(.+)$");

  private static List<HasMetadata> prod;
  private static Map<String, ServiceSource> sources;

  @BeforeAll
  static void render() throws Exception {
    prod = RenderedManifests.render("overlays/prod");
    sources = servicesWithMetrics();
  }

  @Test
  void everyServiceThatExportsMetricsIsScrapedOnAPortItsServiceHas() {
    List<ServiceMonitor> monitors = RenderedManifests.ofKind(prod, ServiceMonitor.class);
    Map<String, Service> services =
        RenderedManifests.ofKind(prod, Service.class).stream()
            .collect(Collectors.toMap(s -> s.getMetadata().getName(), s -> s));
    Set<String> scraped = new TreeSet<>();
    for (ServiceMonitor monitor : monitors) {
      Map<String, String> selector = monitor.getSpec().getSelector().getMatchLabels();
      List<Service> selected =
          services.values().stream()
              .filter(s -> s.getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
              .toList();
      assertEquals(1, selected.size(), monitor.getMetadata().getName() + " selects " + selected);
      Service service = selected.get(0);
      for (Endpoint endpoint : monitor.getSpec().getEndpoints()) {
        assertEquals("/q/metrics", endpoint.getPath());
        assertTrue(
            service.getSpec().getPorts().stream()
                .map(ServicePort::getName)
                .anyMatch(endpoint.getPort()::equals),
            "port " + endpoint.getPort() + " is not a port of " + service.getMetadata().getName());
      }
      // The Service scraped is the app's management Service; the app is its name label.
      scraped.add(service.getMetadata().getLabels().get("app.kubernetes.io/name"));
    }
    // A ServiceMonitor on a service without /q/metrics would be a target that is always down.
    assertEquals(new TreeSet<>(sources.keySet()), scraped);
  }

  @Test
  void everyAlertHasASeverityASummaryADescriptionAndARunbookSectionThatExists() throws IOException {
    Set<String> anchors = anchors(RenderedManifests.repositoryFile("docs/operations.md"));
    List<Rule> alerts = alerts();
    assertTrue(alerts.size() >= 6, "alerts: " + alerts.size());
    for (Rule alert : alerts) {
      String name = alert.getAlert();
      assertTrue(Set.of("critical", "warning").contains(alert.getLabels().get("severity")), name);
      assertFalse(alert.getAnnotations().getOrDefault("summary", "").isBlank(), name);
      assertFalse(alert.getAnnotations().getOrDefault("description", "").isBlank(), name);
      String runbook = alert.getAnnotations().get("runbook_url");
      assertNotNull(runbook, name + " has no runbook_url");
      assertTrue(runbook.contains("/docs/operations.md#"), runbook);
      String anchor = runbook.substring(runbook.indexOf('#') + 1);
      assertTrue(anchors.contains(anchor), name + ": docs/operations.md has no #" + anchor);
    }
  }

  @Test
  void everyMetricTheAlertsAndTheDashboardReadIsExported() throws IOException {
    Set<String> exported = new TreeSet<>(EXTERNAL.keySet());
    Set<String> paths = new TreeSet<>();
    for (ServiceSource source : sources.values()) {
      exported.addAll(source.metrics());
      exported.addAll(HTTP_SERVER);
      if (source.everyTimerHasBuckets()) {
        exported.add(HTTP_SERVER_BUCKETS);
      }
      paths.addAll(source.paths());
    }
    Map<String, String> queries = new LinkedHashMap<>();
    for (Rule alert : alerts()) {
      queries.put("alert " + alert.getAlert(), alert.getExpr().getStrVal());
    }
    queries.putAll(dashboardQueries(dashboard()));
    assertTrue(queries.size() > 10, queries::toString);
    for (var query : queries.entrySet()) {
      Set<String> metrics = metricNames(query.getValue());
      assertFalse(metrics.isEmpty(), query.getKey() + " reads no metric: " + query.getValue());
      for (String metric : metrics) {
        assertTrue(
            exported.contains(metric),
            query.getKey() + " reads " + metric + ", which nothing exports; exported: " + exported);
      }
      Matcher uri = URI.matcher(query.getValue());
      while (uri.find()) {
        assertTrue(paths.contains(uri.group(1)), query.getKey() + ": no endpoint " + uri.group(1));
      }
    }
  }

  @Test
  void theDashboardIsAConfigMapGrafanaLoadsWithTheQueueSendsWebhookAndListenPanels()
      throws IOException {
    JsonNode dashboard = dashboard();
    assertEquals("inbox-overview", dashboard.path("uid").asText());
    Set<String> read =
        dashboardQueries(dashboard).values().stream()
            .flatMap(q -> metricNames(q).stream())
            .collect(Collectors.toSet());
    for (String metric :
        List.of(
            "runner_queue_due",
            "runner_queue_oldest_due_seconds",
            "runner_provider_calls_seconds_count",
            "runner_jobs_total",
            "runner_listen_connected",
            "http_server_requests_seconds_count",
            "webhook_processing_seconds_bucket",
            "runner_jobs_duration_seconds_bucket",
            "runner_provider_calls_seconds_bucket",
            "runner_ledger_unknown",
            "runner_provider_throttle_paused",
            "runner_retention_pruned_total",
            "admin_events_clients")) {
      assertTrue(read.contains(metric), "the dashboard does not show " + metric);
    }
  }

  private static List<Rule> alerts() {
    List<PrometheusRule> rules = RenderedManifests.ofKind(prod, PrometheusRule.class);
    assertEquals(1, rules.size());
    return rules.get(0).getSpec().getGroups().stream()
        .flatMap(g -> g.getRules().stream())
        .filter(r -> r.getAlert() != null)
        .toList();
  }

  private static JsonNode dashboard() throws IOException {
    ConfigMap map =
        RenderedManifests.ofKind(prod, ConfigMap.class).stream()
            .filter(c -> "1".equals(c.getMetadata().getLabels().get("grafana_dashboard")))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no ConfigMap labelled grafana_dashboard=1"));
    assertEquals(1, map.getData().size());
    return new ObjectMapper().readTree(map.getData().values().iterator().next());
  }

  /** Every panel's query and the templating queries, by panel title. */
  private static Map<String, String> dashboardQueries(JsonNode dashboard) {
    Map<String, String> queries = new LinkedHashMap<>();
    for (JsonNode panel : dashboard.path("panels")) {
      if (panel.path("type").asText().equals("row")) {
        continue;
      }
      assertFalse(panel.path("targets").isEmpty(), panel.path("title") + " has no query");
      int i = 0;
      for (JsonNode target : panel.path("targets")) {
        queries.put(
            "panel \"" + panel.path("title").asText() + "\" #" + i++, target.path("expr").asText());
      }
    }
    for (JsonNode variable : dashboard.path("templating").path("list")) {
      String definition = variable.path("definition").asText();
      Matcher labelValues = Pattern.compile("label_values\\((\\w+),").matcher(definition);
      if (labelValues.find()) {
        queries.put("variable " + variable.path("name").asText(), labelValues.group(1));
      }
    }
    return queries;
  }

  /**
   * The metric names a PromQL expression reads: what is left after strings, label matchers, range
   * selectors and grouping clauses are removed, minus functions (a name before "(") and keywords.
   */
  static Set<String> metricNames(String promql) {
    String bare =
        promql
            .replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
            .replaceAll("\\{[^}]*}", " ")
            .replaceAll("\\[[^\\]]*]", " ")
            .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
    Set<String> names = new TreeSet<>();
    Matcher token = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?").matcher(bare);
    while (token.find()) {
      String name = token.group(1);
      if (token.group(2) == null
          && !Set.of("and", "or", "unless", "bool", "offset", "inf", "nan")
              .contains(name.toLowerCase(Locale.ROOT))) {
        names.add(name);
      }
    }
    return names;
  }

  /** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
  static Set<String> anchors(String markdown) {
    Set<String> anchors = new TreeSet<>();
    Matcher heading = HEADING.matcher(markdown);
    while (heading.find()) {
      anchors.add(
          heading
              .group(1)
              .strip()
              .toLowerCase(Locale.ROOT)
              .replaceAll("[^\\p{L}\\p{N} _-]", "")
              .replace(' ', '-'));
    }
    return anchors;
  }

  /**
   * A service module that exports /q/metrics: its meters' Prometheus names, its paths, and whether
   * a MeterFilter gives every timer fixed buckets (then each timer has _seconds_bucket).
   */
  record ServiceSource(Set<String> metrics, Set<String> paths, boolean everyTimerHasBuckets) {}

  /**
   * Modules with Quarkus' Prometheus registry, and the names Micrometer gives their meters: dots
   * become underscores, counters end in _total, timers in _seconds_count/_sum/_max (and
   * _seconds{quantile} when they publish percentiles, _seconds_bucket with a histogram or a
   * module-wide MeterFilter setting serviceLevelObjectives, such as a bean extending domain's
   * FixedLatencyBuckets).
   */
  private static Map<String, ServiceSource> servicesWithMetrics() throws IOException {
    Map<String, ServiceSource> services = new LinkedHashMap<>();
    try (Stream<Path> modules = Files.list(Path.of(".."))) {
      for (Path module : modules.sorted().toList()) {
        Path pom = module.resolve("pom.xml");
        Path main = module.resolve("src/main/java");
        if (!Files.exists(pom)
            || !Files.readString(pom).contains("quarkus-micrometer-registry-prometheus")
            || !Files.isDirectory(main)) {
          continue;
        }
        Set<String> metrics = new TreeSet<>();
        Set<String> paths = new TreeSet<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(main)) {
          files = walk.filter(f -> f.toString().endsWith(".java")).toList();
        }
        boolean buckets = false;
        for (Path file : files) {
          String code = Files.readString(file);
          // domain's FixedLatencyBuckets, made a bean of the service by a subclass, or a filter of
          // the service's own.
          buckets |=
              code.contains("extends FixedLatencyBuckets")
                  || (code.contains("implements MeterFilter")
                      && code.contains("serviceLevelObjectives("));
        }
        for (Path file : files) {
          String code = Files.readString(file);
          Matcher meter = METER.matcher(code);
          while (meter.find()) {
            String name = meter.group(2).replace('.', '_');
            switch (meter.group(1)) {
              case "Gauge.builder" -> metrics.add(name);
              case "Timer.builder" -> {
                for (String suffix : List.of("_seconds_count", "_seconds_sum", "_seconds_max")) {
                  metrics.add(name + suffix);
                }
                if (code.contains("publishPercentiles(")) {
                  metrics.add(name + "_seconds");
                }
                if (buckets || code.contains("publishPercentileHistogram(")) {
                  metrics.add(name + "_seconds_bucket");
                }
              }
              default -> metrics.add(name + "_total");
            }
          }
          paths.addAll(fullPaths(code));
        }
        services.put(module.getFileName().toString(), new ServiceSource(metrics, paths, buckets));
      }
    }
    assertFalse(services.isEmpty(), "no module exports metrics?");
    return services;
  }

  /** A resource's class-level @Path joined with each method-level one (and itself). */
  private static List<String> fullPaths(String code) {
    List<String> found = new ArrayList<>();
    Matcher path = PATH.matcher(code);
    while (path.find()) {
      found.add(path.group(1));
    }
    if (found.isEmpty()) {
      return found;
    }
    String root = found.get(0);
    List<String> all = new ArrayList<>(List.of(root));
    for (String sub : found.subList(1, found.size())) {
      all.add(root + (sub.startsWith("/") ? sub : "/" + sub));
    }
    return all;
  }
}
