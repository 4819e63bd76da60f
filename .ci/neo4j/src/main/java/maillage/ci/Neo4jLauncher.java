package maillage.ci;

import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.logging.Level;
import org.neo4j.logging.log4j.Log4jLogProvider;

/**
 * Test/CI launcher: a real Neo4j Community DBMS (embedded), Bolt on 127.0.0.1 only, in a fresh
 * temporary home that is deleted on exit.
 *
 * <pre>
 * Neo4jLauncher [PORT [PASSWORD]]
 *   PORT      Bolt port, 0 (default) = pick a free one
 *   PASSWORD  enables auth for user "neo4j" (else env NEO4J_PASSWORD; empty/absent = auth off)
 * </pre>
 *
 * stdout carries exactly two lines over the process life: {@code NEO4J_READY bolt://127.0.0.1:PORT}
 * once the default database answers {@code RETURN 1} and Bolt accepts connections, and
 * {@code NEO4J_STOPPED} after a clean shutdown (SIGTERM/SIGINT). Everything else goes to stderr.
 */
public final class Neo4jLauncher {
    private static final String HOST = "127.0.0.1";
    private static final long PAGE_CACHE_BYTES = 160L * 1024 * 1024;
    private static final long TX_LOG_ROTATION_BYTES = 1024L * 1024; // 1 MiB (minimum allowed is 128 KiB)

    private static final PrintStream OUT = System.out;
    private static final PrintStream ERR = System.err;

    private static final Object LOCK = new Object();
    private static DatabaseManagementService dbms; // guarded by LOCK
    private static Path home; // guarded by LOCK
    private static boolean stopping; // guarded by LOCK
    private static final CountDownLatch STOPPED = new CountDownLatch(1);

    public static void main(String[] args) throws Exception {
        int requestedPort = args.length > 0 && !args[0].isBlank() ? Integer.parseInt(args[0].trim()) : 0;
        String password = args.length > 1 ? args[1] : System.getenv("NEO4J_PASSWORD");
        if (password != null && password.isEmpty()) password = null;
        boolean keepHome = "1".equals(System.getenv("NEO4J_KEEP_DATA"));

        Runtime.getRuntime().addShutdownHook(new Thread(() -> shutdown(keepHome), "neo4j-launcher-shutdown"));

        try {
            int port = start(requestedPort, password != null);
            GraphDatabaseService db;
            synchronized (LOCK) {
                if (stopping) return;
                db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
            }
            if (password != null) {
                // Embedded transactions bypass auth; set the password of the built-in user and
                // clear the "change required" flag so drivers can log in directly.
                GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
                system.executeTransactionally(
                        "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
            }
            awaitReturn1(db, Duration.ofSeconds(120));
            awaitTcp(port, Duration.ofSeconds(30));
            ERR.println("[launcher] fulltext analyzers: " + analyzers(db));
            OUT.println("NEO4J_READY bolt://" + HOST + ":" + port);
            OUT.flush();
        } catch (Throwable t) {
            ERR.println("[launcher] startup failed: " + t);
            t.printStackTrace(ERR);
            ERR.flush();
            System.exit(1); // runs the shutdown hook, which cleans up
        }
        STOPPED.await(); // park the main thread; the shutdown hook does the rest
    }

    /** Starts the DBMS and returns the Bolt port it listens on. */
    private static int start(int requestedPort, boolean auth) throws Exception {
        int attempts = requestedPort == 0 ? 5 : 1;
        for (int attempt = 1; ; attempt++) {
            // Resolve the port ourselves (rather than letting Netty bind :0) so that the
            // advertised address, which neo4j:// routing tables carry, is the real one.
            int port = requestedPort == 0 ? freePort() : requestedPort;
            Path dir = Files.createTempDirectory("maillage-neo4j-data-");
            synchronized (LOCK) {
                if (stopping) throw new IllegalStateException("stopping");
                home = dir;
            }
            ERR.println("[launcher] pid " + ProcessHandle.current().pid() + ": starting Neo4j "
                    + org.neo4j.kernel.internal.Version.getNeo4jVersion() + " in " + dir + " on bolt port " + port
                    + (auth ? " (auth enabled, user neo4j)" : " (auth disabled)"));
            try {
                DatabaseManagementService s = builder(dir, port, auth).build();
                synchronized (LOCK) {
                    dbms = s;
                    if (stopping) throw new IllegalStateException("stopping");
                }
                return port;
            } catch (Exception e) {
                deleteTree(dir);
                if (attempt >= attempts || !isBindFailure(e)) throw e;
                ERR.println("[launcher] port " + port + " was taken, retrying: " + e);
            }
        }
    }

    private static DatabaseManagementServiceBuilder builder(Path dir, int port, boolean auth) {
        SocketAddress bolt = new SocketAddress(HOST, port);
        return new DatabaseManagementServiceBuilder(dir)
                .setUserLogProvider(new Log4jLogProvider(ERR, Level.INFO))
                // Bolt on loopback only, plain text; no HTTP(S), no server-side routing port.
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, bolt)
                .setConfig(BoltConnector.advertised_address, bolt)
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.routing_enabled, false)
                .setConfig(GraphDatabaseSettings.default_listen_address, new SocketAddress(HOST))
                .setConfig(GraphDatabaseSettings.default_advertised_address, new SocketAddress(HOST))
                // Auth: built-in user neo4j; any password length accepted.
                .setConfig(GraphDatabaseSettings.auth_enabled, auth)
                .setConfig(GraphDatabaseSettings.auth_minimum_password_length, 1)
                // Small footprint, quick start.
                .setConfig(GraphDatabaseSettings.pagecache_memory, PAGE_CACHE_BYTES)
                .setConfig(GraphDatabaseSettings.pagecache_warmup_enabled, false)
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .setConfig(GraphDatabaseSettings.preallocate_store_files, false)
                .setConfig(GraphDatabaseSettings.logical_log_rotation_threshold, TX_LOG_ROTATION_BYTES)
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "1 files")
                // Stop fast: open transactions get 3 s (default 10 s) before being terminated, and
                // Bolt's Netty loops no 5 s quiet period (internal settings, pinned Neo4j version).
                .setConfig(GraphDatabaseSettings.shutdown_transaction_end_timeout, Duration.ofSeconds(3))
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(5))
                .setConfig(GraphDatabaseSettings.udc_enabled, false);
    }

    private static void shutdown(boolean keepHome) {
        DatabaseManagementService s;
        Path dir;
        synchronized (LOCK) {
            stopping = true;
            s = dbms;
            dir = home;
            dbms = null;
        }
        try {
            if (s != null) {
                ERR.println("[launcher] shutting down Neo4j");
                long t0 = System.nanoTime();
                s.shutdown();
                ERR.println("[launcher] Neo4j shut down in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
            }
        } catch (Throwable t) {
            ERR.println("[launcher] shutdown error: " + t);
            t.printStackTrace(ERR);
        } finally {
            if (dir != null) {
                if (keepHome) ERR.println("[launcher] NEO4J_KEEP_DATA=1: keeping " + dir);
                else deleteTree(dir);
            }
            if (s != null) {
                OUT.println("NEO4J_STOPPED");
                OUT.flush();
            }
            ERR.flush();
            STOPPED.countDown();
        }
    }

    private static void awaitReturn1(GraphDatabaseService db, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (db.isAvailable(TimeUnit.SECONDS.toMillis(5))) {
                    Object one = db.executeTransactionally(
                            "RETURN 1 AS one", Map.of(), r -> r.next().get("one"));
                    if (one instanceof Number n && n.longValue() == 1) return;
                    throw new IllegalStateException("RETURN 1 gave " + one);
                }
            } catch (Exception e) {
                last = e;
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("default database not answering RETURN 1 within " + timeout, last);
    }

    private static void awaitTcp(int port, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(HOST, port), 1000);
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) throw new IllegalStateException("Bolt port " + port + " not accepting", e);
                Thread.sleep(100);
            }
        }
    }

    private static List<String> analyzers(GraphDatabaseService db) {
        try {
            return db.executeTransactionally(
                    "CALL db.index.fulltext.listAvailableAnalyzers() YIELD analyzer RETURN analyzer ORDER BY analyzer",
                    Map.of(),
                    r -> {
                        List<String> names = new ArrayList<>();
                        r.forEachRemaining(row -> names.add(String.valueOf(row.get("analyzer"))));
                        return names;
                    });
        } catch (Exception e) {
            return List.of("<error: " + e + ">");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0));
            return s.getLocalPort();
        }
    }

    private static boolean isBindFailure(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof BindException) return true;
            String name = c.getClass().getSimpleName();
            String msg = String.valueOf(c.getMessage());
            if (name.contains("PortBind") || msg.contains("Address already in use")) return true;
        }
        return false;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort
                }
            });
        } catch (IOException ignored) {
            // already gone
        }
    }

    private Neo4jLauncher() {}
}
