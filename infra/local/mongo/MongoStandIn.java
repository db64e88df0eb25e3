import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The native stack's MongoDB: mongo-java-server speaking the MongoDB wire protocol, its data in
 * one H2 MVStore file so that notifications survive a stack restart.
 *
 * Run with Java's single-file source launcher:
 *   java -cp "<jars>/*" MongoStandIn.java <host> <port> <dataDirectory>
 */
public final class MongoStandIn {
    /**
     * mongo-java-server 1.47.0 reports wire version 8 even as "5.0", and the mongodb 7 driver
     * refuses anything below 9 (MongoDB 4.4). The version is only reported (no behaviour depends
     * on it), so the stand-in announces the lowest version the driver accepts.
     */
    private static final class ReportedVersion implements MongoVersion {
        @Override
        public List<Integer> getVersionArray() {
            return List.of(4, 4, 0);
        }

        @Override
        public int getWireVersion() {
            return 9;
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: MongoStandIn <host> <port> <dataDirectory>");
            System.exit(2);
        }
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        Path dataDirectory = Path.of(args[2]);
        Files.createDirectories(dataDirectory);

        H2Backend backend = new H2Backend(dataDirectory.resolve("mongo.mv").toString());
        backend.version(new ReportedVersion());
        MongoServer server = new MongoServer(backend);
        try {
            server.bind(host, port);
        } catch (Exception error) {
            // Netty keeps its threads alive after a failed bind, so the process would hang; stop
            // instead, with the address in the message (stack:up names the variable that moves it).
            System.err.println("MongoDB stand-in cannot listen on " + host + ":" + port + ": " + error.getMessage());
            server.shutdownNow();
            System.exit(1);
        }
        System.out.println("MongoDB stand-in listening on " + host + ":" + port + ", data in " + dataDirectory);

        // SIGTERM runs this: shutdownNow also closes the backend, which commits the last writes
        // to the file (the store otherwise commits about every second).
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdownNow();
            System.out.println("MongoDB stand-in stopped");
        }));
    }
}
