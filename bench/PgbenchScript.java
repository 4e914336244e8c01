import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills a pgbench script template with the SQL a packaged service runs, read by reflection from the
 * constants in its quarkus-app (app/ and lib/main/ jars), so a bench's pgbench side runs the
 * service's statements and cannot drift from the code. bench/webhook-load.sh and
 * bench/runner-drain.sh (with bench/RunnerStatements.java) both write their pgbench script this
 * way.
 *
 * <p>The template (stdin) is a pgbench script in which a placeholder stands for one statement:
 *
 * <pre>
 * {{io.inbox.webhook.ingest.InboundSql.UPSERT_CONTACT
 *   $1 '+' || :n
 *   $2 :n::text
 *   $3 'Bench'
 * }} \gset contact_
 * </pre>
 *
 * The first line names the class and its String constant (private or not); each further line gives
 * one of its parameters the pgbench expression that replaces it. The statement comes out stripped
 * of surrounding whitespace: the template ends it (";" or a \gset). A parameter of the statement
 * without an expression, or an expression for a parameter the statement does not have, fails the
 * run: the service's SQL changed, and the bench's values must change with it.
 *
 * <p>Usage: java bench/PgbenchScript.java quarkus-app-dir &lt; template &gt; script
 */
public class PgbenchScript {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(.*?)}}", Pattern.DOTALL);
  private static final Pattern PARAMETER = Pattern.compile("\\$(\\d+)");
  private static final Pattern EXPRESSION = Pattern.compile("\\$(\\d+)\\s+(.+)");

  public static void main(String[] args) throws Exception {
    ClassLoader code = packaged(new File(args[0]));
    String template = read(System.in);
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder script = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(script, Matcher.quoteReplacement(fill(code, m.group(1))));
    }
    m.appendTail(script);
    System.out.print(script);
  }

  private static ClassLoader packaged(File app) throws IOException {
    List<URL> jars = new ArrayList<>();
    for (String dir : List.of("app", "lib/main")) {
      File[] files = new File(app, dir).listFiles((d, name) -> name.endsWith(".jar"));
      if (files == null) {
        throw new IllegalStateException("no " + dir + " in " + app + ": package the service first");
      }
      for (File jar : files) {
        jars.add(jar.toURI().toURL());
      }
    }
    return new URLClassLoader(jars.toArray(URL[]::new), null);
  }

  /** One placeholder's body: the constant's statement with each $n replaced by its expression. */
  private static String fill(ClassLoader code, String placeholder) throws Exception {
    String[] lines = placeholder.strip().split("\n");
    String constant = lines[0].strip();
    Map<String, String> expressions = new HashMap<>();
    for (int i = 1; i < lines.length; i++) {
      Matcher e = EXPRESSION.matcher(lines[i].strip());
      if (!e.matches()) {
        throw new IllegalStateException("not \"$n expression\": " + lines[i] + " in " + constant);
      }
      expressions.put(e.group(1), e.group(2));
    }
    String sql = sql(code, constant);
    Matcher p = PARAMETER.matcher(sql);
    StringBuilder out = new StringBuilder();
    List<String> used = new ArrayList<>();
    while (p.find()) {
      String expression = expressions.get(p.group(1));
      if (expression == null) {
        throw new IllegalStateException("no expression for $" + p.group(1) + " of " + constant);
      }
      used.add(p.group(1));
      p.appendReplacement(out, Matcher.quoteReplacement(expression));
    }
    p.appendTail(out);
    expressions.keySet().removeAll(used);
    if (!expressions.isEmpty()) {
      throw new IllegalStateException(constant + " has no $" + expressions.keySet());
    }
    return out.toString().strip();
  }

  private static String sql(ClassLoader code, String constant) throws Exception {
    int dot = constant.lastIndexOf('.');
    Field field =
        Class.forName(constant.substring(0, dot), false, code)
            .getDeclaredField(constant.substring(dot + 1));
    field.setAccessible(true);
    return (String) field.get(null);
  }

  private static String read(InputStream in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }
}
