package local.opensearch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.cluster.service.ClusterService;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.http.HttpServerTransport;
import org.opensearch.index.mapper.MapperExtrasPlugin;
import org.opensearch.index.reindex.ReindexPlugin;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.painless.PainlessPlugin;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;

/**
 * A single-node OpenSearch 2.19 with real HTTP on 127.0.0.1, for development and integration tests.
 *
 * <p>Usage: {@code LocalOpenSearch --port 9200 --home <dir> --data <dir> [--watch-stdin]}; port 0
 * lets the OS pick a free one. Prints {@value #READY_MARKER} followed by the URL once the node is
 * green and new indices will be green too. SIGTERM (or, with --watch-stdin, the parent closing our stdin) closes the node cleanly.
 */
public final class LocalOpenSearch {
  static final String READY_MARKER = "OPENSEARCH_READY ";

  /** Modules are not discovered from the classpath: only these are loaded. */
  private static final List<Class<? extends Plugin>> MODULES =
      List.of(
          Netty4Plugin.class, // HTTP
          CommonAnalysisPlugin.class, // english analyzer, stemmer, synonym_graph, asciifolding
          MapperExtrasPlugin.class, // search_as_you_type, rank_feature
          ReindexPlugin.class, // _reindex, _update_by_query
          PainlessPlugin.class); // script_score and update scripts

  /** Node only accepts classpath plugins through its protected constructor. */
  static final class EmbeddedNode extends Node {
    EmbeddedNode(Environment environment, Collection<Class<? extends Plugin>> plugins) {
      super(environment, plugins, true);
    }

    @Override
    protected void configureNodeAndClusterIdStateListener(ClusterService clusterService) {
      // Like the test framework's MockNode: the listener sets process-wide SetOnce fields, which
      // throw when a second node starts in the same JVM; nothing here reads them.
    }
  }

  private LocalOpenSearch() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = parseOptions(args);
    int port = Integer.parseInt(required(options, "port"));
    Path home = Path.of(required(options, "home")).toAbsolutePath();
    Path data = Path.of(required(options, "data")).toAbsolutePath();
    Files.createDirectories(home.resolve("config"));
    Files.createDirectories(home.resolve("logs"));
    Files.createDirectories(data);

    Settings settings =
        Settings.builder()
            .put("path.home", home.toString())
            .put("path.data", data.toString())
            .put("path.logs", home.resolve("logs").toString())
            .put("cluster.name", options.getOrDefault("cluster-name", "local"))
            .put("node.name", "local")
            .put("discovery.type", "single-node")
            .put("network.host", "127.0.0.1") // never reachable from outside this machine
            .put("http.port", port)
            .put("transport.port", 0) // nothing connects to it; an ephemeral port avoids clashes
            // a nearly full dev disk must not make indices read-only
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            // with a small heap the real-memory breaker trips on ordinary bulk requests
            .put("indices.breaker.total.use_real_memory", false)
            .build();
    Environment environment =
        InternalSettingsPreparer.prepareEnvironment(
            settings, Map.of(), home.resolve("config"), () -> "local");

    Node node = new EmbeddedNode(environment, MODULES);
    CountDownLatch closed = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> close(node, closed), "local-os-close"));
    node.start();
    makeNewIndicesGreen(node);

    HttpServerTransport http = node.injector().getInstance(HttpServerTransport.class);
    int boundPort = http.boundAddress().publishAddress().getPort(); // differs from port when 0
    System.out.println(READY_MARKER + "http://127.0.0.1:" + boundPort);

    if (options.containsKey("watch-stdin")) {
      exitWhenStdinCloses();
    }
    // OpenSearch's threads are daemons: without this the JVM would exit right after start.
    closed.await();
  }

  /**
   * A single node cannot host replicas, so the default of one replica leaves every index yellow.
   * In 2.x this default is only honoured as a cluster setting, not as a node setting.
   */
  private static void makeNewIndicesGreen(Node node) {
    node.client()
        .admin()
        .cluster()
        .prepareUpdateSettings()
        .setPersistentSettings(Settings.builder().put("cluster.default_number_of_replicas", 0))
        .get();
    node.client().admin().cluster().prepareHealth().setWaitForGreenStatus().get();
  }

  /** The parent holds our stdin open; EOF means it died, possibly without signalling us. */
  private static void exitWhenStdinCloses() {
    Thread watcher =
        new Thread(
            () -> {
              try (InputStream in = System.in) {
                while (in.read() != -1) {
                  // ignore input; only the end of the stream matters
                }
              } catch (IOException e) {
                // a broken pipe means the same as EOF
              }
              System.exit(0); // runs the shutdown hook, which closes the node
            },
            "local-os-stdin-watch");
    watcher.setDaemon(true);
    watcher.start();
  }

  private static void close(Node node, CountDownLatch closed) {
    try {
      node.close();
      if (!node.awaitClose(30, TimeUnit.SECONDS)) {
        System.err.println("OpenSearch did not close within 30 s");
      }
    } catch (IOException | InterruptedException e) {
      e.printStackTrace();
    } finally {
      closed.countDown();
    }
  }

  private static Map<String, String> parseOptions(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument: " + arg);
      }
      String name = arg.substring(2);
      boolean hasValue = i + 1 < args.length && !args[i + 1].startsWith("--");
      options.put(name, hasValue ? args[++i] : "true");
    }
    return options;
  }

  private static String required(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null) {
      throw new IllegalArgumentException(
          "missing --" + name + "; usage: --port <n> --home <dir> --data <dir> [--watch-stdin]");
    }
    return value;
  }
}
